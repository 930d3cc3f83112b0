"""``/sign-in`` and ``/sign-out``: plain HTML forms in Turkish or English (``?lang=en``), each with the
session's CSRF token, so that they work without JavaScript and before any Dash script runs.

A sign-in goes through :func:`operations.accounts.authenticate` (throttled per account and per address,
recorded in the audit log); the next page is ``next`` when it is a path of this site, else the overview.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, Response, redirect, render_template_string, request

from dashboard.access import guard, sessions
from dashboard.context import AppContext
from dashboard.i18n import language, t
from gosterge.language import LANGUAGES
from operations import audit
from operations.accounts import authenticate

PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ heading }} · Gösterge</title>
  <link rel="stylesheet" href="/vendor/bootstrap.min.css">
  <style>a, .btn-link { color: #0a58ca; }</style><!-- Bootstrap's link blue is 4.3:1 on bg-light; this is AA -->
</head>
<body class="bg-light">
<main class="container" style="max-width: 28rem; padding-top: 4rem">
  <h1 class="h3 mb-3">Gösterge · {{ heading }}</h1>
  {% if notice %}<p class="alert alert-secondary" role="status">{{ notice }}</p>{% endif %}
  {% if error %}<p class="alert alert-danger" role="alert" id="sign-in-error">{{ error }}</p>{% endif %}
  <form method="post" action="{{ action }}">
    <input type="hidden" name="csrf_token" value="{{ token }}">
    <input type="hidden" name="next" value="{{ next_path }}">
    {% if sign_in %}
    <div class="mb-3"><label class="form-label" for="username">{{ username_label }}</label>
      <input class="form-control" id="username" name="username" autocomplete="username" required
             value="{{ username }}" maxlength="80" autofocus></div>
    <div class="mb-3"><label class="form-label" for="password">{{ password_label }}</label>
      <input class="form-control" id="password" name="password" type="password" autocomplete="current-password"
             required maxlength="1000"></div>
    {% endif %}
    <button class="btn btn-primary" type="submit" id="{{ button_id }}">{{ heading }}</button>
    <a class="btn btn-link" href="{{ other_language_href }}" lang="{{ other_lang }}">{{ other_language }}</a>
  </form>
  <p class="mt-4"><a href="{{ back_href }}">{{ back }}</a></p>
</main>
</body>
</html>"""


def safe_next(value: str | None) -> str:
    """A path of this site to go to after signing in (anything else: the home page)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def client_address() -> str:
    """The address failed sign-ins are counted by (behind a proxy: let it set REMOTE_ADDR, see
    docs/operations.md)."""
    return (request.remote_addr or "unknown")[:64]


def _page(*, sign_in: bool, lang: str, next_path: str, error: str = "", notice: str = "", username: str = "") -> str:
    other = next(item for item in LANGUAGES if item != lang)
    path = guard.SIGN_IN_PATH if sign_in else guard.SIGN_OUT_PATH
    heading = t("account.sign_in" if sign_in else "account.sign_out", lang)
    return render_template_string(
        PAGE,
        lang=lang,
        heading=heading,
        notice=notice,
        error=error,
        action=f"{path}?{urlencode({'lang': lang})}",
        token=sessions.csrf_token(),
        next_path=next_path,
        sign_in=sign_in,
        username_label=t("account.username", lang),
        password_label=t("account.password", lang),
        username=username,
        button_id="sign-in-submit" if sign_in else "sign-out-submit",
        other_lang=other,
        other_language=t("language_switch", lang),
        other_language_href=f"{path}?{urlencode({'lang': other, 'next': next_path})}",
        back=t("account.back", lang),
        back_href=f"/?{urlencode({'lang': lang})}",
    )


def _sign_in(context: AppContext) -> Response | str:
    lang = language(request.args.get("lang"))
    next_path = safe_next(request.values.get("next"))
    private = context.settings.access_mode == "private"
    notice = t("account.private_notice", lang) if private else ""
    if request.method == "GET":
        return _page(sign_in=True, lang=lang, next_path=next_path, notice=notice)
    username = request.form.get("username", "")[:80]
    if not sessions.csrf_valid(request.form.get("csrf_token")):
        error = t("account.expired_form", lang)
        return Response(_page(sign_in=True, lang=lang, next_path=next_path, error=error, username=username), 400)
    assert context.database is not None
    outcome = authenticate(context.database, username, request.form.get("password", ""), address=client_address())
    if outcome.user is None:
        if outcome.refusal == "throttled":
            error = t("account.throttled", lang, minutes=max(1, -(-outcome.wait_seconds // 60)))
            status = 429
        else:
            error, status = t("account.wrong", lang), 401
        page = _page(sign_in=True, lang=lang, next_path=next_path, error=error, notice=notice, username=username)
        return Response(page, status)
    sessions.start_session(outcome.user)
    return redirect(next_path, code=303)  # type: ignore[return-value]


def _sign_out(context: AppContext) -> Response | str:
    lang = language(request.args.get("lang"))
    if request.method == "GET":
        return _page(sign_in=False, lang=lang, next_path="/", notice=t("account.sign_out_question", lang))
    if not sessions.csrf_valid(request.form.get("csrf_token")):
        return Response(_page(sign_in=False, lang=lang, next_path="/", error=t("account.expired_form", lang)), 400)
    user = sessions.current_user()
    if user is not None and context.database is not None:
        with context.database.begin() as connection:
            audit.record(connection, "sign_out", actor=user.username, subject=user.username, address=client_address())
    sessions.end_session()
    return _page(sign_in=True, lang=lang, next_path="/", notice=t("account.signed_out", lang))


def register_access_routes(server: Flask, context: AppContext) -> None:
    """GET and POST /sign-in and /sign-out."""
    server.add_url_rule(
        guard.SIGN_IN_PATH, endpoint="sign_in", view_func=lambda: _sign_in(context), methods=["GET", "POST"]
    )
    server.add_url_rule(
        guard.SIGN_OUT_PATH, endpoint="sign_out", view_func=lambda: _sign_out(context), methods=["GET", "POST"]
    )
