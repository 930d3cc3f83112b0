"""``GET /brief.pdf?plan=…&node=…&lang=…``: the executive brief as a PDF (registered by
:data:`dashboard.app.ROUTES`). The parameters are the brief page's (:class:`dashboard.views.brief.BriefView`);
an unknown plan or node, or a node that is not a top-level one, answers 400 naming it."""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask import Flask, Response, request

from dashboard.context import AppContext
from dashboard.downloads.brief_pdf import brief_pdf
from dashboard.i18n import language
from dashboard.views.brief import PDF_ROUTE
from warehouse.queries.brief import executive_brief
from warehouse.queries.standing import standing_of
from warehouse.reader import publication

PDF_TYPE = "application/pdf"
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class BadRequest(ValueError):
    """A parameter of the request names nothing."""


def read_request(context: AppContext, query: Mapping[str, str]) -> tuple[str, str | None, str]:
    """(plan code, node code or None, language) of a request; :class:`BadRequest` names what is wrong."""
    plan_code = query.get("plan") or context.default_plan.code
    plan = context.plan(plan_code)
    if plan is None:
        raise BadRequest(f"unknown plan {plan_code!r}; expected one of {', '.join(context.plans)}")
    node = query.get("node") or None
    if node is not None:
        roots = [root.code for root in plan.roots()]
        if node not in roots:
            raise BadRequest(
                f"unknown top-level node {node!r} for plan {plan.code}; expected one of {', '.join(roots)}"
            )
    return plan.code, node, language(query.get("lang"))


def file_name(plan_code: str, node: str | None, lang: str, data_version: int) -> str:
    """gosterge_<plan>_brief[_<node>]_<lang>_v<version>.pdf: codes only."""
    parts = ["gosterge", plan_code, "brief", *([node] if node else []), lang, f"v{data_version}"]
    return SAFE_NAME.sub("-", "_".join(parts)) + ".pdf"


def brief_response(context: AppContext, query: Mapping[str, str]) -> Response:
    """The whole answer to one request (usable without Flask's request object)."""
    try:
        plan_code, node, lang = read_request(context, query)
    except BadRequest as error:
        return Response(f"{error}\n", status=400, mimetype="text/plain")
    with context.reader.connect() as connection:
        version = publication(connection)[0]
        standing = standing_of(context.reader, connection, plan=plan_code)
        brief = executive_brief(connection, plan=plan_code, scope=node, standing=standing)
    content = brief_pdf(context.plans[plan_code], brief, lang)
    return Response(
        content,
        mimetype=PDF_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{file_name(plan_code, node, lang, version)}"',
            "Cache-Control": "no-store",
            "X-Data-Version": str(version),
        },
    )


def register_brief_routes(server: Flask, context: AppContext) -> None:
    """Add GET /brief.pdf to the dashboard's Flask server."""

    @server.get(PDF_ROUTE)
    def brief_pdf_download():  # type: ignore[no-untyped-def]
        return brief_response(context, request.args.to_dict())
