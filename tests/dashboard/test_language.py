"""Texts and formats in Turkish and English: the message catalogue, CLDR (Babel) formats, figures'
numbers and the thresholds of the 'why this status' panel."""

from __future__ import annotations

import json
import re
from typing import Any

import dash
import numpy as np
import pandas as pd
import pytest
from plotly.io.json import to_json_plotly

from dashboard import i18n
from dashboard.components.why import indicator_why, thresholds_text
from dashboard.downloads.labels import VOCABULARIES, header, vocabulary
from dashboard.figures.common import NUMBER_TICKS
from dashboard.figures.equity import league_chart, spread_chart
from dashboard.figures.progress import indicator_chart, realization_chart
from dashboard.geography.boundaries import tile_label, tile_positions
from dashboard.geography.figures import choropleth_map, tile_map
from dashboard.messages import CATALOGUE
from gosterge.language import LANGUAGES
from gosterge.plan import Plan
from gosterge.progress.status import STATUSES, TRENDS
from gosterge.settings import PROJECT_ROOT
from tests.support.components import text_of, tiny_boundaries
from tests.support.dashboard_app import IZMIR

# ---------------------------------------------------------------- the catalogue


def test_every_string_has_both_languages():
    for key, (turkish, english) in CATALOGUE.items():
        assert turkish and english, key
        placeholders = set(re.findall(r"{(\w+)}", turkish))
        assert placeholders == set(re.findall(r"{(\w+)}", english)), f"{key}: the two texts take other values"


def test_every_stored_code_has_a_label_in_both_languages():
    for status in STATUSES:
        assert f"status.{status}" in CATALOGUE, status
    for trend in TRENDS:
        assert f"trend.{trend}" in CATALOGUE, trend
    assert i18n.label("frequency", "quarterly", "tr") == "Üç aylık"
    assert i18n.label("frequency", "weekly", "en") == "weekly"  # unknown: the code itself
    assert i18n.label("method", None, "en") == "–"
    assert i18n.status_label("no-such", "en") == "Not enough data"


def test_t_fills_placeholders_and_falls_back_to_turkish():
    assert i18n.t("rank_among", "tr", rank=3, count=30) == "30 ilçe içinde 3. sırada"
    assert i18n.t("rank_among", "en", rank=3, count=30) == "ranked 3 of 30 districts"
    assert i18n.t("overview", "de") == "Genel bakış"


def test_download_labels_come_from_the_catalogue(izmir_plan: Plan):
    for language in LANGUAGES:
        for name in (*VOCABULARIES, "unit", "depth"):
            assert all(vocabulary(izmir_plan, name, language).values()), (name, language)
    assert header(izmir_plan, "plan_code", "en") == "Plan code"
    level = izmir_plan.levels[0]
    assert header(izmir_plan, "axis_code", "tr") == f"{level.name_tr} kodu"
    assert header(izmir_plan, "axis_name", "en") == f"{level.name_en} name"
    with pytest.raises(ValueError, match="unknown vocabulary 'colour'"):
        vocabulary(izmir_plan, "colour", "tr")


def test_no_language_branch_outside_the_label_mechanism():
    """Texts in a language are asked for through gosterge.language (t, label, item.text): no module of
    the dashboard tests the language itself."""
    branches = [
        f"{path.relative_to(PROJECT_ROOT)}:{number}"
        for path in sorted((PROJECT_ROOT / "dashboard").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"""[!=]= ["']en["']""", line)
    ]
    assert branches == []


# ---------------------------------------------------------------- CLDR formats (Babel)


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1234.5, "tr", "1.234,5"),
        (1234.5, "en", "1,234.5"),
        (1234567, "tr", "1.234.567"),
        (3500, "tr", "3.500"),
        (3500, "en", "3,500"),
        (0.25, "tr", "0,2"),
        (None, "tr", "–"),
        (float("nan"), "en", "–"),
    ],
)
def test_number_formats(value, lang, expected):
    assert i18n.format_number(value, lang) == expected


def test_numbers_with_as_many_decimals_as_they_have():
    assert [i18n.format_number(value, "tr", None) for value in (0.95, 1.5, 2.0, 1234.5)] == [
        "0,95",
        "1,5",
        "2",
        "1.234,5",
    ]
    assert [i18n.format_number(value, "en", None) for value in (0.95, 1.5, 2.0, 1234.5)] == [
        "0.95",
        "1.5",
        "2",
        "1,234.5",
    ]


