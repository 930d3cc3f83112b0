"""Every chart with its text alternative: one sentence that says what the chart shows and the chart's
data as a table, in the page's language.

A figure builder returns a :class:`Chart` (the figure and its :class:`TextAlternative`, built from the
same rows); a view places it with :func:`chart_graph`, the only way a ``dcc.Graph`` reaches a page:

    <figure class="chart" aria-describedby="…-summary">
      <div class="dash-graph">…</div>                         the chart
      <figcaption>
        <p id="…-summary" class="visually-hidden">…</p>       the sentence, read by screen readers
        <details><summary>Tablo olarak göster</summary>       the data, for everyone who opens it
          <table>…</table></details>
      </figcaption>
    </figure>

A chart is drawn when it comes near the view (``lazy``, the default): its place holds the graph's
properties in a store, and assets/lazy-charts.js (an IntersectionObserver) asks the clientside callback
below to put the graph there when the place is within a screen's margin of the view; in a closed fold it
waits until the fold opens. Its sentence and its table are on the page from the start. A graph whose
clicks a server callback answers is drawn at once (``lazy=False``): inserted later, Dash would call
that callback once for nothing.

The table is tied to the figure it describes: each row's ``data-point`` is the point's key in the figure
(a year, an area code or a node code: its ``customdata[0]``, else its ``location``, else its ``x``) and
each value column names the trace it holds (``data-trace``, the trace's ``uid``) and which of the
trace's arrays (``data-axis``: ``x``, ``y``, ``z`` or ``marker.color``), so a test can compare every
drawn value with its cell (tests/dashboard/test_text_alternatives.py).

A table of more than :data:`TABLE_ROWS` rows (a map of Türkiye's 973 districts) is not put on the page:
it was two fifths of the districts page's response and most of its components (issue 16), for a fold
nobody reads through; a line says so, the sentence still names the highest and the lowest, and the page's
league and its download hold every area.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dash import MATCH, ClientsideFunction, Input, Output, State, clientside_callback, dcc, html

from dashboard import ids
from dashboard.attributes import attributes
from dashboard.components.elements import element
from dashboard.components.markup import Markup, markup
from dashboard.figures.common import empty_figure, graph_config
from dashboard.figures.plain import Figure
from dashboard.i18n import t

#: the most rows of a chart's table put on a page (the sunburst of a national plan has ~240)
TABLE_ROWS = 400


@dataclass(frozen=True)
class DataColumn:
    """A column of a chart's table: its header, and the trace (``uid``) and array whose values it holds."""

    header: str
    trace: str | None = None
    axis: str = "y"


@dataclass(frozen=True)
class TextAlternative:
    """What a chart says: ``summary``, one or two sentences; ``columns``, the table's columns after the
    key column (headed ``key_header``); ``rows``, (key, key label, cells) with cells already formatted."""

    summary: str
    key_header: str = ""
    columns: tuple[DataColumn, ...] = ()
    rows: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Chart:
    """A figure and its text alternative, built together by a figure builder (no chart without one)."""

    figure: Figure
    alternative: TextAlternative


def alternative(
    summary: str,
    key_header: str,
    columns: Sequence[DataColumn],
    rows: Sequence[tuple[Any, str, Sequence[str]]],
) -> TextAlternative:
    """A :class:`TextAlternative` from plain sequences (keys written as text: 2014.0 → '2014')."""
    return TextAlternative(
        summary=summary,
        key_header=key_header,
        columns=tuple(columns),
        rows=tuple((key_text(key), name, tuple(cells)) for key, name, cells in rows),
    )


def empty_chart(lang: str, *, message: str | None = None, height: int = 200) -> Chart:
    """Nothing to draw: the figure says so (``message``, default "no data yet"), and so does its text
    alternative."""
    text = message or t("no_data", lang)
    return Chart(empty_figure(text, lang, height=height), TextAlternative(text))


