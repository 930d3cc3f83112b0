"""The web builds figures unchecked (dashboard/figures/common.py, ``CHECKED``: Plotly's property checks are
about half the cost of building a figure), the tests build them checked: every page type of both plans,
in both languages, rendered both ways, gives the same body, figure for figure."""

from __future__ import annotations

import json

import pytest

from dashboard.figures import common
from tests.dashboard.test_page_cache import PAGES, Page, fresh


def figures(body: object) -> list[object]:
    """The figures in a rendered body (every dcc.Graph's ``figure``)."""
    found: list[object] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Graph":
                found.append(node.get("props", {}).get("figure"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(body)
    return found


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_a_page_is_the_same_with_figures_checked_or_not(page: Page, app_context, monkeypatch):
    monkeypatch.setattr(common, "CHECKED", True)
    checked = fresh(page)
    monkeypatch.setattr(common, "CHECKED", False)
    unchecked = fresh(page)
    assert json.dumps(unchecked, sort_keys=True) == json.dumps(checked, sort_keys=True)
    assert figures(unchecked) == figures(checked)


def test_the_tests_build_figures_checked():
    assert common.CHECKED, "tests/conftest.py sets GOSTERGE_CHECK_FIGURES=1 before the dashboard is imported"
