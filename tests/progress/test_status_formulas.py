"""The formulas on worked examples (numbers worked by hand in the comments)."""

import pytest

from gosterge.progress import status as formulas


@pytest.mark.parametrize(
    ("latest", "base", "target", "expected"),
    [
        (1.5, 1.0, 2.0, 50.0),  # rising: (1.5 − 1) / (2 − 1) × 100
        (10.0, 12.0, 8.0, 50.0),  # falling: (10 − 12) / (8 − 12) × 100 — both terms negative
        (-1.0, -4.0, 2.0, 50.0),  # negative values: (−1 + 4) / (2 + 4) × 100
        (2.5, 0.0, 10.0, 25.0),  # zero base: 2.5 / 10 × 100
        (13.0, 12.0, 8.0, -25.0),  # moving the wrong way: (13 − 12) / (8 − 12) × 100
        (2.4, 1.0, 2.0, 140.0),  # beyond the target (capped only in roll-ups)
    ],
)
def test_realization_follows_the_turkish_guide(latest, base, target, expected):
    assert formulas.realization_pct(latest, base, target) == pytest.approx(expected)


def test_realization_is_undefined_when_base_equals_target():
    assert formulas.realization_pct(5.0, 5.0, 5.0) is None


def test_maintain_rule_holds_within_tolerance_and_measures_the_loss_otherwise():
    # tolerance 2 % of 40 = 0.8 → the value holds down to 39.2
    assert formulas.is_maintained(39.5, 40.0)
    assert formulas.maintain_realization(39.5, 40.0) == 100.0
    assert formulas.maintain_realization(44.0, 40.0) == 100.0  # above is fine
    assert not formulas.is_maintained(38.0, 40.0)
    assert formulas.maintain_realization(38.0, 40.0) == pytest.approx(95.0)  # 100 − 2/40 × 100


def test_expected_realization_on_the_linear_path_and_through_interim_targets():
    assert formulas.expected_pct(2018, 2013, 1.0, 2023, 2.0) == pytest.approx(50.0)  # 5 of 10 years
    assert formulas.expected_pct(2013, 2013, 1.0, 2023, 2.0) == 0.0
    assert formulas.expected_pct(2025, 2013, 1.0, 2023, 2.0) == 100.0
    # interim target 1.2 in 2018: (1.2 − 1) / (2 − 1) = 20 %
    assert formulas.expected_pct(2018, 2013, 1.0, 2023, 2.0, {2018: 1.2}) == pytest.approx(20.0)
    # 2020: 1.2 + 2/5 × (2.0 − 1.2) = 1.52 → 52 %
    assert formulas.expected_pct(2020, 2013, 1.0, 2023, 2.0, {2018: 1.2}) == pytest.approx(52.0)


def test_open_sdg_ratio_and_score_for_a_rising_indicator():
    # CAGR actual = 1.5^(1/5) − 1 = 0.084472; required = 2^(1/10) − 1 = 0.071773; R = 1.17692
    actual = formulas.cagr(1.5, 1.0, 2018, 2013)
    required = formulas.cagr(2.0, 1.0, 2023, 2013)
    assert actual == pytest.approx(0.084472, abs=1e-6)
    assert required == pytest.approx(0.071773, abs=1e-6)
    ratio = actual / abs(required)
    assert ratio == pytest.approx(1.17692, abs=1e-5)
    assert formulas.status_from_ratio(ratio) == formulas.ON_TRACK
    assert formulas.score_from_ratio(ratio) == pytest.approx(4.12094, abs=1e-4)  # 7.1429 R − 4.2857


@pytest.mark.parametrize(
    ("ratio", "status", "score"),
    [
        (0.95, formulas.ON_TRACK, 2.5),  # 7.1429 × 0.95 − 4.2857
        (0.80, formulas.ACCELERATION_NEEDED, 1.42862),  # 7.1429 × 0.8 − 4.2857
        (0.60, formulas.ACCELERATION_NEEDED, 0.0),
        (0.30, formulas.LIMITED, -1.24999),  # 4.1667 × 0.3 − 2.5
        (-0.5, formulas.DETERIORATION, -4.58335),  # 4.1667 × −0.5 − 2.5
        (-2.0, formulas.DETERIORATION, -5.0),  # floored
        (3.0, formulas.ON_TRACK, 5.0),  # capped
    ],
)
def test_thresholds_and_score_lines(ratio, status, score):
    assert formulas.status_from_ratio(ratio) == status
    assert formulas.score_from_ratio(ratio) == pytest.approx(score, abs=1e-4)


