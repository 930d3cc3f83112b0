"""Pure parts of the page and the links: export_link, download_button, the builder's URL logic."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.downloads.links import download_button, export_link
from dashboard.downloads.routes import parse_request
from dashboard.views import downloads as builder
from gosterge.plan import Plan


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(href).query)


def test_export_link(mini_plan: Plan) -> None:
    href = export_link(
        mini_plan,
        "indicators",
        axis="1",
        district=["1203", "2055"],
        from_=2019,
        to=None,
        columns=["indicator_code", "status"],
        lang="en",
    )
    assert href == (
        "/export.csv?plan=mini&level=indicators&axis=1&district=1203&district=2055&from=2019"
        "&columns=indicator_code%2Cstatus&lang=en"
    )
    assert export_link("mini", "goals", file_format="zip").startswith("/export.zip?plan=mini&level=goals")
    with pytest.raises(ValueError, match="unknown file format"):
        export_link("mini", "goals", file_format="pdf")


def test_an_export_link_is_a_valid_request(mini_plan: Plan) -> None:
    href = export_link(
        mini_plan, "measurements", priority="1.2", district="1203", period_from=2015, period_to=2020, dialect="standard"
    )
    request = parse_request({"mini": mini_plan}, query_of(href), "csv")
    assert request.extract.nodes == ((1, "1.2"),) and request.dialect.name == "standard"


def test_download_button() -> None:
    button = download_button("/export.csv?plan=mini&level=goals", "CSV indir", id="goals-csv")
    props = button.to_plotly_json()["props"]
    assert props["href"] == "/export.csv?plan=mini&level=goals" and props["download"] == ""
    assert "no-print" in props["className"] and props["id"] == "goals-csv"


def test_state_href_drops_what_the_level_does_not_use(mini_plan: Plan) -> None:
    href = builder.state_href(
        mini_plan,
        "tr",
        "goals",
        ["1", "1.2", "1.2.1"],
        ["1.2.1.1"],
        ["1203"],
        None,
        None,
        "2019",
        "2020",
        None,
        "excel-tr",
    )
    assert href == "/mini/extract?level=goals&axis=1&priority=1.2&goal=1.2.1&district=1203"


def test_state_href_clears_a_node_no_longer_under_its_parent(mini_plan: Plan) -> None:
    href = builder.state_href(
        mini_plan,
        "en",
        "measurements",
        ["1", "1.1", "1.2.1"],
        ["1.1.1.1", "1.2.1.1"],
        [],
        [],
        [],
        None,
        None,
        ["value", "nonsense"],
        "standard",
    )
    query = query_of(href)
    assert query["priority"] == ["1.1"] and "goal" not in query
    assert query["indicator"] == ["1.1.1.1"]  # 1.2.1.1 is not under priority 1.1
    assert query["columns"] == ["value"] and query["dialect"] == ["standard"] and query["lang"] == ["en"]


def test_state_href_keeps_districts_of_the_chosen_region(mini_plan: Plan) -> None:
    href = builder.state_href(
        mini_plan, "tr", "indicators", [], [], ["1203", "1128"], ["kuzey"], ["district"], None, None, None, None
    )
    assert query_of(href)["district"] == ["1128"]


def test_read_state(mini_plan: Plan) -> None:
    state = builder.read_state(
        mini_plan, {"level": "priorities", "axis": "1", "page": "3", "dialect": "standard", "lang": "en"}
    )
    assert state.extract is not None and state.extract.level == "priorities"
    assert (state.page, state.dialect, state.language) == (3, "standard", "en")
    bad = builder.read_state(mini_plan, {"level": "priorities", "goal": "1.1.1", "dialect": "word"})
    assert bad.extract is None
    assert any("'goal'" in problem for problem in bad.problems) and any("word" in problem for problem in bad.problems)


def test_the_page_links_are_valid_requests(mini_plan: Plan) -> None:
    state = builder.read_state(
        mini_plan, {"level": "indicators", "priority": "1.2", "district": "1203", "dialect": "standard", "lang": "en"}
    )
    links = [component.to_plotly_json()["props"]["href"] for component in builder.downloads(state).children]
    assert [urlparse(link).path for link in links] == ["/export.csv", "/export.zip", "/export.xlsx", "/export.xlsx"]
    for link, file_format in zip(links, ("csv", "zip", "xlsx", "xlsx"), strict=True):
        request = parse_request({"mini": mini_plan}, query_of(link), file_format)
        assert request.extract.districts == ("1203",) and request.extract.language == "en"
    assert parse_request({"mini": mini_plan}, query_of(links[3]), "xlsx").level == "pack"


def test_controls_follow_the_plan_levels(balikesir_plan: Plan) -> None:
    state = builder.read_state(balikesir_plan, {"level": "aims"})

    def label_text(control):  # a label holds its text, or (a pattern-matching id) a span of it and the select
        label = control.children[0].children
        return label if isinstance(label, str) else label[0].children

    labels = [label_text(control) for control in builder.controls(state).children]
    assert labels[:3] == ["Düzey", "Amaç", "Hedef (bu düzeyde kullanılmaz)"]  # a goal filter means nothing here
