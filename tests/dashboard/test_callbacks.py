"""Page views and callbacks called directly against the test warehouse (no browser)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import dash
import pytest
from dash import html
from dash.exceptions import PreventUpdate

from dashboard import i18n, ids, live, shell
from dashboard.state import NotFound
from dashboard.views import district, districts, indicator, node, overview, search
from dashboard.views.common import area_href, area_select, build_page
from dashboard.views.search import SearchView
from gosterge.settings import PROJECT_ROOT
from tests.support.components import find, text_of, walk
from tests.support.dashboard_app import BALIKESIR, IZMIR
from warehouse.queries.scorecard import district_indicators


def layout_of(name: str, **kwargs: Any) -> Any:
    """A page's layout function, as Dash pages calls it."""
    for module, page in dash.page_registry.items():
        if module.split(".")[-1] == name:
            return page["layout"](**kwargs)
    raise KeyError(name)


def test_overview_shows_every_axis_priority_and_goal(app_context):
    body = overview.render(overview.read(IZMIR))
    assert len(find(body, attribute=("data-root", None))) == 3
    assert len(find(body, class_name="tile-group")) == 13
    assert len(find(body, class_name="goal-tile-cell")) == 73
    assert not find(body, class_name="error-view")


def test_axis_filter_narrows_every_element(app_context):
    plan = app_context.plans[IZMIR]
    view = overview.read(IZMIR, axis="2")
    body = overview.render(view)
    goals_under = {goal.code for goal in plan.goals() if plan.ancestors(goal.code)[0].code == "2"}
    assert [card.to_plotly_json()["props"]["data-root"] for card in find(body, attribute=("data-root", None))] == ["2"]
    assert len(find(body, class_name="tile-group")) == len(plan.children("2"))
    tiles = find(body, class_name="goal-tile-cell")
    assert {tile.to_plotly_json()["props"]["data-goal"] for tile in tiles} == goals_under
    lagging = find(find(body, attribute=("data-section", "lagging"))[0], attribute=("data-goal", None))
    assert all(item.to_plotly_json()["props"]["data-goal"] in goals_under for item in lagging)
    sunburst = find(body, component_id=ids.SUNBURST)[0].figure
    assert set(sunburst.data[0].ids) - {"2"} <= {code for code in plan.nodes if plan.ancestors(code)[0].code == "2"}
    assert "2" in text_of(find(body, class_name="headline-caption")[0])


def test_priority_filter_and_filter_links(app_context):
    view = overview.read(IZMIR, axis="2", priority="2.1")
    assert view.scope == "2.1"
    body = overview.render(view)
    assert len(find(body, class_name="tile-group")) == 1
    # the axis is above the scope: no axis section is drawn, rather than its heading over no card
    assert find(body, attribute=("data-section", "top")) == []
    assert find(overview.render(overview.read(IZMIR, axis="2")), attribute=("data-section", "top"))
    assert view.filter_href(0, "3") == f"/{IZMIR}?axis=3"
    assert view.filter_href(1, "2.2") == f"/{IZMIR}?axis=2&priority=2.2"
    assert replace(view, lang="en").filter_href(0, "") == f"/{IZMIR}?lang=en"
    with pytest.raises(PreventUpdate):
        view.filter_href(1, "2.1")


@pytest.mark.parametrize("query", [{"axis": "9"}, {"axis": "2", "priority": "1.1"}, {"priority": "2.1", "axis": "2.1"}])
def test_unknown_or_inconsistent_filter_is_not_found(app_context, query):
    with pytest.raises(NotFound):
        overview.read(IZMIR, **query)


def test_balikesir_overview_uses_its_own_levels(app_context):
    plan = app_context.plans[BALIKESIR]
    view = overview.read(BALIKESIR, aim=plan.roots()[0].code)
    assert view.filters() == {"aim": plan.roots()[0].code}
    body = overview.render(overview.read(BALIKESIR))
    assert len(find(body, attribute=("data-root", None))) == len(plan.roots()) == 12
    assert len(find(body, class_name="goal-tile-cell")) == len(plan.goals())
    assert "Amaçlar" in text_of(body)


