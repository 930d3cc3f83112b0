"""The web sends figures built as plain data (dashboard/figures/plain.py: Plotly's figure objects were most of
the cost of a chart), and the tests check each against Plotly (dashboard/figures/common.py, ``CHECKED``): every
page type of both plans, in both languages, rendered with the check on, has each of its figures built again as
a checked Plotly figure that must give the same JSON (a difference raises), and the same body as without it."""

from __future__ import annotations

import json

import pytest

from dashboard.figures import common, plain
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
    compared: list[dict] = []

    def counted(figure: plain.Figure, sent: dict) -> None:
        check(figure, sent)
        compared.append(sent)

    check = plain.checked
    monkeypatch.setattr(plain, "checked", counted)
    monkeypatch.setattr(common, "CHECKED", True)
    checked = fresh(page).data()
    assert len(compared) >= len(figures(checked)), "every figure of the page went through Plotly's check"
    monkeypatch.setattr(common, "CHECKED", False)
    unchecked = fresh(page).data()
    assert json.dumps(unchecked, sort_keys=True) == json.dumps(checked, sort_keys=True)
    assert figures(unchecked) == figures(checked)


def test_the_tests_build_figures_checked():
    assert common.CHECKED, "tests/conftest.py sets GOSTERGE_CHECK_FIGURES=1 before the dashboard is imported"
