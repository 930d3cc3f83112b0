"""The data-quality page: /<plan>/quality?source=…&status=…&run=… (reviewers and admins of the plan).

Load history with its filters, one run's rejected rows (download: ``/export.csv?level=rejected&run=…``),
the failed file's report and a re-process request, and each source's schedule and freshness. The
role is checked here, on the server, whenever the body is built (a crafted callback asking for the
page gets the refusal too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Self

import pandas as pd
from apscheduler.triggers.cron import CronTrigger
from dash import dcc, html

from dashboard import ids, urls
from dashboard.access.sessions import current_user
from dashboard.attributes import attributes
from dashboard.components import quality as builders
from dashboard.components.access import refused
from dashboard.components.common import section
from dashboard.context import get_context
from dashboard.i18n import t
from dashboard.state import Query, ViewState, read_language, read_plan
from operations.failed_files import failed_file
from operations.reprocess import requests_for_runs
from operations.roles import REVIEWER
from warehouse import quality
from warehouse.unpublished import read_unpublished

ISTANBUL = "Europe/Istanbul"
REJECTED_SHOWN = 500


@dataclass(frozen=True, kw_only=True)
class QualityView(ViewState):
    """The page's state: filters of the history and the run shown."""

    source: str | None = None
    status: str | None = None
    run: int | None = None

    def path(self) -> str:
        return urls.plan_path(self.plan, "quality")

    def to_query(self) -> dict[str, Any]:
        return {"source": self.source, "status": self.status, "run": self.run}

    @classmethod
    def from_query(cls, plan_code: str | None = None, **query: Any) -> Self:
        lang = read_language(query)
        plan = read_plan(plan_code, lang)
        values = Query(query)
        return cls(
            plan=plan.code,
            lang=lang,
            source=values.text("source"),
            status=values.choice("status", quality.STATUSES, None),
            run=values.whole_number("run"),
        )


def next_run(schedule: str | None, now: datetime) -> datetime | None:
    """The next time a cron ``schedule`` (Europe/Istanbul) fires after ``now`` (naive local time)."""
    if not schedule:
        return None
    trigger = CronTrigger.from_crontab(schedule, timezone=ISTANBUL)
    fire = trigger.get_next_fire_time(None, now.astimezone())
    return fire.astimezone().replace(tzinfo=None) if fire is not None else None


def sources_frame(connection: Any, plan: str, now: datetime) -> pd.DataFrame:
    """The sources table's data: the query's columns plus next run and staleness."""
    frame = quality.source_status(connection, plan=plan)
    frame["next_run_at"] = [next_run(schedule, now) for schedule in frame["schedule"]]
    stale: list[bool | None] = []
    for row in frame.itertuples(index=False):
        if pd.isna(row.allowed_seconds):
            stale.append(None)  # no schedule: the overview's badge judges it by the indicators' frequency
        else:
            last = row.last_success_at
            stale.append(bool(pd.isna(last) or (now - last).total_seconds() > row.allowed_seconds))
    frame["stale"] = stale
    return frame


def run_section(
    view: QualityView, connection: Any, unpublished: pd.DataFrame, problem: str | None
) -> html.Section | None:
    """The run shown: its rejected rows, its failed file's report and the re-process control (for a run not
    published yet: why its rows are not shown)."""
    if view.run is None:
        return None
    context = get_context()
    history = quality.load_history(connection, plan=view.plan, limit=1_000_000, unpublished=unpublished)
    found = history[history["run_id"] == view.run]
    if found.empty:
        return section(t("quality.run", view.lang), html.P(t("quality.unknown_run", view.lang, run=view.run)))
    run = found.iloc[0]
    rejected = quality.rejected_rows(connection, run_id=view.run, limit=REJECTED_SHOWN)
    download = urls.href("/export.csv", view.lang, plan=view.plan, level="rejected", run=view.run)
    failed = failed_file(context.settings.failed_dir, str(run["source_id"]), view.run)
    request = None
    if context.database is not None:
        request = requests_for_runs(context.database, [view.run]).get(view.run)
    return builders.run_details(
        run,
        rejected,
        total_rejected=int(run["rows_rejected"]),
        download_href=download,
        report=failed.report_text() if failed is not None else None,
        can_reprocess=failed is not None and run["status"] == "failed",
        request=request,
        not_published=(problem or "") if run["status"] == quality.NOT_PUBLISHED else None,
        lang=view.lang,
    )


def render(view: QualityView, now: datetime | None = None) -> html.Div:
    """The whole page body for ``view`` (the refusal for anyone but the plan's reviewers and admins)."""
    user = current_user()
    if user is None or not user.may(REVIEWER, view.plan):
        return refused(REVIEWER, view.lang, view.href())
    now = now or datetime.now()
    context = get_context()
    unpublished, problem = read_unpublished(context.settings.data_dir)
    with context.reader.connect() as connection:
        history = quality.load_history(
            connection, plan=view.plan, source=view.source, status=view.status, unpublished=unpublished
        )
        sources = quality.run_sources(connection, plan=view.plan)
        source_rows = sources_frame(connection, view.plan, now)
        details = run_section(view, connection, unpublished, problem)
    filters = builders.history_filters(view.href, sources, view.source, view.status, view.lang)
    return html.Div(
        [
            html.H1(t("quality.title", view.lang)),
            details,
            section(
                t("quality.history", view.lang),
                filters,
                builders.history_table(history, lambda run: view.href(run=run), view.lang),
            ),
            section(t("quality.sources", view.lang), builders.sources_table(source_rows, view.lang)),
            dcc.Store(id=ids.QUALITY_RUN, data={"plan": view.plan, "run": view.run, "lang": view.lang}),
        ],
        className="quality-page",
        **attributes(data_view="quality"),
    )