def test_goal_page_explains_every_indicator(app_context):
    plan = app_context.plans[IZMIR]
    goal = plan.goals()[0]
    body = node.render(node.read(IZMIR, goal.code))
    cards = find(body, attribute=("data-indicator", None))
    assert [card.to_plotly_json()["props"]["data-indicator"] for card in cards] == list(goal.indicator_codes)
    assert len(find(body, class_name="why-panel")) == len(goal.indicator_codes) + 1
    for card in cards:
        assert find(card, class_name="status-badge") and find(card, class_name="why-panel")


def test_axis_page_in_a_district(app_context):
    body = node.render(node.read(IZMIR, "2", district="1128"))
    assert "Aliağa" in text_of(body)
    assert find(body, attribute=("data-section", "children"))
    with pytest.raises(NotFound):
        node.read(IZMIR, "2", district="9999")


def test_indicator_views(app_context):
    plan = app_context.plans[IZMIR]
    measured = next(i for i in plan.indicators.values() if i.level == "district")
    for view_name in ("chart", "table", "map"):
        body = indicator.render(indicator.read(IZMIR, measured.code, view=view_name))
        assert find(body, attribute=("data-view", view_name)), view_name
        assert find(body, attribute=("data-section", "breakdown"))
    text = text_of(indicator.render(indicator.read(IZMIR, measured.code, lang="en")))
    for label in ("Definition", "Unit", "Source", "Frequency", "Responsible unit", "Last load"):
        assert label in text
    with pytest.raises(NotFound):
        indicator.read(IZMIR, "no-such")


def test_districts_page_map_and_equity(app_context):
    plan = app_context.plans[IZMIR]
    measured = next(i for i in plan.indicators.values() if i.level == "district")
    body = districts.render(districts.read(IZMIR, indicator=measured.code))
    graph = find(body, component_id=ids.DISTRICT_MAP)[0]
    assert sorted(code for trace in graph.figure.data for (code,) in trace.customdata) == sorted(plan.districts)
    assert find(body, class_name="spread-verdict")
    assert len(find(find(body, attribute=("data-section", "equity"))[0], attribute=("data-key", None))) == 30
    assert "İzmir · 30 ilçe " in text_of(find(body, class_name="plan-meta")[0]) + " "  # not "30 ilçeler"
    tiles = districts.render(districts.read(IZMIR, map="tiles"))
    assert find(tiles, attribute=("data-map", "tiles"))
    assert (
        districts.subject_href(districts.read(IZMIR, map="tiles"), "goal", "1.1.1")
        == f"/{IZMIR}/districts?goal=1.1.1&map=tiles"
    )


def test_district_page_scorecard_rank_and_province(app_context):
    body = district.render(district.read(IZMIR, "1128"))
    rank = find(body, class_name="district-rank")[0].to_plotly_json()["props"]["data-rank"]
    assert 1 <= int(rank) <= 30
    assert len(find(find(body, attribute=("data-section", "scorecard"))[0], attribute=("data-key", None))) == len(
        app_context.plans[IZMIR].nodes
    )
    with pytest.raises(NotFound):
        district.read(IZMIR, "1161")  # a Balıkesir district is unknown in İzmir's URLs


def test_district_page_gives_the_province_value_to_the_indicators_precision(app_context):
    body = district.render(district.read(IZMIR, "1128"))
    (indicators,) = find(body, class_name="district-indicators")
    headers = [text_of(cell) for cell in walk(indicators) if isinstance(cell, html.Th)]
    column = headers.index(i18n.t("province_value", "tr"))
    with app_context.reader.connect() as connection:
        stored = district_indicators(connection, plan=IZMIR, district="1128").set_index("indicator_code")
    shown = {
        row.to_plotly_json()["props"]["data-key"]: text_of(row.children[column])
        for row in find(indicators, attribute=("data-key", None))
    }
    assert shown and set(shown) == set(stored.index)
    for code, text in shown.items():
        precision = app_context.plans[IZMIR].indicators[code].precision
        assert text == i18n.format_value(stored.loc[code, "province_value"], "tr", precision), code


def test_search_view(app_context):
    body = search.render(search.read(IZMIR, q="İZMİR"))
    codes = [item.to_plotly_json()["props"]["data-code"] for item in find(body, attribute=("data-code", None))]
    assert "1.3.5" in codes
    assert find(search.render(search.read(IZMIR, q="zzzz")), class_name="search-none")


