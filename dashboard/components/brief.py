"""The executive brief as a page: a pure builder from a :class:`warehouse.queries.brief.Brief`.

Every text comes from :mod:`dashboard.components.brief_text`, which the PDF writes too. Laid out for
one A4 page when printed (``dashboard/assets/brief.css``): no navigation, no buttons.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import ids, urls
from dashboard.attributes import attributes
from dashboard.components import brief_text as text
from dashboard.components.common import demo_badge, plan_crumbs, provenance_mark
from dashboard.components.status import STATUS_COLOURS, STATUS_TEXT_COLOURS, status_badge
from dashboard.downloads.links import download_button
from dashboard.i18n import format_percent, title
from gosterge.plan import Plan
from warehouse.frames import records_of
from warehouse.queries.brief import Brief


def brief_body(
    plan: Plan, brief: Brief, lang: str, *, pdf_href: str, scopes: list[tuple[str, str, str, bool]] | None = None
) -> html.Div:
    """The whole brief page; ``scopes``: (label, full title, href, is this one) of every brief of the plan."""
    scope_node = plan.nodes[brief.scope] if brief.scope else None
    return html.Div(
        [
            plan_crumbs(plan, lang, code=brief.scope, extra=[(text.brief_text("title", lang), None, None)]),
            html.Div(
                [
                    html.Div(
                        [
                            html.Div(text.brief_text("title", lang), className="card-kicker"),
                            html.H1(
                                [
                                    # named in the page's title and for screen readers; the kicker shows it
                                    html.Span(f"{text.brief_text('title', lang)}: ", className="visually-hidden"),
                                    text.subject(plan, brief.scope, lang),
                                    provenance_mark(_provenance(plan, brief), lang),
                                ],
                                className="h3 brief-title",
                            ),
                            html.P(
                                [
                                    title(plan, lang) + " · " if scope_node else "",
                                    f"{plan.period_start}–{plan.period_end} · {title(plan, lang, 'organisation')}",
                                    " ",
                                    demo_badge(lang) if brief.is_demo else None,
                                ],
                                className="plan-meta",
                            ),
                        ]
                    ),
                    download_button(pdf_href, text.brief_text("pdf", lang), id=ids.BRIEF_PDF),
                ],
                className="page-heading brief-heading",
            ),
            scope_links(scopes or [], lang),
            headline_block(brief, lang),
            html.Div(
                [counts_block(brief, lang), changes_block(plan, brief, lang)],
                className="brief-columns",
            ),
            lagging_block(plan, brief, lang),
            freshness_block(brief, lang),
        ],
        className="brief",
        **attributes(data_scope=brief.scope or ""),
    )


def scope_links(scopes: list[tuple[str, str, str, bool]], lang: str) -> html.Nav | None:
    """The plan's briefs (the whole plan, each top-level node), this one marked; not printed."""
    if len(scopes) < 2:
        return None
    return html.Nav(
        html.Ul(
            [
                html.Li(
                    html.Span(label, title=full, className="nav-link active", **attributes(aria_current="page"))
                    if current
                    else dcc.Link(label, href=href, title=full, className="nav-link"),
                    className="nav-item",
                )
                for label, full, href, current in scopes
            ],
            className="nav nav-pills brief-scopes",
        ),
        className="no-print",
        **attributes(aria_label=text.brief_text("other_briefs", lang)),
    )


def brief_link(href: str, lang: str) -> dcc.Link:
    """The link to a brief (beside the overview's and a top-level node's heading); not printed."""
    return dcc.Link(
        text.brief_text("link", lang),
        href=href,
        title=text.brief_text("link_help", lang),
        className="btn btn-outline-secondary btn-sm brief-link no-print",
    )


def _provenance(plan: Plan, brief: Brief) -> str | None:
    return plan.nodes[brief.scope].provenance if brief.scope else plan.provenance


def headline_block(brief: Brief, lang: str) -> html.Section:
    summary = brief.summary
    status = str(summary.get("status") or "not_available")
    return html.Section(
        [
            html.Div(
                [
                    html.Div(format_percent(summary.get("realization_pct"), lang), className="brief-figure"),
                    status_badge(status, lang, realization=summary.get("realization_pct")),
                ],
                className="brief-figure-cell",
            ),
            html.Div(
                [
                    html.P(text.headline(brief, lang), className="brief-headline"),
                    html.P(text.goals_sentence(brief, lang), className="brief-goals-sentence"),
                ],
                className="brief-sentences",
            ),
        ],
        className=f"brief-headline-block tile-{status}",
        **attributes(data_section="headline"),
    )


