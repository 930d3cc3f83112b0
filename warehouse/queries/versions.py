"""The data tokens a page reads: what the page cache keys a rendered body by (:mod:`dashboard.page_cache`).

The writer records a random token per indicator and per plan whenever their data change
(:mod:`warehouse.data_tokens`). A page of one indicator reads that indicator's token and its plan's; a
page of a node the tokens of every indicator under it and its plan's; a page of the whole plan every
token of the plan. One small query on the request's own cursor answers it, so the tokens are those of the
snapshot the page is rendered from.
"""

from __future__ import annotations

import hashlib

import duckdb


def data_tokens(connection: duckdb.DuckDBPyConnection, *, plan: str, indicators: list[str] | None) -> str | None:
    """A digest of the tokens of ``plan`` and of its ``indicators`` (None: every indicator of the plan).

    None when the plan has no token yet (a warehouse written before the tokens, or whose writer has not
    run since): the caller then keys by the published file instead."""
    sql = """
        select (select token from plan_tokens where plan_code = $plan) as plan_token,
               string_agg(indicator_code || '=' || token, ',' order by indicator_code) as indicator_tokens
        from indicator_tokens
        where plan_code = $plan and ($every or list_contains($codes::varchar[], indicator_code))
    """
    parameters = {"plan": plan, "every": indicators is None, "codes": indicators or []}
    try:
        plan_token, indicator_tokens = connection.execute(sql, parameters).fetchall()[0]
    except duckdb.CatalogException:  # a snapshot written before the token tables
        return None
    if plan_token is None:
        return None
    return hashlib.sha256(f"{plan}|{plan_token}|{indicator_tokens or ''}".encode()).hexdigest()
