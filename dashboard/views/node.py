"""A node of the plan (axis, priority, goal, aim …): realization against the expected path, its
children, and for a goal each indicator with its chart and 'why this status' panel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import urls
from dashboard.attributes import attributes
from dashboard.components.brief import brief_link
from dashboard.components.common import demo_badge, headline, plan_crumbs, provenance_mark, realization_bar, section
from dashboard.components.explanations import explanation_list
from dashboard.components.markup import Markup
from dashboard.components.report_links import report_links
from dashboard.components.status import status_badge, trend_mark
from dashboard.components.tables import Column, table, value_decimals
from dashboard.components.why import indicator_why, node_why
from dashboard.context import get_context
from dashboard.downloads.links import area_filters, pack_download, view_download
from dashboard.figures.alternative import chart_graph
from dashboard.figures.progress import indicator_chart, realization_chart
from dashboard.i18n import format_number, format_percent, format_value, is_missing, label, t, title
from dashboard.state import AreaState, Query, known_code, path_code, read_plan
from dashboard.views.brief import brief_href
from dashboard.views.common import area_name, area_select, last_target_year, nothing_yet, reached
from gosterge.language import DEFAULT_LANGUAGE
from gosterge.plan import UNITS, Plan
from warehouse.frames import records_of
from warehouse.monitoring import latest_monitoring_year
from warehouse.queries.explanations import node_explanations
from warehouse.queries.standing import standing_of


@dataclass(frozen=True, kw_only=True)
class NodeView(AreaState):
    """/<plan>/node/<code>: an axis, priority, goal, aim … in the province, a region or a district."""

    node: str

    @classmethod
    def from_query(
        cls, plan_code: str | None = None, node_code: str | None = None, lang: str = DEFAULT_LANGUAGE, **query: Any
    ) -> NodeView:
        plan = read_plan(plan_code, lang)
        code = known_code(plan, path_code(node_code), plan.nodes, lang)
        return cls(plan=plan.code, lang=lang, node=code, **cls.read_area(plan, Query(query), lang))

    def path(self) -> str:
        return urls.plan_path(self.plan, "node", self.node)

    def to_query(self) -> dict[str, Any]:
        return self.area_query()


read = NodeView.from_query


def unit_name(unit: str, lang: str) -> str:
    known = UNITS.get(unit)
    return known.text(lang, "name") if known else unit


def child_links(plan: Plan, code: str, lang: str, view: NodeView) -> dict[str, tuple[str, str]]:
    """code → (title, href) for the node's children (indicators for a goal)."""
    node = plan.nodes[code]
    if node.depth == plan.goal_depth:
        return {
            i.code: (title(i, lang, "name"), urls.indicator(plan.code, i.code, lang, **view.area_query()))
            for i in plan.indicators_of(code)
        }
    return {
        child.code: (title(child, lang), urls.node(plan.code, child.code, lang, **view.area_query()))
        for child in plan.children(code)
    }


