"""Texts and formats in Turkish and English: the message catalogue and CLDR (Babel) formats."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import i18n
from dashboard.downloads.labels import VOCABULARIES, header, vocabulary
from dashboard.messages import CATALOGUE
from gosterge.language import LANGUAGES
from gosterge.plan import Plan
from gosterge.progress.status import STATUSES, TRENDS

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
    assert i18n.format_percent(1234.5, "tr", 0) == "%1.234"
    assert i18n.format_percent(None, "tr") == "–"
    assert i18n.percent_affixes("tr") == ("%", "")
    assert i18n.percent_affixes("en") == ("", "%")


def test_date_formats():
    assert i18n.format_date("2026-11-21T14:05:00", "tr") == "21.11.2026"
    assert i18n.format_date(pd.Timestamp("2026-11-21 14:05"), "tr", with_time=True) == "21.11.2026 14:05"
    assert i18n.format_date("2026-12-04", "tr") == "04.12.2026"
    assert i18n.format_date("2026-11-21", "en") == "21 Nov 2026"
    assert i18n.format_date(pd.Timestamp("2026-12-04 09:05"), "en", with_time=True) == "4 Dec 2026 09:05"
    assert i18n.format_date(None, "en") == "–"


def test_plan_titles_follow_the_language(izmir_plan: Plan):
    assert i18n.title(izmir_plan, "tr") == izmir_plan.title_tr
    assert i18n.title(izmir_plan, "en") == izmir_plan.title_en
    assert izmir_plan.levels[0].text("en", "name") == izmir_plan.levels[0].name_en
    assert i18n.language("de") == "tr"
    frame = pd.DataFrame({"name_tr": ["Körfez", "Ege"], "name_en": ["Gulf", None]})
    assert i18n.column_in_language(frame, "name", "en") == ["Gulf", "Ege"]  # no English: the Turkish name
