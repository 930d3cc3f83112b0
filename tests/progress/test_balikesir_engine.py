"""The engine on the real Balıkesir plan file: cumulative and per-period counts, regions, hand-worked.

Indicators used (plans/balikesir.toml; values working, identities official):
- 7.1.3 portable swimming pools: cumulative deliveries, district level, sum;
  base 0 (2019), interim running totals 4, 8, 12, 16, target 20 (2024).
- 7.1.2 sports events: per period, district level, sum; 2019 = 60, yearly
  targets 70, 75, 85, 90, 100 (2020-2024).
- 1.2.1 households on the sewerage network: a rate, population-weighted mean;
  84 % (2019) → 92 % (2024).
- 6.2.1 district population (the plan's population indicator): sum.
"""

import pytest

from gosterge.progress import status as formulas
from gosterge.progress.compute import compute_plan

PROVINCE = ("province", "10")
KORFEZ = ("region", "korfez")
AYVALIK, BURHANIYE, EDREMIT, GOMEC, HAVRAN = "1161", "1216", "1294", "1928", "1384"

#: TÜİK ADNKS district populations of the Körfez districts (../shared/data/stats/district_population.csv)
POPULATION = {
    AYVALIK: {2019: 70720, 2023: 74643},
    BURHANIYE: {2019: 60490, 2023: 65790},
    EDREMIT: {2019: 155837, 2023: 171700},
    GOMEC: {2019: 14175, 2023: 17556},
    HAVRAN: {2019: 27857, 2023: 28287},
}


def evaluate(plan, measured):
    """compute_plan → ({(indicator, level, area): result}, {(indicator, level, area, year): point})."""
    progress = compute_plan(plan, measured, evaluation_year=2023)  # within the plan period
    results = {(r.indicator_code, r.area_level, r.area_code): r for r in progress.indicators}
    points = {(p.code, p.area_level, p.area_code, p.year): p for p in progress.indicator_years}
    return results, points


def test_korfez_is_the_documented_gulf_region(balikesir_plan):
    assert sorted(d.name for d in balikesir_plan.districts_in("korfez")) == [
        "Ayvalık",
        "Burhaniye",
        "Edremit",
        "Gömeç",
        "Havran",
    ]
    assert balikesir_plan.regions["korfez"].provenance == "official"


def test_cumulative_pools_use_the_running_total(balikesir_plan):
    # deliveries 3, 5, 4 in 2020-2022 → running totals 3, 8, 12 of the 20 to deliver by 2024
    results, points = evaluate(balikesir_plan, {("7.1.3", *PROVINCE): {2019: 0.0, 2020: 3.0, 2021: 5.0, 2022: 4.0}})
    pools = results[("7.1.3", *PROVINCE)]
    assert pools.method == "linear_ratio"
    assert (pools.base_value, pools.latest_year, pools.latest_value) == (0.0, 2022, 12.0)
    assert pools.realization_pct == pytest.approx(60.0)  # (12 − 0) / (20 − 0)
    assert pools.expected_pct == pytest.approx(60.0)  # the interim path: 12 of 20 by 2022
    assert pools.pace_ratio == pytest.approx(1.0) and pools.status == formulas.ON_TRACK
    running = {year: points[("7.1.3", *PROVINCE, year)] for year in (2020, 2021, 2022)}
    assert [running[year].value for year in running] == [3.0, 8.0, 12.0]
    assert [running[year].realization_pct for year in running] == pytest.approx([15.0, 40.0, 60.0])
    assert [running[year].path_value for year in running] == [4.0, 8.0, 12.0]


def test_per_period_sports_events_compare_each_year_with_its_own_target(balikesir_plan):
    results, points = evaluate(balikesir_plan, {("7.1.2", *PROVINCE): {2019: 60.0, 2020: 63.0, 2021: 80.0, 2022: 68.0}})
    events = results[("7.1.2", *PROVINCE)]
    # 2022: 68 events against that year's target of 85, not a running total and not the 2024 target
    assert events.latest_value == 68.0
    assert events.realization_pct == pytest.approx(80.0)  # 68 / 85
    assert events.expected_pct == 100.0
    assert events.pace_ratio == pytest.approx(0.8) and events.status == formulas.ACCELERATION_NEEDED
    yearly = [points[("7.1.2", *PROVINCE, year)].realization_pct for year in (2020, 2021, 2022)]
    assert yearly == pytest.approx([63 / 70 * 100, 80 / 75 * 100, 80.0])  # 90 %, 106.7 %, 80 %


