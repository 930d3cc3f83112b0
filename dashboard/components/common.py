"""Page pieces: headers, breadcrumbs, demo and provenance marks, not-found and error views."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import urls
from dashboard.attributes import attributes
from dashboard.components.elements import element
from dashboard.components.status import status_badge, trend_mark
from dashboard.i18n import format_percent, t, title
from gosterge.plan import Plan
from gosterge.progress.status import NOT_ACHIEVED


def provenance_mark(provenance: str | None, lang: str) -> html.Abbr | None:
    """A discreet mark on working content (titles the project wrote, not the plan's official text)."""
    if provenance != "working":
        return None
    return element(html.Abbr, "*", title=t("working_title", lang), className="provenance-working")


def titled(item: Any, lang: str, prefix: str = "title") -> list:
    """A title followed by its provenance mark."""
    provenance = item.get("provenance") if isinstance(item, dict) else getattr(item, "provenance", None)
    return [title(item, lang, prefix), provenance_mark(provenance, lang)]


def demo_badge(lang: str) -> html.Span:
    return html.Span(t("demo_data", lang), className="demo-badge", title=t("demo_data_help", lang), role="note")


def breadcrumbs(items: list[tuple[str, str | None, str | None]]) -> html.Nav:
    """``items`` = (text, href or None for the current page, full title for the tooltip)."""
    entries = []
    for index, (text, link, full) in enumerate(items):
        last = index == len(items) - 1
        content = dcc.Link(text, href=link, title=full) if link and not last else html.Span(text, title=full)
        entries.append(
            html.Li(
                content,
                className="breadcrumb-item" + (" active" if last else ""),
                **(attributes(aria_current="page") if last else {}),
            )
        )
    return html.Nav(html.Ol(entries, className="breadcrumb"), **attributes(aria_label="breadcrumb"))


def plan_crumbs(
    plan: Plan,
    lang: str,
    *,
    code: str | None = None,
    indicator: str | None = None,
    district: str | None = None,
    extra: list[tuple[str, str | None, str | None]] | None = None,
) -> html.Nav:
    """Plan › level nodes … › indicator › district, with the level names the plan gives."""
    items: list[tuple[str, str | None, str | None]] = [
        (t("overview", lang), urls.overview(plan.code, lang), title(plan, lang))
    ]
    subject = indicator or code
    chain = plan.ancestors(subject) if subject else []
    for node in chain:
        level = plan.level_of(node)
        level_name = level.text(lang, "name")
        items.append((f"{level_name} {node.code}", urls.node(plan.code, node.code, lang), title(node, lang)))
    if indicator:
        item = plan.indicators[indicator]
        items.append(
            (
                f"{t('indicator', lang)} {indicator}",
                urls.indicator(plan.code, indicator, lang),
                title(item, lang, "name"),
            )
        )
    if district and district in plan.districts:
        items.append((plan.districts[district].name, urls.district(plan.code, district, lang), None))
    items.extend(extra or [])
    return breadcrumbs(items)


def headline(
    realization: Any, expected: Any, status: str | None, trend: str | None, lang: str, *, caption: str
) -> html.Div:
    """The big realization figure with status and trend: what an executive reads first. A past
    year's figure has no status (None): it is assessed for the latest data only, and says so."""
    assessed: list[Any] = (
        [status_badge(status, lang, size="lg", realization=realization)]
        if status is not None
        else [html.Span(t("status_latest_only", lang), className="small text-muted")]
    )
    if status not in (None, NOT_ACHIEVED):  # an end result has no pace left: no trend beside it
        assessed += [" ", trend_mark(trend or "none", lang, with_text=True)]
    return html.Div(
        [
            html.Div(caption, className="headline-caption"),
            html.Div(
                [
                    html.Span(format_percent(realization, lang), className="headline-value"),
                    html.Span(
                        f"{t('expected', lang)}: {format_percent(expected, lang)}", className="headline-expected"
                    ),
                ]
            ),
            html.Div(assessed, className="headline-status"),
        ],
        className="headline",
    )


def realization_bar(realization: Any, expected: Any, lang: str) -> html.Div:
    """A thin bar: realization (filled, capped to 0–100) with a tick at the expected realization."""

    def clamp(value: Any) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            return 0.0
        return 0.0 if number != number else max(0.0, min(100.0, number))

    children: list = [element(html.Div, className="bar-fill", style={"width": f"{clamp(realization):.1f}%"})]
    if expected is not None and expected == expected:
        children.append(element(html.Div, className="bar-expected", style={"left": f"{clamp(expected):.1f}%"}))
    return element(html.Div, children, className="realization-bar", **attributes(aria_hidden="true"))


def not_found(
    lang: str, what: str, plan_code: str | None = None, plans: list[tuple[str, str]] | None = None
) -> html.Div:
    """The normal view for an unknown address or code (the server answers it with HTTP 404); without a
    known plan, ``plans`` (code, title) are listed so the visitor can choose one."""
    back = urls.overview(plan_code, lang) if plan_code else urls.href("/", lang)
    choices = (
        html.Div(
            [
                html.P(t("not_found_plans", lang)),
                html.Ul([html.Li(dcc.Link(name, href=urls.overview(code, lang))) for code, name in plans]),
            ],
            className="not-found-plans",
        )
        if plans and not plan_code
        else None
    )
    return html.Div(
        [
            html.H1(t("not_found", lang)),
            html.P(t("not_found_text", lang, what=what)) if what else None,
            choices,
            dcc.Link(t("back_to_overview", lang), href=back, className="btn btn-primary"),
        ],
        className="not-found",
        **attributes(data_view="not-found"),
    )


def error_view(lang: str) -> html.Div:
    return html.Div(
        [html.H2(t("error", lang), className="h5"), html.P(t("error_text", lang))],
        className="alert alert-warning error-view",
        role="alert",
    )


def section(heading: str, *children: Any, level: int = 2, **attributes: Any) -> html.Section:
    header = html.H2(heading, className="h5 section-title") if level == 2 else html.H3(heading, className="h6")
    return html.Section([header, *children], className="dash-section", **attributes)


def facts(rows: list[tuple[str, Any]]) -> html.Dl:
    """A definition list of label → value pairs (values may be components)."""
    items: list = []
    for label, value in rows:
        items.append(html.Dt(label))
        items.append(html.Dd(value if value not in (None, "") else "–"))
    return html.Dl(items, className="facts")
