"""dashboard/components/elements.py makes components without Dash's checks after the first of a kind: every
kind the pages make that way must give the very JSON Dash's own constructor gives, keep its own values
apart from the others', and still refuse a property the component does not take. A Dash upgrade that
changes what a constructor sets fails here, not on a page."""

from __future__ import annotations

import json

import pytest
from dash import dcc, html
from plotly.utils import PlotlyJSONEncoder

from dashboard.attributes import attributes
from dashboard.components.elements import element

#: (kind, children, properties) as the pages make them (tables, badges, tiles, the district list)
MADE = [
    (html.Td, "12,5", {"className": "num", **attributes(data_status="on_track", data_label="Yolunda")}),
    (html.Tr, [html.Td("a"), html.Td("b")], {"className": "row"}),
    (html.Tbody, [html.Tr(html.Td("a"))], {}),
    (html.Span, "✔", {"className": "badge status-achieved", "title": "Hedefe ulaşıldı"}),
    (html.Span, None, {"className": "indicator-icon", **attributes(aria_hidden="true")}),
    (html.Div, [html.Span("x")], {"className": "goal-tile", "id": {"type": "tile", "code": "1.1.1"}}),
    (html.Abbr, "TSİ", {"title": "Türkiye saati"}),
    (html.Em, "yok", {}),
    (html.Small, "2024", {"className": "text-muted"}),
    (html.Li, "Aliağa", {"className": "district-item"}),
    (html.Ul, [html.Li("a")], {"className": "district-list"}),
    (dcc.Link, "Aliağa", {"href": "/izmir-2014-2023/district/1128", "className": "district-link"}),
]


def as_json(component) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(component, cls=PlotlyJSONEncoder, sort_keys=True)


@pytest.mark.parametrize(
    ("kind", "children", "props"), MADE, ids=[f"{kind.__name__}-{i}" for i, (kind, _, _) in enumerate(MADE)]
)
def test_a_component_made_in_bulk_is_the_one_dash_makes(kind, children, props) -> None:
    first = element(kind, children, **props)  # Dash's own constructor, once for these names
    second = element(kind, children, **props)  # made without the checks
    expected = as_json(kind(children, **props))
    assert as_json(first) == expected and as_json(second) == expected
    assert type(second) is kind


def test_values_stay_apart_and_unknown_names_are_refused() -> None:
    one = element(html.Td, "1", className="a")
    other = element(html.Td, "2", className="b")
    assert (one.children, one.className) == ("1", "a") and (other.children, other.className) == ("2", "b")
    other.className = "c"
    assert one.className == "a"
    with pytest.raises(TypeError):
        element(html.Td, "x", not_a_property=1)
