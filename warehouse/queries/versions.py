"""The data tokens a page reads: what the page cache keys a rendered body by (:mod:`dashboard.page_cache`).

The writer records a random token per indicator and per plan whenever their data change
(:mod:`warehouse.data_tokens`). A page of one indicator reads that indicator's token and its plan's; a
page of a node the tokens of every indicator under it and its plan's; a page of the whole plan every
token of the plan. The tokens of a plan are read in one small query (:func:`read_tokens`, kept by the
reader for the snapshot: every page of that snapshot asks it, each for other indicators) and each page's
digest is made from them (:func:`tokens_digest`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import duckdb


@dataclass(frozen=True)
class PlanTokens:
    """A plan's token and its indicators' (those that have one), as one snapshot holds them."""

    plan: str
    token: str
    indicators: Mapping[str, str]


def read_tokens(connection: duckdb.DuckDBPyConnection, *, plan: str) -> PlanTokens | None:
    """The tokens of ``plan`` in the snapshot ``connection`` reads; None when the plan has no token yet (a
    warehouse written before the tokens, or whose writer has not run since): pages are then keyed by the
    published file instead."""
    try:
        found = connection.execute("select token from plan_tokens where plan_code = ?", [plan]).fetchall()
        if not found or found[0][0] is None:
            return None
        rows = connection.execute(
            "select indicator_code, token from indicator_tokens where plan_code = ?", [plan]
        ).fetchall()
    except duckdb.CatalogException:  # a snapshot written before the token tables
        return None
    return PlanTokens(plan, str(found[0][0]), MappingProxyType({str(code): str(token) for code, token in rows}))


def tokens_digest(tokens: PlanTokens, indicators: list[str] | None) -> str:
    """A digest of the plan's token and of its ``indicators``' (None: every indicator of the plan); an
    indicator without a token counts as none."""
    codes = sorted(tokens.indicators if indicators is None else set(indicators) & tokens.indicators.keys())
    listed = ",".join(f"{code}={tokens.indicators[code]}" for code in codes)
    return hashlib.sha256(f"{tokens.plan}|{tokens.token}|{listed}".encode()).hexdigest()
