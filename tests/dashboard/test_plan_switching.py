"""Every page, link and export knows its plan: a URL for one plan never shows the other's data.

Each page of each plan is rendered through its Dash layout (as a browser
request would) against the shared two-plan warehouse; every link on it must
stay in that plan (a path under /<plan>/, or an export with plan=<plan>), and
the other plan's codes must give the not-found view.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import dash
import pytest
from dash._utils import to_json

from dashboard import shell
from tests.support.dashboard_app import BALIKESIR, IZMIR

#: page module → keyword arguments of its layout, per plan
PAGES = {
    IZMIR: [
        ("overview", {}),
        ("node", {"node_code": "1.1"}),
        ("node", {"node_code": "1.1.1"}),
        ("indicator", {"indicator_code": "1.1.1.1"}),
        ("districts", {}),
        ("district", {"district_code": "1203"}),
        ("search", {"q": "ihracat"}),
        ("monitoring", {"year": "2018"}),
        ("downloads", {}),
    ],
    BALIKESIR: [
        ("overview", {}),
        ("node", {"node_code": "A7"}),
        ("node", {"node_code": "7.1", "region": "korfez"}),
        ("indicator", {"indicator_code": "7.1.3"}),
        ("districts", {}),
        ("district", {"district_code": "1294"}),
        ("search", {"q": "spor"}),
        ("monitoring", {"year": "2022", "region": "korfez"}),
        ("downloads", {}),
    ],
}
OTHER = {IZMIR: BALIKESIR, BALIKESIR: IZMIR}


def layout_of(name: str, **kwargs: Any) -> Any:
    """A page as the browser receives it: plain JSON (page bodies may already be JSON data)."""
    for module, page in dash.page_registry.items():
        if module.split(".")[-1] == name:
            return json.loads(to_json(page["layout"](**kwargs)))
    raise KeyError(name)


def components(tree: Any) -> Iterator[dict[str, Any]]:
    """Every component (a dict with ``props``) in a JSON component tree."""
    if isinstance(tree, list):
        for item in tree:
            yield from components(item)
    elif isinstance(tree, dict):
        if "props" in tree and "type" in tree:
            yield tree
        for value in tree.values():
            yield from components(value)


def links(tree: Any) -> list[str]:
    return [item["props"]["href"] for item in components(tree) if isinstance(item["props"].get("href"), str)]


def has_class(tree: Any, name: str) -> bool:
    return any(name in str(item["props"].get("className") or "").split() for item in components(tree))


def text_of(tree: Any) -> str:
    return " ".join(
        str(item["props"]["children"])
        for item in components(tree)
        if isinstance(item["props"].get("children"), (str, int, float))
    )


def belongs_to(href: str, plan_code: str) -> bool:
    parsed = urlparse(href)
    if parsed.scheme or parsed.netloc:
        return True  # external references (sources), not views of a plan
    if parsed.path.startswith(f"/{plan_code}"):
        return True
    plans = parse_qs(parsed.query).get("plan")
    return plans == [plan_code]


@pytest.mark.parametrize("plan_code", [IZMIR, BALIKESIR])
def test_every_link_on_every_page_stays_in_its_plan(app_context, plan_code):
    checked = 0
    for name, kwargs in PAGES[plan_code]:
        page = layout_of(name, plan_code=plan_code, **kwargs)
        assert not has_class(page, "not-found"), (name, kwargs)
        assert not has_class(page, "error-view"), (name, kwargs)
        hrefs = links(page)
        strays = [href for href in hrefs if not belongs_to(href, plan_code)]
        assert not strays, (name, kwargs, strays)
        assert OTHER[plan_code] not in text_of(page)
        checked += len(hrefs)
    assert checked > 100
    navbar = json.loads(to_json(shell.render_navbar(f"/{plan_code}/monitoring", "?year=2020")))
    nav_links = [href for href in links(navbar) if "lang=" not in href]
    assert nav_links and all(href.startswith(f"/{plan_code}") for href in nav_links)


def test_the_other_plans_codes_are_not_found_not_borrowed(app_context):
    cases = [
        (IZMIR, "district", {"district_code": "1294"}),  # Edremit is Balıkesir's
        (IZMIR, "node", {"node_code": "A7"}),  # an aim of Balıkesir
        (IZMIR, "districts", {"region": "korfez"}),  # İzmir has no regions
        (IZMIR, "monitoring", {"year": "2024"}),  # after İzmir's plan period
        (BALIKESIR, "indicator", {"indicator_code": "1.1.1.1"}),  # an İzmir indicator code
        (BALIKESIR, "district", {"district_code": "1203"}),  # Bornova
        (BALIKESIR, "monitoring", {"year": "2018"}),  # before Balıkesir's plan period
        (BALIKESIR, "monitoring", {"region": "ege"}),
    ]
    for plan_code, name, kwargs in cases:
        page = layout_of(name, plan_code=plan_code, **kwargs)
        assert has_class(page, "not-found"), (plan_code, name, kwargs)
        assert all(belongs_to(href, plan_code) for href in links(page))


def test_switching_plans_lands_on_the_other_plans_overview(app_context):
    for here, there in ((IZMIR, BALIKESIR), (BALIKESIR, IZMIR)):
        assert shell.plan_switch_href(there, f"/{here}/monitoring", "?year=2020&lang=en") == f"/{there}?lang=en"
        with pytest.raises(dash.exceptions.PreventUpdate):
            shell.plan_switch_href(here, f"/{here}/node/1.1", "")


def test_the_monitoring_download_link_names_the_pages_plan_year_and_area(app_context):
    page = layout_of("monitoring", plan_code=BALIKESIR, year="2021", region="korfez", lang="en")
    downloads = [href for href in links(page) if href.startswith("/monitoring.xlsx")]
    assert downloads == [f"/monitoring.xlsx?plan={BALIKESIR}&year=2021&region=korfez&lang=en"]