def test_unknown_codes_give_the_not_found_view(app_context):
    for page, kwargs in (
        ("overview", {"plan_code": "nope"}),
        ("node", {"plan_code": IZMIR, "node_code": "9.9"}),
        ("district", {"plan_code": BALIKESIR, "district_code": "1128"}),
        ("indicator", {"plan_code": IZMIR, "indicator_code": "x", "lang": "en"}),
    ):
        view = layout_of(page, **kwargs)
        assert view.to_plotly_json()["props"].get("data-view") == "not-found", page


def test_a_failing_view_shows_a_notice_not_a_traceback(app_context, caplog):
    def broken(view):
        raise RuntimeError("secret detail")

    page = build_page("x-state", "x-body", lambda **kwargs: SearchView(plan=IZMIR, lang="en"), broken)
    assert find(page, class_name="error-view")
    assert "secret detail" not in text_of(page)
    assert "secret detail" in caplog.text


def test_refresh_only_when_the_version_moves(app_context):
    stored = {**SearchView(plan=IZMIR, text="su").to_store(), "version": 3}
    with pytest.raises(PreventUpdate):
        live.refresh(3, stored, SearchView, lambda view: "new")
    with pytest.raises(PreventUpdate):
        live.refresh(None, stored, SearchView, lambda view: "new")
    assert live.refresh(4, stored, SearchView, lambda view: f"{view.plan} {view.text}").data() == f"{IZMIR} su"
    version = app_context.reader.data_version()[0]
    assert shell.check_version(None) == version
    with pytest.raises(PreventUpdate):
        shell.check_version(version)


def test_a_restored_snapshot_that_reuses_a_version_number_is_served_by_its_tokens(app_context, tmp_path):
    """A warehouse put back from a backup counts versions again from an older number (the goal page stayed
    on its old data in CI after a test restored the warehouse and the next load reached that number again):
    the page cache keys a body by the data tokens of its snapshot, not by the version, so another file with
    the same tokens holds the same data and is served from the cache; a restored older warehouse between
    loads is tests/dashboard/test_page_cache.py's."""
    published = Path(app_context.reader.path)
    version = live.current_version()
    drawn: list[str] = []

    def render(view):
        drawn.append(view.text)
        return html.P(f"{view.text} {len(drawn)}")

    view = SearchView(plan=IZMIR, text="yedek")
    first = live.safe_render(render, view)
    assert live.safe_render(render, view) == first and len(drawn) == 1  # the same file: from the cache
    copy = tmp_path / "published.duckdb"
    shutil.copyfile(published, copy)
    os.utime(copy, ns=(os.stat(published).st_mtime_ns + 1_000_000,) * 2)
    os.replace(copy, published)  # another file with the same version number, as a restored backup is
    assert live.current_version() == version
    again = live.safe_render(render, view)
    assert len(drawn) == 1 and again == first  # the same tokens: the same data


def test_navigation_callbacks(app_context):
    assert shell.plan_switch_href(BALIKESIR, f"/{IZMIR}/node/1", "?lang=en") == f"/{BALIKESIR}?lang=en"
    with pytest.raises(PreventUpdate):
        shell.plan_switch_href("nope", f"/{IZMIR}", "")
    assert shell.search_href(" ısı ", f"/{IZMIR}/node/1", "") == f"/{IZMIR}/search?q=%C4%B1s%C4%B1"
    click = {"points": [{"customdata": ["1128"]}]}
    assert shell.map_click_href(click, f"/{IZMIR}/districts", "?lang=en") == f"/{IZMIR}/district/1128?lang=en"
    with pytest.raises(PreventUpdate):
        shell.map_click_href({"points": [{"customdata": ["1161"]}]}, f"/{IZMIR}/districts", "")
    in_english = node.NodeView(plan=IZMIR, node="1", lang="en")
    assert in_english.with_area("district:1128").href() == f"/{IZMIR}/node/1?district=1128&lang=en"
    assert node.read(IZMIR, "1", district="1128").with_area("province").href() == f"/{IZMIR}/node/1"
    options = find(node.render(in_english), component_id=ids.AREA_SELECT)[0].options
    assert f"/{IZMIR}/node/1?district=1128&lang=en" in [option["value"] for option in options]
    assert area_href(f"/{IZMIR}/node/1?district=1128&lang=en", f"/{IZMIR}/node/1", "?lang=en") == (
        f"/{IZMIR}/node/1?district=1128&lang=en"
    )
    with pytest.raises(PreventUpdate):  # the page's own area (Dash fires when it draws the select)
        area_href(f"/{IZMIR}/node/1?district=1128&lang=en", f"/{IZMIR}/node/1", "?lang=en&district=1128")


