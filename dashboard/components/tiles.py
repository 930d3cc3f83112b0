"""Goal tiles grouped by their parent, and the status counts table: the overview's at-a-glance view."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import urls
from dashboard.attributes import attributes
from dashboard.components.common import provenance_mark, realization_bar
from dashboard.components.elements import element
from dashboard.components.markup import Markup, markup
from dashboard.components.status import STATUS_ORDER, status_badge, trend_mark
from dashboard.i18n import format_percent, is_missing, status_label, t, title, trend_label
from gosterge.plan import Plan
from gosterge.progress.status import NOT_ASSESSED
from warehouse.frames import records_of


def goal_tile(row: dict[str, Any], plan_code: str, lang: str, level_name: str, **link_query: Any) -> html.Div:
    """One goal: code, title, realization with its bar, status (icon and text) and trend; a link to its page."""
    name = title(row, lang)
    status = row["status"]
    aria = (
        f"{level_name} {row['node_code']}: {name}. {t('realization', lang)} "
        f"{format_percent(row['realization_pct'], lang)}. {t('status', lang)}: {status_label(status, lang)}. "
        f"{t('trend', lang)}: {trend_label(row['trend'], lang)}."
    )
    link = element(
        dcc.Link,
        element(
            html.Div,
            [
                element(
                    html.Div,
                    [
                        element(html.Span, row["node_code"], className="tile-code"),
                        status_badge(status, lang, short=True, size="sm"),
                        trend_mark(row["trend"], lang),
                    ],
                    className="tile-top",
                ),
                element(html.Div, [name, provenance_mark(row.get("provenance"), lang)], className="tile-title"),
                realization_bar(row["realization_pct"], row["expected_pct"], lang),
                element(html.Div, format_percent(row["realization_pct"], lang, 0), className="tile-value"),
                element(html.Span, aria, className="visually-hidden"),
            ],
            className="tile-inner",
        ),
        href=urls.node(plan_code, row["node_code"], lang, **link_query),
        className=f"goal-tile tile-{status}",
        title=f"{row['node_code']} {name} · {status_label(status, lang)}",
    )
    return element(
        html.Div, link, className="goal-tile-cell", **attributes(data_goal=row["node_code"], data_status=status)
    )


def goal_tile_groups(tiles: pd.DataFrame, plan: Plan, lang: str, **link_query: Any) -> Markup:
    """Every goal tile, grouped under its parent node (a priority, an aim …) in plan order, written as
    HTML (:mod:`dashboard.components.markup`: a hundred tiles are a thousand components)."""
    goal_level = plan.levels[plan.goal_depth]
    goal_name = goal_level.text(lang, "name")
    group_level = plan.levels[plan.goal_depth - 1] if plan.goal_depth > 0 else None
    members: dict[Any, list[dict[str, Any]]] = {}  # by parent code, in plan order (a goal without one: None)
    for row in records_of(tiles):
        members.setdefault(None if is_missing(row["group_code"]) else row["group_code"], []).append(row)
    groups: list = []
    for rows in members.values():
        first = rows[0]
        group_code = first["group_code"]
        heading: list = []
        if group_level is not None and isinstance(group_code, str):
            group_name = group_level.text(lang, "name")
            heading = [
                dcc.Link(
                    f"{group_name} {group_code}", href=urls.node(plan.code, group_code, lang), className="group-code"
                ),
                " ",
                title({"title_tr": first["group_title_tr"], "title_en": first["group_title_en"]}, lang),
                provenance_mark(first.get("group_provenance"), lang),
            ]
        groups.append(
            html.Section(
                [
                    html.H3(heading, className="tile-group-title") if heading else None,
                    html.Div(
                        [goal_tile(row, plan.code, lang, goal_name, **link_query) for row in rows],
                        className="tile-grid",
                    ),
                ],
                className="tile-group",
                **attributes(data_group=str(group_code)),
            )
        )
    return markup(html.Div(groups, className="tile-groups"))


def status_counts_table(counts: pd.DataFrame, roots: list[tuple[str, str]], lang: str) -> Markup:
    """Rows: top-level nodes ((code, title) in ``roots``); columns: statuses; cells 'goals / indicators';
    written as HTML (:mod:`.markup`)."""
    lookup = {(row["root_code"], row["kind"], row["status"]): int(row["count"]) for row in records_of(counts)}
    # the statuses that are no assessment get a column only when something has them
    present = {status for (_, _, status), count in lookup.items() if count}
    statuses = [status for status in STATUS_ORDER if status not in NOT_ASSESSED or status in present]
    header = html.Thead(
        html.Tr(
            [html.Th("", scope="col")]
            + [html.Th(status_badge(status, lang, size="sm", short=True), scope="col") for status in statuses]
            + [html.Th(t("total", lang), scope="col")]
        )
    )
    body_rows = []
    for code, name in roots:
        cells = []
        total_goals = total_indicators = 0
        for status in statuses:
            goals = lookup.get((code, "goal", status), 0)
            indicators = lookup.get((code, "indicator", status), 0)
            total_goals += goals
            total_indicators += indicators
            cells.append(
                html.Td(
                    f"{goals} / {indicators}",
                    className="count-cell" + (" zero" if not goals + indicators else ""),
                    # the status named in the cell itself on a phone, where the row is a list (style.css)
                    **attributes(data_status=status, data_label=status_label(status, lang)),
                )
            )
        cells.append(
            html.Td(
                f"{total_goals} / {total_indicators}",
                className="count-cell total",
                **attributes(data_label=t("total", lang)),
            )
        )
        body_rows.append(html.Tr([html.Th(f"{code} {name}", scope="row"), *cells], **attributes(data_count_root=code)))
    return markup(
        html.Div(
            html.Table(
                [html.Caption(t("status_counts_cell", lang)), header, html.Tbody(body_rows)],
                className="table table-sm status-counts",
            ),
            className="table-responsive",
        )
    )