def test_natural_limit_factor():
    # b ≤ L: 1 − (95/100)^4.44 = 0.20367
    assert formulas.natural_limit_factor(95, 100) == pytest.approx(0.20367, abs=1e-5)
    # L < b < 2L: 1 − ((200 − 150)/100)^4.44 = 1 − 0.5^4.44 = 0.95393
    assert formulas.natural_limit_factor(150, 100) == pytest.approx(0.95393, abs=1e-5)
    assert formulas.natural_limit_factor(250, 100) == 1.0
    assert formulas.natural_limit_factor(5, None) == 1.0


@pytest.mark.parametrize(
    ("growth", "factor", "status", "score"),
    [
        (0.02, 1.0, formulas.ON_TRACK, 5.0),  # min(500 × 0.02 − 5, 5)
        (0.01, 1.0, formulas.ACCELERATION_NEEDED, 1.25),  # 250 × 0.01 − 1.25
        (0.003, 1.0, formulas.LIMITED, -1.0),  # 500 × 0.003 − 2.5
        (-0.01, 1.0, formulas.DETERIORATION, -3.75),  # 125 × −0.01 − 2.5
        (0.003, 0.2, formulas.ON_TRACK, 2.5),  # thresholds × 0.2: 0.003 ≥ 0.015 × 0.2
    ],
)
def test_direction_only_method(growth, factor, status, score):
    assert formulas.direction_only_status(growth, factor) == (status, pytest.approx(score))


@pytest.mark.parametrize(
    ("latest", "arrow", "ratio"),
    [
        (1.5, formulas.TREND_UP, 1.0),  # 0.10/yr done, (2 − 1.5)/5 = 0.10/yr needed
        (1.4, formulas.TREND_MODERATE, 0.6667),  # 0.08 against 0.12
        (1.3, formulas.TREND_STAGNATING, 0.4286),  # 0.06 against 0.14
    ],
)
def test_sdsn_trend(latest, arrow, ratio):
    trend = formulas.sdsn_trend(2013, 1.0, 2018, latest, 2023, 2.0, "increase")
    assert trend.arrow == arrow
    assert trend.ratio == pytest.approx(ratio, abs=1e-4)


def test_sdsn_trend_wrong_way_and_reached():
    assert formulas.sdsn_trend(2013, 1.0, 2018, 0.9, 2023, 2.0, "increase").arrow == formulas.TREND_DOWN
    assert formulas.sdsn_trend(2013, 12.0, 2018, 13.0, 2023, 8.0, "decrease").arrow == formulas.TREND_DOWN
    assert formulas.sdsn_trend(2013, 12.0, 2018, 7.5, 2023, 8.0, "decrease").arrow == formulas.TREND_UP


def test_projected_year_at_the_observed_pace():
    # pace 0.06/yr, 0.7 still to go → 11.67 years → 2030
    assert formulas.projected_year(2013, 1.0, 2018, 1.3, 2.0, "increase") == 2030
    # pace 0.1/yr, 0.5 to go → 5 years → 2023
    assert formulas.projected_year(2013, 1.0, 2018, 1.5, 2.0, "increase") == 2023
    # falling indicator: 12 → 11 in 5 years (−0.2/yr), 3 to go → 15 years → 2033
    assert formulas.projected_year(2013, 12.0, 2018, 11.0, 8.0, "decrease") == 2033
    assert formulas.projected_year(2013, 1.0, 2018, 0.9, 2.0, "increase") is None
    assert formulas.projected_year(2013, 1.0, 2018, 2.1, 2.0, "increase") == 2018


def test_roll_up_bands():
    assert formulas.status_from_score(2.5) == formulas.ON_TRACK
    assert formulas.status_from_score(0.0) == formulas.ACCELERATION_NEEDED
    assert formulas.status_from_score(-0.1) == formulas.LIMITED
    assert formulas.status_from_score(-2.6) == formulas.DETERIORATION
