"""The frame around every page: navigation bar, data badge, live check, notices.

Builders (pure) and the shell's callbacks, registered on an app by
:func:`register_callbacks` (page callbacks live in their page modules).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard import ids, urls
from dashboard.access.sessions import current_user
from dashboard.attributes import attributes
from dashboard.components.access import account_links
from dashboard.components.common import demo_badge
from dashboard.components.download_controls import text as extract_text
from dashboard.context import get_context
from dashboard.i18n import format_date, language, t, title
from dashboard.state import NotFound, Query, read_language
from dashboard.views import regions as region_views
from dashboard.views.common import area_href
from dashboard.views.district import DistrictView
from dashboard.views.districts import DistrictsView
from dashboard.views.search import SearchView
from gosterge.language import LANGUAGES
from gosterge.plan import Plan
from operations.roles import ADMIN, REVIEWER
from warehouse.queries.loads import failed_since, freshness, last_load, shows_demo_data

log = logging.getLogger(__name__)

#: how often open pages ask whether the published data changed (milliseconds)
CHECK_INTERVAL_MS = 10_000


def shell_layout(check_interval_ms: int = CHECK_INTERVAL_MS) -> html.Div:
    return html.Div(
        [
            html.A(t("skip_to_content", "tr"), href=f"#{ids.MAIN}", className="visually-hidden-focusable skip-link"),
            dcc.Location(id=ids.URL),
            dcc.Location(id=ids.NAVIGATE, refresh="callback-nav"),
            dcc.Interval(id=ids.TICK, interval=check_interval_ms),
            dcc.Store(id=ids.DATA_VERSION),
            html.Header(id=ids.NAVBAR, className="app-header"),
            html.Div(
                dbc.Toast(
                    id=ids.ERROR_TOAST,
                    header="Gösterge",
                    is_open=False,
                    dismissable=True,
                    duration=8000,
                    icon="warning",
                    className="error-toast",
                ),
                role="alert",
                **attributes(aria_live="assertive"),
            ),
            html.Main(dash.page_container, id=ids.MAIN, tabIndex="-1", className="container-fluid app-main"),
        ],
        className="app-shell",
    )


def navbar(
    plans: dict[str, Plan], plan_code: str | None, lang: str, pathname: str, search: str, account: Any = None
) -> html.Nav:
    """Brand, plan switcher, overview and districts links, search, language switch, data badge slot and
    ``account`` (the sign-in link or the signed-in user's links)."""
    plan = plans.get(plan_code or "") or next(iter(plans.values()))
    other_lang = next(other for other in LANGUAGES if other != lang)
    return html.Nav(
        [
            dcc.Link(
                [
                    html.Span("Gösterge", className="brand-name"),
                    html.Span(t("tagline", lang), className="brand-tagline"),
                ],
                href=urls.overview(plan.code, lang),
                className="navbar-brand",
            ),
            html.Button(
                ["☰ ", t("menu", lang)],
                id=ids.NAV_TOGGLE,
                className="btn btn-sm btn-outline-light nav-toggle",
                type="button",
                **attributes(aria_controls=ids.NAV_MENU, aria_expanded="false"),
            ),
            html.Div(id=ids.DATA_BADGE, className="data-badge-slot", **attributes(aria_live="polite")),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label(t("plan", lang), htmlFor=ids.PLAN_SWITCHER, className="visually-hidden"),
                            dbc.Select(
                                id=ids.PLAN_SWITCHER,
                                # no value for an address whose plan is unknown (or "/"): Dash fires this select's
                                # callback when it draws it, and a value would navigate to that plan's overview
                                value=plan_code if plan_code in plans else None,
                                placeholder=title(plan, lang),
                                size="sm",
                                className="plan-switcher",
                                options=[{"label": title(item, lang), "value": code} for code, item in plans.items()],
                            ),
                        ],
                        className="nav-item",
                    ),
                    html.Ul(
                        [
                            html.Li(
                                dcc.Link(t("overview", lang), href=urls.overview(plan.code, lang), className="nav-link")
                            ),
                            html.Li(
                                dcc.Link(
                                    t("districts", lang), href=urls.districts(plan.code, lang), className="nav-link"
                                )
                            ),
                            html.Li(
                                dcc.Link(
                                    t("monitoring", lang), href=urls.monitoring(plan.code, lang), className="nav-link"
                                )
                            ),
                            html.Li(
                                dcc.Link(
                                    extract_text("title", lang),
                                    href=urls.href(f"/{plan.code}/extract", lang),
                                    className="nav-link",
                                )
                            ),
                        ],
                        className="navbar-nav nav-links",
                    ),
                    html.Div(
                        [
                            html.Label(t("search", lang), htmlFor=ids.SEARCH_INPUT, className="visually-hidden"),
                            dbc.Input(
                                id=ids.SEARCH_INPUT,
                                type="search",
                                size="sm",
                                debounce=True,
                                placeholder=t("search_placeholder", lang),
                                className="search-input",
                            ),
                        ],
                        className="nav-item search-box",
                        role="search",
                    ),
                    dcc.Link(
                        t("language_switch", lang),
                        href=urls.switch_language(pathname, search, other_lang),
                        className="btn btn-sm btn-outline-light lang-switch",
                        title=t("language_switch_label", lang),
                    ),
                ],
                id=ids.NAV_MENU,
                className="nav-menu",
            ),
            account,
        ],
        className="navbar navbar-dark app-navbar",
        **attributes(aria_label="main"),
    )