def key_text(key: Any) -> str:
    """A point's key as a table row names it: whole numbers without a decimal part (a year)."""
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "chart"


def _table(text: TextAlternative, caption: str) -> Markup:
    """The chart's points as a table, written as HTML (:mod:`dashboard.components.markup`)."""
    head = html.Thead(
        html.Tr(
            [html.Th(text.key_header, scope="col")]
            + [
                html.Th(
                    column.header,
                    scope="col",
                    className="num",
                    **(attributes(data_trace=column.trace, data_axis=column.axis) if column.trace else {}),
                )
                for column in text.columns
            ]
        )
    )
    body = element(
        html.Tbody,
        [
            element(
                html.Tr,
                [element(html.Th, name, scope="row")] + [element(html.Td, cell, className="num") for cell in cells],
                **attributes(data_point=key),
            )
            for key, name, cells in text.rows
        ],
    )
    return markup(
        html.Div(
            html.Table([head, body], className="table table-sm chart-data"),
            className="table-responsive",
            tabIndex="0",  # a table that scrolls sideways can be scrolled from the keyboard
            role="region",
            **attributes(aria_label=caption),
        )
    )


def chart_graph(
    chart: Chart,
    lang: str,
    *,
    name: str,
    graph_id: str | None = None,
    class_name: str | None = None,
    config: dict[str, Any] | None = None,
    lazy: bool = True,
) -> html.Figure:
    """``chart`` on a page: the graph (``graph_id``, ``class_name``, its config: :func:`graph_config`
    updated by ``config``) with its sentence and its table. ``name`` makes the ids of the page's charts
    unique ("realization", "indicator-1.1.2.2"). ``lazy``: drawn when it comes near the view."""
    text = chart.alternative
    summary_id = f"chart-{_slug(name)}-summary"
    graph: dict[str, Any] = {"figure": chart.figure, "config": {**graph_config(lang), **(config or {})}}
    if class_name:
        graph["className"] = class_name
    if graph_id:
        graph["id"] = graph_id
    drawn = _slot(dcc.Graph(**graph), chart.figure.layout.height, _slug(name)) if lazy else dcc.Graph(**graph)
    caption: list[Any] = [html.P(text.summary, id=summary_id, className="visually-hidden chart-summary")]
    if len(text.rows) > TABLE_ROWS:
        caption.append(html.P(t("chart.table_left_out", lang, count=len(text.rows)), className="small text-muted"))
    elif text.rows:
        caption.append(
            html.Details(
                [html.Summary(t("chart.show_table", lang)), _table(text, text.summary)],
                className="chart-table",
            )
        )
    return html.Figure(
        [drawn, html.Figcaption(caption)],
        className="chart",
        **attributes(aria_describedby=summary_id, data_chart=_slug(name)),
    )


def _slot(graph: dcc.Graph, height: int | None, slug: str) -> html.Div:
    """The place of a chart drawn on approach: as high as the chart will be, the graph waiting in a
    store (as the component's JSON, which the clientside callback puts in the place)."""
    return html.Div(
        [
            dcc.Store(id={"type": ids.CHART_GRAPH, "chart": slug}, data=graph.to_plotly_json()),
            dcc.Store(id={"type": ids.CHART_NEAR, "chart": slug}),
        ],
        id={"type": ids.CHART_SLOT, "chart": slug},
        className="chart-slot",
        style={"minHeight": f"{height}px"} if height else None,
        **attributes(data_chart_slot=slug),
    )


# the graph put in its place when the page's script says the place is near (assets/lazy-charts.js)
clientside_callback(
    ClientsideFunction(namespace="gosterge", function_name="drawChart"),
    Output({"type": ids.CHART_SLOT, "chart": MATCH}, "children"),
    Input({"type": ids.CHART_NEAR, "chart": MATCH}, "data"),
    State({"type": ids.CHART_GRAPH, "chart": MATCH}, "data"),
    prevent_initial_call=True,
)
