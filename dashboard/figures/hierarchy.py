"""The plan's hierarchy as a sunburst: plan → top level → … → goals, coloured by status."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.components.status import STATUS_ICONS, status_colour
from dashboard.figures.common import base_layout, empty_figure, localise
from dashboard.i18n import format_percent, status_label, t, title


def hierarchy_sunburst(
    nodes: pd.DataFrame,
    *,
    root_code: str,
    root_title: str,
    root_status: str,
    root_realization: float | None,
    lang: str,
    root_label: str | None = None,
    height: int = 460,
) -> go.Figure:
    """``nodes``: rows of :func:`warehouse.queries.nodes.node_progress` (the scope and everything under it).
    Leaves (goals) have size 1, so each ring shows how many goals sit under a node."""
    if nodes.empty:
        return empty_figure(t("no_data", lang), lang)
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
    for row in nodes.to_dict("records"):
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
    figure = go.Figure(
        go.Sunburst(
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
    figure.update_layout(**base_layout(lang, height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0}))
    return localise(figure, lang)
