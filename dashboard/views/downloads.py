"""The extract builder page: /<plan>/extract?level=…&axis=…&district=…&from=…&to=…&dialect=…&page=…

Its whole state is the query string (the same parameters as the export
routes, plus ``page`` for the preview); every control writes a new URL
(:func:`state_href`) and the page is rendered again from it (:func:`read_state`,
:func:`render`). The preview runs the same query as the download, one page at
a time, and shows the cells exactly as the chosen dialect writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.attributes import attributes
from dashboard.components.download_controls import controls, downloads, text
from dashboard.context import get_context
from dashboard.downloads.cells import format_column
from dashboard.downloads.dialects import DEFAULT_DIALECT, DIALECTS
from dashboard.downloads.labels import header
from dashboard.i18n import format_number
from dashboard.state import Query, read_language
from gosterge.language import DEFAULT_LANGUAGE
from gosterge.plan.model import Plan
from warehouse.downloads.columns import available_columns, column_keys
from warehouse.downloads.extracts import build_extract, preview
from warehouse.downloads.filter import (
    AREA_LEVELS,
    MEASUREMENTS,
    ExtractFilter,
    ExtractFilterError,
    extract_levels,
    level_parameters,
    node_parameters,
    parse_filter,
)

PAGE_SIZE = 20
PAGE_PARAMETERS = ("dialect", "page")


@dataclass(frozen=True)
class ExtractState:
    """What the page shows: the validated extract (None when the URL was not understood). The
    extract's own parameters are read and written by :mod:`warehouse.downloads.filter` (the same
    parser as the download routes), the page's by :class:`dashboard.state.Query`."""

    plan: Plan
    language: str
    extract: ExtractFilter | None
    dialect: str = DEFAULT_DIALECT
    page: int = 1
    problems: tuple[str, ...] = ()


def read_state(plan: Plan, query: dict[str, Any]) -> ExtractState:
    """The page's state from its URL query (values as Dash gives them: text, or lists when repeated)."""
    parameters = {name: value if isinstance(value, list) else [str(value)] for name, value in query.items()}
    parameters["plan"] = [plan.code]
    values = Query(query)
    language = read_language(query)
    problems: list[str] = []
    dialect = values.text("dialect") or DEFAULT_DIALECT
    if dialect not in DIALECTS:
        problems.append(f"unknown dialect {dialect!r} (known: {', '.join(DIALECTS)})")
        dialect = DEFAULT_DIALECT
    page = values.whole_number("page") or 1
    try:
        extract: ExtractFilter | None = parse_filter(
            {plan.code: plan}, parameters, available_columns=column_keys(plan), other_parameters=PAGE_PARAMETERS
        )
    except ExtractFilterError as error:
        extract, problems = None, problems + error.problems
    return ExtractState(plan, language, extract, dialect, page, tuple(problems))


def page_href(plan_code: str, items: list[tuple[str, str]]) -> str:
    return f"/{plan_code}/extract?{urlencode(items)}" if items else f"/{plan_code}/extract"


def state_href(
    plan: Plan,
    language: str,
    level: str | None,
    nodes: list[str | None],
    indicators: list[str] | None,
    districts: list[str] | None,
    regions: list[str] | None,
    areas: list[str] | None,
    year_from: str | None,
    year_to: str | None,
    columns: list[str] | None,
    dialect: str | None,
) -> str:
    """The page's URL for the controls' values: parameters the level does not use are dropped,
    a node that is no longer under the node above it is cleared, the preview goes back to page 1."""
    level = level if level in extract_levels(plan) else MEASUREMENTS
    understood = set(level_parameters(plan, level))
    names = node_parameters(plan)
    items: list[tuple[str, str]] = [("level", level)]
    parent: str | None = None
    deepest: str | None = None
    for depth, code in enumerate(nodes[: len(names)]):
        if not code or names[depth] not in understood or code not in plan.nodes:
            continue
        if parent is not None and parent not in {node.code for node in plan.ancestors(code)}:
            continue
        items.append((names[depth], code))
        parent = deepest = code
    under = {item.code for item in plan.indicators_under(deepest)} if deepest else set(plan.indicators)
    if "indicator" in understood:
        items += [("indicator", code) for code in indicators or [] if code in under]
    if "region" in understood:
        items += [("region", code) for code in regions or [] if code in plan.regions]
    if "district" in understood:
        chosen = [code for code in districts or [] if code in plan.districts]
        if regions:
            chosen = [code for code in chosen if plan.districts[code].region in regions]
        items += [("district", code) for code in chosen]
    if "area" in understood:
        items += [("area", area) for area in areas or [] if area in AREA_LEVELS]
    if "from" in understood and year_from:
        items.append(("from", year_from))
    if "to" in understood and year_to:
        items.append(("to", year_to))
    known = {column.key for column in available_columns(plan, level)}
    chosen_columns = [key for key in columns or [] if key in known]
    if chosen_columns:
        items.append(("columns", ",".join(chosen_columns)))
    if dialect and dialect != DEFAULT_DIALECT:
        items.append(("dialect", dialect))
    if language != DEFAULT_LANGUAGE:
        items.append(("lang", language))
    return page_href(plan.code, items)


