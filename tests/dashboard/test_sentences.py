"""The 'why this status' sentences, hand-worked, in Turkish and English (pure functions, no browser)."""

from __future__ import annotations

import re

import pytest
from dash import html

from dashboard.components.sentences import indicator_sentences, node_sentences
from dashboard.components.why import indicator_why, thresholds_text
from tests.support.components import find, text_of, walk

#: an indicator measured 10 (2013) → 14 (2020), target 20 in 2023: 40 % realized where 70 % was expected
RISING = {
    "status": "acceleration_needed",
    "method": "open_sdg_target",
    "base_value": 10.0,
    "base_year": 2013,
    "latest_value": 14.0,
    "latest_year": 2020,
    "target_value": 20.0,
    "target_year": 2023,
    "realization_pct": 40.0,
    "expected_pct": 70.0,
    "pace_ratio": 0.7,
    "actual_pace": 4 / 7,  # (14 − 10) / 7 years
    "required_pace": 2.0,  # (20 − 14) / 3 years
    "projected_year": 2031,  # 2020 + ⌈6 / (4/7)⌉ = 2020 + 11
    "data_points": 8,
}

#: unemployment 12 % (2013) → 11 % (2018), target 8 % in 2023, lower is better
FALLING = {
    "status": "limited",
    "method": "open_sdg_target",
    "base_value": 12.0,
    "base_year": 2013,
    "latest_value": 11.0,
    "latest_year": 2018,
    "target_value": 8.0,
    "target_year": 2023,
    "realization_pct": 25.0,
    "expected_pct": 50.0,
    "pace_ratio": 0.434,
    "actual_pace": -0.2,
    "required_pace": -0.6,
    "projected_year": 2033,
    "data_points": 6,
}


@pytest.mark.parametrize(
    ("row", "lang", "expected"),
    [
        (
            RISING,
            "tr",
            [
                "2020 yılında 14 kişi ölçüldü (2013: 10 kişi); hedef 2023 yılında 20 kişi.",
                "Yılda ortalama 0,57 kişi arttı; hedefe ulaşmak için bundan sonra yılda 2 kişi artması gerekiyor. "
                "Bu hızla hedefe 2031 yılında ulaşır.",
                "Gerçekleşme %40,0; şimdiye kadar beklenen %70,0.",
                "Gerçekleşmesi (%40,0) beklenenin (%70,0) gerisinde olsa da bileşik yıllık büyüme hızına göre "
                "durumu “Hızlanma gerekli”.",
            ],
        ),
        (
            RISING,
            "en",
            [
                "Measured 14 persons in 2020 (2013: 10 persons); the target is 20 persons in 2023.",
                "It rose by 0.57 persons a year; it must rise by 2 persons a year from now on to reach the target. "
                "At this pace it reaches the target in 2031.",
                "Realization 40.0%, against 70.0% expected by now.",
                "“Acceleration needed” by its compound annual growth rate, although its realization (40.0%) is "
                "behind the 70.0% expected by now.",
            ],
        ),
        (
            FALLING,
            "tr",
            [
                "2018 yılında 11 % ölçüldü (2013: 12 %); hedef 2023 yılında 8 %.",
                "Yılda ortalama 0,2 % azaldı; hedefe ulaşmak için bundan sonra yılda 0,6 % azalması gerekiyor. "
                "Bu hızla hedefe 2033 yılında ulaşır.",
                "Gerçekleşme %25,0; şimdiye kadar beklenen %50,0.",
            ],
        ),
        (
            FALLING,
            "en",
            [
                "Measured 11 % in 2018 (2013: 12 %); the target is 8 % in 2023.",
                "It fell by 0.2 % a year; it must fall by 0.6 % a year from now on to reach the target. "
                "At this pace it reaches the target in 2033.",
                "Realization 25.0%, against 50.0% expected by now.",
            ],
        ),
    ],
)
def test_rising_and_falling(row, lang, expected):
    unit = {"tr": "kişi", "en": "persons"}[lang] if row is RISING else "%"
    assert indicator_sentences(row, lang, unit=unit) == expected


def test_maintain_held_and_not_held():
    held = {**RISING, "method": "maintain", "status": "achieved", "projection": "held", "latest_value": 10.1}
    assert indicator_sentences(held, "tr") == [
        "2020 yılında 10,1 ölçüldü; 2013 yılındaki 10 düzeyinin korunması hedefleniyor.",
        "Düzey korunuyor (%2 tolerans).",
    ]
    assert indicator_sentences(held, "en")[1] == "The level is held (tolerance 2%)."
    lost = {**held, "status": "deterioration", "projection": "not_held", "latest_value": 9.0}
    lost |= {"pace_ratio": -0.0149, "realization_pct": 90.0}  # (9 / 10) ** (1/7) − 1; 100 − 10 % lost
    assert indicator_sentences(lost, "tr")[1] == "Düzey korunamıyor: yılda -%1,5 değişim, düzeyin %90'ı korunuyor."
    assert indicator_sentences(lost, "en")[1] == "The level is not held: -1.5% a year, 90% of it kept."