def data_badge(
    last: pd.DataFrame,
    stale_sources: list[str],
    lang: str,
    *,
    demo: bool = False,
    failures: pd.DataFrame | None = None,
) -> html.Span:
    """When and from which source data last changed (in the shown time zone, named); marked demo while
    any shown data is demo, out of date when a source missed its schedule, and followed by the loads
    since then that added nothing (failed, or every row rejected)."""
    failed = failures if failures is not None else pd.DataFrame()
    if last.empty and failed.empty:
        return html.Span(t("never_loaded", lang), className="data-badge", **attributes(data_state="empty"))
    children: list[Any] = [html.Span(f"{t('last_load', lang)}: ", className="badge-label")]
    if last.empty:
        children.append(html.Span(t("never_loaded", lang), className="badge-when"))
    else:
        row = last.iloc[0]
        when = format_date(row["finished_at"], lang, with_time=True)
        children.append(html.Span(t("loaded_from", lang, when=when, source=row["source_id"]), className="badge-when"))
    if demo:
        children += [" ", demo_badge(lang)]
    if stale_sources:
        children += [
            " ",
            html.Span(
                f"⚠ {t('stale', lang)}: {', '.join(stale_sources)}",
                className="stale-badge",
                title=t("stale_help", lang),
            ),
        ]
    if not failed.empty:
        items = [
            t(
                "failed_load_item",
                lang,
                when=format_date(item["finished_at"], lang, with_time=True),
                source=item["source_id"],
                outcome=t("load_failed", lang)
                if item["status"] != "loaded"
                else t("load_all_rejected", lang, rejected=int(item["rows_rejected"])),
            )
            for item in failed.to_dict("records")
        ]
        children += [
            " ",
            html.Span(
                t("failed_loads", lang, count=len(items)),
                className="failed-badge",
                title="\n".join(items),
                **attributes(data_failed=str(len(items))),
            ),
        ]
    state = "stale" if stale_sources else ("failed" if not failed.empty else "fresh")
    run = "" if last.empty else str(int(last.iloc[0]["run_id"]))
    return html.Span(
        children, className="data-badge", **attributes(data_state=state, data_run=run, data_failed=str(len(failed)))
    )


# ---------------------------------------------------------------- callback bodies (called directly in tests)


def render_navbar(pathname: str | None, search: str | None) -> html.Nav:
    context = get_context()
    query = urls.parse_search(search)
    plan_code = urls.plan_from_path(pathname) or query.get("plan")
    lang = language(query.get("lang"))
    plan = context.plan(plan_code) or context.default_plan
    user = current_user()
    quality = urls.href(f"/{plan.code}/quality", lang) if user is not None and user.may(REVIEWER, plan.code) else None
    admin = urls.href("/admin/users", lang) if user is not None and user.may_somewhere(ADMIN) else None
    account = account_links(
        user.display_name if user is not None else None, lang, quality, f"{pathname or '/'}{search or ''}", admin
    )
    return navbar(context.plans, plan_code, lang, pathname or "/", search or "", account)


def render_badge(pathname: str | None, search: str | None, now: datetime | None = None) -> html.Span:
    context = get_context()
    query = urls.parse_search(search)
    plan_code = urls.plan_from_path(pathname) or query.get("plan")
    plan = context.plan(plan_code) or context.default_plan
    with context.reader.connect() as connection:
        last = last_load(connection, plan=plan.code)
        fresh = freshness(connection, plan=plan.code, as_of=now or datetime.now())
        failures = failed_since(connection, plan=plan.code, run_id=None if last.empty else int(last.iloc[0]["run_id"]))
        demo = shows_demo_data(connection, plan=plan.code)
    stale = [str(source) for source in fresh.loc[fresh["stale"], "source_id"]] if not fresh.empty else []
    return data_badge(last, stale, language(query.get("lang")), demo=demo, failures=failures)


