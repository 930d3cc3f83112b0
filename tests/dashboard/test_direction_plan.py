"""A plan file with a direction-only indicator, an informational one and a natural limit: it loads, is
evaluated, and appears on the pages, in the monitoring table and in the downloads (done-when of issue
"Status an executive can trust", section 3)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dashboard.context import AppContext, get_context, set_context
from dashboard.views import district, indicator, monitoring, node, overview
from gosterge.plan import Plan, load_plan
from gosterge.settings import load_settings
from tests.progress.test_direction_only import FIXTURE, MEASURED
from tests.support.builders import load_rows
from tests.support.components import find, text_of
from warehouse import Reader
from warehouse.downloads.columns import column_keys
from warehouse.downloads.extracts import build_extract, fetch_table
from warehouse.downloads.filter import parse_filter
from warehouse.monitoring import fetch_monitoring_table

PLAN = "yonler"


@pytest.fixture(scope="module")
def directions() -> Plan:
    return load_plan(FIXTURE)


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory, directions: Plan) -> Iterator[Reader]:
    folder = tmp_path_factory.mktemp("directions") / "data"
    rows = pd.DataFrame(
        [
            (PLAN, code, level, area, str(year), value)
            for (code, level, area), series in MEASURED.items()
            for year, value in series.items()
        ],
        columns=["plan_code", "indicator_code", "area_level", "area_code", "period", "value"],
    )
    load_rows(folder, [directions], rows)
    opened = Reader(folder / "published.duckdb")
    yield opened
    opened.close()


@pytest.fixture
def context(reader: Reader, directions: Plan, tmp_path: Path, app_context: AppContext) -> Iterator[AppContext]:
    """The views' context for this plan alone, then the session's back (one app per session)."""
    settings = load_settings({"GOSTERGE_DATA_DIR": str(tmp_path), "GOSTERGE_SCHEDULER": "0"})
    previous = get_context()
    own = AppContext(settings, {PLAN: directions}, reader)
    set_context(own)
    try:
        yield own
    finally:
        set_context(previous)


def test_the_goal_page_shows_each_kind_in_words(context):
    body = node.render(node.read(PLAN, "1.1"))
    cards = {
        card.to_plotly_json()["props"]["data-indicator"]: text_of(card)
        for card in find(body, class_name="indicator-card")
    }
    assert "Sayısal hedef yok" in cards["1.1.2"] and "Yolunda" in cards["1.1.2"]
    assert (
        "Sayısal hedef yok: istenen yönde yılda %1,23 değişim; “yolunda” için yılda %0,94 gerekiyor." in cards["1.1.2"]
    )
    assert "Bilgi amaçlı" in cards["1.1.3"] and "durum verilmez" in cards["1.1.3"]
    assert re.search(r"Gerçekleşme:\s+–", cards["1.1.2"])  # no realization %
    headline = text_of(find(body, class_name="headline")[0])
    assert "%42,0" in headline and "Beklenen: %37,5" in headline and "Yolunda" in headline


def test_overview_district_and_indicator_pages_render(context):
    body = overview.render(overview.read(PLAN))
    assert len(find(body, class_name="goal-tile-cell")) == 2 and not find(body, class_name="error-view")
    assert "Bilgi amaçlı" in text_of(find(body, attribute=("data-section", "counts"))[0])
    page = district.render(district.read(PLAN, "1128"))
    assert "2 hedeften 1 tanesi ilçe düzeyinde ölçülüyor" in text_of(page)
    english = indicator.render(indicator.read(PLAN, "1.1.2", lang="en"))
    assert "No numeric target" in text_of(english) and not find(english, class_name="error-view")


def test_the_monitoring_table_shows_them_without_a_rate(context, reader):
    with reader.connect() as connection:
        table = fetch_monitoring_table(connection, plan_code=PLAN, year=2022)
    rows = {row.code: row for row in table.indicators()}
    assert rows["1.1.2"].realization_pct is None and rows["1.1.2"].realized_value == 83.0
    assert rows["1.1.3"].realization_pct is None and not rows["1.1.3"].assessed
    assert rows["1.1.1"].realization_pct == pytest.approx(112.0)  # (121 − 100) ÷ (118.75 − 100), 2022's target
    # the goal's realization is its one indicator with a target (capped): the others are left out, not missing
    goal = table.row("1.1", kind="node")
    assert goal.realization_pct == pytest.approx(100.0) and goal.coverage == 1.0
    page = monitoring.render(monitoring.read(PLAN, year="2022"))
    assert "Otel doluluk oranı" in text_of(page)
    rates = {
        row.to_plotly_json()["props"].get("data-code"): text_of(row)
        for row in find(page, attribute=("data-code", None))
    }
    assert "Sayısal hedef yok" in rates["1.1.2"] and "Bilgi amaçlı" in rates["1.1.3"]


def test_the_downloads_carry_them(context, reader, directions):
    values = {"plan": [PLAN], "level": ["indicators"]}
    extract = parse_filter({PLAN: directions}, values, available_columns=column_keys(directions))
    with reader.connect() as connection:
        rows = {
            row["indicator_code"]: row
            for row in fetch_table(connection, build_extract(directions, extract)).to_pylist()
        }
    assert rows["1.1.2"]["status_code"] == "on_track" and rows["1.1.2"]["realization_pct"] is None
    assert rows["1.1.2"]["target_value"] is None
    assert rows["1.1.3"]["status_code"] == "informational"


def test_the_chart_of_an_indicator_without_a_target_has_no_target_year_nor_projection(context):
    body = node.render(node.read(PLAN, "1.1"))
    card = next(
        c for c in find(body, class_name="indicator-card") if c.to_plotly_json()["props"]["data-indicator"] == "1.1.2"
    )
    figure = next(item for item in find(card, attribute=("figure", None))).figure
    assert [trace.name for trace in figure.data] == ["Gerçekleşen", "Başlangıç"]
    assert not figure.layout.shapes  # no "Hedef yılı" line
