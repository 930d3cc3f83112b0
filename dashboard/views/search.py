"""Search goals, other nodes and indicators by code or name (Turkish-aware)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids, urls
from dashboard.attributes import attributes
from dashboard.components.common import breadcrumbs, provenance_mark
from dashboard.context import get_context
from dashboard.i18n import t, title
from dashboard.state import Query, ViewState, read_plan
from gosterge.language import DEFAULT_LANGUAGE
from warehouse.frames import records_of
from warehouse.queries.search import search

MAX_LENGTH = 200  # characters of a search text kept from the URL


@dataclass(frozen=True, kw_only=True)
class SearchView(ViewState):
    """/<plan>/search?q=…"""

    text: str = ""

    @classmethod
    def from_query(cls, plan_code: str | None = None, lang: str = DEFAULT_LANGUAGE, **query: Any) -> SearchView:
        plan = read_plan(plan_code, lang)
        return cls(plan=plan.code, lang=lang, text=(Query(query).text("q") or "")[:MAX_LENGTH])

    def path(self) -> str:
        return urls.plan_path(self.plan, "search")

    def to_query(self) -> dict[str, Any]:
        return {"q": self.text}


read = SearchView.from_query


def render(view: SearchView) -> html.Div:
    context = get_context()
    plan = context.plans[view.plan]
    lang, text = view.lang, view.text
    results = None
    if text:
        with context.reader.connect() as connection:
            results = search(connection, plan=plan.code, text=text)
    items = []
    for row in records_of(results) if results is not None else []:
        if row["kind"] == "indicator":
            kind = t("indicator", lang)
            link = urls.indicator(plan.code, row["code"], lang)
        elif row["kind"] == "district":
            kind = t("district", lang)
            link = urls.district(plan.code, row["code"], lang)
        elif row["kind"] == "region":
            kind = t("region", lang)
            link = urls.districts(plan.code, lang, region=row["code"])
        else:
            level = plan.levels[int(row["depth"])]
            kind = level.text(lang, "name")
            link = urls.node(plan.code, row["code"], lang)
        items.append(
            html.Li(
                [
                    html.Span(f"{kind} ", className="text-muted"),
                    dcc.Link(f"{row['code']} {title(row, lang)}", href=link),
                    provenance_mark(row.get("provenance"), lang),
                ],
                **attributes(data_code=row["code"], data_kind=row["kind"]),
            )
        )
    if not text:
        outcome: Any = html.P(t("search_hint", lang))
    elif not items:
        outcome = html.P(t("search_none", lang), className="search-none")
    else:
        outcome = html.Ol(items, className="search-results")
    return html.Div(
        [
            breadcrumbs(
                [
                    (t("overview", lang), urls.overview(plan.code, lang), title(plan, lang)),
                    (t("search", lang), None, None),
                ]
            ),
            html.H1(t("search_results", lang), className="h3"),
            html.Form(
                [
                    html.Label(t("search", lang), htmlFor=ids.SEARCH_STATE + "-q", className="visually-hidden"),
                    dbc.Input(
                        id=ids.SEARCH_STATE + "-q",
                        name="q",
                        type="search",
                        value=text,
                        placeholder=t("search_placeholder", lang),
                    ),
                    dcc.Input(type="hidden", name="lang", value=lang) if lang != DEFAULT_LANGUAGE else None,
                    html.Button(t("search", lang), type="submit", className="btn btn-primary"),
                ],
                action=urls.search(plan.code, DEFAULT_LANGUAGE),
                method="get",
                className="d-flex gap-2 my-2",
                role="search",
            ),
            outcome,
        ],
        className="search-page",
    )
