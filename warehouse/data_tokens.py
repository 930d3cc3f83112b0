"""The writer's record of what changed, for the page cache: a random token per indicator and per plan.

A page is kept rendered under the tokens of what it reads (:mod:`warehouse.queries.versions`,
:mod:`dashboard.page_cache`), so every change to data a page reads must record a new token for it, in the
same transaction as the change (a reader never sees the data without its token):

- :func:`record_refresh`, called by :func:`warehouse.progress_store.refresh_progress`: the indicators whose
  progress the refresh recomputed and those whose measurements the load changed; the whole plan when the
  refresh recomputed the whole plan (a plan-file sync, a full refresh, a new evaluation year, a setting) or
  when a plan-wide fact that narrow pages show moved (:func:`plan_wide_facts`);
- :func:`record_unpublished`, called by the writer when it seals a publication: the indicators whose
  measurements or explanations a run not yet published wrote (an entry that brings an explanation and no
  new value refreshes nothing), every plan for a run of no plan that changed data (the executive brief's
  last load counts it for every plan), the plans synced since the last publication, and a first token for
  every plan that has none (a warehouse from before the tokens).

Tokens, not data versions: a warehouse put back from a backup counts versions again from an older number,
whereas a uuid4 names exactly one state of its data, so a body kept under tokens is never wrong.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

import duckdb

from warehouse.monitoring import latest_monitoring_year

__all__ = ["new_token", "plan_wide_facts", "record_indicators", "record_plan", "record_refresh", "record_unpublished"]


def new_token() -> str:
    """A token that names one state of some data: random, so never reused (uuid4 text)."""
    return str(uuid.uuid4())


def record_indicators(
    connection: duckdb.DuckDBPyConnection, plan_code: str, indicator_codes: Iterable[str], token: str
) -> None:
    """``token`` for each of ``indicator_codes`` of ``plan_code`` (replacing their former tokens)."""
    codes = sorted(set(indicator_codes))
    if not codes:
        return
    connection.execute(
        """
        insert or replace into indicator_tokens
        select $plan, unnest($codes::varchar[]), $token, now()::timestamp
        """,
        {"plan": plan_code, "codes": codes, "token": token},
    )


def record_plan(connection: duckdb.DuckDBPyConnection, plan_code: str, token: str, *, data: bool = True) -> None:
    """``token`` for the whole of ``plan_code``: every page of the plan is rendered again. ``data``: the plan's
    data changed as a whole (its ``data_token`` moves too, and the publication writes every part of the plan
    again: :mod:`warehouse.publication`); False when only a plan-wide fact pages show moved."""
    connection.execute(
        """
        insert or replace into plan_tokens (plan_code, token, recorded_at, data_token)
        select $plan, $token, now()::timestamp,
               case when $data then $token
                    else coalesce((select data_token from plan_tokens where plan_code = $plan), $token) end
        """,
        {"plan": plan_code, "token": token, "data": data},
    )


def plan_wide_facts(connection: duckdb.DuckDBPyConnection, plan_code: str) -> tuple[object, ...]:
    """What the pages of one indicator or one node show of the whole plan: the latest year with data (an
    aim's or goal's page links the reports of that year). A refresh that moves it records a plan token."""
    return (latest_monitoring_year(connection, plan=plan_code),)


def record_refresh(
    connection: duckdb.DuckDBPyConnection,
    plan_code: str,
    *,
    whole_plan: bool,
    indicator_codes: Iterable[str] = (),
    facts_before: tuple[object, ...] | None = None,
) -> None:
    """The tokens of one progress refresh (inside its transaction): the whole plan's when ``whole_plan``,
    else ``indicator_codes``', and the plan's too when :func:`plan_wide_facts` differ from ``facts_before``."""
    token = new_token()
    if whole_plan or facts_before is None:
        record_plan(connection, plan_code, token)
    elif plan_wide_facts(connection, plan_code) != facts_before:
        record_plan(connection, plan_code, token, data=False)
    record_indicators(connection, plan_code, indicator_codes, token)


def record_unpublished(connection: duckdb.DuckDBPyConnection) -> None:
    """The tokens of what the runs not yet published wrote besides a refresh (see the module docstring);
    inside the transaction that seals the publication."""
    token = new_token()
    last_run_id, published_at = connection.execute(
        "select coalesce(max(last_run_id), -1), max(published_at) from publication"
    ).fetchall()[0]
    touched = connection.execute(
        """
        select distinct plan_code, indicator_code from measurements where run_id > $run
        union
        select distinct plan_code, indicator_code from explanations where run_id > $run
        """,
        {"run": last_run_id},
    ).fetchall()
    by_plan: dict[str, list[str]] = {}
    for plan_code, indicator_code in touched:
        by_plan.setdefault(str(plan_code), []).append(str(indicator_code))
    for plan_code, codes in by_plan.items():
        record_indicators(connection, plan_code, codes, token)
    plans = connection.execute(
        """
        select p.plan_code
        from plans p
        left join plan_tokens t on t.plan_code = p.plan_code
        where t.token is null
           or ($published::timestamp is not null and p.synced_at >= $published::timestamp)
           or exists (
                select 1 from load_runs r
                where r.run_id > $run and r.plan_code is null and r.status = 'loaded' and r.rows_loaded > 0
           )
        """,
        {"run": last_run_id, "published": published_at},
    ).fetchall()
    for (plan_code,) in plans:
        record_plan(connection, str(plan_code), token)
