"""The overview: the plan (or the filtered part of it) at a glance.

Every element follows the filters: the headline, the top-level cards, the goal
tiles grouped by their parent, the sunburst, the status counts and the lagging
goals. Filters are the plan's upper levels (İzmir: axis and priority;
Balıkesir: aim), each a query parameter named after its level.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.exceptions import PreventUpdate

from dashboard import ids, urls
from dashboard.components.common import demo_badge, headline, provenance_mark, realization_bar, section, titled
from dashboard.components.status import status_badge, status_legend, trend_mark
from dashboard.components.tiles import goal_tile_groups, status_counts_table
from dashboard.context import get_context
from dashboard.downloads.links import pack_download, view_download
from dashboard.figures.common import GRAPH_CONFIG
from dashboard.figures.hierarchy import hierarchy_sunburst
from dashboard.figures.progress import realization_chart
from dashboard.i18n import format_percent, t, title
from dashboard.views.common import NotFound, read_plan
from gosterge.plan import Plan
from warehouse.queries.nodes import goal_tiles, lagging_goals, node_progress, node_yearly, plan_overview, status_counts

ALL = "all"


def filter_levels(plan: Plan) -> list[int]:
    """Depths that can filter the overview: every level above the goals, at most two."""
    return list(range(min(plan.goal_depth, 2)))


def read(plan_code: str | None = None, lang: str = "tr", **query: Any) -> dict[str, Any]:
    """The overview's state from its URL: plan, language, and one selected node per filter level
    (a selection must sit under the one above it)."""
    plan = read_plan(plan_code or urls.first(query, "plan") or get_context().default_plan.code, lang)
    selected: dict[str, str] = {}
    parent: str | None = None
    for depth in filter_levels(plan):
        name = urls.level_param(plan.levels[depth])
        code = urls.first(query, name)
        if code is None:
            break
        node = plan.nodes.get(code)
        if node is None or node.depth != depth or (parent is not None and node.parent_code != parent):
            raise NotFound(t("unknown_code", lang, code=code), plan.code)
        selected[name] = code
        parent = code
    return {"plan": plan.code, "lang": lang, "filters": selected, "scope": parent}


def filter_href(view: dict[str, Any], depth: int, value: str | None) -> str:
    """The overview with the filter at ``depth`` set to ``value`` (deeper filters cleared);
    no navigation when the filter already has that value."""
    plan = get_context().plans[view["plan"]]
    value = None if value in (None, "", ALL) else value
    if view["filters"].get(urls.level_param(plan.levels[depth])) == value:
        raise PreventUpdate
    filters: dict[str, str] = {}
    for level_depth in filter_levels(plan):
        name = urls.level_param(plan.levels[level_depth])
        if level_depth < depth and name in view["filters"]:
            filters[name] = view["filters"][name]
        elif level_depth == depth and value:
            filters[name] = value
    return urls.overview(plan.code, view["lang"], **filters)


def filter_controls(plan: Plan, view: dict[str, Any]) -> html.Div:
    lang = view["lang"]
    controls = []
    parent: str | None = None
    for depth, control_id in zip(filter_levels(plan), (ids.FILTER_TOP, ids.FILTER_SECOND), strict=False):
        level = plan.levels[depth]
        name = urls.level_param(level)
        nodes = [node for node in plan.nodes_at(depth) if parent is None or node.parent_code == parent]
        if depth > 0 and parent is None:
            nodes = []
        options = [
            {
                "label": f"{t('all', lang)} ({(level.plural_en if lang == 'en' else level.plural_tr).lower()})",
                "value": ALL,
            }
        ]
        options += [{"label": f"{node.code} {title(node, lang)}", "value": node.code} for node in nodes]
        level_name = level.name_en if lang == "en" else level.name_tr
        controls.append(
            html.Div(
                [
                    html.Label(level_name, htmlFor=control_id, className="form-label small mb-0"),
                    dbc.Select(
                        id=control_id,
                        options=options,
                        value=view["filters"].get(name, ALL),
                        size="sm",
                        disabled=depth > 0 and parent is None,
                    ),
                ],
                className="filter-control",
                **{"data-level": name},
            )
        )
        parent = view["filters"].get(name)
    if view["filters"]:
        controls.append(
            dcc.Link(
                t("clear_filters", lang),
                href=urls.overview(plan.code, lang),
                className="btn btn-link btn-sm clear-filters",
            )
        )
    return html.Div(controls, className="filters", role="group", **{"aria-label": t("filter", lang)})


def render(view: dict[str, Any]) -> html.Div:
    context = get_context()
    plan = context.plans[view["plan"]]
    lang, scope = view["lang"], view.get("scope")
    with context.reader.connect() as connection:
        summary = plan_overview(connection, plan=plan.code, scope=scope).iloc[0].to_dict()
        nodes = node_progress(connection, plan=plan.code, scope=scope)
        tiles = goal_tiles(connection, plan=plan.code, scope=scope)
        counts = status_counts(connection, plan=plan.code, scope=scope)
        lagging = lagging_goals(connection, plan=plan.code, scope=scope)
        yearly = node_yearly(connection, plan=plan.code, node=scope or plan.code)
    scope_node = plan.nodes[scope] if scope else None
    caption = (
        f"{_level_name(plan, scope_node.depth, lang)} {scope_node.code}: {title(scope_node, lang)}"
        if scope_node
        else t("overall", lang)
    )
    return html.Div(
        [
            html.Div(
                [
                    html.H1([title(plan, lang), provenance_mark(plan.provenance, lang)], className="h3 plan-title"),
                    html.P(
                        [
                            f"{plan.period_start}–{plan.period_end} · {title(plan, lang, 'organisation')}",
                            " ",
                            demo_badge(lang) if summary.get("is_demo") else None,
                        ],
                        className="plan-meta",
                    ),
                    pack_download(plan, lang, **view["filters"]),
                ],
                className="page-heading",
            ),
            filter_controls(plan, view),
            dbc.Row(
                [
                    dbc.Col(
                        headline(
                            summary["realization_pct"],
                            summary["expected_pct"],
                            summary["status"],
                            summary["trend"],
                            lang,
                            caption=caption,
                        ),
                        lg=4,
                    ),
                    dbc.Col(
                        dcc.Graph(
                            figure=realization_chart(yearly, lang, height=220),
                            config=GRAPH_CONFIG,
                            className="realization-graph",
                        ),
                        lg=5,
                    ),
                    dbc.Col(status_legend(lang), lg=3),
                ],
                className="overview-top g-3",
            ),
            top_level_cards(plan, nodes, counts, view),
            section(
                t("goal_tiles", lang),
                view_download(plan, plan.levels[-1].key, lang, **view["filters"]),
                goal_tile_groups(tiles, plan, lang),
                **{"data-section": "goals"},
            ),
            dbc.Row(
                [
                    dbc.Col(
                        section(
                            t("hierarchy", lang),
                            html.P(t("hierarchy_help", lang), className="small text-muted"),
                            dcc.Graph(
                                id=ids.SUNBURST,
                                figure=hierarchy_sunburst(
                                    nodes,
                                    root_code=scope or plan.code,
                                    root_title=title(scope_node, lang) if scope_node else title(plan, lang),
                                    root_label=scope_node.code if scope_node else plan.province,
                                    root_status=summary["status"],
                                    root_realization=summary["realization_pct"],
                                    lang=lang,
                                ),
                                config=GRAPH_CONFIG,
                            ),
                        ),
                        lg=5,
                    ),
                    dbc.Col(
                        [
                            section(
                                t("status_counts", lang),
                                status_counts_table(
                                    counts,
                                    [(node.code, title(node, lang)) for node in _roots_in_scope(plan, scope)],
                                    lang,
                                ),
                                **{"data-section": "counts"},
                            ),
                            section(
                                t("lagging_goals", lang),
                                lagging_list(lagging, plan, lang),
                                **{"data-section": "lagging"},
                            ),
                        ],
                        lg=7,
                    ),
                ],
                className="g-3",
            ),
        ],
        className="overview",
    )


def _level_name(plan: Plan, depth: int, lang: str) -> str:
    level = plan.levels[depth]
    return level.name_en if lang == "en" else level.name_tr


def _roots_in_scope(plan: Plan, scope: str | None) -> list:
    if scope is None:
        return plan.roots()
    return [plan.ancestors(scope)[0]]


def top_level_cards(plan: Plan, nodes: Any, counts: Any, view: dict[str, Any]) -> html.Div:
    """One card per top-level node in scope (İzmir's axes, Balıkesir's aims)."""
    lang = view["lang"]
    top = nodes[nodes["depth"] == 0]
    level = plan.levels[0]
    cards = []
    for row in top.to_dict("records"):
        goal_count = int(counts[(counts["root_code"] == row["node_code"]) & (counts["kind"] == "goal")]["count"].sum())
        indicator_count = int(
            counts[(counts["root_code"] == row["node_code"]) & (counts["kind"] == "indicator")]["count"].sum()
        )
        cards.append(
            html.Div(
                dcc.Link(
                    html.Div(
                        [
                            html.Div(f"{_level_name(plan, 0, lang)} {row['node_code']}", className="card-kicker"),
                            html.Div(titled(row, lang), className="card-title-text"),
                            html.Div(
                                [
                                    html.Span(format_percent(row["realization_pct"], lang), className="card-value"),
                                    " ",
                                    status_badge(row["status"], lang, size="sm"),
                                    " ",
                                    trend_mark(row["trend"], lang),
                                ]
                            ),
                            realization_bar(row["realization_pct"], row["expected_pct"], lang),
                            html.Div(
                                f"{goal_count} {t('goals_count', lang)} · {indicator_count} {t('indicators_count', lang)}",
                                className="card-counts",
                            ),
                        ]
                    ),
                    href=urls.node(plan.code, row["node_code"], lang),
                    className=f"top-card tile-{row['status']}",
                ),
                className="top-card-cell",
                **{"data-root": row["node_code"]},
            )
        )
    heading = level.plural_en if lang == "en" else level.plural_tr
    top_filter = {name: code for name, code in view["filters"].items() if name == urls.level_param(level)}
    return section(
        heading,
        view_download(plan, level.key, lang, **top_filter),
        html.Div(cards, className="top-cards"),
        **{"data-section": "top"},
    )


def lagging_list(lagging: Any, plan: Plan, lang: str) -> Any:
    if lagging.empty:
        return html.P(t("no_lagging", lang))
    goal_name = _level_name(plan, plan.goal_depth, lang)
    return html.Ol(
        [
            html.Li(
                [
                    status_badge(row["status"], lang, size="sm"),
                    " ",
                    dcc.Link(
                        f"{goal_name} {row['node_code']}: {title(row, lang)}",
                        href=urls.node(plan.code, row["node_code"], lang),
                    ),
                    html.Span(f" · {format_percent(row['realization_pct'], lang)}", className="text-muted"),
                ],
                **{"data-goal": row["node_code"]},
            )
            for row in lagging.to_dict("records")
        ],
        className="lagging-goals",
    )
