"""``GET /<plan>/entry/template.xlsx?period=…&lang=…``: the unit's entry template (unit staff only).

The rows are the signed-in user's unit and districts for an open period (the newest when none is
named), written by :func:`dashboard.views.entry_upload.template_bytes`.
"""

from __future__ import annotations

from flask import Flask, Response, abort, request

from dashboard.access.sessions import current_user
from dashboard.context import AppContext
from dashboard.downloads.routes import XLSX_TYPE
from dashboard.i18n import language
from dashboard.views.entry import chosen_period, unit_rows
from dashboard.views.entry_upload import template_bytes
from operations.entry_scope import entering_unit


def register_routes(server: Flask, context: AppContext) -> None:
    @server.get("/<plan_code>/entry/template.xlsx")
    def entry_template(plan_code: str) -> Response:
        plan = context.plan(plan_code)
        user = current_user()
        if plan is None:
            abort(404)
        if user is None or entering_unit(user, plan.code) is None or context.database is None:
            abort(403)
        lang = language(request.args.get("lang"))
        chosen, _ = chosen_period(plan, request.args.get("period"))
        if chosen is None:
            abort(404)
        rows = unit_rows(plan, user, chosen.period.code, lang)
        data = template_bytes(plan, rows, chosen.period.code, lang)
        name = f"{plan.code}-{chosen.period.code}-entries.xlsx"
        return Response(
            data,
            mimetype=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
        )
