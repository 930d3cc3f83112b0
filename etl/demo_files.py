"""Demo data for the first start: files in the inbox, loaded through the normal ETL path.

:func:`ensure_demo_data` (called by ``python app.py``) does nothing for a plan
that already has measurements. For a plan without any, it writes the plan's
demo measurements (:func:`etl.demo.demo_measurements`) as a long CSV the way
agency staff write one in Turkish Excel — district names rather than codes,
the province's name for province values, ``;`` between fields, decimal
commas, UTF-8 with a byte-order mark — into the plan's demo inbox, and runs
the demo source (``demo-izmir``, ``demo-balikesir`` …, declared in
sources.toml with ``demo = true``). Runs and measurements carry
``is_demo = true``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from etl.demo import demo_measurements
from etl.jobs import RunReport, run_source
from etl.run_lock import RunInProgress
from etl.sources import Source, demo_source, load_sources
from gosterge.plan import Plan
from gosterge.settings import Settings
from warehouse import Reader
from warehouse.runs import plan_has_measurements

logger = logging.getLogger(__name__)
HEADER = ("gösterge", "ilçe", "dönem", "değer")


def write_demo_file(plan: Plan, folder: Path, file_name: str) -> Path:
    """Write the plan's demo measurements as a staff-style CSV; returns the file."""
    frame = demo_measurements(plan)
    names = {code: district.name for code, district in plan.districts.items()}
    names[plan.province_code] = plan.province
    frame = frame.assign(area_name=frame["area_code"].map(names))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    temporary = path.with_name("." + file_name)
    frame.loc[:, ["indicator_code", "area_name", "period", "value"]].to_csv(
        temporary, sep=";", decimal=",", index=False, header=list(HEADER), encoding="utf-8-sig"
    )
    temporary.replace(path)
    return path


def plans_without_data(settings: Settings, plans: dict[str, Plan]) -> list[Plan]:
    reader = Reader(settings.published_file)
    try:
        with reader.connect() as connection:
            return [plan for plan in plans.values() if not plan_has_measurements(connection, plan.code)]
    finally:
        reader.close()


def load_demo_data(
    settings: Settings,
    plans: dict[str, Plan],
    selected: list[Plan],
    sources: dict[str, Source],
    *,
    progress: bool = False,
) -> list[RunReport]:
    """Write and load the demo files of ``selected`` plans (again: the same data then counts as unchanged)."""
    reports: list[RunReport] = []
    for plan in selected:
        source = demo_source(settings, plan, sources)
        assert source.path is not None
        write_demo_file(plan, source.path, f"{source.id}.csv")
        # written whole by this process just now: no need to wait for it to settle
        reports.extend(run_source(settings, plans, source, progress=progress, settle_seconds=0.0))
    return reports


def ensure_demo_data(settings: Settings, plans: dict[str, Plan]) -> list[RunReport]:
    """Load demo data for every plan that has no measurements yet; returns the runs (none when all have data).

    Raises :class:`etl.sources.SourcesError` when ``sources.toml`` is invalid.
    """
    sources = load_sources(settings, plans)
    empty = plans_without_data(settings, plans)
    if not empty:
        return []
    logger.info("no measurements yet for %s: loading demo data", ", ".join(plan.code for plan in empty))
    settings.ensure_dirs()
    try:
        return load_demo_data(settings, plans, empty, sources)
    except RunInProgress as error:  # a run of the data folder goes on: the demo data can wait for a restart
        logger.warning("demo data not loaded now: %s", error)
        return []
