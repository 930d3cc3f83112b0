"""The overview: the plan (or the filtered part of it) at a glance.

Every element follows the filters: the headline, the top-level cards, the goal
tiles grouped by their parent, the sunburst, the status counts and the lagging
goals. Filters are the plan's upper levels (İzmir: axis and priority;
Balıkesir: aim), each a query parameter named after its level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.exceptions import PreventUpdate

from dashboard import ids, urls
from dashboard.attributes import attributes
from dashboard.components.brief import brief_link
from dashboard.components.common import demo_badge, headline, provenance_mark, realization_bar, section, titled
from dashboard.components.status import status_badge, status_legend, trend_mark
from dashboard.components.tiles import goal_tile_groups, status_counts_table
from dashboard.components.why import node_why
from dashboard.context import get_context
from dashboard.downloads.links import pack_download, view_download
from dashboard.figures.alternative import chart_graph
from dashboard.figures.hierarchy import hierarchy_sunburst
from dashboard.figures.progress import realization_chart
from dashboard.i18n import format_percent, t, title
from dashboard.state import NotFound, Query, ViewState, read_plan
from dashboard.views.brief import brief_href
from dashboard.views.common import last_target_year, reached
from gosterge.language import DEFAULT_LANGUAGE
from gosterge.plan import Plan
from warehouse.frames import records_of
from warehouse.queries.standing import standing_of

ALL = "all"


def filter_levels(plan: Plan) -> list[int]:
    """Depths that can filter the overview: every level above the goals, at most two."""
    return list(range(min(plan.goal_depth, 2)))


@dataclass(frozen=True, kw_only=True)
class OverviewView(ViewState):
    """/<plan>: the plan, or the part of it under the selected nodes (one per filter level, from the
    top down, each under the one above; the query names each by its level: ?axis=…&priority=…)."""

    selected: tuple[str, ...] = ()

    @classmethod
    def from_query(cls, plan_code: str | None = None, lang: str = DEFAULT_LANGUAGE, **query: Any) -> OverviewView:
        values = Query(query)
        plan = read_plan(plan_code or values.text("plan") or get_context().default_plan.code, lang)
        selected: list[str] = []
        for depth in filter_levels(plan):
            code = values.text(urls.level_param(plan.levels[depth]))
            if code is None:
                break
            node = plan.nodes.get(code)
            parent = selected[-1] if selected else None
            if node is None or node.depth != depth or (parent is not None and node.parent_code != parent):
                raise NotFound(t("unknown_code", lang, code=code), plan.code)
            selected.append(code)
        return cls(plan=plan.code, lang=lang, selected=tuple(selected))

    @property
    def scope(self) -> str | None:
        """The deepest selected node (None: the whole plan)."""
        return self.selected[-1] if self.selected else None

    def filters(self) -> dict[str, str]:
        """The selected nodes by their level's query parameter ({"axis": "2", "priority": "2.1"})."""
        levels = self.plan_model().levels
        return {urls.level_param(levels[depth]): code for depth, code in enumerate(self.selected)}

    def path(self) -> str:
        return urls.plan_path(self.plan)

    def to_query(self) -> dict[str, Any]:
        return self.filters()

    def filter_href(self, depth: int, value: str | None) -> str:
        """The overview with the filter at ``depth`` set to ``value`` (deeper filters cleared);
        no navigation when the filter already has that value."""
        value = None if value in (None, "", ALL) else value
        current = self.selected[depth] if depth < len(self.selected) else None
        if current == value:
            raise PreventUpdate
        return self.href(selected=self.selected[:depth] + ((value,) if value else ()))


read = OverviewView.from_query


def filter_controls(plan: Plan, view: OverviewView) -> html.Div:
    lang = view.lang
    controls: list[Any] = []
    parent: str | None = None
    for depth, control_id in zip(filter_levels(plan), (ids.FILTER_TOP, ids.FILTER_SECOND), strict=False):
        level = plan.levels[depth]
        name = urls.level_param(level)
        nodes = [node for node in plan.nodes_at(depth) if parent is None or node.parent_code == parent]
        if depth > 0 and parent is None:
            nodes = []
        options = [
            {
                "label": f"{t('all', lang)} ({level.text(lang, 'plural').lower()})",
                "value": ALL,
            }
        ]
        options += [{"label": f"{node.code} {title(node, lang)}", "value": node.code} for node in nodes]
        level_name = level.text(lang, "name")
        controls.append(
            html.Div(
                [
                    html.Label(level_name, htmlFor=control_id, className="form-label small mb-0"),
                    dbc.Select(
                        id=control_id,
                        options=options,
                        value=view.filters().get(name, ALL),
                        size="sm",
                        disabled=depth > 0 and parent is None,
                    ),
                ],
                className="filter-control",
                **attributes(data_level=name),
            )
        )
        parent = view.filters().get(name)
    if view.filters():
        controls.append(
            dcc.Link(
                t("clear_filters", lang),
                href=urls.overview(plan.code, lang),
                className="btn btn-link btn-sm clear-filters",
            )
        )
    return html.Div(controls, className="filters", role="group", **attributes(aria_label=t("filter", lang)))