def test_navbar_and_badge(app_context):
    navbar = shell.render_navbar(f"/{BALIKESIR}/districts", "?lang=en")
    switcher = find(navbar, component_id=ids.PLAN_SWITCHER)[0]
    assert switcher.value == BALIKESIR and len(switcher.options) == 2
    assert "Türkçe" in text_of(navbar)
    badge = shell.render_badge(f"/{IZMIR}", "")
    assert "demo" in text_of(badge) and "Demo verisi" in text_of(badge)
    assert badge.to_plotly_json()["props"]["data-state"] == "fresh"


def test_healthz_answers_json(dash_app):
    response = dash_app.server.test_client().get("/healthz")
    assert response.status_code == 200
    payload = response.get_json()
    assert payload["data_version"] >= 1 and payload["status"] == "ok"
    assert payload["last_source"] == "demo" and payload["last_load_at"]


def test_healthz_reads_one_snapshot_once(dash_app, app_context, monkeypatch):
    opened = []
    connect = app_context.reader.connect

    def counting_connect():
        opened.append(1)
        return connect()

    monkeypatch.setattr(app_context.reader, "connect", counting_connect)
    payload = dash_app.server.test_client().get("/healthz").get_json()
    assert len(opened) == 1  # version, time and last load from the same snapshot
    with connect() as connection:
        published_run = connection.execute("select last_run_id from publication").fetchone()[0]
        finished = connection.execute("select finished_at from load_runs where run_id = ?", [published_run]).fetchone()
    assert payload["last_load_at"] == finished[0].isoformat()


def test_bootstrap_and_topojson_are_served_locally(dash_app):
    client = dash_app.server.test_client()
    assert client.get("/vendor/bootstrap.min.css").status_code == 200
    assert client.get("/assets/topojson/world_110m.json").status_code == 200
    assert dash_app.config.serve_locally


def test_app_py_exits_2_with_one_line_per_problem(tmp_path: Path):
    broken = tmp_path / "broken.toml"
    broken.write_text('[plan]\ncode = "Bad Code"\n', encoding="utf-8")
    environment = {
        **os.environ,
        "GOSTERGE_PLAN": str(broken),
        "GOSTERGE_DATA_DIR": str(tmp_path / "data"),
        "GOSTERGE_SCHEDULER": "0",
    }
    result = subprocess.run(
        [sys.executable, "app.py", "--port", "0"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith("broken.toml: ") for line in lines)


def test_the_english_search_page_renders(app_context):
    """``html.Input`` (which Dash 4 does not have) broke every English search; mypy over dashboard/ found it."""
    body = search.render(search.read(IZMIR, q="export", lang="en"))
    hidden = [
        item for item in find(body, attribute=("name", "lang")) if item.to_plotly_json()["props"]["type"] == "hidden"
    ]
    assert hidden and hidden[0].value == "en"


def test_the_area_select_writes_each_districts_url_as_the_view_does(app_context):
    """The select writes its districts' URLs from one template (dashboard/views/common.py, AREA_MARK): each
    equals the view's own URL for that district, for every page type with an area, in both languages."""
    from dashboard.views import monitoring

    for plan_code, plan in app_context.plans.items():
        goal = next(code for code, item in plan.nodes.items() if item.depth > 0)
        for lang in ("tr", "en"):
            views = [
                node.read(plan_code, goal, lang=lang, district=next(iter(plan.districts))),
                indicator.read(plan_code, next(iter(plan.indicators)), lang=lang, view="table"),
                monitoring.read(plan_code, lang=lang),
            ]
            for view in views:
                select = find(area_select(plan, view), component_id=ids.AREA_SELECT)[0]
                options = {option["label"]: option["value"] for option in select.options}
                for code, item in plan.districts.items():
                    label = f"{i18n.t('district', lang)}: {item.name}"
                    assert options[label] == view.with_area(f"district:{code}").href(), (plan_code, view, code)
