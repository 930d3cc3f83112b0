"""The plan's hierarchy as a sunburst: plan → top level → … → goals, coloured by status."""

from __future__ import annotations

import pandas as pd

from dashboard.components.status import STATUS_ICONS, STATUS_ORDER, status_colour
from dashboard.figures.alternative import Chart, DataColumn, TextAlternative, alternative, empty_chart
from dashboard.figures.common import base_layout, localise, new_figure, trace
from dashboard.i18n import format_number, format_percent, status_label, t, title
from warehouse.frames import records_of


def hierarchy_sunburst(
    nodes: pd.DataFrame,
    *,
    root_code: str,
    root_title: str,
    root_status: str,
    root_realization: float | None,
    lang: str,
    root_label: str | None = None,
    height: int | None = None,
) -> Chart:
    """``nodes``: rows of :meth:`warehouse.queries.standing.Standing.node_rows` (the scope and everything under it).
    Leaves (goals) have size 1, so each ring shows how many goals sit under a node. Its text
    alternative counts the goals by status and lists every node with its status and realization. Without a
    ``height`` it takes its box's (the page keeps the box square: rings as wide as a phone, no empty band)."""
    if nodes.empty:
        return empty_chart(lang, height=height or 460)
    codes = set(nodes["node_code"])
    ids = [root_code]
    labels = [root_label or root_code]
    parents = [""]
    colours = [status_colour(root_status)]
    hover = [
        f"{root_title}<br>{t('realization', lang)}: {format_percent(root_realization, lang)}"
        f"<br>{STATUS_ICONS.get(root_status, '?')} {status_label(root_status, lang)}"
    ]
    max_depth = int(nodes["depth"].max())
    values = [0]
    for row in records_of(nodes):
        if row["node_code"] == root_code:
            continue
        parent = row["parent_code"] if row["parent_code"] in codes else root_code
        ids.append(row["node_code"])
        labels.append(row["node_code"])
        parents.append(parent)
        colours.append(status_colour(row["status"]))
        values.append(1 if row["depth"] == max_depth else 0)
        hover.append(
            f"{row['node_code']} {title(row, lang)}<br>{t('realization', lang)}: "
            f"{format_percent(row['realization_pct'], lang)}"
            f"<br>{STATUS_ICONS.get(row['status'], '?')} {status_label(row['status'], lang)}"
        )
    figure = new_figure(
        trace(
            "sunburst",
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="remainder",
            marker={"colors": colours, "line": {"color": "#ffffff", "width": 1}},
            hovertext=hover,
            hoverinfo="text",
            insidetextorientation="horizontal",
            sort=False,
        )
    )
    layout = base_layout(lang, height=height or 0, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    if height is None:
        del layout["height"]
    figure.update_layout(**layout)
    root = {"node_code": root_code, "title": root_title, "status": root_status, "realization_pct": root_realization}
    shown = nodes[nodes["node_code"].isin(ids)]
    return Chart(localise(figure, lang), _alternative(root, shown, labels[0], max_depth, lang))


def _alternative(root: dict, nodes: pd.DataFrame, root_label: str, max_depth: int, lang: str) -> TextAlternative:
    """The goals counted by status in a sentence; the root and every node with its status in the table."""
    goals = nodes[nodes["depth"] == max_depth]
    counts = goals["status"].value_counts()
    statuses = ", ".join(
        f"{status_label(status, lang)} {format_number(int(counts[status]), lang, 0)}"
        for status in STATUS_ORDER
        if status in counts
    )
    summary = t("chart.hierarchy", lang, root=root_label, count=format_number(len(goals), lang, 0), statuses=statuses)
    columns = [DataColumn(t("chart.name", lang)), DataColumn(t("status", lang)), DataColumn(t("realization", lang))]
    rows = [
        (
            root["node_code"],
            root_label,
            [root["title"], status_label(root["status"], lang), format_percent(root["realization_pct"], lang)],
        )
    ]
    rows += [
        (
            row["node_code"],
            row["node_code"],
            [title(row, lang), status_label(row["status"], lang), format_percent(row["realization_pct"], lang)],
        )
        for row in records_of(nodes)
        if row["node_code"] != root["node_code"]
    ]
    return alternative(summary, t("chart.code", lang), columns, rows)