def check_version(stored: int | None) -> int:
    """The published data version; the store is written only when it changed."""
    version = get_context().reader.data_version()[0]
    if version == stored:
        raise dash.exceptions.PreventUpdate
    return version


def plan_switch_href(plan_code: str | None, pathname: str | None, search: str | None) -> str:
    if not plan_code or plan_code not in get_context().plans or plan_code == urls.plan_from_path(pathname):
        raise dash.exceptions.PreventUpdate
    return urls.switch_plan(pathname, search, plan_code)


def search_href(text: str | None, pathname: str | None, search: str | None) -> str:
    """The search page for ``text`` (nothing happens for an empty box)."""
    if not (text or "").strip():
        raise dash.exceptions.PreventUpdate
    context = get_context()
    query = urls.parse_search(search)
    plan = context.plan(urls.plan_from_path(pathname)) or context.default_plan
    return SearchView(plan=plan.code, lang=read_language(query), text=(text or "").strip()).href()


def map_click_href(click: dict[str, Any] | None, pathname: str | None, search: str | None) -> str:
    """A click on a district (geographic or tile map, or a league bar) opens the district's page in the
    same period (``?year=``) as the map; a click on a region (the region map) opens the region, keeping
    the districts view's subject and map kind."""
    points = (click or {}).get("points") or []
    if not points or not points[0].get("customdata"):
        raise dash.exceptions.PreventUpdate
    context = get_context()
    plan = context.plan(urls.plan_from_path(pathname)) or context.default_plan
    code = str(points[0]["customdata"][0])
    query = urls.parse_search(search)
    lang = read_language(query)
    if code in plan.regions and urls.plan_from_path(pathname) == plan.code:
        try:
            view = DistrictsView.from_query(
                plan.code, lang, **{name: text for name, text in query.items() if name != "lang"}
            )
        except NotFound:
            raise dash.exceptions.PreventUpdate from None
        return view.href(level=region_views.DISTRICT_LEVEL, region=code)
    if code not in plan.districts:
        raise dash.exceptions.PreventUpdate
    return DistrictView(plan=plan.code, lang=lang, district=code, year=Query(query).whole_number("year")).href()


def notify_error(error: Exception) -> None:
    """The app's on_error: log the traceback, show a short notice, leave the outputs as they were."""
    log.error("callback failed: %s", error, exc_info=error)
    dash.set_props(
        ids.ERROR_TOAST,
        {"is_open": True, "children": f"{t('error', 'tr')}. / {t('error', 'en')}. {t('error_text', 'tr')}"},
    )


def register_callbacks(app: dash.Dash) -> None:
    app.callback(Output(ids.NAVBAR, "children"), Input(ids.URL, "pathname"), Input(ids.URL, "search"))(render_navbar)
    app.callback(
        Output(ids.DATA_BADGE, "children"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.NAVBAR, "children"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
    )(lambda _version, _navbar, pathname, search: render_badge(pathname, search))
    app.callback(Output(ids.DATA_VERSION, "data"), Input(ids.TICK, "n_intervals"), State(ids.DATA_VERSION, "data"))(
        lambda _ticks, stored: check_version(stored)
    )
    app.callback(
        Output(ids.NAVIGATE, "href", allow_duplicate=True),
        Input(ids.PLAN_SWITCHER, "value"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(plan_switch_href)
    app.callback(
        Output(ids.NAVIGATE, "href", allow_duplicate=True),
        Input(ids.SEARCH_INPUT, "n_submit"),
        State(ids.SEARCH_INPUT, "value"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(lambda submits, text, pathname, search: search_href(text if submits else None, pathname, search))
    app.callback(
        Output(ids.NAVIGATE, "href", allow_duplicate=True),
        Input(ids.DISTRICT_MAP, "clickData"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(map_click_href)
    app.callback(
        Output(ids.NAVIGATE, "href", allow_duplicate=True),
        Input(ids.AREA_SELECT, "value"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(area_href)
    app.clientside_callback(
        "function(clicks, current) { var open = !/\\bopen\\b/.test(current || '');"
        " return [open ? 'nav-menu open' : 'nav-menu', open ? 'true' : 'false']; }",
        Output(ids.NAV_MENU, "className"),
        Output(ids.NAV_TOGGLE, "aria-expanded"),
        Input(ids.NAV_TOGGLE, "n_clicks"),
        State(ids.NAV_MENU, "className"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function(search) { var m = /[?&]lang=en(&|$)/.test(search || ''); "
        "document.documentElement.lang = m ? 'en' : 'tr'; return window.dash_clientside.no_update; }",
        Output(ids.MAIN, "role"),
        Input(ids.URL, "search"),
    )
