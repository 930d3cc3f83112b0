"""Parts written as HTML by the server (dashboard/components/markup.py): escaped, faithful, and refused
where Dash's own components are needed."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from dash import dcc, html

from dashboard.attributes import attributes
from dashboard.components.markup import Markup, html_of, markup
from dashboard.components.tiles import goal_tile_groups
from dashboard.live import encode
from gosterge.plan import Plan
from tests.support.components import find, parsed, text_of, walk


def normal(component: Any) -> Any:
    """A component tree as plain data (type, props without unset ones, children as a list), to compare a
    tree with the one read back from its HTML."""
    if component is None:
        return None
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        items = [normal(item) for item in component]
        return [item for item in items if item is not None]
    data = component.to_plotly_json()
    props = {  # an attribute is text in HTML: a number as its text
        name: str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
        for name, value in data["props"].items()
        if value is not None and name != "children"
    }
    children = normal(getattr(component, "children", None))
    return {
        "type": data["type"],
        "props": props,
        "children": children if isinstance(children, list) else ([] if children is None else [children]),
    }


def test_text_and_attributes_are_escaped():
    hostile = '<script>alert("x")</script> & "quoted" \'single\''
    written = html_of(html.Div(html.Span(hostile, title=hostile), className='a"b', **attributes(data_x="<x>")))
    assert "<script>" not in written
    assert written == (
        '<div class="a&quot;b" data-x="&lt;x&gt;"><span title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; '
        '&amp; &quot;quoted&quot; &#x27;single&#x27;">&lt;script&gt;alert("x")&lt;/script&gt; &amp; "quoted" '
        "'single'</span></div>"
    )
    (div,) = parsed(written)
    assert div.className == 'a"b' and div.children[0].title == hostile and div.children[0].children == [hostile]


def test_links_styles_numbers_and_booleans():
    tree = html.Div(
        [
            dcc.Link("Hedef 1.1", href="/izmir-2014-2023/node/1.1?district=1128&lang=en", className="goal"),
            html.A("TÜİK", href="https://data.tuik.gov.tr", target="_blank", rel="noopener"),
            html.Div(className="bar-fill", style={"width": "42.5%", "backgroundColor": "#fff"}),
            html.Td(7, colSpan=2, className="num"),
            html.Details([html.Summary("Tablo")], open=True),
            html.Div("gizli", hidden=True),
            html.Br(),
        ]
    )
    written = html_of(tree)
    assert '<a class="goal" href="/izmir-2014-2023/node/1.1?district=1128&amp;lang=en" data-app-link>Hedef' in written
    assert '<a href="https://data.tuik.gov.tr" rel="noopener" target="_blank">TÜİK</a>' in written
    assert 'style="width:42.5%;background-color:#fff"' in written
    assert '<td class="num" colspan="2">7</td>' in written
    assert "<details open><summary>Tablo</summary></details>" in written
    assert "<div hidden>gizli</div><br></div>" in written
    # a link that loads the page afresh stays a plain link: the app's script leaves it to the browser
    assert html_of(dcc.Link("Yenile", href="/izmir-2014-2023", refresh=True)) == '<a href="/izmir-2014-2023">Yenile</a>'
    (back,) = parsed(written)
    assert normal(back) == normal(tree)


@pytest.mark.parametrize(
    ("component", "reason"),
    [
        (html.Div(dcc.Graph(figure={})), "needs Dash's own component"),
        (html.Div(id={"type": "chart", "index": 1}), "needs Dash's own component"),
        (html.Div(n_clicks=0, contentEditable="true"), "contentEditable cannot be written"),
        (dcc.Link("x", href="javascript:alert(1)"), "only this site"),
        (html.A("x", href=" JavaScript:alert(1)"), "only this site"),
        (html.A("x", href="//evil.example/izmir"), "only this site"),
        (html.A("x", href="/\\evil.example/izmir"), "only this site"),
        (dcc.Link("x", href="https://evil.example/"), "only this site"),
    ],
)
def test_what_needs_dash_is_refused(component, reason):
    with pytest.raises(ValueError, match=reason):
        html_of(component)


def test_the_goal_tiles_read_back_as_the_tree_they_were_written_from(izmir_plan: Plan):
    """Every goal of İzmir's plan as a tile: the HTML sent holds exactly the components the builder made
    (the tests that search pages for tiles, links and badges read it back the same way)."""
    goals = izmir_plan.goals()
    tiles = pd.DataFrame(
        {
            "node_code": [goal.code for goal in goals],
            "title_tr": [f"{goal.title_tr} <b>&</b>" for goal in goals],
            "title_en": [goal.title_en for goal in goals],
            "provenance": [goal.provenance for goal in goals],
            "status": ["on_track", "off_track", "not_available"] * (len(goals) // 3) + ["moderate"] * (len(goals) % 3),
            "trend": ["up"] * len(goals),
            "realization_pct": [float(index) for index in range(len(goals))],
            "expected_pct": [50.0] * len(goals),
            "group_code": [goal.parent_code for goal in goals],
            "group_title_tr": ["Öncelik"] * len(goals),
            "group_title_en": ["Priority"] * len(goals),
            "group_provenance": ["official"] * len(goals),
        }
    )
    written = goal_tile_groups(tiles, izmir_plan, "tr")
    assert isinstance(written, Markup)
    assert "<b>" not in written.html and "&lt;b&gt;&amp;&lt;/b&gt;" in written.html
    cells = find(written, class_name="goal-tile-cell")
    assert [cell.to_plotly_json()["props"]["data-goal"] for cell in cells] == [goal.code for goal in goals]
    links = [item for item in walk(written) if isinstance(item, dcc.Link)]
    assert {link.href for link in links} >= {f"/izmir-2014-2023/node/{goal.code}" for goal in goals}
    assert f"{goals[0].title_tr} <b>&</b>" in text_of(written)
    # what the browser gets: one component, its HTML a string in the page's JSON
    sent = encode(written)
    assert b'"namespace":"gosterge"' in sent and b'"type":"Markup"' in sent


def test_children_are_written_as_react_draws_them():
    """React draws neither None nor a boolean, and a number as JavaScript writes it (Dash sends 1.0 as 1)."""
    assert html_of(html.Span([None, True, False, 1.0, 2.5, 3, float("nan"), "a"])) == "<span>12.53a</span>"


def test_a_markup_component_is_one_element(izmir_plan: Plan):
    part = markup(html.Div([html.Span("a"), html.Span("b")]))
    assert part.to_plotly_json() == {
        "type": "Markup",
        "namespace": "gosterge",
        "props": {"html": "<div><span>a</span><span>b</span></div>", "className": "markup"},
    }
