"""Pure builders of the data-quality page: the history's filters and table, a run's details and the
sources' table. Data in, components out; no query."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.attributes import attributes
from dashboard.components.common import section
from dashboard.i18n import format_date, format_number, is_missing, t
from dashboard.reasons import reason_text
from operations.reprocess import PENDING, ReprocessRequest
from warehouse.quality import NOT_PUBLISHED, STATUSES

HISTORY_COLUMNS = (
    "run",
    "source",
    "file",
    "started",
    "finished",
    "status",
    "rows_read",
    "rows_loaded",
    "rows_unchanged",
    "rows_rejected",
    "duration",
)


def _text(value: Any) -> str:
    return "–" if is_missing(value) else str(value)


def _when(value: Any, lang: str) -> str:
    return "–" if is_missing(value) else format_date(value, lang, with_time=True)


def _table(headers: list[str], rows: list[list[Any]], label: str, **extra: Any) -> html.Div:
    """The table in a region that scrolls sideways on a narrow screen (from the keyboard too)."""
    table = html.Table(
        [
            html.Thead(html.Tr([html.Th(header, scope="col") for header in headers])),
            html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
        ],
        className="table table-sm table-striped quality-table",
        **extra,
    )
    return html.Div(table, className="table-responsive", tabIndex="0", role="region", **attributes(aria_label=label))


def history_filters(
    href: Callable[..., str], sources: list[str], source: str | None, status: str | None, lang: str
) -> html.Div:
    """Links narrowing the history to one source or one status (and back to all)."""

    def link(text: str, target: str, active: bool) -> dcc.Link:
        return dcc.Link(
            text, href=target, className="btn btn-sm " + ("btn-secondary" if active else "btn-outline-secondary")
        )

    source_links = [link(t("quality.all_sources", lang), href(source=None, run=None), source is None)]
    source_links += [link(item, href(source=item, run=None), item == source) for item in sources]
    status_links = [link(t("quality.all_statuses", lang), href(status=None, run=None), status is None)]
    status_links += [
        link(t(f"quality.status.{item}", lang), href(status=item, run=None), item == status) for item in STATUSES
    ]
    return html.Div(
        [
            html.Div(source_links, className="d-flex flex-wrap gap-1 mb-1"),
            html.Div(status_links, className="d-flex flex-wrap gap-1 mb-2"),
        ],
        className="quality-filters",
    )


def history_table(history: pd.DataFrame, run_href: Callable[[int], str], lang: str) -> html.Div | html.P:
    if history.empty:
        return html.P(t("quality.no_runs", lang))
    rows = []
    for run in history.itertuples(index=False):
        rows.append(
            [
                dcc.Link(str(run.run_id), href=run_href(int(run.run_id))),
                run.source_id,
                _text(run.file_name),
                _when(run.started_at, lang),
                _when(run.finished_at, lang),
                html.Span(t(f"quality.status.{run.status}", lang), **attributes(data_status=str(run.status))),
                format_number(run.rows_read, lang, 0),
                format_number(run.rows_loaded, lang, 0),
                format_number(run.rows_unchanged, lang, 0),
                format_number(run.rows_rejected, lang, 0),
                format_number(run.seconds, lang, 1),
            ]
        )
    headers = [t(f"quality.{key}", lang) for key in HISTORY_COLUMNS]
    return _table(headers, rows, t("quality.history", lang), id="quality-history")


def _request_text(request: ReprocessRequest | None, lang: str) -> str:
    if request is None:
        return ""
    if request.status == PENDING:
        return t("quality.reprocess_pending", lang, user=request.requested_by, when=_when(request.requested_at, lang))
    status = (
        t(f"quality.status.{request.outcome_status}", lang)
        if request.outcome_status in STATUSES
        else _text(request.outcome_status)
    )
    return t(
        "quality.reprocess_done", lang, status=status, run=_text(request.outcome_run_id), message=request.message or ""
    )


def run_details(
    run: Any,
    rejected: pd.DataFrame,
    *,
    total_rejected: int,
    download_href: str,
    report: str | None,
    can_reprocess: bool,
    request: ReprocessRequest | None,
    lang: str,
    not_published: str | None = None,
) -> html.Section:
    """One run: its facts, rejected rows (line, column, value, reason) with the download, the failed
    file's report and the re-process button. A run loaded but not published says so instead of its
    rejected rows, which the published snapshot does not hold yet, with ``not_published``: why, when known
    ("" when it is not)."""
    heading = f"{t('quality.run', lang)} {int(run['run_id'])} · {run['source_id']} · {_text(run['file_name'])}"
    parts: list[Any] = [
        html.P([html.Strong(f"{t('quality.status', lang)}: "), t(f"quality.status.{run['status']}", lang)]),
    ]
    if not is_missing(run["message"]):
        parts.append(html.P([html.Strong(f"{t('quality.message', lang)}: "), str(run["message"])]))
    if run["status"] == NOT_PUBLISHED:
        parts.append(
            html.P(t("quality.not_published", lang), id="quality-not-published", className="alert alert-warning")
        )
        if not_published:
            parts.append(html.P([html.Strong(f"{t('quality.not_published_problem', lang)}: "), not_published]))
        return section(heading, *parts, **attributes(data_run=str(int(run["run_id"]))))
    parts.append(html.H3(t("quality.rejected_rows", lang), className="h5"))
    if rejected.empty:
        parts.append(html.P(t("quality.no_rejected", lang)))
    else:
        rows = [
            [
                _text(row.row_number),
                _text(row.column_name),
                _text(row.value),
                reason_text(row.reason_code, row.reason_values, row.reason, lang),
            ]
            for row in rejected.itertuples(index=False)
        ]
        headers = [t(f"quality.{key}", lang) for key in ("line", "column", "value", "reason")]
        parts.append(_table(headers, rows, t("quality.rejected_rows", lang), id="quality-rejected"))
        if total_rejected > len(rejected):
            parts.append(html.P(t("quality.more_rejected", lang, shown=len(rejected), count=total_rejected)))
    parts.append(
        html.A(
            t("quality.download_rejected", lang),
            href=download_href,
            id="quality-download-rejected",
            className="btn btn-sm btn-outline-primary",
        )
    )
    if report is not None:
        parts += [html.H3(t("quality.report", lang), className="h5 mt-3"), html.Pre(report, id="quality-report")]
    outcome = _request_text(request, lang)
    if can_reprocess:
        parts += [
            html.P(t("quality.reprocess_help", lang), className="small text-muted mt-3"),
            html.Button(
                t("quality.reprocess", lang),
                id=ids.QUALITY_REPROCESS,
                className="btn btn-warning",
                disabled=request is not None and request.status == PENDING,
            ),
        ]
    parts.append(html.P(outcome, id=ids.QUALITY_REPROCESS_OUTCOME, role="status"))
    return section(heading, *parts, **attributes(data_run=str(int(run["run_id"]))))


def sources_table(sources: pd.DataFrame, lang: str) -> html.Div | html.P:
    headers = [t(f"quality.{key}", lang) for key in ("source", "schedule", "last_success", "next_run", "stale")]
    rows = []
    for row in sources.itertuples(index=False):
        if row.stale is None:
            judged = "–"
        else:
            judged = t("quality.stale" if row.stale else "quality.fresh", lang)
        rows.append(
            [
                row.source_id,
                _text(row.schedule) if not is_missing(row.schedule) else t("quality.no_schedule", lang),
                _when(row.last_success_at, lang) if not is_missing(row.last_success_at) else t("quality.never", lang),
                _when(row.next_run_at, lang),
                judged,
            ]
        )
    return _table(headers, rows, t("quality.sources", lang), id="quality-sources")
