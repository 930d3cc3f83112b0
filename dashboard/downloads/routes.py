"""HTTP routes: ``GET /export.csv``, ``/export.zip`` and ``/export.xlsx``.

The query parameters are the extract builder page's (see
:mod:`warehouse.downloads.filter`), plus ``dialect`` (``excel-tr``, the default,
or ``standard``). ``/export.xlsx`` without a ``level`` (or ``level=pack``) is
the meeting pack of the selection. An unknown parameter or value answers 400
with one line per problem, never an empty file.

Each extract runs once on one snapshot and is spilled to a temporary file
(:func:`warehouse.downloads.spill.spill_extract`) before the response starts, so a
slow download holds no warehouse connection and no row cap is needed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from flask import Flask, Response, request, send_file
from werkzeug.datastructures import MultiDict

from dashboard.downloads.archive import stream_zip
from dashboard.downloads.cells import CsvTable, encode_rows
from dashboard.downloads.dialects import DEFAULT_DIALECT, DIALECTS, Dialect
from dashboard.downloads.labels import level_label
from dashboard.downloads.links import EXPORT_PATHS, export_query
from dashboard.downloads.metadata import ExportDescription, field, metadata_rows, readme_text
from dashboard.downloads.pack import meeting_pack, pack_data
from dashboard.downloads.workbook import EXCEL_MAX_ROWS, level_workbook
from dashboard.i18n import t
from gosterge.plan.model import Plan
from gosterge.settings import Settings
from warehouse import Reader
from warehouse.downloads.columns import column_keys
from warehouse.downloads.extracts import build_extract
from warehouse.downloads.filter import INDICATORS, ExtractFilter, ExtractFilterError, node_parameters, parse_filter
from warehouse.downloads.provenance import Provenance, provenance
from warehouse.downloads.spill import spill_extract

log = logging.getLogger(__name__)

PACK = "pack"
CSV_TYPE = "text/csv"  # Flask adds "; charset=utf-8"
ZIP_TYPE = "application/zip"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class ExportContext(Protocol):
    """What the routes need (dashboard.context.AppContext has it)."""

    settings: Settings
    plans: dict[str, Plan]
    reader: Reader


@dataclass(frozen=True)
class ExportRequest:
    plan: Plan
    extract: ExtractFilter
    dialect: Dialect
    level: str  # the extract level, or "pack"


def parse_request(plans: Mapping[str, Plan], parameters: Mapping[str, list[str]], file_format: str) -> ExportRequest:
    """Validate an export's query parameters; raise ExtractFilterError naming every problem."""
    problems: list[str] = []
    dialect_values = parameters.get("dialect", [])
    dialect_name = dialect_values[0] if dialect_values else DEFAULT_DIALECT
    if len(dialect_values) > 1:
        problems.append("parameter 'dialect' given more than once")
    if dialect_name not in DIALECTS:
        problems.append(f"unknown dialect {dialect_name!r} (known: {', '.join(DIALECTS)})")
    level_values = parameters.get("level", [])
    is_pack = file_format == "xlsx" and (not level_values or level_values == [PACK])
    if is_pack:
        parameters = {name: values for name, values in parameters.items() if name != "level"}
        if "columns" in parameters:
            problems.append("parameter 'columns' does not apply to the meeting pack (it has fixed sheets)")
            parameters = {name: values for name, values in parameters.items() if name != "columns"}
    try:
        plan_values = parameters.get("plan", [])
        plan = plans.get(plan_values[0]) if plan_values else next(iter(plans.values()), None)
        available = column_keys(plan) if plan is not None else None
        extract = parse_filter(
            plans,
            parameters,
            available_columns=available,
            other_parameters=("dialect",),
            default_level=INDICATORS if is_pack else "measurements",
        )
    except ExtractFilterError as error:
        raise ExtractFilterError(problems + error.problems) from None
    if problems:
        raise ExtractFilterError(problems)
    return ExportRequest(plans[extract.plan_code], extract, DIALECTS[dialect_name], PACK if is_pack else extract.level)


