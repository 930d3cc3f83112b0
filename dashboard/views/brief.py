"""The executive brief: /<plan>/brief (?node=<code> for one top-level node: an axis, an aim).

One printable page that an executive reads in two minutes: the headline, the goals' status counts,
what changed since the previous load (or year), the lagging goals with the reasons staff gave, and
how fresh the data is. The same brief is a PDF made on the server (:mod:`dashboard.downloads.brief_pdf`),
linked from the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import html

from dashboard import urls
from dashboard.components.brief import brief_body
from dashboard.context import get_context
from dashboard.i18n import t, title
from dashboard.state import NotFound, Query, ViewState, read_plan
from gosterge.language import DEFAULT_LANGUAGE
from gosterge.plan import Plan
from warehouse.queries.brief import executive_brief
from warehouse.queries.standing import standing_of

#: the PDF route (dashboard.downloads.brief_download)
PDF_ROUTE = "/brief.pdf"


@dataclass(frozen=True, kw_only=True)
class BriefView(ViewState):
    """/<plan>/brief: the whole plan, or one top-level node (``?node=1``, ``?node=A1``)."""

    node: str | None = None

    @classmethod
    def from_query(cls, plan_code: str | None = None, lang: str = DEFAULT_LANGUAGE, **query: Any) -> BriefView:
        plan = read_plan(plan_code, lang)
        return cls(plan=plan.code, lang=lang, node=read_node(plan, Query(query), lang))

    def path(self) -> str:
        return urls.plan_path(self.plan, "brief")

    def to_query(self) -> dict[str, Any]:
        return {"node": self.node} if self.node else {}

    def pdf_href(self) -> str:
        """The PDF of this brief (same plan, node and language)."""
        return urls.href(PDF_ROUTE, self.lang, plan=self.plan, node=self.node)


def read_node(plan: Plan, query: Query, lang: str) -> str | None:
    """``?node=`` as one of the plan's top-level nodes (None when absent); anything else is not found."""
    code = query.text("node")
    if code is None:
        return None
    node = plan.nodes.get(code)
    if node is None or node.depth != 0:
        raise NotFound(t("unknown_code", lang, code=code), plan.code)
    return code


read = BriefView.from_query


def brief_href(plan: str, lang: str, node: str | None = None) -> str:
    """The brief of ``plan`` (or of its top-level node ``node``): every link to it is built here."""
    return BriefView(plan=plan, lang=lang, node=node).href()


def render(view: BriefView) -> html.Div:
    context = get_context()
    plan = context.plans[view.plan]
    with context.reader.connect() as connection:
        standing = standing_of(context.reader, connection, plan=plan.code)
        brief = executive_brief(connection, plan=plan.code, scope=view.node, standing=standing)
    lang = view.lang
    level = plan.levels[0].text(lang, "name")
    scopes = [(t("brief.whole_plan", lang), title(plan, lang), view.href(node=None), view.node is None)]
    scopes += [
        (f"{level} {root.code}", title(root, lang), view.href(node=root.code), view.node == root.code)
        for root in plan.roots()
    ]
    return brief_body(plan, brief, view.lang, pdf_href=view.pdf_href(), scopes=scopes)
