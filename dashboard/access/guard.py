"""What runs around every request: limits, private mode, staff-only data, and the security headers.

Before the request: a body larger than GOSTERGE_MAX_REQUEST_KB is refused (413); a post whose Origin is
another site is refused (403); in private mode everything but the sign-in page and its stylesheet
needs a signed-in user with a role (pages redirect to the sign-in page, the rest answers 401), and a
plan's pages and downloads (the monitoring workbook and the Word reports too) a role in that plan; so do
Dash's callbacks, whose request names no plan in its address: the plans they read are named in what they
send (the address of every Location, the ``plan`` of every page's store), and one the account has no
role in refuses the callback (:func:`callback_plans`); the rejected rows through ``/export.*?level=rejected``
need the reviewer role in the plan, Dash callbacks that write the data-quality or review pages'
components the reviewer role in some plan, and those that write the entry page's the unit staff role
(the pages and callbacks check the plan, the unit and its districts again themselves).

After it: the security headers (:func:`security_headers`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote, urlsplit

from flask import Flask, Response, redirect, request
from werkzeug.serving import WSGIRequestHandler

from dashboard import initial_page, urls
from dashboard.access.sessions import current_user
from dashboard.context import AppContext
from dashboard.downloads.links import EXPORT_PATHS
from dashboard.downloads.monitoring_xlsx import ROUTE as MONITORING_XLSX
from dashboard.reports.routes import ROUTE as REPORT_DOCX
from operations.roles import REVIEWER, UNIT_STAFF, VIEWER

SIGN_IN_PATH = "/sign-in"
SIGN_OUT_PATH = "/sign-out"
#: what anyone may fetch in private mode (the sign-in page and what it needs)
OPEN_PATHS = (SIGN_IN_PATH, SIGN_OUT_PATH, "/vendor/bootstrap.min.css", "/healthz", "/_favicon.ico")
OPEN_PREFIXES = ("/assets/",)
CALLBACK_PATH = "/_dash-update-component"
#: component ids of staff-only pages start with one of these (dashboard/ids.py)
STAFF_COMPONENT_PREFIXES = ("quality-", "review-")
#: component ids of the entry page (unit staff; the callbacks check the unit's scope themselves)
UNIT_COMPONENT_PREFIXES = ("entry-",)
REJECTED_LEVEL = "rejected"
SERVER_NAME = "gosterge"
#: files whose plan is the ``plan`` parameter, not the first part of the path
PLAN_IN_QUERY = (*EXPORT_PATHS.values(), MONITORING_XLSX, REPORT_DOCX)


def content_security_policy(script_hashes: list[str]) -> str:
    """The CSP of every response. Dash's renderer starts from inline scripts allowed by their hashes
    (:meth:`dash.Dash.csp_hashes`: the renderer and the pages' title callback); Plotly and Dash write
    inline styles; figures use data: and blob: images. Neither needs 'unsafe-eval' (the browser tests
    draw every kind of page under this policy and fail on any refusal), so scripts get none."""
    scripts = " ".join(f"'{value.strip(chr(39))}'" for value in script_hashes)  # Dash quotes them already
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {scripts}".strip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(response: Response, policy: str) -> Response:
    response.headers["Content-Security-Policy"] = policy
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return response


class QuietRequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler (``python app.py``) without its version-revealing ``Server`` header
    (the HTTP server writes that header, not the app; gunicorn sends a bare ``gunicorn``)."""

    def version_string(self) -> str:
        return SERVER_NAME


def _refused(status: int, text: str) -> Response:
    return Response(text + "\n", status=status, mimetype="text/plain")


def _is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def _foreign_origin() -> bool:
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc != request.host


def _callback_body() -> dict[str, Any]:
    try:
        body: Any = json.loads(request.get_data(cache=True) or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


def address_plan(context: AppContext, pathname: str, search: str = "") -> str:
    """The plan a page address shows: its first part, or for the home page (``/``) its ``?plan=``, else
    the default plan (the home page shows that plan's overview)."""
    first = pathname.strip("/").split("/")[0]
    if first:
        return first
    return urls.parse_search(search).get("plan") or context.default_plan.code


def callback_plans(context: AppContext, body: dict[str, Any]) -> set[str]:
    """The plans a callback request reads: the plan of every address it sends (a Location's ``pathname``
    with its ``search``, a link's ``href``) and the ``plan`` of every store it sends (each page keeps its
    view state, with its plan, in one). Dash sends inputs and state as lists of ``{id, property, value}``,
    nested one level for pattern-matching ones."""
    found: set[str] = set()
    addresses: dict[str, dict[str, str]] = {}

    def visit(item: Any, depth: int = 0) -> None:
        if depth > 3:
            return
        if isinstance(item, list):
            for part in item:
                visit(part, depth + 1)
            return
        if not isinstance(item, dict):
            return
        value, prop = item.get("value"), item.get("property")
        if prop in ("pathname", "search") and isinstance(value, str):
            addresses.setdefault(json.dumps(item.get("id"), sort_keys=True), {})[prop] = value
        elif prop == "href" and isinstance(value, str):
            parts = urlsplit(value)
            found.add(address_plan(context, parts.path, f"?{parts.query}"))
        elif isinstance(value, dict) and isinstance(value.get("plan"), str):
            found.add(value["plan"])

    visit(body.get("inputs"))
    visit(body.get("state"))
    found.update(
        address_plan(context, parts["pathname"], parts.get("search", ""))
        for parts in addresses.values()
        if "pathname" in parts
    )
    return found


def _callback_outputs(body: dict[str, Any]) -> list[str]:
    # "..a.children...b.data.." for several outputs, "a.children" for one; "outputs" names them again
    named = [part.strip(".") for part in str(body.get("output", "")).split("...")]
    listed = body.get("outputs")
    for item in listed if isinstance(listed, list) else [listed]:
        if isinstance(item, dict):
            component = item.get("id", "")
            # a pattern-matching id is a dict: its "type" names the component (dashboard/ids.py)
            named.append(str(component.get("type", "")) if isinstance(component, dict) else str(component))
    return [part for part in named if part]


def check_request(context: AppContext) -> Response | None:
    """None to go on, or the refusal."""
    limit = context.settings.max_request_bytes
    if request.content_length is not None and request.content_length > limit:
        return _refused(413, f"request body over {limit // 1024} KiB")
    if request.method not in ("GET", "HEAD", "OPTIONS") and _foreign_origin():
        return _refused(403, "cross-site request refused")
    path = request.path
    if _is_open(path):
        return None
    user = current_user()
    if context.settings.access_mode == "private" and (user is None or not user.may_somewhere(VIEWER)):
        if request.method == "GET" and "text/html" in request.headers.get("Accept", ""):
            return redirect(f"{SIGN_IN_PATH}?next={quote(request.full_path.rstrip('?'), safe='/?=&')}")  # type: ignore[return-value]
        return _refused(401, "sign in first")
    if context.settings.access_mode == "private" and user is not None:
        if path in PLAN_IN_QUERY:
            named = request.args.get("plan", "")
        elif path.endswith(initial_page.LAYOUT_ROUTE):  # the layout holds the page of the address it names
            at = initial_page.address()
            named = address_plan(context, *at) if at else ""
        else:
            named = address_plan(context, path, f"?{request.query_string.decode('latin-1')}")
        if named in context.plans and not user.may(VIEWER, named):
            if path in ("", "/") and "plan" not in request.args:  # the home page: the first plan they may read
                readable = next((code for code in context.plans if user.may(VIEWER, code)), None)
                if readable is not None and request.method == "GET":
                    return redirect(f"/{readable}")  # type: ignore[return-value]
            return _refused(403, f"your account has no role in the plan {named}")
    if path in EXPORT_PATHS.values():
        levels = [value.strip().lower() for item in request.args.getlist("level") for value in item.split(",")]
        plan_code = request.args.get("plan") or next(iter(context.plans), None)
        if REJECTED_LEVEL in levels and (user is None or not user.may(REVIEWER, plan_code)):
            return _refused(403, "the rejected rows are for reviewers: sign in with a reviewer's account")
    if path == CALLBACK_PATH and request.method == "POST":
        body = _callback_body()
        if context.settings.access_mode == "private" and user is not None:
            refused = sorted(
                code for code in callback_plans(context, body) if code in context.plans and not user.may(VIEWER, code)
            )
            if refused:
                return _refused(403, f"your account has no role in the plan {refused[0]}")
        outputs = _callback_outputs(body)
        staff = [output for output in outputs if output.startswith(STAFF_COMPONENT_PREFIXES)]
        if staff and (user is None or not user.may_somewhere(REVIEWER)):
            return _refused(403, "this callback is for reviewers")
        unit = [output for output in outputs if output.startswith(UNIT_COMPONENT_PREFIXES)]
        if unit and (user is None or not user.may_somewhere(UNIT_STAFF)):
            return _refused(403, "this callback is for unit staff")
    return None


def install(server: Flask, context: AppContext, script_hashes: Callable[[], Sequence[str]]) -> None:
    """Run :func:`check_request` before and :func:`security_headers` after every request of ``server``.

    ``script_hashes`` is asked once, at the first response (every inline callback is defined by then)."""

    @functools.cache
    def policy() -> str:
        return content_security_policy(list(script_hashes()))

    server.before_request(lambda: check_request(context))
    server.after_request(lambda response: security_headers(response, policy()))
