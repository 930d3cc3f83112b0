"""Named read queries for the dashboard and the exports: one question each.

Every function takes a cursor from :meth:`warehouse.Reader.connect` and
keyword-only arguments, passes values as parameters (never formatted into the
SQL) and returns a small DataFrame ready to plot or tabulate. They read the
precomputed progress tables; none aggregates raw measurements except the
freshness and load summaries, which read ``load_runs``.

By subject:

- :mod:`~warehouse.queries.standing`: the plan in one area, read whole and kept for the snapshot (its
  overview, tree, goal tiles, status counts, lagging goals, a node's years and a goal's indicators are
  derived from it);
- :mod:`~warehouse.queries.indicators`: indicators with their definition and progress, and their years;
- :mod:`~warehouse.queries.districts`: every district or region of a plan (map values, league,
  spread, the years with data);
- :mod:`~warehouse.queries.scorecard`: one district against the other districts and the province;
- :mod:`~warehouse.queries.regions`: the region step of the geography;
- :mod:`~warehouse.queries.search`: nodes and indicators by code or title;
- :mod:`~warehouse.queries.loads`: the newest load and the freshness of each source;
- :mod:`~warehouse.queries.status_changes`: the nodes whose status a load moved up or down;
- :mod:`~warehouse.queries.brief`: the executive brief's data, one :class:`~warehouse.queries.brief.Brief`.
- :mod:`~warehouse.queries.entry_context`: a unit's indicators in each area beside the values it enters.

Conventions
-----------
``plan``
    The plan code (every row carries it: one warehouse holds several plans).
``area_level`` / ``area_code``
    ``'province'``, ``'region'`` or ``'district'``. ``area_code`` None means the
    plan's own province: the query reads the code from the plan's row in
    ``plans`` (a join in the same query, no separate look-up).
``scope``
    A node code (an axis, a priority, an aim …): limits the result to that node
    and everything below it, the rows whose ``plan_nodes.path`` contains it. None
    means the whole plan.
``year``
    None (the default) means the latest data: each area's latest value with its
    status and trend, from the progress tables (``indicator_progress``,
    ``node_progress``). A year means that year's value, realization and expected
    realization, from the yearly tables (``indicator_yearly``, ``node_yearly``),
    with status and trend None: they are assessed for the latest data only. A
    query that takes ``year`` shapes its rows in one select over a ``results``
    table expression whose source is chosen in one place (a module constant per
    source, e.g. :func:`warehouse.queries.districts._results`): one statement of
    the size of the question, since DuckDB plans every branch it is given.

Missing progress rows (a node or indicator without data) come back with the
status ``'not_available'`` and the trend ``'none'``, never as absent rows, so a
page always shows every node of the plan.
"""