def test_a_region_and_a_district_compare_per_period_counts_with_their_own_share(balikesir_plan):
    events_2019 = {EDREMIT: 6.0, AYVALIK: 3.0, BURHANIYE: 3.0, HAVRAN: 2.0, GOMEC: 1.0}  # Körfez: 15 of 60
    events_2022 = {EDREMIT: 8.0, AYVALIK: 4.0, BURHANIYE: 3.0, HAVRAN: 2.0, GOMEC: 2.0}  # Körfez: 19
    measured = {("7.1.2", "district", code): {2019: events_2019[code], 2022: events_2022[code]} for code in events_2019}
    results, _ = evaluate(balikesir_plan, measured)
    korfez = results[("7.1.2", *KORFEZ)]
    # the region's 2022 target keeps the province's relative change: 85 × 15 / 60 = 21.25
    assert (korfez.base_value, korfez.latest_value) == (15.0, 19.0)
    assert korfez.realization_pct == pytest.approx(19 / 21.25 * 100)  # 89.4 %
    edremit = results[("7.1.2", "district", EDREMIT)]
    assert edremit.realization_pct == pytest.approx(8 / 8.5 * 100)  # target 85 × 6 / 60 = 8.5


def test_korfez_rolls_up_a_sum_and_a_population_weighted_mean(balikesir_plan):
    sewerage = {
        AYVALIK: (90.0, 93.0),
        BURHANIYE: (80.0, 85.0),
        EDREMIT: (95.0, 96.0),
        GOMEC: (60.0, 70.0),
        HAVRAN: (70.0, 78.0),
    }
    measured = {
        ("6.2.1", "district", code): {year: float(value) for year, value in years.items()}
        for code, years in POPULATION.items()
    }
    measured |= {("1.2.1", "district", code): {2019: first, 2023: last} for code, (first, last) in sewerage.items()}
    results, points = evaluate(balikesir_plan, measured)

    population = results[("6.2.1", *KORFEZ)]
    assert population.base_value == 70720 + 60490 + 155837 + 14175 + 27857 == 329079
    assert population.latest_value == 74643 + 65790 + 171700 + 17556 + 28287 == 357976

    weighted_2019 = (70720 * 90 + 60490 * 80 + 155837 * 95 + 14175 * 60 + 27857 * 70) / 329079
    weighted_2023 = (74643 * 93 + 65790 * 85 + 171700 * 96 + 17556 * 70 + 28287 * 78) / 357976
    assert weighted_2019 == pytest.approx(87.5443, abs=1e-4)  # the plain mean would be 79.0
    assert weighted_2023 == pytest.approx(90.6554, abs=1e-4)  # the plain mean would be 84.4
    connected = results[("1.2.1", *KORFEZ)]
    assert connected.base_value == pytest.approx(weighted_2019)
    assert connected.latest_value == pytest.approx(weighted_2023)
    # a rate: the region shares the province's target of 92 %
    assert connected.target_value == 92.0
    assert connected.realization_pct == pytest.approx((weighted_2023 - weighted_2019) / (92 - weighted_2019) * 100)
    assert connected.realization_pct == pytest.approx(69.82, abs=0.01)
    assert points[("1.2.1", *KORFEZ, 2023)].value == pytest.approx(weighted_2023)
    # only Körfez reported: the other regions have nothing, the province sum waits for all 20 districts
    assert results[("6.2.1", "region", "kuzey")].latest_value is None
    assert results[("6.2.1", *PROVINCE)].status == formulas.NOT_AVAILABLE


def test_cumulative_deliveries_add_up_across_districts_despite_gaps(balikesir_plan):
    # pools opened: Edremit 1 in 2020 and 1 in 2022, Ayvalık 1 in 2021, Havran 1 in 2022; nobody
    # else reported. Körfez's running total is the sum of its districts' running totals: 1, 2, 4.
    measured = {
        ("7.1.3", "district", EDREMIT): {2019: 0.0, 2020: 1.0, 2022: 1.0},
        ("7.1.3", "district", AYVALIK): {2019: 0.0, 2021: 1.0},
        ("7.1.3", "district", HAVRAN): {2019: 0.0, 2022: 1.0},
    }
    results, points = evaluate(balikesir_plan, measured)
    assert [points[("7.1.3", *KORFEZ, year)].value for year in (2020, 2021, 2022)] == [1.0, 2.0, 4.0]
    korfez = results[("7.1.3", *KORFEZ)]
    # Körfez holds 5 of the 20 districts: its share of the 20 pools is 5, of the 2022 running total 3
    assert korfez.target_value == pytest.approx(5.0)
    assert korfez.realization_pct == pytest.approx(80.0)  # 4 / 5
    assert korfez.expected_pct == pytest.approx(60.0)  # 3 / 5
    assert korfez.status == formulas.ON_TRACK
    assert results[("7.1.3", "district", EDREMIT)].latest_value == 2.0
    assert results[("7.1.3", *PROVINCE)].latest_value == 4.0
    assert results[("7.1.3", *PROVINCE)].realization_pct == pytest.approx(20.0)  # 4 / 20