def render(view: NodeView) -> html.Div:
    context = get_context()
    plan = context.plans[view.plan]
    lang, code = view.lang, view.node
    node = plan.nodes[code]
    area = view.area_arguments()
    is_goal = node.depth == plan.goal_depth
    with context.reader.connect() as connection:
        standing = standing_of(context.reader, connection, plan=plan.code, **area)
        nodes = standing.node_rows(code)
        yearly = standing.node_years(code)
        indicators = standing.goal_indicators(code) if is_goal else None
        codes = [] if indicators is None else [str(indicator) for indicator in indicators["indicator_code"]]
        indicator_years = yearly_by_indicator(standing.years_of(codes) if codes else None, codes)
        any_demo = bool(standing.summary(code)["is_demo"])
        explanations = records_of(
            context.reader.asked(connection, node_explanations, plan=plan.code, node=code, **area)
        )
        report_year = context.reader.fact(
            ("latest_monitoring_year", plan.code), lambda: latest_monitoring_year(connection, plan=plan.code)
        )
    level = plan.level_of(node)
    level_name = level.text(lang, "name")
    found = nodes[nodes["node_code"] == code]
    if found.empty:
        return nothing_yet(
            plan_crumbs(plan, lang, code=code, district=view.district),
            f"{level_name} {code}",
            [title(node, lang), provenance_mark(node.provenance, lang)],
            area_name(plan, view.area_level, view.area_code, lang),
            lang,
            view="node",
        )
    row = found.iloc[0].to_dict()
    links = child_links(plan, code, lang, view)
    body: list[Any] = [
        plan_crumbs(plan, lang, code=code, district=view.district),
        html.Div(
            [
                html.Div(f"{level_name} {code}", className="card-kicker"),
                html.H1([title(node, lang), provenance_mark(node.provenance, lang)], className="h3"),
                html.P(
                    [
                        area_name(plan, view.area_level, view.area_code, lang),
                        " ",
                        demo_badge(lang) if any_demo else None,
                    ],
                    className="plan-meta",
                ),
                html.Div(
                    [
                        pack_download(
                            plan,
                            lang,
                            **{urls.level_param(level): code},
                            **area_filters(view.area_level, view.area_code),
                        ),
                        brief_link(brief_href(plan.code, lang, code), lang) if node.depth == 0 else None,
                    ],
                    className="heading-actions",
                ),
                report_links(plan.code, report_year, lang, node=code, **view.area_query()) if report_year else None,
            ],
            className="page-heading",
        ),
        area_select(plan, view),
        dbc.Row(
            [
                dbc.Col(
                    [
                        headline(
                            row["realization_pct"],
                            row["expected_pct"],
                            row["status"],
                            row["trend"],
                            lang,
                            caption=t("realization", lang),
                        ),
                        node_why(
                            row,
                            lang,
                            child_links=links,
                            target_year=last_target_year(plan, code),
                            reached=reached(
                                indicators if indicators is not None else nodes[nodes["parent_code"] == code]
                            ),
                        ),
                    ],
                    lg=4,
                ),
                dbc.Col(
                    section(
                        t("realization_vs_expected", lang),
                        chart_graph(
                            realization_chart(yearly, lang, target_year=last_target_year(plan, code)),
                            lang,
                            name="realization",
                        ),
                    ),
                    lg=8,
                ),
            ],
            className="g-3 mt-1",
        ),
    ]
    if explanations:  # the units' reasons and measures for the indicators below, of the newest year with any
        names = {
            item: (
                title(plan.indicators[item], lang, "name"),
                urls.indicator(plan.code, item, lang, **view.area_query()),
            )
            for item in {str(row["indicator_code"]) for row in explanations}
        }
        body.append(
            section(
                t("explanation.heading", lang),
                explanation_list(explanations, lang, names=names),
                **attributes(data_section="explanations"),
            )
        )
    if is_goal and indicators is not None:
        by_indicator = {str(row["indicator_code"]): row for row in explanations}
        body.append(
            section(
                t("indicators", lang),
                view_download(
                    plan,
                    "indicators",
                    lang,
                    **{urls.level_param(level): code},
                    **area_filters(view.area_level, view.area_code),
                ),
                html.Div(
                    [
                        indicator_card(
                            item,
                            indicator_years[item["indicator_code"]],
                            plan,
                            lang,
                            view,
                            explanation=by_indicator.get(item["indicator_code"]),
                        )
                        for item in records_of(indicators)
                    ],
                    className="indicator-cards",
                ),
                **attributes(data_section="indicators"),
            )
        )
    else:
        children = nodes[nodes["parent_code"] == code]
        body.append(
            section(
                t("children", lang),
                view_download(
                    plan,
                    plan.levels[node.depth + 1].key,
                    lang,
                    **{urls.level_param(level): code},
                    **area_filters(view.area_level, view.area_code),
                ),
                children_table(children, plan, lang, view, grandchildren=nodes),
                **attributes(data_section="children"),
            )
        )
    return html.Div(body, className="node-page", **attributes(data_node=code))


def yearly_by_indicator(yearly: pd.DataFrame | None, codes: list[str]) -> dict[str, pd.DataFrame]:
    """The rows of :func:`warehouse.queries.indicators.indicators_yearly` split by indicator, each frame as
    :meth:`warehouse.queries.standing.Standing.indicator_yearly` gives it (without the code; an indicator
    without rows: an empty frame)."""
    if yearly is None:
        return {}
    columns = [column for column in yearly.columns if column != "indicator_code"]
    groups = {str(code): rows for code, rows in yearly.groupby("indicator_code", sort=False)}
    return {
        code: groups[code][columns].reset_index(drop=True) if code in groups else yearly.iloc[0:0][columns]
        for code in codes
    }


