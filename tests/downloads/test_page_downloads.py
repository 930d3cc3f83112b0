"""Every table's download holds the table: the page is rendered, its table read cell by cell, the
CSV behind its download button fetched from the app (Excel (Türkçe) dialect, the page's language)
and compared: the same rows in the same order, a column for each of the page's columns, and each
value written the way the page writes it (so rounded to the same digits)."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest
from dash import html

from dashboard.downloads.labels import header
from dashboard.i18n import format_percent, format_value, label, t
from dashboard.views import district, districts, indicator, node, overview
from gosterge.plan import Plan
from gosterge.rounding import PERCENT_DECIMALS
from tests.support.components import find, text_of, walk
from tests.support.dashboard_app import BALIKESIR, IZMIR
from tests.support.downloads import text_as_written

DISTRICT_INDICATOR = "1.1.2.2"  # İzmir, measured in every district


def download_of(part: Any) -> str:
    (href,) = [item.href for item in walk(part) if isinstance(item, html.A) and "gosterge-download" in item.className]
    return href


def section_of(body: Any, **attribute: str) -> Any:
    ((name, value),) = attribute.items()
    return find(body, attribute=(name.replace("_", "-"), value))[0]


def csv_at(dash_app: Any, href: str) -> pd.DataFrame:
    """The file behind ``href`` (Excel (Türkçe) dialect), every cell as the text a spreadsheet shows."""
    response = dash_app.server.test_client().get(href)
    assert response.status_code == 200, (href, response.data[:300])
    frame = pd.read_csv(io.BytesIO(response.data), sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return text_as_written(frame)


def number(text: str) -> float | None:
    return None if text == "" else float(text.replace(",", "."))


def table_rows(part: Any) -> tuple[list[str], list[list[str]]]:
    """The headers and the rows (cell texts) of the first table in ``part`` that is not a chart's text
    alternative (``chart-data``: the chart's own data, checked by tests/dashboard/test_text_alternatives.py)."""
    tables = [item for item in walk(part) if isinstance(item, html.Table)]
    (table,) = [item for item in tables if "chart-data" not in (getattr(item, "className", "") or "")][:1]
    headers = [text_of(cell) for cell in walk(table) if isinstance(cell, html.Th)]
    rows = [[text_of(cell) for cell in row.children] for row in walk(table) if isinstance(row, html.Tr)][1:]
    return headers, rows


def keys_of(plan: Plan, frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Column key → the file's header, for the keys whose header the file has."""
    return {key: name for name in frame.columns for key in _KEYS if header(plan, key, lang) == name}


_KEYS = (
    "year",
    "value",
    "path_value",
    "realization_pct",
    "expected_pct",
    "league_rank",
    "area_code",
    "area_name",
    "status",
    "trend",
    "gap_to_best",
    "goal_code",
    "status_code",
    "goal_count",
    "indicator_count",
    "indicator_code",
    "latest_value",
    "latest_year",
)


def test_the_yearly_table_holds_the_areas_series(dash_app, app_context, izmir_plan) -> None:
    """The indicator page's 'Yıllık değerler': one row per year of the page's area (the province, or the
    district chosen), with the expected path and the realizations; never every district's rows."""
    precision = izmir_plan.indicators[DISTRICT_INDICATOR].precision
    checked = 0
    for query in ({}, {"district": "1128"}):
        view = indicator.read(IZMIR, DISTRICT_INDICATOR, view="table", **query)
        body = indicator.render(view)
        part = section_of(body, data_view="table")
        headers, rows = table_rows(part)
        assert headers[0] == t("year", "tr") and headers[2:] == [
            t("expected_path", "tr"),
            t("realization", "tr"),
            t("expected", "tr"),
        ]
        frame = csv_at(dash_app, download_of(part))
        keys = keys_of(izmir_plan, frame, "tr")
        assert {"year", "value", "path_value", "realization_pct", "expected_pct"} <= set(keys)
        assert len(frame) == len(rows)  # the series, not 360 district rows
        assert set(frame[header(izmir_plan, "area_code", "tr")]) == {query.get("district", izmir_plan.province_code)}
        for row, (_, line) in zip(rows, frame.iterrows(), strict=True):
            assert row[0] == line[keys["year"]]
            assert row[1] == format_value(number(line[keys["value"]]), "tr", precision)
            assert row[2] == format_value(number(line[keys["path_value"]]), "tr", precision)
            assert row[3] == format_percent(number(line[keys["realization_pct"]]), "tr")
            assert row[4] == format_percent(number(line[keys["expected_pct"]]), "tr")
            checked += 5
    assert checked > 50


def check_league(
    plan: Plan,
    part: Any,
    frame: pd.DataFrame,
    lang: str,
    *,
    with_value: bool,
    precision: int | None,
    past: bool = False,
) -> None:
    """The league table in ``part`` against its file: rank, name, value, realization, status (a past
    year: the expected realization), gap."""
    headers, rows = table_rows(part)
    keys = keys_of(plan, frame, lang)
    assert {"league_rank", "area_name", "realization_pct", "status", "gap_to_best"} <= set(keys)
    assert headers[0] == t("rank", lang) and headers[-1] == t("gap_to_best", lang)
    assert len(rows) == len(frame), (len(rows), len(frame))
    for row, (_, line) in zip(rows, frame.iterrows(), strict=True):
        assert row[0] == (line[keys["league_rank"]] or "–")
        assert row[1] == line[keys["area_name"]]
        offset = 2
        if with_value:
            assert row[2] == format_value(number(line[keys["value"]]), lang, precision or 2)
            offset = 3
        assert row[offset] == format_percent(number(line[keys["realization_pct"]]), lang)
        if past:
            assert row[offset + 1] == format_percent(number(line[keys["expected_pct"]]), lang)
            assert line[keys["status"]] == ""  # assessed for the latest data only
        else:
            assert line[keys["status"]] in row[offset + 1] or row[offset + 1] == "", (row, line[keys["status"]])
        gap_decimals = precision if with_value and precision is not None else PERCENT_DECIMALS
        assert row[-1] == format_value(number(line[keys["gap_to_best"]]), lang, gap_decimals)


def test_the_indicator_pages_league_has_rank_and_gap(dash_app, app_context, izmir_plan) -> None:
    body = indicator.render(indicator.read(IZMIR, DISTRICT_INDICATOR))
    part = section_of(body, data_section="breakdown")
    frame = csv_at(dash_app, download_of(part))
    precision = izmir_plan.indicators[DISTRICT_INDICATOR].precision
    check_league(izmir_plan, part, frame, "tr", with_value=True, precision=precision)


@pytest.mark.parametrize(
    ("plan_code", "query", "lang"),
    [
        (IZMIR, {"indicator": DISTRICT_INDICATOR}, "tr"),
        (IZMIR, {"goal": "1.1.2"}, "tr"),
        (IZMIR, {}, "en"),
        (BALIKESIR, {"indicator": "1.2.1", "level": "region"}, "tr"),
        (BALIKESIR, {"goal": "1.2", "region": "korfez"}, "en"),
        (IZMIR, {"indicator": DISTRICT_INDICATOR, "year": "2019"}, "tr"),  # a past year's league
        (IZMIR, {"goal": "1.1.2", "year": "2019"}, "tr"),
        (IZMIR, {"year": "2019"}, "tr"),
        (BALIKESIR, {"indicator": "1.2.1", "level": "region", "year": "2021"}, "tr"),
        (BALIKESIR, {"indicator": "1.2.1", "region": "korfez", "year": "2021"}, "en"),
    ],
)
def test_the_districts_pages_league_is_its_file(dash_app, app_context, plan_code, query, lang) -> None:
    plan = app_context.plans[plan_code]
    body = districts.render(districts.read(plan_code, lang, **query))
    href = download_of(section_of(body, data_section="league-chart"))
    assert "level=league" in href and ("year" not in query or f"from={query['year']}&to={query['year']}" in href)
    frame = csv_at(dash_app, href)
    code = query.get("indicator")
    precision = plan.indicators[code].precision if code else None
    part = section_of(body, data_section="equity")
    check_league(plan, part, frame, lang, with_value=bool(code), precision=precision, past="year" in query)


@pytest.mark.parametrize("plan_code", [IZMIR, BALIKESIR])
def test_the_status_counts_and_lagging_goals_are_their_files(dash_app, app_context, plan_code) -> None:
    plan = app_context.plans[plan_code]
    body = overview.render(overview.read(plan_code))
    counts = section_of(body, data_section="counts")
    frame = csv_at(dash_app, download_of(counts))
    keys = keys_of(plan, frame, "tr")
    root = header(plan, f"{plan.levels[0].parameter}_code", "tr")
    written = {
        (line[root], line[keys["status_code"]]): f"{line[keys['goal_count']]} / {line[keys['indicator_count']]}"
        for _, line in frame.iterrows()
    }
    shown = {
        (row.to_plotly_json()["props"]["data-count-root"], cell.to_plotly_json()["props"]["data-status"]): text_of(cell)
        for row in find(counts, attribute=("data-count-root", None))
        for cell in find(row, attribute=("data-status", None))
    }
    assert shown == written and {root for root, _ in shown} == {node.code for node in plan.roots()}

    lagging = section_of(body, data_section="lagging")
    frame = csv_at(dash_app, download_of(lagging))
    keys = keys_of(plan, frame, "tr")
    goal = header(plan, f"{plan.levels[-1].parameter}_code", "tr")
    items = find(lagging, attribute=("data-goal", None))
    assert [item.to_plotly_json()["props"]["data-goal"] for item in items] == list(frame[goal])[: len(items)]
    for item, (_, line) in zip(items, frame.iterrows(), strict=False):
        assert format_percent(number(line[keys["realization_pct"]]), "tr") in text_of(item)
        assert label("status", line[keys["status_code"]], "tr") in text_of(item)


def test_a_goals_cards_and_a_districts_indicator_table_are_their_files(dash_app, app_context, izmir_plan) -> None:
    goal = section_of(node.render(node.read(IZMIR, "1.1.2")), data_section="indicators")
    frame = csv_at(dash_app, download_of(goal))
    keys = keys_of(izmir_plan, frame, "tr")
    cards = find(goal, class_name="indicator-cards")[0].children
    assert len(cards) == len(frame)
    for card, (_, line) in zip(cards, frame.iterrows(), strict=True):
        assert line[keys["indicator_code"]] in text_of(card)
        assert format_percent(number(line[keys["realization_pct"]]), "tr") in text_of(card)

    part = section_of(district.render(district.read(IZMIR, "1128")), data_section="indicators")
    frame = csv_at(dash_app, download_of(part))
    keys = keys_of(izmir_plan, frame, "tr")
    shown = {
        row.to_plotly_json()["props"]["data-key"]: text_of(row) for row in find(part, attribute=("data-key", None))
    }
    written = frame.set_index(keys["indicator_code"])
    assert set(shown) == set(written.index)
    for code, text in shown.items():
        line = written.loc[code]
        assert format_percent(number(line[keys["realization_pct"]]), "tr") in text
        precision = izmir_plan.indicators[code].precision
        assert format_value(number(line[keys["latest_value"]]), "tr", precision) in text


@pytest.mark.parametrize(
    ("page", "section", "code_key"),
    [
        ("node", "children", "goal_code"),
        ("district", "scorecard", "node_code"),
        ("overview", "goals", "goal_code"),
        ("overview", "top", "axis_code"),
    ],
)
def test_the_other_tables_are_their_files(dash_app, app_context, izmir_plan, page, section, code_key) -> None:
    """The rows of a node's children, a district's scorecard and the overview's goals and top-level
    nodes: the same codes, in the same order, with the realization the page shows."""
    body = {
        "node": lambda: node.render(node.read(IZMIR, "1.1")),
        "district": lambda: district.render(district.read(IZMIR, "1128")),
        "overview": lambda: overview.render(overview.read(IZMIR, axis="1")),
    }[page]()
    part = section_of(body, data_section=section)
    frame = csv_at(dash_app, download_of(part))
    keys = keys_of(izmir_plan, frame, "tr")
    codes = list(frame[header(izmir_plan, code_key, "tr")])
    rows = [(code, item) for item in walk(part) if (code := row_code(item))]
    assert rows, section
    assert [code for code in codes if code in dict(rows)] == [code for code, _ in rows], (codes, rows)
    by_code = dict(zip(codes, frame[keys["realization_pct"]], strict=True))
    for code, item in rows:
        assert format_percent(number(by_code[code]), "tr") in text_of(item), code


def row_code(item: Any) -> str | None:
    """The code a table row, tile or card stands for (data-key, data-goal or data-root)."""
    if not hasattr(item, "to_plotly_json"):
        return None
    props = item.to_plotly_json()["props"]
    return props.get("data-key") or props.get("data-goal") or props.get("data-root")
