"""What the page views share: reading a view from its URL, areas, and the not-found path."""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.exceptions import PreventUpdate

from dashboard import ids, live, urls
from dashboard.components.common import not_found
from dashboard.context import get_context
from dashboard.i18n import language, t, title
from gosterge.plan import Plan

PROVINCE = "province"


class NotFound(Exception):
    """A code in the URL names nothing: the page shows the not-found view."""

    def __init__(self, what: str, plan_code: str | None = None):
        super().__init__(what)
        self.what = what
        self.plan_code = plan_code


def read_plan(plan_code: str | None, lang: str) -> Plan:
    plan = get_context().plan(urls.first({"plan": plan_code}, "plan"))
    if plan is None:
        raise NotFound(t("unknown_plan", lang, code=plan_code or ""))
    return plan


def known_code(plan: Plan, code: str | None, known: Container[str], lang: str) -> str:
    """``code`` from the URL when ``known`` holds it; otherwise the page is the not-found view."""
    if code is None or code not in known:
        raise NotFound(t("unknown_code", lang, code=code or ""), plan.code)
    return code


def read_area(plan: Plan, query: dict[str, Any], lang: str) -> tuple[str, str | None]:
    """(area level, area code) from ?district=… or ?region=… (the province otherwise)."""
    district = urls.first(query, "district")
    region = urls.first(query, "region")
    if district is not None:
        return "district", known_code(plan, district, plan.districts, lang)
    if region is not None:
        return "region", known_code(plan, region, plan.regions, lang)
    return PROVINCE, None


def area_query(view: dict[str, Any]) -> dict[str, str]:
    """The query parameters that keep the view's area in links."""
    if view.get("area_level") in ("district", "region") and view.get("area_code"):
        return {view["area_level"]: view["area_code"]}
    return {}


def area_arguments(view: dict[str, Any]) -> dict[str, Any]:
    """The view's area as the ``area_level`` and ``area_code`` arguments of the warehouse queries."""
    return {"area_level": view["area_level"], "area_code": view["area_code"]}


def area_name(plan: Plan, area_level: str, area_code: str | None, lang: str) -> str:
    if area_level == "district" and area_code in plan.districts:
        return plan.districts[area_code].name
    if area_level == "region" and area_code in plan.regions:
        return title(plan.regions[area_code], lang, "name")
    return f"{plan.province} ({t('province', lang)})"


def area_select(plan: Plan, lang: str, area_level: str, area_code: str | None) -> html.Div:
    """Province, regions and districts: choosing one reloads the view for that area (in the URL)."""
    options = [{"label": area_name(plan, PROVINCE, None, lang), "value": PROVINCE}]
    options += [
        {"label": f"{t('region', lang)}: {title(region, lang, 'name')}", "value": f"region:{code}"}
        for code, region in plan.regions.items()
    ]
    options += [
        {"label": f"{t('district', lang)}: {district.name}", "value": f"district:{code}"}
        for code, district in sorted(plan.districts.items(), key=lambda item: item[1].name)
    ]
    value = PROVINCE if area_level == PROVINCE else f"{area_level}:{area_code}"
    return html.Div(
        [
            html.Label(t("area", lang), htmlFor=ids.AREA_SELECT, className="form-label small mb-0"),
            dbc.Select(id=ids.AREA_SELECT, options=options, value=value, size="sm"),
        ],
        className="area-select",
    )


def area_href(value: str | None, pathname: str | None, search: str | None) -> str:
    """The current view with its area replaced by the selected one (no navigation when unchanged)."""
    current = urls.parse_search(search)
    selected = (
        f"district:{current['district']}"
        if "district" in current
        else (f"region:{current['region']}" if "region" in current else PROVINCE)
    )
    if not value or value == selected:
        raise PreventUpdate
    query = {name: text for name, text in current.items() if name not in ("district", "region")}
    lang = language(query.pop("lang", None))
    if value and ":" in value:
        level, code = value.split(":", 1)
        query[level] = code
    return urls.href(pathname or "/", lang, **query)


def build_page(
    state_id: str,
    body_id: str,
    read: Callable[..., dict[str, Any]],
    render: Callable[[dict[str, Any]], Any],
    **kwargs: Any,
) -> Any:
    """A page layout: the view read from the URL, or the not-found view for an unknown code."""
    lang = language(urls.first(kwargs, "lang"))
    try:
        view = read(lang=lang, **{name: value for name, value in kwargs.items() if name != "lang"})
    except NotFound as missing:
        return not_found(lang, missing.what, missing.plan_code)
    return live.page(state_id, body_id, view, render)
