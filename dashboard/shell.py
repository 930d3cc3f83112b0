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

from dashboard import ids, initial_page, urls
from dashboard.access.sessions import current_user
from dashboard.attributes import attributes
from dashboard.components.access import account_links
from dashboard.components.common import demo_badge
from dashboard.context import get_context
from dashboard.i18n import format_date, language, t, title
from dashboard.live import current_version
from dashboard.state import NotFound, Query, read_language
from dashboard.views import regions as region_views
from dashboard.views.common import area_href
from dashboard.views.district import DistrictView
from dashboard.views.districts import DistrictsView
from dashboard.views.notifications import header_indicator
from dashboard.views.search import SearchView
from gosterge.language import LANGUAGES
from gosterge.plan import Plan
from operations.entry_scope import entering_unit
from operations.roles import ADMIN, REVIEWER
from warehouse.frames import records_of
from warehouse.queries.loads import failed_since, freshness, last_load, shows_demo_data

log = logging.getLogger(__name__)

#: how often open pages ask whether the published data changed (milliseconds)
CHECK_INTERVAL_MS = 10_000


def shell_layout(check_interval_ms: int = CHECK_INTERVAL_MS) -> html.Div:
    """The frame, and when the address is known (:func:`dashboard.initial_page.address`) the navigation
    bar and the page in it: the layout response then is the page, with no callback before its drawing."""
    # read before the page is rendered: a load published meanwhile then leaves the page stamped older than
    # this version and its first poll draws it again; read after, it would hide that load from the poll
    version = current_version()
    address = initial_page.address()
    bar = None
    if address is not None:
        try:
            bar = render_navbar(*address)
        except Exception:  # noqa: BLE001 - its callback draws it after the layout (and reports)
            log.exception("the navigation bar of %s%s could not be put in the layout", *address)
    return html.Div(
        [
            html.A(t("skip_to_content", "tr"), href=f"#{ids.MAIN}", className="visually-hidden-focusable skip-link"),
            # at the address the page is drawn for (when known): nothing to report, no callback at load
            dcc.Location(id=ids.URL, **initial_page.location_props(address if bar is not None else None)),
            dcc.Location(id=ids.NAVIGATE, refresh="callback-nav"),
            dcc.Interval(id=ids.TICK, interval=check_interval_ms),
            # the version the page is drawn at: the first check comes after an interval, not with the page
            dcc.Store(id=ids.DATA_VERSION, data=version),
            html.Header(bar, id=ids.NAVBAR, className="app-header"),
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
            html.Main(
                initial_page.page_container(address), id=ids.MAIN, tabIndex="-1", className="container-fluid app-main"
            ),
        ],
        className="app-shell",
    )


def navbar(
    plans: dict[str, Plan],
    plan_code: str | None,
    lang: str,
    pathname: str,
    search: str,
    account: Any = None,
    badge: Any = None,
) -> html.Nav:
    """Brand, plan switcher, overview and districts links, search, language switch, the data ``badge``
    and ``account`` (the sign-in link or the signed-in user's links)."""
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
            # the navbar's controls write here, inserted with them (see ids.NAV_NAVIGATE)
            dcc.Location(id=ids.NAV_NAVIGATE, refresh="callback-nav"),
            html.Div(badge, id=ids.DATA_BADGE, className="data-badge-slot", **attributes(aria_live="polite")),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label(
                                t("plan_named", lang, name=title(plan, lang)),
                                htmlFor=ids.PLAN_SWITCHER,
                                className="visually-hidden",
                            ),
                            dbc.Select(
                                id=ids.PLAN_SWITCHER,
                                # no value for an address whose plan is unknown (or "/"): Dash fires this select's
                                # callback when it draws it, and a value would navigate to that plan's overview
                                value=plan_code if plan_code in plans else None,
                                placeholder=short_title(plan, plans, lang),
                                size="sm",
                                className="plan-switcher",
                                options=[
                                    {"label": short_title(item, plans, lang), "value": code}
                                    for code, item in plans.items()
                                ],
                            ),
                        ],
                        # the short name keeps the header to one row on a laptop; the whole name is in the
                        # tooltip and in the select's label (read aloud with it)
                        className="nav-item plan-switcher-item",
                        title=title(plan, lang),
                    ),
                    html.Ul(
                        [
                            html.Li(
                                dcc.Link(
                                    t("overview", lang), href=urls.overview(plan.code, lang), className="nav-link"
                                ),
                                className="nav-overview",  # the brand links there too: left out on a laptop
                            ),
                            html.Li(
                                dcc.Link(
                                    t("districts", lang), href=urls.districts(plan.code, lang), className="nav-link"
                                )
                            ),
                            html.Li(
                                dcc.Link(
                                    t("nav_monitoring", lang),
                                    href=urls.monitoring(plan.code, lang),
                                    className="nav-link",
                                )
                            ),
                            html.Li(
                                dcc.Link(
                                    t("nav_extract", lang),
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
                                placeholder=t("search_placeholder_short", lang),
                                className="search-input",
                            ),
                        ],
                        className="nav-item search-box",
                        title=t("search_placeholder", lang),
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


def short_title(plan: Plan, plans: dict[str, Plan], lang: str) -> str:
    """The plan's province and period ("Balıkesir 2020-2024"), or its whole title when another plan
    has the same ones."""
    short = t("plan_short", lang, province=plan.province, start=plan.period_start, end=plan.period_end)
    twins = [
        other
        for other in plans.values()
        if (other.province, other.period_start, other.period_end) == (plan.province, plan.period_start, plan.period_end)
    ]
    return short if len(twins) == 1 else title(plan, lang)


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
            for item in records_of(failed)
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
    entries = None
    if quality is not None:
        entries = ("entry.nav_review", urls.href(f"/{plan.code}/review", lang))
    elif entering_unit(user, plan.code) is not None:
        entries = ("entry.nav_entry", urls.href(f"/{plan.code}/entry", lang))
    account = account_links(
        user.display_name if user is not None else None,
        lang,
        quality,
        f"{pathname or '/'}{search or ''}",
        admin,
        entries_href=entries,
        notifications=header_indicator(lang),
    )
    # the badge comes with the navbar (one request, not a second one waiting for the first)
    badge = render_badge(pathname, search)
    return navbar(context.plans, plan_code, lang, pathname or "/", search or "", account, badge)


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
    # not at load: the layout brings the navigation bar (or, without the address, the Location reports it)
    app.callback(
        Output(ids.NAVBAR, "children"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )(render_navbar)
    app.callback(
        Output(ids.DATA_BADGE, "children"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(lambda _version, pathname, search: render_badge(pathname, search))
    app.callback(
        Output(ids.DATA_VERSION, "data"),
        Input(ids.TICK, "n_intervals"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )(lambda _ticks, stored: check_version(stored))
    app.callback(
        Output(ids.NAV_NAVIGATE, "href", allow_duplicate=True),
        Input(ids.PLAN_SWITCHER, "value"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(plan_switch_href)
    app.callback(
        Output(ids.NAV_NAVIGATE, "href", allow_duplicate=True),
        Input(ids.SEARCH_INPUT, "n_submit"),
        State(ids.SEARCH_INPUT, "value"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(lambda submits, text, pathname, search: search_href(text if submits else None, pathname, search))
    app.callback(
        Output(ids.PAGE_NAVIGATE, "href", allow_duplicate=True),
        Input(ids.DISTRICT_MAP, "clickData"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(map_click_href)
    app.callback(
        Output(ids.PAGE_NAVIGATE, "href", allow_duplicate=True),
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
