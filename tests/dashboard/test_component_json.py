"""Page bodies are turned into JSON by dashboard/live.py's own encoder (``component_json`` for each component,
cheaper than Dash's ``to_plotly_json``): for every page type of both plans, in both languages, the JSON is the
data Dash's own encoder makes of the same components."""

from __future__ import annotations

import json

import pytest
from dash.development.base_component import Component
from plotly.io.json import to_json_plotly

from dashboard import live
from tests.dashboard.test_page_cache import PAGES, Page


def components(node: object) -> list[Component]:
    """Every component in a tree of components, lists and dicts (children and component-valued properties)."""
    found: list[Component] = []

    def walk(value: object) -> None:
        if isinstance(value, Component):
            found.append(value)
            for name in value._prop_names:
                walk(getattr(value, name, None))
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(node)
    return found


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_a_bodys_json_is_what_dash_makes_of_it(page: Page, app_context):
    tree = page.module.render(page.view())
    found = components(tree)
    assert len(found) > 20
    for component in found:
        assert live.component_json(component) == component.to_plotly_json()
    assert json.loads(live.render_body(lambda _view: tree, page.view())) == json.loads(to_json_plotly(tree))