def counts_block(brief: Brief, lang: str) -> html.Section:
    rows = text.counts(brief, lang)
    total = max(brief.goals, 1)
    bar = html.Div(
        [
            html.Span(
                className="brief-bar-part",
                style={"width": f"{count / total * 100:.2f}%", "background": STATUS_COLOURS[status]},
                title=f"{name}: {count}",
            )
            for status, name, count in rows
        ],
        className="brief-bar",
        role="img",
        **attributes(aria_label=", ".join(f"{name}: {count}" for _, name, count in rows)),
    )
    return html.Section(
        [
            html.H2(text.brief_text("status_counts", lang), className="h5 section-title"),
            bar,
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(text.brief_text("status_header", lang), scope="col"),
                                html.Th(text.brief_text("count_header", lang), scope="col", className="text-end"),
                            ]
                        )
                    ),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Td(
                                        [
                                            html.Span(
                                                className="brief-swatch",
                                                style={
                                                    "background": STATUS_COLOURS[status],
                                                    "borderColor": STATUS_TEXT_COLOURS[status],
                                                },
                                            ),
                                            name,
                                        ]
                                    ),
                                    html.Td(text.whole(count, lang), className="text-end"),
                                ],
                                **attributes(data_status=status, data_count=str(count)),
                            )
                            for status, name, count in rows
                        ]
                    ),
                ],
                className="table table-sm brief-counts",
            ),
            html.P(text.totals(brief, lang), className="small text-muted"),
        ],
        className="dash-section brief-section",
        **attributes(data_section="counts"),
    )


def changes_block(plan: Plan, brief: Brief, lang: str) -> html.Section:
    comparison = brief.comparison
    lists: list[Any] = []
    for direction, key in (("up", "moved_up"), ("down", "moved_down")):
        moved, hidden = text.shown_changes(comparison, direction)
        if not moved:
            continue
        count = len(moved) + hidden
        lists.append(html.H3(text.brief_text(key, lang, count=count), className=f"h6 brief-moved-{direction}"))
        lists.append(
            html.Ul(
                [
                    html.Li(
                        [
                            dcc.Link(text.goal_label(row, lang), href=urls.node(plan.code, row["node_code"], lang)),
                            html.Span(" " + text.change_line(row, lang), className="text-muted"),
                        ],
                        **attributes(data_goal=row["node_code"], data_direction=direction),
                    )
                    for row in moved
                ],
                className="brief-changes",
            )
        )
        if hidden:
            lists.append(html.P(text.more(hidden, lang), className="small"))
    if not lists and comparison.basis != "none":
        lists.append(html.P(text.brief_text("no_change", lang)))
    return html.Section(
        [
            html.H2(text.brief_text("changes", lang), className="h5 section-title"),
            html.P(text.comparison_note(comparison, lang), className="small text-muted brief-basis"),
            *lists,
        ],
        className="dash-section brief-section",
        **attributes(data_section="changes", data_basis=comparison.basis),
    )


def lagging_block(plan: Plan, brief: Brief, lang: str) -> html.Section:
    rows = records_of(brief.lagging)
    items = [
        html.Li(
            [
                html.Div(
                    [
                        dcc.Link(text.goal_label(row, lang), href=urls.node(plan.code, row["node_code"], lang)),
                        " ",
                        status_badge(str(row["status"]), lang, size="sm"),
                    ],
                    className="brief-lagging-goal",
                ),
                html.Div(text.lagging_figures(row, lang), className="small text-muted"),
                reasons(brief, row["node_code"], lang),
            ],
            **attributes(data_goal=row["node_code"]),
        )
        for row in rows
    ]
    more = brief.lagging_total - len(rows)
    return html.Section(
        [
            html.H2(text.brief_text("lagging", lang), className="h5 section-title"),
            html.Ol(items, className="brief-lagging") if items else html.P(text.brief_text("no_lagging", lang)),
            html.P(text.more(more, lang), className="small") if more > 0 else None,
        ],
        className="dash-section brief-section",
        **attributes(data_section="lagging"),
    )


def reasons(brief: Brief, goal_code: str, lang: str) -> html.Div | None:
    given = brief.reasons_of(goal_code)
    if not given:
        return None
    return html.Div(
        [
            html.Div(
                [
                    html.Div(text.reason_heading(row, lang), className="brief-reason-of"),
                    *[html.Div([html.Strong(f"{label}: "), value]) for label, value in text.reason_parts(row, lang)],
                ],
                className="brief-reason",
                **attributes(data_indicator=row["indicator_code"]),
            )
            for row in given
        ],
        className="brief-reasons",
    )


def freshness_block(brief: Brief, lang: str) -> html.Section:
    return html.Section(
        [
            html.H2(text.brief_text("freshness", lang), className="h5 section-title"),
            *[html.P(line, className="small mb-1") for line in text.freshness(brief, lang)],
            html.P(text.brief_text("demo_note", lang), className="brief-demo-note", role="note")
            if brief.is_demo
            else None,
        ],
        className="dash-section brief-section brief-freshness",
        **attributes(data_section="freshness"),
    )
