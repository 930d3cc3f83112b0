"""``/admin/users``: the admin page (accounts and their roles), a plain HTML page like the sign-in page.

Admins of every plan (role ``admin`` in ``*``) add accounts, disable and enable them; an admin of a
plan gives and removes roles in that plan (an admin of every plan, in any plan or in ``*``). Every
form carries the session's CSRF token; every change goes through :mod:`operations.accounts`, which
writes the audit log with the admin as actor. Anyone else gets 403.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, Response, redirect, render_template_string, request

from dashboard.access import sessions
from dashboard.context import AppContext
from dashboard.i18n import language, t
from operations.accounts import AccountError, add_user, list_users, set_active, set_role
from operations.audit import recent_events
from operations.roles import ADMIN, EVERY_PLAN, ROLES, RoleError, User

ADMIN_PATH = "/admin/users"

PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ T('admin_title') }} · Gösterge</title><link rel="stylesheet" href="/vendor/bootstrap.min.css"></head>
<body><main class="container py-4">
<h1 class="h3">Gösterge · {{ T('admin_title') }}</h1>
{% if message %}<p class="alert {{ 'alert-danger' if failed else 'alert-success' }}" id="admin-message">{{ message }}</p>{% endif %}
<table class="table table-sm" id="admin-users"><thead><tr><th>{{ T('username') }}</th><th>{{ T('display_name') }}</th>
<th>{{ T('state') }}</th><th>{{ T('roles') }}</th><th></th></tr></thead><tbody>
{% for user in users %}<tr data-user="{{ user.username }}"><td>{{ user.username }}</td><td>{{ user.display_name }}</td>
<td>{{ T('active') if user.is_active else T('disabled') }}</td>
<td>{% for item in user.roles %}{{ item.describe() }}{% if not loop.last %}; {% endif %}{% endfor %}</td>
<td>{% if global_admin and user.username != me %}<form method="post" class="d-inline">
<input type="hidden" name="csrf_token" value="{{ token }}"><input type="hidden" name="username" value="{{ user.username }}">
<button class="btn btn-sm btn-outline-secondary" name="action" value="{{ 'disable' if user.is_active else 'enable' }}">
{{ T('disable') if user.is_active else T('enable') }}</button></form>{% endif %}</td></tr>{% endfor %}
</tbody></table>
<h2 class="h5 mt-4">{{ T('set_role') }}</h2>
<form method="post" class="row g-2" id="admin-set-role"><input type="hidden" name="csrf_token" value="{{ token }}">
<input type="hidden" name="action" value="set-role">
<div class="col-md-2"><input class="form-control" name="username" placeholder="{{ T('username') }}" aria-label="{{ T('username') }}" required></div>
<div class="col-md-2"><select class="form-select" name="plan" aria-label="{{ T('plan') }}">{% for code in plans %}<option value="{{ code }}">
{{ T('every_plan') if code == '*' else code }}</option>{% endfor %}</select></div>
<div class="col-md-2"><select class="form-select" name="role" aria-label="{{ T('role') }}">{% for role in roles %}<option value="{{ role }}">
{{ T('role.' + role) }}</option>{% endfor %}<option value="none">{{ T('no_role') }}</option></select></div>
<div class="col-md-2"><input class="form-control" name="unit" placeholder="{{ T('unit') }}" aria-label="{{ T('unit') }}"></div>
<div class="col-md-2"><input class="form-control" name="districts" placeholder="{{ T('district_codes') }}" aria-label="{{ T('district_codes') }}"></div>
<div class="col-md-2"><button class="btn btn-primary">{{ T('set_role') }}</button></div></form>
{% if global_admin %}<h2 class="h5 mt-4">{{ T('add_user') }}</h2>
<form method="post" class="row g-2" id="admin-add-user"><input type="hidden" name="csrf_token" value="{{ token }}">
<input type="hidden" name="action" value="add">
<div class="col-md-3"><input class="form-control" name="username" placeholder="{{ T('username') }}" aria-label="{{ T('username') }}" required></div>
<div class="col-md-3"><input class="form-control" name="display_name" placeholder="{{ T('display_name') }}" aria-label="{{ T('display_name') }}"></div>
<div class="col-md-3"><input class="form-control" type="password" name="password" placeholder="{{ T('password') }}"
 aria-label="{{ T('password') }}" autocomplete="new-password" required></div>
<div class="col-md-3"><button class="btn btn-primary">{{ T('add_user') }}</button></div></form>{% endif %}
<h2 class="h5 mt-4">{{ T('audit') }}</h2><ul class="small" id="admin-audit">
{% for event in events %}<li>{{ event.occurred_at.strftime('%Y-%m-%d %H:%M:%S') }} UTC · {{ event.action }} ·
{{ event.actor or '–' }} → {{ event.subject or '–' }}{% if event.details %} ({{ event.details }}){% endif %}</li>{% endfor %}</ul>
<p><a href="{{ back }}">{{ T('back') }}</a></p>
</main></body></html>"""


