"""Province → region → district on the districts page, against the shared two-plan warehouse."""

import pandas as pd
import pytest
from dash import dcc

from dashboard import shell
from dashboard.geography import regions as region_geography
from dashboard.i18n import format_value
from dashboard.state import NotFound, Query
from dashboard.views import districts, regions
from tests.support.components import find, text_of, walk
from tests.support.dashboard_app import BALIKESIR, IZMIR
from warehouse.queries.regions import region_members, region_spread_over_time

KORFEZ = ["1161", "1216", "1294", "1384", "1928"]  # Ayvalık, Burhaniye, Edremit, Havran, Gömeç


def graph(component, graph_id="district-map"):
    return next(item for item in walk(component) if isinstance(item, dcc.Graph) and item.id == graph_id)


def progress(app_context, indicator, area_level):
    with app_context.reader.connect() as connection:
        return (
            connection.execute(
                "select area_code, latest_value, realization_pct, expected_pct, status from indicator_progress "
                "where plan_code = ? and indicator_code = ? and area_level = ?",
                [BALIKESIR, indicator, area_level],
            )
            .df()
            .set_index("area_code")
        )


def test_the_geography_is_read_from_the_url(app_context):
    plan = app_context.plans[BALIKESIR]
    assert regions.read_geography(plan, Query({}), "tr") == ("district", None)
    assert regions.read_geography(plan, Query({"level": "region"}), "tr") == ("region", None)
    assert regions.read_geography(plan, Query({"region": "korfez", "level": "region"}), "tr") == ("district", "korfez")
    with pytest.raises(NotFound):
        regions.read_geography(plan, Query({"region": "ege"}), "tr")
    with pytest.raises(NotFound):
        regions.read_geography(app_context.plans[IZMIR], Query({"level": "region"}), "tr")
    view = districts.read(BALIKESIR, indicator="1.2.1", region="korfez", map="tiles")
    assert view.href(show="value") == (f"/{BALIKESIR}/districts?indicator=1.2.1&show=value&map=tiles&region=korfez")


def test_the_region_map_colours_each_district_by_its_region_and_opens_regions(app_context):
    view = districts.read(BALIKESIR, indicator="1.2.1", level="region")
    page = districts.render(view)
    figure = graph(page).figure
    expected = progress(app_context, "1.2.1", "region")["realization_pct"]
    shown = []  # (region, colour value) of every district shape (choropleth) or tile (tile grid)
    for trace in figure.data:
        colours = trace.z if trace.type == "choropleth" else trace.marker.color
        shown += [(region, value) for (region,), value in zip(trace.customdata, colours, strict=True)]
    assert pd.Series([region for region, _ in shown]).value_counts().to_dict() == {
        "kuzey": 6,
        "guney": 6,
        "korfez": 5,
        "merkez": 3,
    }
    for region, value in shown:
        assert value == pytest.approx(expected[region])
    league = [row.to_plotly_json()["props"]["data-key"] for row in find(page, attribute=("data-key", None))]
    assert sorted(league) == ["guney", "korfez", "kuzey", "merkez"]
    assert "Bölge sıralaması" in text_of(page) and "Bölgeler arası fark zaman içinde" in text_of(page)
    click = {"points": [{"customdata": ["korfez"]}]}
    assert shell.map_click_href(click, f"/{BALIKESIR}/districts", "?indicator=1.2.1&level=region") == (
        f"/{BALIKESIR}/districts?indicator=1.2.1&region=korfez"
    )


