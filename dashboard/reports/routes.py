"""``GET /report.docx``: the Word monitoring or evaluation report of a plan, an aim (axis, goal …) or a
responsible unit, beside the other downloads (registered by :data:`dashboard.app.ROUTES`).

Parameters: ``plan``, ``year``, ``kind`` (``monitoring``: six-monthly, with ``half`` 1 or 2;
``evaluation``: yearly), optionally ``node`` (a node code of the plan) and ``unit`` (a responsible unit,
exactly as the plan file writes it), ``region`` or ``district``, and ``lang``. Anything unknown gives a
400 that names it; the file name is built from checked values only.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from flask import Flask, Response, request

from dashboard import urls
from dashboard.context import AppContext
from dashboard.downloads.monitoring_request import BadRequest, read_request
from dashboard.reports.content import (
    EVALUATION,
    HALVES,
    KINDS,
    MONITORING,
    ReportRequest,
    report_content,
    responsible_units,
)
from dashboard.reports.word import report_document

ROUTE = "/report.docx"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PARAMETERS = frozenset({"kind", "half", "node", "unit"})
FILE_PREFIX = {MONITORING: "izleme-raporu", EVALUATION: "degerlendirme-raporu"}


def read_report_request(context: AppContext, query: Any) -> tuple[ReportRequest, str]:
    """The report asked for and its language, or :class:`BadRequest` naming the parameter."""
    plan, year, area_level, area_code, lang = read_request(context, query, PARAMETERS)
    kind = query.get("kind", EVALUATION)
    if kind not in KINDS:
        raise BadRequest(f"unknown kind {kind!r}; expected {' or '.join(KINDS)}")
    half = None
    if kind == MONITORING:
        half = urls.whole_number(query.get("half", ""))
        if half not in HALVES:
            raise BadRequest(f"unknown half {query.get('half')!r} of a monitoring report; expected 1 or 2")
    elif "half" in query:
        raise BadRequest("half is for monitoring reports (kind=monitoring); an evaluation report covers the year")
    node = query.get("node")
    if node is not None and node not in plan.nodes:
        raise BadRequest(f"unknown node {node!r} for plan {plan.code}")
    unit = query.get("unit")
    if unit is not None and unit not in responsible_units(plan):
        raise BadRequest(f"unknown responsible unit {unit!r} for plan {plan.code}")
    report = ReportRequest(plan.code, kind, year, half, node, unit, area_level, area_code)
    return report, lang


def slug(text: str) -> str:
    """A file-name part from a checked text: Turkish letters without their marks, lower case, dashes."""
    folded = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    plain = "".join(character for character in folded if not unicodedata.combining(character)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60]


def report_file_name(report: ReportRequest) -> str:
    """``izleme-raporu-<plan>-2024-H1[-<node>][-<unit>][-<area level>-<code>].docx``."""
    parts = [FILE_PREFIX[report.kind], report.plan_code, str(report.year)]
    if report.half is not None:
        parts[-1] += f"-H{report.half}"
    if report.node is not None:
        parts.append(slug(report.node))
    if report.unit is not None:
        parts.append(slug(report.unit))
    if report.area_code is not None:
        parts += [report.area_level, slug(report.area_code)]
    return "-".join(parts) + ".docx"


def report_response(context: AppContext, query: Any) -> Response:
    try:
        report, lang = read_report_request(context, query)
    except BadRequest as error:
        return Response(f"{error}\n", status=400, mimetype="text/plain")
    plan = context.plans[report.plan_code]
    with context.reader.connect() as connection:
        content = report_content(
            connection,
            plan,
            report,
            cap_realization=context.settings.cap_realization,
            coverage_floor=context.settings.coverage_floor,
        )
    name = report_file_name(report)
    return Response(
        report_document(content, lang),
        mimetype=MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


def report_href(plan_code: str, year: int, lang: str, *, kind: str, half: int | None = None, **scope: Any) -> str:
    """The link to a report (``scope``: node, unit, region or district; None values are left out)."""
    return urls.href(ROUTE, lang, plan=plan_code, year=year, kind=kind, half=half, **scope)


def register_routes(server: Flask, context: AppContext) -> None:
    """/report.docx (registered by dashboard.app.ROUTES)."""

    @server.get(ROUTE)
    def report_docx():  # type: ignore[no-untyped-def]
        return report_response(context, request.args.to_dict())