def test_percent_formats_follow_cldr():
    assert i18n.format_percent(79.2, "tr") == "%79,2"  # CLDR's Turkish pattern: the sign first
    assert i18n.format_percent(79.2, "en") == "79.2%"
    assert i18n.format_percent(77.56, "tr") == "%77,6"
    assert i18n.format_percent(77.56, "en") == "77.6%"
    assert i18n.format_percent(1234.5, "tr", 0) == "%1.235"  # half away from zero, as every file rounds
    assert i18n.format_percent(0.25, "en") == "0.3%"  # (Babel alone rounds half to even: 0.2%)
    assert i18n.format_percent(None, "tr") == "–"
    assert i18n.percent_affixes("tr") == ("%", "")
    assert i18n.percent_affixes("en") == ("", "%")


def test_values_have_their_indicators_precision():
    assert i18n.format_value(82.77725371634489, "tr", 1) == "82,8"
    assert i18n.format_value(565.4, "tr", 0) == "565"
    assert i18n.format_value(38500, "tr", 0) == "38.500"
    assert i18n.format_value(1234.5678, "en", 2) == "1,234.57"
    assert i18n.format_value(2.5, "tr", 0) == "3" and i18n.format_value(-2.5, "tr", 0) == "-3"
    assert i18n.format_value(None, "tr", 1) == "–"


def test_date_formats():
    assert i18n.format_date("2026-11-21T14:05:00", "tr") == "21.11.2026"
    istanbul = "Europe/Istanbul"
    assert (
        i18n.format_date(pd.Timestamp("2026-11-21 14:05", tz=istanbul), "tr", with_time=True) == "21.11.2026 14:05 TSİ"
    )
    assert i18n.format_date("2026-12-04", "tr") == "04.12.2026"
    assert i18n.format_date("2026-11-21", "en") == "21 Nov 2026"
    assert (
        i18n.format_date(pd.Timestamp("2026-12-04 06:05", tz="UTC"), "en", with_time=True)
        == "4 Dec 2026 09:05 Istanbul time"
    )
    assert i18n.format_date(None, "en") == "–"


def test_plan_titles_follow_the_language(izmir_plan: Plan):
    assert i18n.title(izmir_plan, "tr") == izmir_plan.title_tr
    assert i18n.title(izmir_plan, "en") == izmir_plan.title_en
    assert izmir_plan.levels[0].text("en", "name") == izmir_plan.levels[0].name_en
    assert i18n.language("de") == "tr"
    frame = pd.DataFrame({"name_tr": ["Körfez", "Ege"], "name_en": ["Gulf", None]})
    assert i18n.column_in_language(frame, "name", "en") == ["Gulf", "Ege"]  # no English: the Turkish name


# ---------------------------------------------------------------- figures


def test_figures_use_the_locale_separators_and_group_thousands():
    yearly = pd.DataFrame(
        {
            "year": [2020, 2021],
            "value": [3500.0, 4200.0],
            "path_value": [3500.0, 4000.0],
            "realization_pct": [10.0, 20.0],
            "expected_pct": [10.0, 15.0],
        }
    )
    for lang, separators in (("tr", ",."), ("en", ".,")):
        figure = indicator_chart(yearly, {}, lang).figure
        assert figure.layout.separators == separators
        assert figure.layout.xaxis.tickformat == "d"  # years are not grouped: 2021, not 2.021
        assert figure.layout.yaxis.tickformat == NUMBER_TICKS
    realization = realization_chart(yearly, "tr").figure
    assert realization.layout.yaxis.tickprefix == "%" and not realization.layout.yaxis.ticksuffix
    assert realization.data[0].hovertemplate.startswith("%{x}: %%{y:.1f}")
    assert realization_chart(yearly, "en").figure.layout.yaxis.ticksuffix == "%"


def _area_values(codes: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": codes,
            "name_tr": codes,
            "name_en": codes,
            "value": [3500.0 + i for i in range(len(codes))],
            "realization_pct": [float(i) for i in range(len(codes))],
            "status": ["on_track"] * len(codes),
        }
    )


def _colour_bars(figure: Any) -> list[Any]:
    bars = [trace.colorbar for trace in figure.data if trace.colorbar]
    return bars + [trace.marker.colorbar for trace in figure.data if trace.marker and trace.marker.colorbar]


def test_colour_bars_group_thousands_and_place_the_percent_sign(izmir_plan: Plan):
    codes = list(izmir_plan.districts)
    boundaries = tiny_boundaries(codes)
    labels = {code: tile_label(izmir_plan.districts[code].name) for code in codes}
    for figure in (
        choropleth_map(boundaries, _area_values(codes), "tr", measure="value", unit="kişi").figure,
        tile_map(tile_positions(izmir_plan), labels, _area_values(codes), "tr", measure="value").figure,
    ):
        assert figure.layout.separators == ",."  # 3500 → 3.500
        (bar,) = _colour_bars(figure)
        assert bar.tickformat == NUMBER_TICKS
    (bar,) = _colour_bars(choropleth_map(boundaries, _area_values(codes), "tr").figure)
    assert bar.tickprefix == "%" and not bar.ticksuffix
    (bar,) = _colour_bars(tile_map(tile_positions(izmir_plan), labels, _area_values(codes), "en").figure)
    assert bar.ticksuffix == "%" and not bar.tickprefix


