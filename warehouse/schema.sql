-- Gösterge warehouse schema (DuckDB). The whole schema lives in this file.
-- Every table carries plan_code: several plans share one warehouse.
-- Area levels: 'province' (area_code = the plan's province code, e.g. '35'),
-- 'region' (area_code = the plan's region code) and 'district' (official ilçe code).

-- ---------------------------------------------------------------- the plan
create table if not exists plans (
    plan_code varchar primary key,
    title_tr varchar not null,
    title_en varchar not null,
    organisation_tr varchar,
    organisation_en varchar,
    province varchar not null,
    province_code varchar not null,
    period_start integer not null,
    period_end integer not null,
    baseline_year integer not null,
    vision_tr varchar,
    vision_en varchar,
    provenance varchar not null,
    population_indicator varchar,
    levels_json varchar not null,      -- [{key, name_tr, name_en, plural_tr, plural_en}, …]
    source_file varchar not null,
    content_hash varchar not null,
    synced_at timestamp not null
);

create table if not exists plan_nodes (
    plan_code varchar not null,
    node_code varchar not null,
    depth integer not null,            -- 0 = top level (axis, aim …)
    level_key varchar not null,
    parent_code varchar,
    path varchar[] not null,           -- node codes from the top level down to the node itself
    root_code varchar not null,        -- path[1]: the node's top-level ancestor (itself at depth 0)
    position integer not null,
    sort_key integer not null,         -- plan order over the whole tree
    title_tr varchar not null,
    title_en varchar not null,
    provenance varchar not null,
    weight double not null,
    primary key (plan_code, node_code)
);
-- Warehouse files created before plan_nodes carried path and root_code get the columns empty;
-- warehouse.plan_sync.sync_plan re-syncs a plan whose nodes have no path (see warehouse/__init__.py).
alter table plan_nodes add column if not exists path varchar[];
alter table plan_nodes add column if not exists root_code varchar;

create table if not exists indicators (
    plan_code varchar not null,
    indicator_code varchar not null,
    goal_code varchar not null,
    position integer not null,
    sort_key integer not null,
    name_tr varchar not null,
    name_en varchar not null,
    unit varchar not null,
    direction varchar not null,
    baseline_year integer not null,
    baseline_value double not null,
    target_year integer not null,      -- without a numeric target: the plan's end
    target_value double,               -- null: a direction only ("artırılacak"), or informational
    weight double not null,
    frequency varchar not null,
    level varchar not null,
    aggregation varchar,
    measure varchar not null,
    natural_limit double,
    data_source varchar not null,
    responsible_unit varchar,
    definition_tr varchar,
    definition_en varchar,
    provenance varchar not null,
    precision integer,
    informational boolean not null default false,  -- "bilgi amaçlı": values and trend, never a status
    primary key (plan_code, indicator_code)
);
-- The decimals of an indicator's values (gosterge.rounding). Files created before the column get it
-- empty; warehouse.plan_sync.sync_plan re-syncs a plan whose indicators have none.
alter table indicators add column if not exists precision integer;
-- Files created before indicators without a numeric target: the target value may be null, and the
-- informational flag is false until the plan is synced again (its content hash changes with the file).
alter table indicators alter column target_value drop not null;
alter table indicators add column if not exists informational boolean default false;

create table if not exists interim_targets (
    plan_code varchar not null,
    indicator_code varchar not null,
    year integer not null,
    value double not null,
    primary key (plan_code, indicator_code, year)
);

create table if not exists regions (
    plan_code varchar not null,
    region_code varchar not null,
    name_tr varchar not null,
    name_en varchar not null,
    provenance varchar not null,
    primary key (plan_code, region_code)
);

create table if not exists districts (
    plan_code varchar not null,
    district_code varchar not null,
    name varchar not null,
    region_code varchar,
    position integer not null,
    primary key (plan_code, district_code)
);

create table if not exists data_sources (
    plan_code varchar not null,
    source_id varchar not null,
    name_tr varchar not null,
    name_en varchar not null,
    url varchar,
    primary key (plan_code, source_id)
);

-- The areas a plan's progress is shown for below the province: its districts and its regions
-- (a region's own code stands in region_code, so both kinds carry the region they belong to).
create or replace view plan_areas as
    select plan_code, 'district' as area_level, district_code as area_code, name as name_tr, name as name_en,
           region_code, position
    from districts
    union all
    select plan_code, 'region', region_code, name_tr, name_en, region_code, 0
    from regions;

-- ---------------------------------------------------------------- loads
create sequence if not exists run_ids start 1;

create table if not exists load_runs (
    run_id bigint primary key,
    plan_code varchar,
    source_id varchar not null,
    file_name varchar,
    started_at timestamp not null,
    finished_at timestamp,
    status varchar not null,           -- running | loaded | failed | interrupted (docs/etl.md)
    rows_read bigint not null default 0,
    rows_loaded bigint not null default 0,
    rows_unchanged bigint not null default 0,
    rows_rejected bigint not null default 0,
    message varchar,
    is_demo boolean not null default false
);

create table if not exists rejected_rows (
    run_id bigint not null,
    plan_code varchar,
    source_id varchar not null,
    file_name varchar,
    row_number bigint,                 -- 1-based line or sheet row in the source file
    column_name varchar,
    value varchar,
    reason varchar not null,           -- the ETL's English line (its command line and reports print it)
    raw_row varchar,
    reason_code varchar,               -- gosterge.rejections.ReasonCode; null in rows stored before codes
    reason_values json                 -- the values of the code's message, e.g. {"value": -3, "minimum": 0, …}
);
alter table rejected_rows add column if not exists reason_code varchar;
alter table rejected_rows add column if not exists reason_values json;

-- The ETL's scheduled sources and their cadence, recorded by the scheduler when it
-- starts, so that readers can tell when a source's data is older than its schedule.
create table if not exists source_schedules (
    source_id varchar primary key,
    plan_code varchar not null,
    kind varchar not null,             -- inbox | file | http
    schedule varchar not null,         -- cron expression, Europe/Istanbul
    interval_seconds bigint not null,  -- the longest gap between two scheduled runs
    grace_seconds bigint not null,     -- how late a run may start (misfire grace)
    recorded_at timestamp not null
);

-- ---------------------------------------------------------------- measurements
create table if not exists measurements (
    plan_code varchar not null,
    indicator_code varchar not null,
    area_level varchar not null,       -- province | district
    area_code varchar not null,
    period varchar not null,           -- '2023', '2023-Q2', '2023-06', '2023-06-30'
    period_type varchar not null,      -- year | quarter | month | date
    year integer not null,
    period_end date not null,
    value double not null,
    source_id varchar not null,
    run_id bigint not null,
    loaded_at timestamp not null,
    is_demo boolean not null default false,
    revision integer not null default 1,
    primary key (plan_code, indicator_code, area_code, period)
);

-- Earlier values of a measurement delivered again with a different value.
create table if not exists measurement_revisions (
    plan_code varchar not null,
    indicator_code varchar not null,
    area_level varchar not null,
    area_code varchar not null,
    period varchar not null,
    value double not null,
    source_id varchar not null,
    run_id bigint not null,
    loaded_at timestamp not null,
    is_demo boolean not null,
    revision integer not null,
    superseded_by_run bigint not null,
    superseded_at timestamp not null
);

-- ---------------------------------------------------------------- progress (precomputed)
-- Progress tables without keys: a load deletes the keys it recomputes and inserts their rows again
-- (warehouse/progress_rows.py), so each key is written once; tests/progress/test_incremental.py compares
-- every row with a full recompute. A primary key's index cost a 1,000-row delivery into the 10 M-row
-- warehouse 0.3 s of its commit (benchmarks/etl_load.py); files created with the keys lose them once
-- (warehouse/schema.py).
create table if not exists indicator_progress (
    plan_code varchar not null,
    indicator_code varchar not null,
    area_level varchar not null,
    area_code varchar not null,
    direction varchar not null,
    measure varchar not null,
    method varchar not null,
    data_points integer not null,
    base_year integer,
    base_value double,
    latest_year integer,
    latest_value double,
    target_year integer not null,
    target_value double,
    realization_pct double,
    expected_pct double,
    expected_now_pct double,
    pace_ratio double,
    score double,
    status varchar not null,
    thresholds varchar,
    trend varchar not null,
    trend_ratio double,
    actual_pace double,
    required_pace double,
    projected_year integer,
    projection varchar not null,
    flags varchar,
    note varchar,
    last_run_id bigint,                -- newest load that delivered data for it
    last_source_id varchar,
    last_loaded_at timestamp,
    is_demo boolean,
    area_rank integer,                 -- a district's or region's rank among its level's (warehouse/ranks.py)
    areas_ranked integer,              -- how many areas of the level have a value
    -- unique by (plan_code, indicator_code, area_level, area_code): see "Progress tables without keys" above
);

create table if not exists node_progress (
    plan_code varchar not null,
    node_code varchar not null,        -- the plan code itself for the whole plan
    depth integer not null,            -- -1 for the whole plan
    area_level varchar not null,
    area_code varchar not null,
    realization_pct double,
    expected_pct double,
    score double,
    status varchar not null,
    trend varchar not null,
    coverage double not null,
    children integer not null,
    children_with_data integer not null,
    withheld boolean not null,
    worst_children varchar,
    alarm_score double,
    note varchar,
    ended boolean,                     -- every child past its target year: the status is the end result
    area_rank integer,                 -- a district's or region's rank among its level's (warehouse/ranks.py)
    areas_ranked integer,              -- how many areas of the level have a realization
    -- unique by (plan_code, node_code, area_level, area_code): see "Progress tables without keys" above
);
-- Files created before node_progress carried ended get the column empty until the next load.
alter table node_progress add column if not exists ended boolean;

create table if not exists indicator_yearly (
    plan_code varchar not null,
    indicator_code varchar not null,
    area_level varchar not null,
    area_code varchar not null,
    year integer not null,
    value double,
    path_value double,
    realization_pct double,
    expected_pct double,
    -- unique by (plan_code, indicator_code, area_level, area_code, year): see "Progress tables without keys" above
);

create table if not exists node_yearly (
    plan_code varchar not null,
    node_code varchar not null,
    area_level varchar not null,
    area_code varchar not null,
    year integer not null,
    realization_pct double,
    expected_pct double,
    -- unique by (plan_code, node_code, area_level, area_code, year): see "Progress tables without keys" above
);

-- What each plan's stored progress was computed with: a load recomputes only what its rows change
-- while all of this is the same, and the whole plan otherwise (warehouse/progress_store.py).
create table if not exists progress_basis (
    plan_code varchar primary key,
    plan_hash varchar not null,        -- the plan file's content hash
    engine varchar not null,           -- a hash of the progress engine's source
    evaluation_year integer not null,
    coverage_floor double not null,
    cap_realization boolean not null,
    computed_at timestamp not null
);

-- Every change of a node's status made by a recompute (warehouse.status_history, called by
-- progress_store.refresh_progress in the load's own transaction): what the executive brief shows as
-- "what changed since the previous load" and what alerts read as "goals whose status worsened".
-- run_id is the load run being written (null for a recompute outside a load: a changed plan file).
create table if not exists status_changes (
    run_id bigint,
    plan_code varchar not null,
    node_code varchar not null,        -- the plan code itself for the whole plan
    area_level varchar not null,
    area_code varchar not null,
    old_status varchar not null,
    new_status varchar not null,
    changed_at timestamp not null
);

-- ---------------------------------------------------------------- publication
create table if not exists publication (
    data_version bigint not null,
    published_at timestamp not null,
    last_run_id bigint
);

-- ---------------------------------------------------------------- data tokens (the page cache)
-- A random token (uuid4 text) recorded by the writer, in the transaction that changes the data it names:
-- per indicator when its measurements, explanations or progress change, per plan when the whole plan is
-- recomputed or anything plan-wide changes (warehouse/data_tokens.py). The web keys a rendered page by the
-- tokens of what the page reads (warehouse/queries/versions.py, dashboard/page_cache.py): a token names
-- exactly one state of its data, also in a warehouse put back from a backup (data versions repeat there).
-- Files created before these tables get them empty: pages fall back to the published file's identity
-- until the writer records a plan's first token.
create table if not exists plan_tokens (
    plan_code varchar primary key,
    token varchar not null,
    recorded_at timestamp not null
);

-- data_token moves only when the plan's data changed as a whole (a plan-wide recompute, a sync), not when
-- only a plan-wide fact pages show moved: the publication rewrites every part of the plan when it moves.
alter table plan_tokens add column if not exists data_token varchar;

create table if not exists indicator_tokens (
    plan_code varchar not null,
    indicator_code varchar not null,
    token varchar not null,
    recorded_at timestamp not null,
    primary key (plan_code, indicator_code)
);

-- ---------------------------------------------------------------- entries (docs/entries.md)
-- What the units explained with their approved entries: one row per entry loaded (plan, indicator, area,
-- entry period), replaced when a later approved version of the entry is loaded. ``period`` is the entry's
-- own period ('2024-H1', '2024-H2', '2024'); ``year`` the measurement year it loaded into. The row is
-- written for every loaded entry, with or without a reason, so it is also the entry's provenance.
create table if not exists explanations (
    plan_code varchar not null,
    indicator_code varchar not null,
    area_level varchar not null,       -- province | district
    area_code varchar not null,
    year integer not null,
    period varchar not null,
    reason varchar,                    -- the deviation's reason (sapma nedeni)
    measures varchar,                  -- the measures to be taken (alınacak tedbirler)
    source_note varchar,               -- the unit's note on the value's source (kaynak notu)
    unit varchar,                      -- the responsible unit that entered it
    entered_by varchar,
    approved_by varchar,
    approved_at timestamp,
    run_id bigint not null,
    primary key (plan_code, indicator_code, area_code, period)
);
-- explanations written before the source note (a file from an earlier version) get the column empty
alter table explanations add column if not exists source_note varchar;

-- Which version of which operational entry the writer handled, and how: 'loaded' (its value and
-- explanation are in) or 'rejected' (its problems are in rejected_rows; kept for review, not tried again
-- until a new version is approved). Lets the writer mark entries loaded again when that mark failed
-- after the commit, without loading them twice.
create table if not exists entry_loads (
    plan_code varchar not null,
    entry_id bigint not null,
    version integer not null,
    run_id bigint not null,
    outcome varchar not null,          -- loaded | rejected
    primary key (plan_code, entry_id, version)
);