def test_past_the_target_year_and_achieved():
    ended = {**RISING, "status": "not_achieved", "latest_year": 2025, "latest_value": 17.92, "realization_pct": 79.2}
    assert indicator_sentences(ended, "tr")[1] == (
        "Hedef yılı (2023) geride kaldı ve hedefe ulaşılamadı: yolun %79'u alındı."
    )
    assert indicator_sentences(ended, "en")[1] == (
        "The target year 2023 has passed without reaching the target: 79% of the way."
    )
    achieved = {**RISING, "status": "achieved", "latest_value": 20.5, "realization_pct": 105.0}
    assert indicator_sentences(achieved, "tr")[1] == "Hedefe ulaşıldı."
    assert indicator_sentences(achieved, "en")[1] == "The target is reached."


def test_not_available():
    row = {"status": "not_available", "data_points": 1, "latest_year": 2013}
    assert indicator_sentences(row, "tr") == [
        "İlerlemeyi değerlendirmek için en az iki yıllık veri gerekiyor; 1 yıl ölçüldü."
    ]
    assert indicator_sentences(row, "en") == ["Two years of data are needed to judge the progress; 1 measured."]


ROLL_UP = {
    "node_code": "1.1",
    "status": "acceleration_needed",
    "realization_pct": 70.0,
    "expected_pct": 80.0,
    "score": 2.1,
    "children": 6,
    "children_with_data": 6,
    "worst_children": "1.1.3,1.1.5",
    "alarm_score": -1.5,
}
NAMES = {"1.1.3": "1.1.3 Lojistik", "1.1.5": "1.1.5 Tasarım"}


def test_a_roll_up_pulled_down_by_its_two_worst_children():
    assert node_sentences(ROLL_UP, "tr", names=NAMES) == [
        "Gerçekleşme %70,0; şimdiye kadar beklenen %80,0, yani beklenenin %88'i: “Hızlanma gerekli”.",
        "En çok 1.1.3 Lojistik ve 1.1.5 Tasarım aşağı çekiyor.",
    ]
    assert node_sentences(ROLL_UP, "en", names=NAMES) == [
        "Realization 70.0%, against 80.0% expected by now: 88% of the expected, so “Acceleration needed”.",
        "Pulled down by 1.1.3 Lojistik and 1.1.5 Tasarım.",
    ]


def test_a_roll_up_after_its_target_year_and_achieved():
    ended = {**ROLL_UP, "status": "not_achieved", "realization_pct": 79.2, "expected_pct": 100.0}
    assert node_sentences(ended, "tr", target_year=2023, reached=(2, 6))[0] == (
        "Hedef yılı (2023) geride kaldı ve hedefe ulaşılamadı: yolun %79'u alındı. "
        "6 alt öğeden 2 tanesi hedefine ulaştı."
    )
    assert node_sentences(ended, "en", target_year=2023, reached=(2, 6))[0] == (
        "The target year 2023 has passed without reaching the target: 79% of the way. "
        "2 of the 6 parts below it reached their targets."
    )
    achieved = {**ROLL_UP, "status": "achieved", "realization_pct": 100.0, "alarm_score": 5.0}
    assert node_sentences(achieved, "tr") == ["Altındaki her hedefe ulaşıldı: gerçekleşme %100,0."]
    assert node_sentences(achieved, "en") == ["Every target below it is reached: realization 100.0%."]


def test_a_roll_up_not_measured_or_without_data():
    assert node_sentences({"status": "not_measured"}, "en") == [
        "Not measured per district: all its indicators are measured for the province only."
    ]
    thin = {"status": "not_available", "children": 4, "children_with_data": 1}
    assert node_sentences(thin, "tr") == ["Değerlendirmek için yeterli veri yok: 4 alt öğeden 1 tanesinin verisi var."]


def test_the_panel_puts_the_sentences_first_and_the_inputs_under_a_fold():
    panel = indicator_why({**RISING, "indicator_code": "1.1.1.1"}, "tr", unit_name="kişi")
    sentences = find(panel, class_name="why-sentences")
    fold = find(panel, class_name="why-panel")
    assert len(sentences) == 1 and len(fold) == 1
    assert text_of(sentences[0]).startswith("2020 yılında 14 kişi ölçüldü")
    assert fold[0].to_plotly_json()["type"] == "Details" and "Ayrıntılar" in text_of(fold[0])


