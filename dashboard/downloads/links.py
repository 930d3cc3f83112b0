"""Links to the export routes and the button that carries one, for every chart and table.

``export_link(plan, "indicators", goal="1.1.1", district="1203", lang="en")``
→ ``/export.csv?plan=…&level=indicators&goal=1.1.1&district=1203&lang=en``.
Place ``download_button(href, label)`` beside a chart or table; the file has
exactly the rows behind it when the link carries the view's filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from dash import html

from dashboard.i18n import DEFAULT_LANGUAGE, language, t
from gosterge.plan.model import Plan
from warehouse.downloads.filter import ExtractFilter, node_parameters

EXPORT_PATHS = {"csv": "/export.csv", "zip": "/export.zip", "xlsx": "/export.xlsx"}
#: Python-friendly spellings of parameter names
ALIASES = {"from_": "from", "period_from": "from", "period_to": "to", "language": "lang"}
FIRST = ("plan", "level")


def _as_values(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(item) for item in value if item is not None and item != ""]
    return [str(value)]


def export_link(plan: Plan | str, level: str, *, file_format: str = "csv", **filters: Any) -> str:
    """The export route for ``level`` of ``plan`` with ``filters`` (parameter name → value or values).

    Empty values are left out; lists become repeated parameters; ``columns``
    may be a list. Pure: nothing is validated here, the route answers 400 to
    a bad link (tests check the links the pages build).
    """
    if file_format not in EXPORT_PATHS:
        raise ValueError(f"unknown file format {file_format!r} (known: {', '.join(EXPORT_PATHS)})")
    plan_code = plan.code if isinstance(plan, Plan) else plan
    items: list[tuple[str, str]] = [("plan", plan_code), ("level", level)]
    for name, value in filters.items():
        name = ALIASES.get(name, name)
        if name == "columns":
            values = _as_values(value)
            if values:
                items.append(("columns", ",".join(values)))
            continue
        items += [(name, text) for text in _as_values(value)]
    return f"{EXPORT_PATHS[file_format]}?{urlencode(items)}"


def export_query(plan: Plan, extract: ExtractFilter, dialect: str | None = None, *, pack: bool = False) -> str:
    """The query string of a validated extract (and dialect), for links and metadata. ``pack``: the
    meeting pack's selection, without a level (``/export.xlsx`` without one is the pack)."""
    items = extract.query_items(plan)
    if pack:
        items = [(name, value) for name, value in items if name != "level"]
    if dialect:
        items.append(("dialect", dialect))
    return urlencode(items)


def download_button(href: str, label: str, *, title: str | None = None, id: str | None = None) -> html.A:
    """A small button-styled link that downloads ``href`` (hidden when printing)."""
    extra: dict[str, Any] = {"id": id} if id else {}
    hidden: dict[str, Any] = {"aria-hidden": "true"}
    return html.A(
        [html.Span("⬇", className="me-1", **hidden), label],
        href=href,
        download="",
        role="button",
        title=title or label,
        className="btn btn-outline-secondary btn-sm gosterge-download no-print",
        **extra,
    )


def download_group(links: Iterable[tuple[str, str]], *, label: str | None = None) -> html.Div:
    """Several download buttons side by side: (href, label) pairs."""
    extra: dict[str, Any] = {"aria-label": label} if label else {}
    return html.Div(
        [download_button(href, text) for href, text in links],
        className="gosterge-downloads no-print d-flex flex-wrap gap-2",
        role="group",
        **extra,
    )


def language_filter(lang: str) -> dict[str, str]:
    """The ``lang`` parameter of an export link: none for the default language."""
    return {} if language(lang) == DEFAULT_LANGUAGE else {"lang": language(lang)}


def area_filters(area_level: str | None, area_code: str | None) -> dict[str, str]:
    """The export filters of a view's area: a district, or a region's own rows; nothing for the province."""
    if area_level == "district" and area_code:
        return {"district": area_code}
    if area_level == "region" and area_code:
        return {"region": area_code, "area": "region"}
    return {}


def view_download(plan: Plan | str, level: str, lang: str, **filters: Any) -> html.A:
    """ "Download this view as CSV" for a chart or table: ``level`` with the view's filters."""
    href = export_link(plan, level, **filters, **language_filter(lang))
    return download_button(href, t("file.view_csv", lang), title=t("file.view_csv_help", lang))


def node_download(plan: Plan, code: str, lang: str, **filters: Any) -> html.A:
    """:func:`view_download` of one node's own level, filtered to the node (``goal=1.1.1`` …)."""
    depth = plan.nodes[code].depth
    return view_download(plan, plan.levels[depth].key, lang, **{node_parameters(plan)[depth]: code}, **filters)


def league_table_download(
    plan: Plan,
    lang: str,
    *,
    indicator: str | None = None,
    node: str | None = None,
    region: str | None = None,
    regions: bool = False,
    year: int | None = None,
) -> html.A:
    """A league table as the page ranks it (level ``league``): the districts (of ``region`` when given)
    or, with ``regions``, the regions, for ``indicator``, else ``node``, else the whole plan; the latest
    values, or a past ``year``'s."""
    filters: dict[str, Any] = {"indicator": indicator} if indicator else {}
    if not indicator and node:
        filters[node_parameters(plan)[plan.nodes[node].depth]] = node
    if regions:
        filters["area"] = "region"
    elif region:
        filters["region"] = region
    if year is not None:
        filters.update(from_=year, to=year)
    return view_download(plan, "league", lang, **filters)


def pack_download(plan: Plan | str, lang: str, **filters: Any) -> html.A:
    """The meeting pack (.xlsx) of a selection: node codes by level name, ``district`` or ``region``."""
    plan_code = plan.code if isinstance(plan, Plan) else plan
    items: list[tuple[str, str]] = [("plan", plan_code)]
    items += [(name, text) for name, value in filters.items() for text in _as_values(value)]
    items += list(language_filter(lang).items())
    return download_button(
        f"{EXPORT_PATHS['xlsx']}?{urlencode(items)}", t("file.pack", lang), title=t("file.pack_help", lang)
    )