def indicator_card(
    item: dict[str, Any],
    yearly: pd.DataFrame,
    plan: Plan,
    lang: str,
    view: NodeView,
    *,
    explanation: dict[str, Any] | None = None,
) -> html.Div:
    unit = unit_name(item["unit"], lang)
    target_value = item["target_value"] if not is_missing(item["target_value"]) else item["plan_target_value"]
    target_year = item["target_year"] if not is_missing(item["target_year"]) else item["plan_target_year"]
    return html.Div(
        [
            html.H3(
                [
                    dcc.Link(
                        f"{item['indicator_code']} {title(item, lang, 'name')}",
                        href=urls.indicator(plan.code, item["indicator_code"], lang, **view.area_query()),
                    ),
                    provenance_mark(item.get("provenance"), lang),
                ]
            ),
            html.Div(
                [
                    html.Span([html.B(f"{t('weight', lang)}: "), format_number(item["weight"], lang, 1)]),
                    html.Span(
                        [
                            html.B(f"{t('latest_value', lang)}: "),
                            f"{format_value(item['latest_value'], lang, value_decimals(item))} {unit}"
                            + ("" if is_missing(item["latest_year"]) else f" ({int(item['latest_year'])})"),
                        ]
                    ),
                    html.Span(
                        [
                            html.B(f"{t('target', lang)}: "),
                            label("projection", "no_target", lang)
                            if is_missing(target_value)
                            else f"{format_value(target_value, lang, value_decimals(item))} {unit} ({int(target_year)})",
                        ]
                    ),
                    html.Span([html.B(f"{t('realization', lang)}: "), format_percent(item["realization_pct"], lang)]),
                ],
                className="indicator-stats",
            ),
            html.Div(
                [
                    status_badge(item["status"], lang, realization=item["realization_pct"]),
                    " ",
                    trend_mark(item["trend"], lang, with_text=True),
                    " ",
                    demo_badge(lang) if item.get("is_demo") else None,
                ]
            ),
            indicator_why(item, lang, unit_name=unit, explanation=explanation),
            chart_graph(
                indicator_chart(yearly, item, lang, unit=unit, height=300),
                lang,
                name=f"indicator-{item['indicator_code']}",
            ),
        ],
        className="indicator-card",
        **attributes(data_indicator=item["indicator_code"]),
    )


def children_table(
    children: pd.DataFrame, plan: Plan, lang: str, view: NodeView, *, grandchildren: pd.DataFrame
) -> Markup:
    columns: list[Column] = [
        ("", lambda r: html.Span(f"{_level(plan, r['depth'], lang)} {r['node_code']}", className="text-nowrap"), ""),
        (
            t("children", lang),
            lambda r: [
                dcc.Link(title(r, lang), href=urls.node(plan.code, r["node_code"], lang, **view.area_query())),
                provenance_mark(r.get("provenance"), lang),
            ],
            "",
        ),
        (
            t("realization", lang),
            lambda r: [
                format_percent(r["realization_pct"], lang),
                realization_bar(r["realization_pct"], r["expected_pct"], lang),
            ],
            "num",
        ),
        (
            t("status", lang),
            lambda r: [
                status_badge(r["status"], lang, size="sm", realization=r["realization_pct"]),
                node_why(
                    r,
                    lang,
                    child_links=child_links(plan, r["node_code"], lang, view),
                    target_year=last_target_year(plan, r["node_code"]),
                    reached=reached(grandchildren[grandchildren["parent_code"] == r["node_code"]])
                    if int(r["depth"]) < plan.goal_depth
                    else None,
                ),
            ],
            "",
        ),
        (t("trend", lang), lambda r: trend_mark(r["trend"], lang, with_text=True), ""),
    ]
    return table(columns, records_of(children), row_key="node_code", class_name="children-table")


def _level(plan: Plan, depth: int, lang: str) -> str:
    level = plan.levels[int(depth)]
    return level.text(lang, "name")
