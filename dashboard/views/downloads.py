"""The extract builder page: /<plan>/extract?level=…&axis=…&district=…&from=…&to=…&dialect=…&page=…

Its whole state is the query string (the same parameters as the export
routes, plus ``page`` for the preview); every control writes a new URL
(:func:`state_href`) and the page is rendered again from it (:func:`read_state`,
:func:`render`). The preview runs the same query as the download, one page at
a time, and shows the cells exactly as the chosen dialect writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import urls
from dashboard.context import get_context
from dashboard.downloads.cells import format_column
from dashboard.downloads.dialects import DEFAULT_DIALECT, DIALECTS
from dashboard.downloads.labels import AREA_LABELS, header, level_label, pick
from dashboard.downloads.links import EXPORT_PATHS, download_button, export_query
from dashboard.i18n import format_number
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

# component ids
LEVEL = "extract-level"
NODE = "extract-node"  # pattern: {"type": NODE, "depth": d}
INDICATOR = "extract-indicator"
DISTRICT = "extract-district"
REGION = "extract-region"
AREA = "extract-area"
YEAR_FROM = "extract-from"
YEAR_TO = "extract-to"
COLUMNS = "extract-columns"
DIALECT = "extract-dialect"
PREVIEW = "extract-preview"
PROBLEMS = "extract-problems"
DOWNLOADS = "extract-downloads"
DOWNLOAD_IDS = {
    "csv": "extract-download-csv",
    "zip": "extract-download-zip",
    "xlsx": "extract-download-xlsx",
    "pack": "extract-download-pack",
}

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Veri indir", "Download data"),
    "intro": (
        "Bir düzey ve süzgeçler seçin; önizleme indirilecek dosyanın ilk satırlarını gösterir. "
        "Bu sayfanın adresi seçimi saklar: paylaşılabilir, yer imi olarak kaydedilebilir.",
        "Choose a level and filters; the preview shows the first rows of the file you will download. "
        "This page's address keeps the choice: share it or bookmark it.",
    ),
    "level": ("Düzey", "Level"),
    "indicator": ("Gösterge", "Indicator"),
    "district": ("İlçe", "District"),
    "region": ("Bölge", "Region"),
    "area": ("Alan düzeyi", "Area level"),
    "from": ("İlk yıl", "From year"),
    "to": ("Son yıl", "To year"),
    "columns": ("Sütunlar (boş: tümü)", "Columns (empty: all)"),
    "dialect": ("Dosya biçimi", "File format"),
    "all": ("Tümü", "All"),
    "preview": ("Önizleme", "Preview"),
    "rows": ("{first}–{last}. satırlar, toplam {total}", "rows {first}–{last} of {total}"),
    "no_rows": ("Bu seçime uyan satır yok.", "No rows match this choice."),
    "previous": ("‹ Önceki", "‹ Previous"),
    "next": ("Sonraki ›", "Next ›"),
    "csv": ("CSV indir", "Download CSV"),
    "zip": ("CSV + bilgi (ZIP)", "CSV + metadata (ZIP)"),
    "xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
    "pack": ("Toplantı dosyası (Excel)", "Meeting pack (Excel)"),
    "problems": ("Bu adresteki seçim anlaşılamadı:", "The choice in this address was not understood:"),
    "not_applicable": ("bu düzeyde kullanılmaz", "not used at this level"),
}


def text(key: str, language: str, **values: Any) -> str:
    value = pick(TEXT[key], language)
    return value.format(**values) if values else value


@dataclass
class ExtractState:
    """What the page shows: the validated extract (None when the URL was not understood)."""

    plan: Plan
    language: str
    extract: ExtractFilter | None
    dialect: str = DEFAULT_DIALECT
    page: int = 1
    problems: list[str] = field(default_factory=list)


def _first(query: dict[str, Any], name: str) -> str | None:
    value = query.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return None if value in (None, "") else str(value)


def read_state(plan: Plan, query: dict[str, Any]) -> ExtractState:
    """The page's state from its URL query (values as Dash gives them: text, or lists when repeated)."""
    parameters = {name: value if isinstance(value, list) else [str(value)] for name, value in query.items()}
    parameters["plan"] = [plan.code]
    language = _first(query, "lang") or "tr"
    language = language if language in ("tr", "en") else "tr"
    problems: list[str] = []
    dialect = _first(query, "dialect") or DEFAULT_DIALECT
    if dialect not in DIALECTS:
        problems.append(f"unknown dialect {dialect!r} (known: {', '.join(DIALECTS)})")
        dialect = DEFAULT_DIALECT
    page_text = _first(query, "page") or "1"
    page = urls.whole_number(page_text) or 1
    try:
        extract: ExtractFilter | None = parse_filter(
            {plan.code: plan}, parameters, available_columns=column_keys(plan), other_parameters=PAGE_PARAMETERS
        )
    except ExtractFilterError as error:
        extract, problems = None, problems + error.problems
    return ExtractState(plan, language, extract, dialect, page, problems)


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
    if language != "tr":
        items.append(("lang", language))
    return page_href(plan.code, items)


