"""The data-quality page: /<plan>/quality?source=…&status=…&run=… (reviewers and admins).

Layout and queries live in :mod:`dashboard.views.quality`; the callback asks the writer to run a fixed
failed file again (a row in the operational database, see :mod:`operations.reprocess`).
"""

import dash
from dash import Input, Output, State, callback

from dashboard import ids
from dashboard.access.sessions import current_user
from dashboard.components.common import not_found
from dashboard.context import get_context
from dashboard.i18n import language, t
from dashboard.state import NotFound
from dashboard.views import quality
from operations.failed_files import failed_file
from operations.reprocess import request_reprocess
from operations.roles import REVIEWER
from warehouse.quality import load_history

dash.register_page(__name__, path_template="/<plan_code>/quality", order=40, title="Gösterge")


def layout(plan_code=None, **query):
    try:
        view = quality.QualityView.from_query(plan_code, **query)
    except NotFound as error:
        return not_found(language(query.get("lang")), error.what, error.plan_code)
    return quality.render(view)


@callback(
    Output(ids.QUALITY_REPROCESS_OUTCOME, "children"),
    Output(ids.QUALITY_REPROCESS, "disabled"),
    Input(ids.QUALITY_REPROCESS, "n_clicks"),
    State(ids.QUALITY_RUN, "data"),
    prevent_initial_call=True,
)
def reprocess(clicks, stored):
    """Ask for the run's failed file to be run again (checked again here: role, run, file)."""
    stored = stored or {}
    plan_code, run_id, lang = stored.get("plan"), stored.get("run"), language(stored.get("lang"))
    user = current_user()
    context = get_context()
    if not clicks or user is None or not user.may(REVIEWER, plan_code) or not isinstance(run_id, int):
        raise dash.exceptions.PreventUpdate
    with context.reader.connect() as connection:
        history = load_history(connection, plan=plan_code, status="failed", limit=1_000_000)
    found = history[history["run_id"] == run_id]
    failed = failed_file(context.settings.failed_dir, str(found.iloc[0]["source_id"]), run_id) if len(found) else None
    if failed is None or context.database is None:
        raise dash.exceptions.PreventUpdate
    request = request_reprocess(
        context.database,
        plan_code=plan_code,
        source_id=str(found.iloc[0]["source_id"]),
        run_id=run_id,
        file_path=failed.relative_path,
        requested_by=user.username,
    )
    return t("quality.reprocess_pending", lang, user=request.requested_by, when=request.requested_at), True
