"""Every view's state lives in its URL: paths carry the plan and the object, the query the rest.

Paths (the plan code first, so a URL for one plan never shows another's data)::

    /<plan>                              overview (?axis=…&priority=… or the plan's own level names)
    /<plan>/node/<code>                  an axis, priority, goal, aim … (?district=… or ?region=…)
    /<plan>/indicator/<code>             an indicator (?view=chart|table|map&map=geo|tiles&district=…)
    /<plan>/districts                    map and equity (?indicator=…|goal=…&show=realization|value&map=…
                                         &level=region|region=…&year=…)
    /<plan>/district/<code>              one district's scorecard (?year=…)
    /<plan>/search?q=…                   search
    /<plan>/brief                        the executive brief (?node=… for a top-level node);
                                         its PDF: /brief.pdf?plan=…&node=… (same lang)
    /<plan>/monitoring?year=…            the yearly monitoring table (?region=… or ?district=…);
                                         its Excel: /monitoring.xlsx?plan=…&year=… (same area and lang)
    /?plan=<plan>                        the overview of that plan (default: the first plan)

``lang=en`` switches to English on any of them (Turkish is the default).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode

from dashboard.i18n import DEFAULT_LANGUAGE
from gosterge.plan import Level


def level_param(level: Level) -> str:
    """The query parameter that filters by a level: 'axis' for 'axes', 'priority' for 'priorities' …
    (the plan model's :attr:`gosterge.plan.model.Level.parameter`, the same names the exports read)."""
    return level.parameter


def first(query: dict[str, Any], name: str) -> str | None:
    """A query value as one stripped string (the first when repeated); None when absent or empty."""
    value = query.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    text = unquote(str(value)).strip()
    return text or None


WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def whole_number(text: str | None) -> int | None:
    """A query value as a non-negative whole number of at most nine ASCII digits; None for anything else
    (absent, '²', '-1', '99999999999', '1e3' …), so a malformed value never reaches ``int()``."""
    if text is None or not WHOLE_NUMBER.fullmatch(text):
        return None
    return int(text)


def href(path: str, lang: str, **params: Any) -> str:
    """``path`` with the non-empty ``params`` and the language (when not the default) as query."""
    query = {name: value for name, value in params.items() if value not in (None, "")}
    if lang != DEFAULT_LANGUAGE:
        query["lang"] = lang
    return f"{path}?{urlencode(query)}" if query else path


@lru_cache(maxsize=16384)
def plan_path(plan: str, *parts: str) -> str:
    """The path of a plan's page: ``plan_path("izmir", "node", "1.1")`` → ``/izmir/node/1.1`` (each
    part quoted, so a code never splits the path). Kept: a districts page links each of up to 973 districts,
    and quoting their paths again was a tenth of its render."""
    return "/" + "/".join(quote(part, safe="") for part in (plan, *parts))


def overview(plan: str, lang: str, **params: Any) -> str:
    return href(plan_path(plan), lang, **params)


def node(plan: str, code: str, lang: str, **params: Any) -> str:
    return href(plan_path(plan, "node", code), lang, **params)


def indicator(plan: str, code: str, lang: str, **params: Any) -> str:
    return href(plan_path(plan, "indicator", code), lang, **params)


def districts(plan: str, lang: str, **params: Any) -> str:
    return href(plan_path(plan, "districts"), lang, **params)


def district(plan: str, code: str, lang: str, **params: Any) -> str:
    return href(plan_path(plan, "district", code), lang, **params)


def search(plan: str, lang: str, **params: Any) -> str:
    return href(plan_path(plan, "search"), lang, **params)


def monitoring(plan: str, lang: str, **params: Any) -> str:
    """The yearly monitoring table (?year=…, ?region=… or ?district=…)."""
    return href(plan_path(plan, "monitoring"), lang, **params)


def parse_search(search: str | None) -> dict[str, str]:
    """A location's query string as {name: first value}."""
    if not search:
        return {}
    return {name: values[0] for name, values in parse_qs(search.lstrip("?"), keep_blank_values=True).items()}


def same_location(target: str, pathname: str | None, search: str | None) -> bool:
    """True when ``target`` (a path with a query) is the location ``pathname`` + ``search``, whatever
    the order of the query's parameters."""
    path, _, query = target.partition("?")
    return path == (pathname or "/") and parse_search(query) == parse_search(search)


def plan_from_path(pathname: str | None) -> str | None:
    """The plan code a pathname starts with (None for '/')."""
    parts = [part for part in (pathname or "/").split("/") if part]
    return unquote(parts[0]) if parts else None


def switch_language(pathname: str | None, search: str | None, lang: str) -> str:
    """The same view in ``lang``."""
    query = {name: value for name, value in parse_search(search).items() if name != "lang"}
    return href(pathname or "/", lang, **query)


def switch_plan(pathname: str | None, search: str | None, plan: str) -> str:
    """The overview of ``plan``, in the current language (codes of one plan mean nothing in another)."""
    return overview(plan, parse_search(search).get("lang", DEFAULT_LANGUAGE))
