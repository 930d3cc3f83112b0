"""Pure builders: components and figures, maps — no warehouse, no browser (texts and formats: test_language.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from dash import dcc

from dashboard import i18n, urls
from dashboard.components.common import breadcrumbs, plan_crumbs, provenance_mark
from dashboard.components.status import STATUS_COLOURS, STATUS_ICONS, STATUS_ORDER, status_badge, trend_mark
from dashboard.components.tiles import goal_tile_groups, status_counts_table
from dashboard.components.why import indicator_why, node_why
from dashboard.figures.alternative import chart_graph
from dashboard.figures.equity import league_chart, spread_chart, spread_verdict
from dashboard.figures.hierarchy import hierarchy_sunburst
from dashboard.figures.progress import indicator_chart, projection_points, realization_chart
from dashboard.geography.boundaries import rewind_polygon, ring_area, tile_label, tile_positions
from dashboard.geography.figures import choropleth_map, tile_map
from dashboard.geography.tile_grid import TILE_GRIDS
from gosterge.plan import Plan
from gosterge.progress.status import STATUSES, TRENDS
from tests.support.components import find, text_of, tiny_boundaries, walk

# ---------------------------------------------------------------- status marks


def test_palette_and_icons_cover_every_status_and_trend():
    assert set(STATUS_ORDER) == set(STATUSES) == set(STATUS_COLOURS) == set(STATUS_ICONS)
    assert len(set(STATUS_COLOURS.values())) == len(STATUS_COLOURS)
    for trend in TRENDS:
        assert trend_mark(trend, "tr").className == f"trend trend-{trend}"


@pytest.mark.parametrize("status", STATUSES)
def test_status_badge_always_carries_text(status):
    badge = status_badge(status, "tr")
    assert f"status-{status}" in badge.className
    assert text_of(badge) == i18n.status_label(status, "tr")
    short = status_badge(status, "en", short=True)
    assert text_of(short) == i18n.status_label(status, "en")  # kept for screen readers
    assert short.title == i18n.status_label(status, "en")


def test_working_content_is_marked_official_is_not():
    assert provenance_mark("official", "tr") is None
    assert provenance_mark("working", "en").title == i18n.t("working_title", "en")


# ---------------------------------------------------------------- components


def test_breadcrumbs_use_the_plans_level_names(izmir_plan: Plan, balikesir_plan: Plan):
    indicator = izmir_plan.indicators_of(izmir_plan.goals()[0].code)[0]
    text = text_of(plan_crumbs(izmir_plan, "tr", indicator=indicator.code, district="1128"))
    for level in izmir_plan.levels:
        assert level.name_tr in text
    assert "Aliağa" in text and indicator.code in text
    aim = balikesir_plan.roots()[0]
    assert balikesir_plan.levels[0].name_en in text_of(plan_crumbs(balikesir_plan, "en", code=aim.code))
    nav = breadcrumbs([("a", "/a", None), ("b", None, None)])
    assert find(nav, attribute=("aria-current", "page"))


def _tiles(plan: Plan) -> pd.DataFrame:
    rows = []
    for goal in plan.goals():
        parent = plan.nodes[goal.parent_code] if goal.parent_code else None
        rows.append(
            {
                "node_code": goal.code,
                "title_tr": goal.title_tr,
                "title_en": goal.title_en,
                "provenance": goal.provenance,
                "group_code": goal.parent_code,
                "group_title_tr": parent.title_tr if parent else None,
                "group_title_en": parent.title_en if parent else None,
                "group_provenance": "working",
                "realization_pct": 50.0,
                "expected_pct": 80.0,
                "status": "limited",
                "trend": "moderate",
            }
        )
    return pd.DataFrame(rows)


def test_goal_tiles_group_every_goal_under_its_parent(izmir_plan: Plan):
    groups = goal_tile_groups(_tiles(izmir_plan), izmir_plan, "tr")
    assert len(find(groups, class_name="tile-group")) == 13
    cells = find(groups, class_name="goal-tile-cell")
    assert len(cells) == 73
    assert "Sınırlı ilerleme" in text_of(cells[0])


def test_status_counts_table_has_a_row_per_root():
    counts = pd.DataFrame(
        [
            {"root_code": "1", "kind": "goal", "status": "achieved", "count": 2},
            {"root_code": "1", "kind": "indicator", "status": "achieved", "count": 5},
            {"root_code": "2", "kind": "goal", "status": "limited", "count": 1},
        ]
    )
    table = status_counts_table(counts, [("1", "Bir"), ("2", "İki")], "tr")
    rows = find(table, attribute=("data-count-root", None))
    assert [row.to_plotly_json()["props"]["data-count-root"] for row in rows] == ["1", "2"]
    assert "2 / 5" in text_of(rows[0]) and "1 / 0" in text_of(rows[1])


def test_indicator_why_explains_every_input():
    row = {
        "indicator_code": "1.1.1.1",
        "status": "acceleration_needed",
        "base_value": 10.0,
        "base_year": 2013,
        "latest_value": 14.0,
        "latest_year": 2020,
        "target_value": 20.0,
        "target_year": 2023,
        "planned_direction": "increase",
        "method": "open_sdg_target",
        "thresholds": "0.95 / 0.60 / 0",
        "realization_pct": 40.0,
        "expected_pct": 70.0,
        "pace_ratio": 0.7,
        "score": 0.7,
        "required_pace": 2.5,
        "actual_pace": 0.57,
        "projected_year": 2031,
        "projection": "after_target_year",
        "last_run_id": 7,
        "last_source_id": "tuik-api",
        "last_file_name": "x.csv",
        "last_loaded_at": pd.Timestamp("2026-11-20 10:00", tz="Europe/Istanbul"),
        "is_demo": True,
        "flags": "",
    }
    text = text_of(indicator_why(row, "tr", unit_name="kişi"))
    for expected in (
        "10 kişi (2013)",
        "14 kişi (2020)",
        "20 kişi (2023)",
        "Artması hedefleniyor",
        "Open SDG",
        "0,95 / 0,60 / 0",  # the thresholds the Turkish way (the stored text is "0.95 / 0.60 / 0")
        "%40,0",
        "0,70",
        "2,50",
        "0,57",
        "2031",
        "#7",
        "tuik-api",
        "x.csv",
        "20.11.2026 10:00 TSİ",
        "Demo verisi",
    ):
        assert expected in text, expected


def test_node_why_links_the_weakest_children():
    row = {
        "node_code": "1.1",
        "status": "limited",
        "realization_pct": 40.0,
        "expected_pct": 70.0,
        "coverage": 1.0,
        "children": 6,
        "children_with_data": 6,
        "score": -1.2,
        "worst_children": "1.1.6,1.1.1",
        "alarm_score": -3.0,
    }
    panel = node_why(row, "en", child_links={"1.1.6": ("Logistics", "/p/node/1.1.6")})
    assert "1.1.6 Logistics" in text_of(panel) and "1.1.1" in text_of(panel)
    # the bands of realization ÷ expected decide (the score's bands did, which the issue found confusing)
    assert "≥0.95 on track" in text_of(panel) and "0.57" in text_of(panel)  # 40 ÷ 70
    assert text_of(panel).startswith("Realization 40.0%, against 70.0% expected by now")


# ---------------------------------------------------------------- figures


def _yearly() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": range(2013, 2024),
            "value": [10, 11, 12, 12.5, 13, 13.5, 14, None, None, None, None],
            "path_value": [10 + i for i in range(11)],
            "realization_pct": [0] * 11,
            "expected_pct": [i * 10 for i in range(11)],
        }
    )


#: an indicator on a limited path: 14 in 2019 on the way from 10 (2013) to 20 (2023), at the target in 2028
LIMITED = {
    "base_year": 2013,
    "base_value": 10,
    "target_year": 2023,
    "target_value": 20,
    "latest_year": 2019,
    "latest_value": 14,
    "actual_pace": 0.667,
    "projected_year": 2028,
    "projection": "after_target_year",
    "status": "limited",
}


def test_indicator_chart_has_actual_path_projection_baseline_target():
    progress = LIMITED
    figure = indicator_chart(_yearly(), progress, "tr", unit="kişi").figure
    names = [trace.name for trace in figure.data]
    assert names == ["Beklenen yol", "Gerçekleşen", "Mevcut hızla öngörü", "Başlangıç", "Hedef değer"]
    assert figure.layout.separators == ",."
    assert list(figure.data[2].x) == [2019, 2028]


def test_the_indicator_charts_text_alternative_says_and_tabulates_what_it_draws():
    progress = {**LIMITED, "precision": 1}
    chart = indicator_chart(_yearly(), progress, "tr", unit="kişi")
    text = chart.alternative
    assert text.summary == (
        "Gerçekleşen değerler (2013–2019): 2019 yılında 14 kişi. Başlangıç 10 kişi (2013). "
        "Hedef 20 kişi (2023). Mevcut hızla 2028 yılında 20 kişi öngörülüyor."
    )
    assert [column.header for column in text.columns] == ["Gerçekleşen (kişi)", "Beklenen yol", "Mevcut hızla öngörü"]
    assert [(column.trace, column.axis) for column in text.columns] == [
        ("actual", "y"),
        ("path", "y"),
        ("projection", "y"),
    ]
    rows = {key: cells for key, _, cells in text.rows}
    assert rows["2016"] == ("12,5", "13", "–")  # to the indicator's one decimal; whole numbers without it
    assert rows["2028"] == ("–", "–", "20")  # 20,003 to one decimal
    drawn = {trace.uid: dict(zip(trace.x, trace.y, strict=True)) for trace in chart.figure.data}
    assert drawn["actual"][2016] == 12.5 and drawn["projection"][2028] == pytest.approx(20.003)


def test_chart_graph_describes_the_figure_by_its_sentence_and_folds_its_table():
    chart = realization_chart(_yearly(), "en")
    placed = chart_graph(chart, "en", name="realization 1.1", graph_id="graph")
    props = placed.to_plotly_json()["props"]
    (sentence,) = find(placed, class_name="chart-summary")
    assert props["aria-describedby"] == sentence.id == "chart-realization-1-1-summary"
    assert sentence.children.startswith("Realization by year (2013–2023): 0.0% in 2023, expected 100.0%")
    (graph,) = [item for item in walk(placed) if isinstance(item, dcc.Graph)]
    assert graph.id == "graph" and graph.figure is chart.figure
    assert text_of(find(placed, class_name="chart-table")[0]).startswith("Show as table Year Realization")
    empty = chart_graph(realization_chart(_yearly().iloc[0:0], "en"), "en", name="empty")
    assert not find(empty, class_name="chart-table") and text_of(empty) == "No data yet."


def test_projection_stops_at_the_horizon_and_skips_achieved():
    progress = {
        "latest_year": 2020,
        "latest_value": 1.0,
        "actual_pace": 0.1,
        "target_year": 2023,
        "projected_year": None,
        "projection": "not_at_this_pace",
        "status": "limited",
    }
    assert projection_points(progress)[-1][0] == 2023
    assert projection_points({**progress, "status": "achieved"}) == []
    assert projection_points({**progress, "projected_year": 2090})[-1][0] == 2029


def test_realization_chart_and_empty_state():
    figure = realization_chart(_yearly(), "en").figure
    assert [trace.name for trace in figure.data] == ["Expected path", "Realization"]
    empty = realization_chart(pd.DataFrame(columns=["year", "realization_pct", "expected_pct"]), "en").figure
    assert empty.layout.annotations[0].text == i18n.t("no_data", "en")


def test_sunburst_holds_every_node_under_the_root(izmir_plan: Plan):
    nodes = pd.DataFrame(
        [
            {
                "node_code": n.code,
                "parent_code": n.parent_code,
                "depth": n.depth,
                "title_tr": n.title_tr,
                "title_en": n.title_en,
                "status": "on_track",
                "realization_pct": 60.0,
            }
            for n in izmir_plan.nodes.values()
        ]
    )
    figure = hierarchy_sunburst(
        nodes, root_code=izmir_plan.code, root_title="İzmir", root_status="on_track", root_realization=60.0, lang="tr"
    ).figure
    trace = figure.data[0]
    assert len(trace.ids) == len(izmir_plan.nodes) + 1
    assert sum(trace.values) == 73


def _area_values(codes: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": codes,
            "name_tr": codes,
            "name_en": codes,
            "value": [float(i) if i % 5 else None for i in range(len(codes))],
            "realization_pct": [float(i) if i % 5 else None for i in range(len(codes))],
            "status": ["on_track"] * len(codes),
        }
    )


def test_maps_draw_every_district_even_without_a_value(izmir_plan: Plan):
    codes = list(izmir_plan.districts)
    boundaries = tiny_boundaries(codes)
    figure = choropleth_map(boundaries, _area_values(codes), "tr").figure
    drawn = [code for trace in figure.data for code in trace.locations]
    assert sorted(drawn) == sorted(codes)
    assert all(trace.customdata is not None for trace in figure.data)
    labels = {code: tile_label(izmir_plan.districts[code].name) for code in codes}
    tiles = tile_map(tile_positions(izmir_plan), labels, _area_values(codes), "en", measure="value").figure
    assert sorted(code for trace in tiles.data for (code,) in trace.customdata) == sorted(codes)


def test_league_chart_and_spread():
    league = pd.DataFrame(
        {
            "area_code": ["a", "b"],
            "name_tr": ["A", "B"],
            "name_en": ["A", "B"],
            "value": [3.0, 1.0],
            "realization_pct": [90.0, 10.0],
            "status": ["on_track", "limited"],
            "rank": [1, 2],
        }
    )
    figure = league_chart(league, "tr", province_value=2.0).figure
    assert list(figure.data[0].y) == ["A", "B"]
    spread = pd.DataFrame(
        {
            "year": [2014, 2015, 2016],
            "minimum": [1, 1, 1],
            "maximum": [3, 3, 3],
            "mean": [2, 2, 2],
            "variation": [0.5, 0.4, 0.3],
        }
    )
    assert spread_verdict(spread) == "narrowing"
    assert spread_verdict(spread.assign(variation=[0.3, 0.4, 0.5])) == "widening"
    assert spread_verdict(spread.assign(variation=[0.5, 0.5, 0.51])) == "steady"
    assert spread_verdict(spread.head(1)) == "unknown"
    assert len(spread_chart(spread, "tr").figure.data) == 4


# ---------------------------------------------------------------- maps and URLs


def test_rings_are_rewound_clockwise_with_counter_clockwise_holes():
    outer = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]  # counter-clockwise
    hole = [[0.2, 0.2], [0.2, 0.8], [0.8, 0.8], [0.8, 0.2], [0.2, 0.2]]  # clockwise
    rewound = rewind_polygon([outer, hole])
    assert ring_area(rewound[0]) < 0 < ring_area(rewound[1])
    assert rewind_polygon(rewound) == rewound


def test_tile_grids_place_every_district_once(izmir_plan: Plan, balikesir_plan: Plan):
    for plan in (izmir_plan, balikesir_plan):
        grid = TILE_GRIDS[plan.province_code]
        assert set(grid) == set(plan.districts)
        assert len(set(grid.values())) == len(grid)
    assert tile_label("İzmir") == "İZM" and tile_label("ılıca") == "ILI"


def test_urls_carry_plan_state_and_language(izmir_plan: Plan):
    assert urls.overview("p", "tr", axis="1") == "/p?axis=1"
    assert urls.node("p", "1.1", "en", district="1128") == "/p/node/1.1?district=1128&lang=en"
    assert urls.switch_language("/p/node/1", "?district=1&lang=en", "tr") == "/p/node/1?district=1"
    assert urls.plan_from_path("/p/node/1") == "p"
    assert [urls.level_param(level) for level in izmir_plan.levels] == ["axis", "priority", "goal"]