def test_a_region_lists_its_districts_and_opens_them(app_context):
    view = districts.read(BALIKESIR, indicator="1.2.1", region="korfez", show="value")
    page = districts.render(view)
    values = progress(app_context, "1.2.1", "district")
    figure = graph(page).figure
    drawn = sorted(code for trace in figure.data for (code,) in trace.customdata)
    assert drawn == sorted(KORFEZ)
    league_rows = [row.to_plotly_json()["props"]["data-key"] for row in find(page, attribute=("data-key", None))]
    assert sorted(league_rows) == sorted(KORFEZ)
    best = values.loc[KORFEZ, "latest_value"].idxmax()  # higher is better for 1.2.1
    assert league_rows[0] == best
    links = {item.href for item in walk(page) if isinstance(item, dcc.Link)}
    assert {f"/{BALIKESIR}/district/{code}" for code in KORFEZ} <= links
    region = progress(app_context, "1.2.1", "region").loc["korfez"]
    summary = find(page, attribute=("data-section", "region-summary"))[0]
    assert f"{region['realization_pct']:.1f}".replace(".", ",") in text_of(summary)
    click = {"points": [{"customdata": ["1294"]}]}
    assert shell.map_click_href(click, f"/{BALIKESIR}/districts", "?region=korfez") == f"/{BALIKESIR}/district/1294"


def test_the_spread_across_a_regions_districts(app_context):
    with app_context.reader.connect() as connection:
        spread = region_spread_over_time(connection, plan=BALIKESIR, indicator="1.2.1", region="korfez")
        yearly = connection.execute(
            "select area_code, year, value from indicator_yearly where plan_code = ? and indicator_code = '1.2.1' "
            "and area_level = 'district' and value is not null",
            [BALIKESIR],
        ).df()
        members = region_members(connection, plan=BALIKESIR)
    assert members.groupby("region_code").size().to_dict() == {"guney": 6, "korfez": 5, "kuzey": 6, "merkez": 3}
    korfez = yearly[yearly["area_code"].isin(KORFEZ)].groupby("year")["value"]
    year = int(spread["year"].iloc[-1])
    last = spread.set_index("year").loc[year]
    assert last["areas"] == korfez.count()[year]
    assert last["spread"] == pytest.approx(korfez.max()[year] - korfez.min()[year])
    assert last["variation"] == pytest.approx(korfez.std(ddof=0)[year] / abs(korfez.mean()[year]))


def test_pure_helpers():
    league = pd.DataFrame(
        {"area_code": ["a", "b", "c", "d"], "value": [5.0, 9.0, None, 7.0], "realization_pct": [50.0, 90.0, None, 70.0]}
    )
    ranked = region_geography.within_region(league, ["a", "c", "d"], sign=-1, measure="value")  # lower is better
    assert list(ranked["area_code"]) == ["a", "d", "c"]
    assert list(ranked["rank"].fillna(0)) == [1, 2, 0] and list(ranked["gap_to_best"].fillna(-1)) == [0, 2, -1]


def test_izmir_keeps_its_single_step_geography(app_context):
    page = districts.render(districts.read(IZMIR))
    assert not find(page, class_name="level-switch")
    assert not find(page, attribute=("data-level", None))


def test_the_regions_league_without_an_indicator_is_headed_as_the_regions(app_context):
    page = districts.render(districts.read(BALIKESIR, level="region"))
    (equity,) = find(page, attribute=("data-section", "equity"))
    assert text_of(equity).startswith("Bölge sıralaması")  # it lists regions, not districts
    region = districts.render(districts.read(BALIKESIR, region="korfez"))
    (equity,) = find(region, attribute=("data-section", "equity"))
    assert text_of(equity).startswith("İlçe sıralaması")


def test_the_districts_pages_region_summary_gives_values_to_the_indicators_precision(app_context):
    page = districts.render(districts.read(BALIKESIR, indicator="1.1.1"))  # km: one decimal
    (summary,) = find(page, attribute=("data-section", "regions"))
    values = progress(app_context, "1.1.1", "region")["latest_value"]
    cells = text_of(summary)
    assert all(format_value(value, "tr", 1) in cells for value in values)
    assert not any(f"{value:.2f}".replace(".", ",") in cells for value in values if round(value, 1) != round(value, 2))
