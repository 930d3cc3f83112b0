"""The download builder's controls and buttons (pure builders: the page's state in, components out;
the state and the preview are :mod:`dashboard.views.downloads`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.downloads.dialects import DIALECTS
from dashboard.downloads.labels import header, level_label
from dashboard.downloads.links import EXPORT_PATHS, download_button, export_query
from dashboard.i18n import label, t
from warehouse.downloads.columns import available_columns
from warehouse.downloads.filter import (
    AREA_LEVELS,
    MEASUREMENTS,
    ExtractFilter,
    extract_levels,
    level_parameters,
    node_parameters,
)

if TYPE_CHECKING:
    from dashboard.views.downloads import ExtractState


def text(key: str, language: str, **values: Any) -> str:
    """The page's text ``key`` (``extract.<key>`` in the message catalogue)."""
    return t(f"extract.{key}", language, **values)


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
    # a pattern-matching id cannot be named by the label's "for": the label then holds its control
    labelled = (
        [html.Label(label_text, className="form-label small mb-0", htmlFor=component_id), control]
        if isinstance(component_id, str)
        else [
            html.Label([html.Span(label_text, className="d-block"), control], className="form-label small mb-0 w-100")
        ]
    )
    return html.Div(
        labelled,
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
            ids.EXTRACT_LEVEL,
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
        options = [{"label": f"{node.code} {node.text(language)}", "value": node.code} for node in nodes]
        pieces.append(
            _select(
                {"type": ids.EXTRACT_NODE, "depth": depth},
                level.text(language, "name"),
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
            ids.EXTRACT_INDICATOR,
            text("indicator", language),
            [{"label": f"{item.code} {item.text(language, 'name')}", "value": item.code} for item in under],
            list(extract.indicators),
            multi=True,
            disabled="indicator" not in understood,
            hint=idle,
        )
    )
    pieces.append(
        _select(
            ids.EXTRACT_REGION,
            text("region", language),
            [{"label": region.text(language, "name"), "value": code} for code, region in plan.regions.items()],
            list(extract.regions),
            multi=True,
            disabled="region" not in understood or not plan.regions,
            hint=idle if plan.regions else None,
        )
    )
    pieces.append(
        _select(
            ids.EXTRACT_DISTRICT,
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
            ids.EXTRACT_AREA,
            text("area", language),
            [{"label": label("area", area, language), "value": area} for area in AREA_LEVELS],
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
    for component_id, key, value in (
        (ids.EXTRACT_YEAR_FROM, "from", extract.period_from),
        (ids.EXTRACT_YEAR_TO, "to", extract.period_to),
    ):
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
            ids.EXTRACT_COLUMNS,
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
                    id=ids.EXTRACT_DIALECT,
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
        return html.Div(id=ids.EXTRACT_DOWNLOADS)
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
        download_button(f"{EXPORT_PATHS[kind]}?{query}", text(kind, language), id=ids.EXTRACT_DOWNLOAD_IDS[kind])
        for kind in ("csv", "zip", "xlsx")
    ]
    buttons.append(
        download_button(
            f"{EXPORT_PATHS['xlsx']}?{urlencode(pack_items)}",
            text("pack", language),
            id=ids.EXTRACT_DOWNLOAD_IDS["pack"],
        )
    )
    return html.Div(buttons, id=ids.EXTRACT_DOWNLOADS, className="gosterge-downloads no-print d-flex flex-wrap gap-2")