def file_stem(export: ExportRequest, data_version: int) -> str:
    """gosterge_<plan>_<level>[_<node>][_<district>][_<from>-<to>]_v<version>: codes only, never raw input."""
    extract = export.extract
    parts = ["gosterge", extract.plan_code, export.level]
    parameters = node_parameters(export.plan)
    parts += [f"{parameters[depth]}-{code}" for depth, code in extract.nodes]
    if len(extract.indicators) == 1:
        parts.append(f"indicator-{extract.indicators[0]}")
    if len(extract.districts) == 1:
        parts.append(f"district-{extract.districts[0]}")
    elif len(extract.regions) == 1 and not extract.districts:
        parts.append(f"region-{extract.regions[0]}")
    if extract.period_from is not None or extract.period_to is not None:
        parts.append(f"{extract.period_from or ''}-{extract.period_to or ''}")
    parts.append(f"v{data_version}")
    return SAFE_NAME.sub("-", "_".join(parts))[:150]


def _bad_request(error: ExtractFilterError) -> Response:
    text = "Export request not understood:\n" + "\n".join(f"- {problem}" for problem in error.problems) + "\n"
    return Response(text, status=400, mimetype="text/plain")


def _attachment(name: str) -> dict[str, str]:
    return {
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }


def _description(
    context: ExportContext,
    export: ExportRequest,
    data: Provenance,
    file_format: str,
    row_count: int | None,
    base_url: str = "",
) -> ExportDescription:
    """What the file says about itself; its link is absolute when ``base_url`` (the request's host URL)
    is given, and reproduces this very file (the pack's has no level)."""
    settings = context.settings
    format_label = (
        "Excel (.xlsx)" if file_format == "xlsx" else f"CSV — {export.dialect.label(export.extract.language)}"
    )
    dialect = export.dialect.name if file_format != "xlsx" else None  # .xlsx accepts it and has no use for it
    query = export_query(export.plan, export.extract, dialect, pack=export.level == PACK)
    link = f"{base_url.rstrip('/')}{EXPORT_PATHS[file_format]}?{query}"
    return ExportDescription(
        plan=export.plan,
        extract=export.extract,
        level=export.level,
        format_label=format_label,
        provenance=data,
        generated_at=datetime.now().astimezone(),
        link=link,
        cap_realization=settings.cap_realization,
        coverage_floor=settings.coverage_floor,
        row_count=row_count,
    )


