"""Loads and freshness: the newest successful load, and per source whether its data is stale.

These are the only dashboard queries that read ``load_runs``; the schedules they judge staleness by
are recorded by the scheduler (``source_schedules``, :func:`warehouse.runs.record_source_schedules`).
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

#: Oldest acceptable data per indicator frequency, for inbox sources and sources without a schedule.
MAX_AGE_DAYS = {"monthly": 45, "quarterly": 120, "yearly": 400}


def last_load(connection: duckdb.DuckDBPyConnection, *, plan: str | None = None) -> pd.DataFrame:
    """The newest load that changed data (of ``plan``, or touching every plan when its plan is unset):
    run id, source, file, finish time, rows loaded, demo flag. A load whose every row was unchanged or
    rejected changed nothing and is not it. Empty before the first such load."""
    sql = """
        select run_id, plan_code, source_id, file_name, started_at, finished_at, rows_loaded, rows_rejected,
               is_demo
        from load_runs
        where status = 'loaded' and rows_loaded > 0
          and ($plan::varchar is null or plan_code is null or plan_code = $plan::varchar)
        order by finished_at desc nulls last, run_id desc
        limit 1
    """
    return connection.execute(sql, {"plan": plan}).df()


def failed_since(connection: duckdb.DuckDBPyConnection, *, plan: str, run_id: int | None) -> pd.DataFrame:
    """The loads of ``plan`` after run ``run_id`` (every finished one when None) that changed nothing:
    failed, or every row rejected; newest first, with status, source, file, finish time and rows."""
    sql = """
        select run_id, source_id, file_name, finished_at, status, rows_read, rows_rejected
        from load_runs
        where status <> 'running' and not is_demo
          and (status <> 'loaded' or (rows_loaded = 0 and rows_rejected > 0))
          and (plan_code is null or plan_code = $plan)
          and ($run_id::bigint is null or run_id > $run_id::bigint)
        order by run_id desc
    """
    return connection.execute(sql, {"plan": plan, "run_id": run_id}).df()


def shows_demo_data(connection: duckdb.DuckDBPyConnection, *, plan: str) -> bool:
    """True while any of ``plan``'s shown progress comes from demo data."""
    sql = "select coalesce(bool_or(is_demo), false) from indicator_progress where plan_code = $plan"
    row = connection.execute(sql, {"plan": plan}).fetchone()
    return bool(row and row[0])


def freshness(connection: duckdb.DuckDBPyConnection, *, plan: str, as_of: datetime) -> pd.DataFrame:
    """Per load source of ``plan``'s data: its newest successful load and whether that is stale at ``as_of``.

    A scheduled file or HTTP source is stale when its newest successful load is older than the longest
    gap between its scheduled runs plus the misfire grace (``source_schedules``, recorded by the
    scheduler): a run it should have made is missing or failed. Inbox sources (files arrive when staff
    send them) and sources without a schedule are stale when the data is older than the frequency of
    the indicators they deliver allows (MAX_AGE_DAYS). ``rule`` says which test applied."""
    sql = """
        with delivered as (
            select p.last_source_id as source_id,
                   min(case i.frequency when 'monthly' then $monthly when 'quarterly' then $quarterly
                       else $yearly end) as max_age_days,
                   bool_or(p.is_demo) as is_demo
            from indicator_progress p
            join indicators i on i.plan_code = p.plan_code and i.indicator_code = p.indicator_code
            where p.plan_code = $plan and p.last_source_id is not null
            group by p.last_source_id
        ),
        loads as (
            select source_id, max(finished_at) as last_loaded_at
            from load_runs
            where status = 'loaded' and (plan_code is null or plan_code = $plan)
            group by source_id
        ),
        judged as (
            select d.source_id, l.last_loaded_at, d.max_age_days, d.is_demo, s.schedule,
                   s.source_id is not null and s.kind <> 'inbox' as by_schedule,
                   date_diff('day', l.last_loaded_at, $as_of::timestamp) as age_days,
                   date_diff('second', l.last_loaded_at, $as_of::timestamp) as age_seconds,
                   s.interval_seconds + s.grace_seconds as allowed_seconds
            from delivered d
            left join loads l on l.source_id = d.source_id
            left join source_schedules s on s.source_id = d.source_id
        )
        select source_id, last_loaded_at, max_age_days, is_demo, schedule, age_days,
               case when by_schedule then 'schedule' else 'frequency' end as rule,
               coalesce(case when by_schedule then age_seconds > allowed_seconds
                             else age_days > max_age_days end, true) as stale
        from judged
        order by source_id
    """
    parameters = {
        "plan": plan,
        "as_of": as_of,
        "monthly": MAX_AGE_DAYS["monthly"],
        "quarterly": MAX_AGE_DAYS["quarterly"],
        "yearly": MAX_AGE_DAYS["yearly"],
    }
    return connection.execute(sql, parameters).df()


def previous_load(connection: duckdb.DuckDBPyConnection, *, plan: str, run_id: int) -> pd.DataFrame:
    """The load that changed data of ``plan`` before run ``run_id`` (as :func:`last_load` picks them):
    run id, source, finish time, demo flag. Empty when ``run_id`` was the first."""
    sql = """
        select run_id, source_id, file_name, finished_at, is_demo
        from load_runs
        where status = 'loaded' and rows_loaded > 0 and run_id < $run_id
          and (plan_code is null or plan_code = $plan)
        order by run_id desc
        limit 1
    """
    return connection.execute(sql, {"plan": plan, "run_id": run_id}).df()