def _select(
    component_id: Any,
    label: str,
    options: list[dict[str, str]],
    value: Any,
    *,
    disabled: bool = False,
    multi: bool = False,
    hint: str | None = None,
) -> html.Div:
    control: Any
    if multi:
        control = dcc.Dropdown(id=component_id, options=options, value=value or [], multi=True, disabled=disabled)
    else:
        control = dbc.Select(
            id=component_id,
            options=[{"label": "—", "value": ""}, *options],
            value=value or "",
            disabled=disabled,
            size="sm",
        )
    label_text = label if not (disabled and hint) else f"{label} ({hint})"
    return html.Div(
        [
            html.Label(
                label_text,
                className="form-label small mb-0",
                htmlFor=component_id if isinstance(component_id, str) else None,
            ),
            control,
        ],
        className="extract-control",
    )


def controls(state: ExtractState) -> html.Div:
    """Every control, set from the state; the ones the level does not use are disabled."""
    plan, language = state.plan, state.language
    extract = state.extract or ExtractFilter(plan_code=plan.code, level=MEASUREMENTS, language=language)
    understood = set(level_parameters(plan, extract.level))
    chosen = dict(extract.nodes)
    idle = text("not_applicable", language)
    pieces: list[Any] = [
        _select(
            LEVEL,
            text("level", language),
            [{"label": level_label(plan, level, language), "value": level} for level in extract_levels(plan)],
            extract.level,
        )
    ]
    parent: str | None = None
    for depth, name in enumerate(node_parameters(plan)):
        level = plan.levels[depth]
        nodes = [
            node
            for node in plan.nodes_at(depth)
            if parent is None or parent in {ancestor.code for ancestor in plan.ancestors(node.code)}
        ]
        options = [
            {"label": f"{node.code} {node.title_en if language == 'en' else node.title_tr}", "value": node.code}
            for node in nodes
        ]
        pieces.append(
            _select(
                {"type": NODE, "depth": depth},
                pick((level.name_tr, level.name_en), language),
                options,
                chosen.get(depth),
                disabled=name not in understood,
                hint=idle,
            )
        )
        parent = chosen.get(depth, parent)
    under = plan.indicators_under(parent) if parent else list(plan.indicators.values())
    pieces.append(
        _select(
            INDICATOR,
            text("indicator", language),
            [
                {"label": f"{item.code} {item.name_en if language == 'en' else item.name_tr}", "value": item.code}
                for item in under
            ],
            list(extract.indicators),
            multi=True,
            disabled="indicator" not in understood,
            hint=idle,
        )
    )
    pieces.append(
        _select(
            REGION,
            text("region", language),
            [
                {"label": region.name_en if language == "en" else region.name_tr, "value": code}
                for code, region in plan.regions.items()
            ],
            list(extract.regions),
            multi=True,
            disabled="region" not in understood or not plan.regions,
            hint=idle if plan.regions else None,
        )
    )
    pieces.append(
        _select(
            DISTRICT,
            text("district", language),
            [{"label": f"{district.name} ({code})", "value": code} for code, district in plan.districts.items()],
            list(extract.districts),
            multi=True,
            disabled="district" not in understood,
            hint=idle,
        )
    )
    pieces.append(
        _select(
            AREA,
            text("area", language),
            [{"label": pick(AREA_LABELS[area], language), "value": area} for area in AREA_LEVELS],
            list(extract.area_levels),
            multi=True,
            disabled="area" not in understood,
            hint=idle,
        )
    )
    years = [
        {"label": str(year), "value": str(year)}
        for year in range(plan.baseline_year, max(plan.period_end, date.today().year) + 1)
    ]
    for component_id, key, value in ((YEAR_FROM, "from", extract.period_from), (YEAR_TO, "to", extract.period_to)):
        pieces.append(
            _select(
                component_id,
                text(key, language),
                years,
                None if value is None else str(value),
                disabled=key not in understood,
                hint=idle,
            )
        )
    pieces.append(
        _select(
            COLUMNS,
            text("columns", language),
            [
                {"label": header(plan, column.key, language), "value": column.key}
                for column in available_columns(plan, extract.level, language)
            ],
            list(extract.columns),
            multi=True,
        )
    )
    pieces.append(
        html.Div(
            [
                html.Label(text("dialect", language), className="form-label small mb-0"),
                dbc.RadioItems(
                    id=DIALECT,
                    value=state.dialect,
                    inline=True,
                    options=[{"label": dialect.label(language), "value": name} for name, dialect in DIALECTS.items()],
                ),
            ],
            className="extract-control",
        )
    )
    return html.Div(pieces, className="extract-controls no-print")