def render(view: OverviewView) -> html.Div:
    context = get_context()
    plan = context.plans[view.plan]
    lang, scope = view.lang, view.scope
    with context.reader.connect() as connection:
        standing = standing_of(context.reader, connection, plan=plan.code)
    summary = standing.summary(scope)
    nodes = standing.node_rows(scope)
    tiles = standing.goal_tiles(scope)
    counts = standing.status_counts(scope)
    lagging = standing.lagging_goals(scope)
    yearly = standing.node_years(scope or plan.code)
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
                    html.Div(
                        [
                            pack_download(plan, lang, **view.filters()),
                            brief_link(brief_href(plan.code, lang, view.selected[0] if view.selected else None), lang),
                        ],
                        className="heading-actions",
                    ),
                ],
                className="page-heading",
            ),
            filter_controls(plan, view),
            dbc.Row(
                [
                    dbc.Col(
                        html.Div(
                            [
                                headline(
                                    summary["realization_pct"],
                                    summary["expected_pct"],
                                    summary["status"],
                                    summary["trend"],
                                    lang,
                                    caption=caption,
                                ),
                                node_why(
                                    {**summary, "node_code": scope or plan.code},
                                    lang,
                                    child_links=_child_links(plan, scope, lang),
                                    target_year=last_target_year(plan, scope) if scope else plan.period_end,
                                    reached=reached(
                                        nodes[nodes["parent_code"] == scope] if scope else nodes[nodes["depth"] == 0]
                                    ),
                                ),
                            ],
                            className="headline-with-why",
                        ),
                        lg=4,
                    ),
                    dbc.Col(
                        chart_graph(
                            realization_chart(
                                yearly,
                                lang,
                                height=240,
                                target_year=last_target_year(plan, scope) if scope else plan.period_end,
                            ),
                            lang,
                            name="realization",
                            class_name="realization-graph",
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
                view_download(plan, plan.levels[-1].key, lang, **view.filters()),
                goal_tile_groups(tiles, plan, lang),
                **attributes(data_section="goals"),
            ),
            dbc.Row(
                [
                    dbc.Col(
                        section(
                            t("hierarchy", lang),
                            html.P(t("hierarchy_help", lang), className="small text-muted"),
                            chart_graph(
                                hierarchy_sunburst(
                                    nodes,
                                    root_code=scope or plan.code,
                                    root_title=title(scope_node, lang) if scope_node else title(plan, lang),
                                    root_label=scope_node.code if scope_node else plan.province,
                                    root_status=summary["status"],
                                    root_realization=summary["realization_pct"],
                                    lang=lang,
                                ),
                                lang,
                                name="hierarchy",
                                graph_id=ids.SUNBURST,
                            ),
                        ),
                        lg=5,
                    ),
                    dbc.Col(
                        [
                            section(
                                t("status_counts", lang),
                                view_download(plan, "status_counts", lang, **view.filters()),
                                status_counts_table(
                                    counts,
                                    [(node.code, title(node, lang)) for node in _roots_in_scope(plan, scope)],
                                    lang,
                                ),
                                **attributes(data_section="counts"),
                            ),
                            section(
                                t("lagging_goals", lang),
                                view_download(plan, "lagging", lang, **view.filters()),
                                lagging_list(lagging, plan, lang),
                                **attributes(data_section="lagging"),
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


def _child_links(plan: Plan, scope: str | None, lang: str) -> dict[str, tuple[str, str]]:
    """code → (title, href) of the children of the scope (the top-level nodes for the whole plan)."""
    children = plan.children(scope) if scope else plan.roots()
    return {child.code: (title(child, lang), urls.node(plan.code, child.code, lang)) for child in children}


def _level_name(plan: Plan, depth: int, lang: str) -> str:
    level = plan.levels[depth]
    return level.text(lang, "name")


def _roots_in_scope(plan: Plan, scope: str | None) -> list:
    if scope is None:
        return plan.roots()
    return [plan.ancestors(scope)[0]]


def top_level_cards(plan: Plan, nodes: Any, counts: Any, view: OverviewView) -> html.Section | None:
    """One card per top-level node in scope (İzmir's axes, Balıkesir's aims); no section when the scope
    is below the top level (a priority chosen: the axis is not in it, and an empty section would stay)."""
    lang = view.lang
    top = nodes[nodes["depth"] == 0]
    if top.empty:
        return None
    level = plan.levels[0]
    cards = []
    for row in records_of(top):
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
                **attributes(data_root=row["node_code"]),
            )
        )
    heading = level.text(lang, "plural")
    top_filter = {name: code for name, code in view.filters().items() if name == urls.level_param(level)}
    return section(
        heading,
        view_download(plan, level.key, lang, **top_filter),
        html.Div(cards, className="top-cards"),
        **attributes(data_section="top"),
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
                **attributes(data_goal=row["node_code"]),
            )
            for row in records_of(lagging)
        ],
        className="lagging-goals",
    )