#: hotel occupancy 80 % (2019) → 83 % (2022), no target, natural limit 100 %: v = 1.2347 %, C = 0.62870
DIRECTION_ONLY = {
    "status": "on_track",
    "method": "open_sdg_direction",
    "base_value": 80.0,
    "base_year": 2019,
    "latest_value": 83.0,
    "latest_year": 2022,
    "pace_ratio": (83 / 80) ** (1 / 3) - 1,
    "natural_limit": 100.0,
    "data_points": 3,
}


def test_direction_only_near_a_natural_limit_in_both_languages():
    assert indicator_sentences(DIRECTION_ONLY, "tr", unit="%") == [
        "2022 yılında 83 % ölçüldü (2019: 80 %). Sayısal hedef yok: istenen yönde yılda %1,23 değişim; "
        "“yolunda” için yılda %0,94 gerekiyor."
    ]
    assert indicator_sentences(DIRECTION_ONLY, "en", unit="%") == [
        "Measured 83 % in 2022 (2019: 80 %). No numeric target: 1.23% a year in the planned direction, "
        "where 0.94% a year counts as on track."
    ]
    assert thresholds_text(DIRECTION_ONLY, "tr") == "%0,94 / %0,31 / 0 (yalnızca yön)"
    assert thresholds_text({**DIRECTION_ONLY, "natural_limit": None}, "en") == "1.5% / 0.5% / 0 (direction only)"


def test_informational_in_both_languages():
    row = {**DIRECTION_ONLY, "status": "informational", "method": "informational"}
    assert indicator_sentences(row, "tr", unit="%") == [
        "Bilgi amaçlı gösterge: 2022 yılında 83 % ölçüldü (2019: 80 %); durum verilmez."
    ]
    assert indicator_sentences(row, "en", unit="%") == [
        "For information: measured 83 % in 2022 (2019: 80 %); no status is given."
    ]


#: values as the engine stores them (a share of two sums), of an indicator shown with whole persons
UNROUNDED = {
    **RISING,
    "precision": 0,
    "base_value": 38499.62771634489,
    "latest_value": 45120.5,
    "target_value": 55000.5,
    "actual_pace": 945.8257137164893,
    "required_pace": 3293.333333333334,
    "pace_ratio": 0.28719603225806454,
    "score": 0.4102800460829493,
    "realization_pct": 40.12345678901234,
    "expected_pct": 69.98765432109876,
}


@pytest.mark.parametrize(
    ("lang", "sentences", "panel"),
    [
        (
            "tr",
            [
                "2020 yılında 45.121 kişi ölçüldü (2013: 38.500 kişi); hedef 2023 yılında 55.001 kişi.",
                "Yılda ortalama 945,83 kişi arttı; hedefe ulaşmak için bundan sonra yılda 3.293,33 kişi artması "
                "gerekiyor. Bu hızla hedefe 2031 yılında ulaşır.",
                "Gerçekleşme %40,1; şimdiye kadar beklenen %70,0.",
            ],
            [
                ("Başlangıç değeri", "38.500 kişi (2013)"),
                ("Son değer", "45.121 kişi (2020)"),
                ("Hedef değer", "55.001 kişi (2023)"),
                ("Hız oranı", "0,29"),
                ("Puan", "0,41"),
                ("Gereken hız (yıllık)", "3.293,33 kişi"),
                ("Gerçekleşen hız (yıllık)", "945,83 kişi"),
            ],
        ),
        (
            "en",
            [
                "Measured 45,121 persons in 2020 (2013: 38,500 persons); the target is 55,001 persons in 2023.",
                "It rose by 945.83 persons a year; it must rise by 3,293.33 persons a year from now on to reach the "
                "target. At this pace it reaches the target in 2031.",
                "Realization 40.1%, against 70.0% expected by now.",
            ],
            [
                ("Base value", "38,500 persons (2013)"),
                ("Latest value", "45,121 persons (2020)"),
                ("Target", "55,001 persons (2023)"),
                ("Pace ratio", "0.29"),
                ("Score", "0.41"),
                ("Required pace (per year)", "3,293.33 persons"),
                ("Actual pace (per year)", "945.83 persons"),
            ],
        ),
    ],
)
def test_the_panel_rounds_values_to_the_indicators_precision(lang, sentences, panel):
    """Values to the indicator's precision (here whole persons, half away from zero as every file
    rounds: 45.120,5 → 45.121), paces, ratios and scores to two decimals: no figure of 14 decimals."""
    unit = {"tr": "kişi", "en": "persons"}[lang]
    assert indicator_sentences(UNROUNDED, lang, unit=unit)[:3] == sentences
    why = indicator_why(UNROUNDED, lang, unit_name=unit)
    terms = [text_of(item) for item in walk(why) if isinstance(item, html.Dt)]
    details = [text_of(item) for item in walk(why) if isinstance(item, html.Dd)]
    facts = dict(zip(terms, details, strict=True))
    for term, shown in panel:
        assert facts[term] == shown, term
    assert not re.search(r"\d[.,]\d{4,}", text_of(why))