def downloads(state: ExtractState) -> html.Div:
    """CSV, ZIP, Excel and meeting-pack buttons for the state (the same parameters as the page)."""
    plan, language, extract = state.plan, state.language, state.extract
    if extract is None:
        return html.Div(id=DOWNLOADS)
    query = export_query(plan, extract, state.dialect)
    pack = ExtractFilter(
        plan_code=plan.code,
        level="pack",
        nodes=extract.nodes,
        districts=extract.districts,
        regions=extract.regions,
        language=language,
    )
    pack_items = [(name, value) for name, value in pack.query_items(plan) if name != "level"]
    buttons = [
        download_button(f"{EXPORT_PATHS[kind]}?{query}", text(kind, language), id=DOWNLOAD_IDS[kind])
        for kind in ("csv", "zip", "xlsx")
    ]
    buttons.append(
        download_button(
            f"{EXPORT_PATHS['xlsx']}?{urlencode(pack_items)}", text("pack", language), id=DOWNLOAD_IDS["pack"]
        )
    )
    return html.Div(buttons, id=DOWNLOADS, className="gosterge-downloads no-print d-flex flex-wrap gap-2")


def preview_table(state: ExtractState) -> html.Div:
    """One page of the extract, formatted as the file will be, with a pager."""
    plan, language, extract = state.plan, state.language, state.extract
    if extract is None:
        return html.Div(id=PREVIEW)
    query = build_extract(plan, extract)
    offset = (state.page - 1) * PAGE_SIZE
    with get_context().reader.connect() as connection:
        rows, total = preview(connection, query, limit=PAGE_SIZE, offset=offset)
    if total == 0:
        return html.Div(html.P(text("no_rows", language), className="text-muted"), id=PREVIEW)
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
        responsive=True,
        className="extract-preview-table",
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
    return html.Div([pager, table], id=PREVIEW)


def _state_items(plan: Plan, extract: ExtractFilter, state: ExtractState) -> list[tuple[str, str]]:
    items = [(name, value) for name, value in extract.query_items(plan) if name not in ("plan", "lang")]
    if state.dialect != DEFAULT_DIALECT:
        items.append(("dialect", state.dialect))
    if state.language != "tr":
        items.append(("lang", state.language))
    return items


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
            id=PROBLEMS,
        )
    return html.Div(
        [
            html.Div(
                [
                    html.Div(plan.title_en if language == "en" else plan.title_tr, className="card-kicker"),
                    html.H1(text("title", language), className="h3"),
                    html.P(text("intro", language), className="text-muted small no-print"),
                ],
                className="page-heading",
            ),
            problems,
            controls(state),
            downloads(state),
            html.H2(text("preview", language), className="h5 mt-3"),
            preview_table(state),
        ],
        className="extract-page",
    )