def export_response(
    context: ExportContext, parameters: Mapping[str, list[str]], file_format: str, base_url: str = ""
) -> Response:
    """The whole answer to one export request (also usable without Flask's request object);
    ``base_url`` (``http://host/``) makes the link in the file's metadata absolute."""
    try:
        export = parse_request(context.plans, parameters, file_format)
    except ExtractFilterError as error:
        return _bad_request(error)
    plan, extract = export.plan, export.extract
    if export.level == PACK:
        return _pack_response(context, export, base_url)
    with context.reader.connect() as connection:
        data = provenance(connection, plan.code)
        spilled = spill_extract(connection, plan, extract)
    columns = build_extract(plan, extract).columns
    stem = file_stem(export, data.data_version)
    headers = {"X-Data-Version": str(data.data_version), "X-Row-Count": str(spilled.row_count)}
    if file_format == "xlsx":
        if spilled.row_count >= EXCEL_MAX_ROWS:
            spilled.close()
            return _bad_request(
                ExtractFilterError(
                    [
                        f"{spilled.row_count} rows do not fit in an Excel sheet ({EXCEL_MAX_ROWS - 1} at most): "
                        "narrow the filters or use /export.csv"
                    ]
                )
            )
        try:
            description = _description(context, export, data, "xlsx", spilled.row_count, base_url)
            sheet = level_label(plan, extract.level, extract.language)
            workbook = level_workbook(
                plan, columns, spilled.batches(), metadata_rows(description, extract.language), sheet, extract.language
            )
        finally:
            spilled.close()
        response = send_file(workbook, mimetype=XLSX_TYPE, as_attachment=True, download_name=f"{stem}.xlsx")
        response.headers.update(headers)
        return response
    table = CsvTable(plan, columns, export.dialect, extract.language)

    def table_bytes() -> Iterator[bytes]:
        yield from table.stream(spilled.batches())

    if file_format == "csv":
        body = _Streamed(table_bytes(), spilled.close)
        return Response(body, mimetype=CSV_TYPE, headers={**_attachment(f"{stem}.csv"), **headers})
    description = _description(context, export, data, "zip", spilled.row_count, base_url)
    rows = metadata_rows(description, extract.language)
    metadata = (b"\xef\xbb\xbf" if export.dialect.byte_order_mark else b"") + encode_rows(
        [[field_name(extract.language, "Alan"), field_name(extract.language, "Değer")], *[list(row) for row in rows]],
        export.dialect,
    )
    readme = readme_text(description, f"{stem}.csv", export.dialect, extract.language).encode("utf-8")
    entries = [(f"{stem}.csv", table_bytes()), ("metadata.csv", iter([metadata])), ("README.txt", iter([readme]))]
    body = _Streamed(stream_zip(entries), spilled.close)
    return Response(body, mimetype=ZIP_TYPE, headers={**_attachment(f"{stem}.zip"), **headers})


def field_name(language: str, turkish: str) -> str:
    return t({"Alan": "metadata.field", "Değer": "metadata.value"}[turkish], language)


class _Streamed:
    """A WSGI body that yields ``chunks`` and runs ``cleanup`` once when the server closes it.

    WSGI servers call close() when the response is done, when the client goes
    away, and also when the body was never read (a HEAD request), where a
    generator's ``finally`` would never run.
    """

    def __init__(self, chunks: Iterator[bytes], cleanup: Callable[[], None]):
        self._chunks = chunks
        self._cleanup: Callable[[], None] | None = cleanup

    def __iter__(self) -> Iterator[bytes]:
        return self._chunks

    def close(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()
        if self._cleanup is not None:
            cleanup, self._cleanup = self._cleanup, None
            cleanup()


def _pack_response(context: ExportContext, export: ExportRequest, base_url: str) -> Response:
    plan, selection = export.plan, export.extract
    with context.reader.connect() as connection:
        data = provenance(connection, plan.code)
        tables = pack_data(connection, plan, selection)
    description = _description(context, export, data, "xlsx", None, base_url)
    rows = metadata_rows(description, selection.language)
    filters = [f"{name.strip()}: {value}" for name, value in rows if name.startswith("  ")]
    selection_text = f"{field('filters', selection.language)}: " + (
        "; ".join(filters) if filters else field("no_filters", selection.language)
    )
    content = meeting_pack(plan, tables, selection, rows, selection_text, selection.language)
    stem = file_stem(replace(export, level=PACK), data.data_version)
    return Response(
        content, mimetype=XLSX_TYPE, headers={**_attachment(f"{stem}.xlsx"), "X-Data-Version": str(data.data_version)}
    )


def _parameters() -> dict[str, list[str]]:
    args: MultiDict[str, str] = request.args
    return {name: args.getlist(name) for name in args}


def register_export_routes(server: Flask, context: ExportContext) -> None:
    """Add GET /export.csv, /export.zip and /export.xlsx to the dashboard's Flask server."""
    for file_format, path in EXPORT_PATHS.items():

        def view(file_format: str = file_format) -> Response:
            return export_response(context, _parameters(), file_format, request.url_root)

        server.add_url_rule(path, endpoint=f"export_{file_format}", view_func=view, methods=["GET"])