def preview_table(state: ExtractState) -> html.Div:
    """One page of the extract, formatted as the file will be, with a pager."""
    plan, language, extract = state.plan, state.language, state.extract
    if extract is None:
        return html.Div(id=ids.EXTRACT_PREVIEW)
    query = build_extract(plan, extract)
    offset = (state.page - 1) * PAGE_SIZE
    with get_context().reader.connect() as connection:
        rows, total = preview(connection, query, limit=PAGE_SIZE, offset=offset)
    if total == 0:
        return html.Div(html.P(text("no_rows", language), className="text-muted"), id=ids.EXTRACT_PREVIEW)
    dialect = DIALECTS[state.dialect]
    cells = [
        format_column(rows.column(index), column, plan, dialect, language).to_pylist()
        for index, column in enumerate(query.columns)
    ]
    table = dbc.Table(
        [
            html.Thead(html.Tr([html.Th(header(plan, column.key, language), scope="col") for column in query.columns])),
            html.Tbody([html.Tr([html.Td(value) for value in row]) for row in zip(*cells, strict=True)]),
        ],
        bordered=True,
        hover=True,
        size="sm",
        className="extract-preview-table",
    )
    table = html.Div(
        table,
        className="table-responsive",
        tabIndex="0",
        role="region",
        **attributes(aria_label=text("preview", language)),
    )
    last = min(offset + PAGE_SIZE, total)
    counts = text(
        "rows",
        language,
        first=format_number(offset + 1, language),
        last=format_number(last, language),
        total=format_number(total, language),
    )
    base = _state_items(plan, extract, state)
    pager = html.Div(
        [
            dcc.Link(
                text("previous", language),
                href=page_href(plan.code, [*base, ("page", str(state.page - 1))]),
                className="btn btn-sm btn-outline-secondary" + (" disabled" if state.page <= 1 else ""),
                id="extract-previous",
            ),
            html.Span(counts, className="small text-muted mx-2", id="extract-counts"),
            dcc.Link(
                text("next", language),
                href=page_href(plan.code, [*base, ("page", str(state.page + 1))]),
                className="btn btn-sm btn-outline-secondary" + (" disabled" if last >= total else ""),
                id="extract-next",
            ),
        ],
        className="extract-pager no-print d-flex align-items-center my-2",
    )
    return html.Div([pager, table], id=ids.EXTRACT_PREVIEW)


def _state_items(plan: Plan, extract: ExtractFilter, state: ExtractState) -> list[tuple[str, str]]:
    items = [(name, value) for name, value in extract.query_items(plan) if name not in ("plan", "lang")]
    if state.dialect != DEFAULT_DIALECT:
        items.append(("dialect", state.dialect))
    if state.language != DEFAULT_LANGUAGE:
        items.append(("lang", state.language))
    return items


def drawn_href(state: ExtractState) -> str:
    """The URL the controls give as they are drawn for ``state``: :func:`state_href` of their values.
    The page's callback navigates only when the controls give another URL, so a person's change is
    never taken for a redraw (nor merged into one), and a URL the page could not read stays as typed."""
    plan = state.plan
    extract = state.extract or ExtractFilter(plan_code=plan.code, level=MEASUREMENTS, language=state.language)
    chosen = dict(extract.nodes)
    return state_href(
        plan,
        state.language,
        extract.level,
        [chosen.get(depth) for depth in range(len(node_parameters(plan)))],
        list(extract.indicators),
        list(extract.districts),
        list(extract.regions),
        list(extract.area_levels),
        None if extract.period_from is None else str(extract.period_from),
        None if extract.period_to is None else str(extract.period_to),
        list(extract.columns),
        state.dialect,
    )


def render(state: ExtractState) -> html.Div:
    plan, language = state.plan, state.language
    problems = None
    if state.problems:
        problems = dbc.Alert(
            [
                html.P(text("problems", language), className="mb-1"),
                html.Ul([html.Li(problem) for problem in state.problems]),
            ],
            color="warning",
            id=ids.EXTRACT_PROBLEMS,
        )
    return html.Div(
        [
            html.Div(
                [
                    html.Div(plan.text(language), className="card-kicker"),
                    html.H1(text("title", language), className="h3"),
                    html.P(text("intro", language), className="text-muted small no-print"),
                ],
                className="page-heading",
            ),
            problems,
            controls(state),
            dcc.Store(id=ids.EXTRACT_DRAWN, data=drawn_href(state)),
            downloads(state),
            html.H2(text("preview", language), className="h5 mt-3"),
            preview_table(state),
        ],
        className="extract-page",
    )