def test_league_and_spread_axes_group_thousands():
    league = _area_values(["a", "b"]).assign(expected_pct=[1.0, 2.0])
    figure = league_chart(league, "tr", measure="value").figure
    assert figure.layout.separators == ",." and figure.layout.xaxis.tickformat == NUMBER_TICKS
    spread = pd.DataFrame(
        {
            "year": [2020, 2021],
            "minimum": [3000.0, 3100.0],
            "maximum": [4000.0, 4100.0],
            "mean": [3500.0, 3600.0],
            "variation": [0.1, 0.09],
        }
    )
    figure = spread_chart(spread, "tr").figure
    assert figure.layout.xaxis.tickformat == "d" and figure.layout.yaxis.tickformat == NUMBER_TICKS


# ---------------------------------------------------------------- the 'why this status' panel


@pytest.mark.parametrize(
    ("row", "turkish", "english"),
    [
        ({"method": "open_sdg_target"}, "0,95 / 0,60 / 0", "0.95 / 0.60 / 0"),
        (
            {"method": "linear_ratio"},
            "0,95 / 0,60 / 0 (gerçekleşme ÷ beklenen)",
            "0.95 / 0.60 / 0 (realization ÷ expected)",
        ),
        ({"method": "maintain", "projection": "held"}, "tolerans %2", "tolerance 2%"),
        (
            {"method": "maintain", "projection": "not_held"},
            "%1,5 / %0,5 / 0 (yalnızca yön)",
            "1.5% / 0.5% / 0 (direction only)",
        ),
    ],
)
def test_thresholds_in_both_languages(row, turkish, english):
    assert thresholds_text(row, "tr") == turkish
    assert thresholds_text(row, "en") == english  # the progress engine's own text


def test_why_panel_numbers_are_turkish_on_a_turkish_page():
    row = {"method": "open_sdg_target", "thresholds": "0.95 / 0.60 / 0", "pace_ratio": 1234.5, "realization_pct": 79.2}
    text = text_of(indicator_why(row, "tr"))
    assert "0,95 / 0,60 / 0" in text and "1.234,50" in text and "%79,2" in text
    assert "0.95" not in text


def _page_json(**kwargs: Any) -> str:
    """The goal page as Dash sends it (its body is rendered once per data version and stored as JSON)."""
    for module, page in dash.page_registry.items():
        if module.split(".")[-1] == "node":
            return json.dumps(json.loads(to_json_plotly(page["layout"](**kwargs))))
    raise KeyError("node")


def test_a_turkish_goal_page_writes_its_thresholds_the_turkish_way(app_context):
    goal = app_context.plans[IZMIR].goals()[0]
    turkish = _page_json(plan_code=IZMIR, node_code=goal.code)
    english = _page_json(plan_code=IZMIR, node_code=goal.code, lang="en")
    assert "why-panel" in turkish
    assert "0,95 / 0,60 / 0" in turkish and "0.95 / 0.60" not in turkish
    assert "0.95 / 0.60 / 0" in english and "0,95 / 0,60" not in english


@pytest.mark.parametrize(
    ("value", "turkish", "english"),
    [
        (79.2, "%79'u", "79%"),
        (72.3, "%72'si", "72%"),
        (75.2, "%75'i", "75%"),
        (80, "%80'i", "80%"),
        (40, "%40'ı", "40%"),
        (66, "%66'sı", "66%"),
        (93, "%93'ü", "93%"),
        (100, "%100'ü", "100%"),
        (0, "%0'ı", "0%"),
    ],
)
def test_a_share_is_written_the_way_each_language_reads_it(value, turkish, english):
    # "yolun %79'u": the suffix follows how the number is read aloud (yetmiş dokuz → 'u)
    assert i18n.format_share(value, "tr") == turkish
    assert i18n.format_share(value, "en") == english


@pytest.mark.parametrize(
    "value",
    [None, float("nan"), 1.5, 0.0, float("inf"), "x", "", 3, True, np.float64("nan"), np.float64(2), np.int64(3)]
    + [pd.NA, pd.NaT, pd.Timestamp("2020-01-01"), [1], {"a": 1}],
)
def test_is_missing_is_pandas_answer(value: Any) -> None:
    """The fast answers for Python text and numbers are pandas' (None, NaN, NaT and NA are missing)."""
    try:
        expected = value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        expected = False
    assert i18n.is_missing(value) is expected
