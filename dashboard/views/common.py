"""What the page views share: the area select, area names, and building a page from its URL (or the
not-found view)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote_plus

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from dash.exceptions import PreventUpdate

from dashboard import ids, live, urls
from dashboard.attributes import attributes
from dashboard.components.common import not_found
from dashboard.context import get_context
from dashboard.i18n import t, title
from dashboard.state import PROVINCE, AreaState, NotFound, ViewState, read_language
from gosterge.plan import Plan
from gosterge.progress.status import ACHIEVED, NOT_ASSESSED


def area_name(plan: Plan, area_level: str, area_code: str | None, lang: str) -> str:
    if area_level == "district" and area_code in plan.districts:
        return plan.districts[area_code].name
    if area_level == "region" and area_code in plan.regions:
        return title(plan.regions[area_code], lang, "name")
    return f"{plan.province} ({t('province', lang)})"


def area_select(plan: Plan, view: AreaState) -> html.Div:
    """Province, regions and districts: each option's value is the URL of the same view for that
    area (:meth:`AreaState.with_area`), so choosing one navigates there (:func:`area_href`)."""
    lang = view.lang
    options = [{"label": area_name(plan, PROVINCE, None, lang), "value": view.with_area(PROVINCE).href()}]
    options += [
        {
            "label": f"{t('region', lang)}: {title(region, lang, 'name')}",
            "value": view.with_area(f"region:{code}").href(),
        }
        for code, region in plan.regions.items()
    ]
    template = _area_template(view, "district")
    options += [
        {"label": label, "value": template.replace(AREA_MARK, quoted)} for quoted, label in _district_labels(plan, lang)
    ]
    return html.Div(
        [
            html.Label(t("area", lang), htmlFor=ids.AREA_SELECT, className="form-label small mb-0"),
            dbc.Select(id=ids.AREA_SELECT, options=options, value=view.href(), size="sm"),
        ],
        className="area-select",
    )


#: stands for an area's code in a URL written once for all the areas of a level (letters and digits only:
#: query encoding leaves it as it is)
AREA_MARK = "GOSTERGEAREA0"


def _area_template(view: AreaState, level: str) -> str:
    """The URL of ``view`` for the area ``level:code``, as :meth:`AreaState.with_area` and ``href`` write it,
    with :data:`AREA_MARK` for the code (put in as the query encodes it): written once, where a national
    plan's select has 973 districts and each URL took 28 µs of a page's render."""
    return view.with_area(f"{level}:{AREA_MARK}").href()


#: per plan and language: the plan, and its districts by name as the area select lists them (each district's
#: code as the query encodes it, and its label); the same for every page of the plan
_labels: dict[tuple[str, str], tuple[Plan, tuple[tuple[str, str], ...]]] = {}


def _district_labels(plan: Plan, lang: str) -> tuple[tuple[str, str], ...]:
    kept = _labels.get((plan.code, lang))
    if kept is None or kept[0] is not plan:
        listed = tuple(
            (quote_plus(code), f"{t('district', lang)}: {district.name}")
            for code, district in sorted(plan.districts.items(), key=lambda item: item[1].name)
        )
        kept = (plan, listed)
        _labels[(plan.code, lang)] = kept
    return kept[1]


def area_href(value: str | None, pathname: str | None, search: str | None) -> str:
    """The URL of the area chosen in the area select; no navigation when it is the page's own
    (Dash also fires when it draws the select)."""
    if not value or urls.same_location(value, pathname, search):
        raise PreventUpdate
    return value


def plan_choices(lang: str) -> list[tuple[str, str]]:
    """(code, title) of every plan, for a not-found view."""
    return [(code, plan.text(lang)) for code, plan in get_context().plans.items()]


def build_page(
    state_id: str,
    body_id: str,
    read: Callable[..., ViewState],
    render: Callable[[Any], Any],
    **kwargs: Any,
) -> Any:
    """A page layout: the view read from the URL, or the not-found view for an unknown code."""
    lang = read_language(kwargs)
    try:
        view = read(lang=lang, **{name: value for name, value in kwargs.items() if name != "lang"})
    except NotFound as missing:
        return not_found(lang, missing.what, missing.plan_code, plan_choices(lang))
    return live.page(state_id, body_id, view, render)


def last_target_year(plan: Plan, code: str) -> int | None:
    """The last target year of the indicators under node ``code`` (the plan's end for a plan's node)."""
    years = [indicator.target.year for indicator in plan.indicators_under(code) if indicator.target is not None]
    return max(years) if years else None


def reached(children: pd.DataFrame) -> tuple[int, int]:
    """(children that reached their target, children assessed) of a roll-up, from its children's rows."""
    assessed = children[~children["status"].isin(NOT_ASSESSED)]
    return int((assessed["status"] == ACHIEVED).sum()), len(assessed)


def nothing_yet(crumbs: Any, kicker: str, heading: Any, area: str, lang: str, *, view: str) -> html.Div:
    """A node's or an indicator's page before the warehouse holds any progress for it (a web server
    started before the writer's first publication, a plan file newer than the last load): its place in
    the plan, its name and a plain notice, instead of a failed render logged at every request."""
    return html.Div(
        [
            crumbs,
            html.Div(
                [
                    html.Div(kicker, className="card-kicker"),
                    html.H1(heading, className="h3"),
                    html.P(area, className="plan-meta"),
                ],
                className="page-heading",
            ),
            html.P(t("no_data", lang), className="nothing-yet", role="status"),
        ],
        **attributes(data_view=view),
    )
