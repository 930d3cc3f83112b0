"""Every page type before the writer's first publication (a web server started before the first load, or
beside a writer that has not published yet): each draws, none fails, and a node's and an indicator's page
say that there is no data yet (they failed at every request, each failure logged with its traceback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.context import AppContext, get_context, set_context
from dashboard.views import brief, district, districts, indicator, monitoring, node, overview, search
from gosterge.settings import load_settings
from tests.support.components import find, text_of
from tests.support.dashboard_app import BALIKESIR, IZMIR
from warehouse import Reader


@pytest.fixture
def nothing_published(tmp_path: Path, app_context: AppContext) -> Iterator[AppContext]:
    """The views' context on an empty data folder, then the session's back (one app per session)."""
    settings = load_settings({"GOSTERGE_DATA_DIR": str(tmp_path / "data"), "GOSTERGE_SCHEDULER": "0"})
    reader = Reader(settings.published_file)
    previous = get_context()
    set_context(AppContext(settings, app_context.plans, reader))
    try:
        yield get_context()
    finally:
        set_context(previous)
        reader.close()


@pytest.mark.parametrize(
    ("module", "plan", "arguments"),
    [
        (overview, IZMIR, {}),
        (node, IZMIR, {"node": "1.1.1"}),
        (node, BALIKESIR, {"node": "A1"}),
        (indicator, IZMIR, {"indicator": "1.1.2.2"}),
        (indicator, IZMIR, {"indicator": "1.1.2.2", "district": "1128"}),
        (districts, IZMIR, {}),
        (district, IZMIR, {"district": "1128"}),
        (monitoring, BALIKESIR, {}),
        (brief, IZMIR, {}),
        (search, IZMIR, {"q": "su"}),
    ],
)
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_every_page_draws_before_the_first_publication(nothing_published, module, plan, arguments, lang, caplog):
    path_arguments = {name: value for name, value in arguments.items() if name in ("node", "indicator")}
    if module is district:
        path_arguments = {"district": arguments["district"]}
    query = {name: value for name, value in arguments.items() if name not in path_arguments}
    view = module.read(plan, *path_arguments.values(), lang=lang, **query)
    page = module.render(view)
    assert not find(page, class_name="error-view")
    if module in (node, indicator):
        notice = find(page, class_name="nothing-yet")
        assert notice and text_of(notice[0]) == ("Henüz veri yok." if lang == "tr" else "No data yet.")
    assert "Traceback" not in caplog.text
