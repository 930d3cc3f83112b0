"""Pure builders of what signed-in people see: the refusal of a page, and the account links."""

from __future__ import annotations

from urllib.parse import urlencode

from dash import dcc, html

from dashboard.attributes import attributes
from dashboard.i18n import t

#: links outside the plan (sign-in, sign-out, admin): buttons, not the plan's nav-links
ACCOUNT_LINK = "btn btn-sm btn-outline-light account-link"
#: an entry of the signed-in user's account menu
MENU_ITEM = "account-item"


def refused(role: str, lang: str, next_path: str) -> html.Div:
    """The page a person without ``role`` gets instead of a staff page (with a way to sign in)."""
    sign_in = "/sign-in?" + urlencode({"lang": lang, "next": next_path})
    return html.Div(
        [
            html.H1(t("account.refused_title", lang)),
            html.P(t("account.refused_text", lang, role=t(f"account.role.{role}", lang))),
            html.A(t("account.sign_in", lang), href=sign_in, className="btn btn-primary"),
        ],
        className="refused",
        **attributes(data_view="refused"),
    )


def account_links(
    name: str | None,
    lang: str,
    quality_href: str | None,
    next_path: str,
    admin_href: str | None = None,
    entries_href: tuple[str, str] | None = None,
    notifications: html.A | None = None,
) -> html.Div:
    """Sign in (nobody signed in); or ``notifications`` (the link with the unread count) and the account
    menu: a button with the user's name opening the entry page (unit staff) or the review page
    (reviewers) as ``entries_href`` (message key, href), the data-quality page (for reviewers), the admin
    page (for admins) and sign out. The menu is a native ``<details>``: it opens by keyboard and touch
    without a script, and keeps a staff member's header in one row on a laptop."""
    if name is None:
        href = "/sign-in?" + urlencode({"lang": lang, "next": next_path})
        return html.Div(
            html.A(t("account.sign_in", lang), href=href, className=ACCOUNT_LINK, id="account-sign-in"),
            className="account-links",
        )
    signed_in = t("account.signed_in_as", lang, name=name)
    items: list = [html.Div(signed_in, className="account-name")]
    if entries_href is not None:
        key, href = entries_href
        items.append(dcc.Link(t(key, lang), href=href, className=MENU_ITEM, id="account-entries"))
    if quality_href is not None:
        items.append(dcc.Link(t("quality.title", lang), href=quality_href, className=MENU_ITEM, id="account-quality"))
    if admin_href is not None:
        items.append(html.A(t("account.admin_title", lang), href=admin_href, className=MENU_ITEM, id="account-admin"))
    items.append(
        html.A(
            t("account.sign_out", lang),
            href="/sign-out?" + urlencode({"lang": lang}),
            className=f"{MENU_ITEM} account-sign-out",
            id="account-sign-out",
        )
    )
    menu = html.Details(
        [
            html.Summary(
                [html.Span(name, className="account-toggle-name"), html.Span("▾", className="account-caret")],
                className="btn btn-sm btn-outline-light account-toggle",
                title=signed_in,
                **attributes(aria_label=signed_in),
            ),
            html.Div(items, className="account-panel"),
        ],
        className="account-menu",
    )
    links = [notifications, menu] if notifications is not None else [menu]
    return html.Div(links, className="account-links d-flex gap-2 align-items-center")