def _apply(context: AppContext, actor: User) -> str:
    """Carry out the posted change; returns the message (raises AccountError or RoleError)."""
    assert context.database is not None
    action, username = request.form.get("action", ""), request.form.get("username", "")
    global_admin = actor.may(ADMIN, EVERY_PLAN)
    if action in ("disable", "enable") and global_admin and username != actor.username:
        set_active(context.database, username, action == "enable", actor=actor.username)
    elif action == "add" and global_admin:
        add_user(
            context.database,
            username,
            request.form.get("password", ""),
            display_name=request.form.get("display_name", ""),
            actor=actor.username,
        )
    elif action == "set-role":
        plan = request.form.get("plan", "")
        if plan not in (EVERY_PLAN, *context.plans) or not (global_admin or actor.may(ADMIN, plan)):
            raise RoleError(f"you may not set roles in {plan!r}")
        role = request.form.get("role", "")
        districts = request.form.get("districts", "").split(",")
        set_role(
            context.database,
            username,
            plan,
            None if role == "none" else role,
            unit=request.form.get("unit") or None,
            districts=districts,
            actor=actor.username,
        )
    else:
        raise RoleError(f"action {action!r} is not allowed")
    return ""


def admin_page(context: AppContext) -> Response | str:
    lang = language(request.args.get("lang"))
    actor = sessions.current_user()
    if actor is None:
        return redirect("/sign-in?" + urlencode({"lang": lang, "next": request.full_path.rstrip("?")}))  # type: ignore[return-value]
    if not actor.may_somewhere(ADMIN) or context.database is None:
        return Response(t("account.refused_text", lang, role=t("account.role.admin", lang)), 403, mimetype="text/plain")
    message, failed, status = "", False, 200
    if request.method == "POST":
        if not sessions.csrf_valid(request.form.get("csrf_token")):
            message, failed, status = t("account.expired_form", lang), True, 400
        else:
            try:
                _apply(context, actor)
                message = t("account.done", lang)
            except (AccountError, RoleError) as error:
                message, failed, status = str(error), True, 400
    global_admin = actor.may(ADMIN, EVERY_PLAN)
    plans = [EVERY_PLAN, *context.plans] if global_admin else [code for code in context.plans if actor.may(ADMIN, code)]
    page = render_template_string(
        PAGE,
        lang=lang,
        T=lambda key: t(f"account.{key}", lang),
        message=message,
        failed=failed,
        users=list_users(context.database),
        me=actor.username,
        global_admin=global_admin,
        token=sessions.csrf_token(),
        plans=plans,
        roles=ROLES,
        events=recent_events(context.database, limit=30),
        back=f"/?{urlencode({'lang': lang})}",
    )
    return Response(page, status)


def register_admin_routes(server: Flask, context: AppContext) -> None:
    """GET and POST /admin/users."""
    server.add_url_rule(
        ADMIN_PATH, endpoint="admin_users", view_func=lambda: admin_page(context), methods=["GET", "POST"]
    )
