"""What a unit sees beside each value it enters: the last value, the year's target and the realization
expected by the period's end, read from the published warehouse (read-only) and the entries' state
from the operational database. Used by the entry page, its callbacks (the server's own check on
submit) and the XLSX template.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine

from gosterge.measurement_rules import AreaPath, Expectation, expectation
from gosterge.plan import Indicator, Plan
from operations.entries import Entry, history, list_entries
from operations.entry_scope import PROVINCE, EntryArea
from operations.periods import MonitoringPeriod
from warehouse.frames import records_of
from warehouse.queries.entry_context import entry_context
from warehouse.queries.entry_outcomes import LoadOutcome, entry_load_outcomes


@dataclass(frozen=True)
class EntryRow:
    """One value to enter: an indicator in an area for the period, with what the warehouse knows."""

    indicator: Indicator
    area: EntryArea
    area_name: str
    last_value: float | None
    last_year: int | None
    path: AreaPath | None
    expected: Expectation | None
    entry: Entry | None
    comment: str | None  # the reviewer's comment when the entry was returned
    load: LoadOutcome | None = None  # what the writer did with the entry's newest handled version

    @property
    def key(self) -> str:
        """The row's key in component ids and template rows: indicator|level|area."""
        return row_key(self.indicator.code, self.area)


def row_key(indicator_code: str, area: EntryArea) -> str:
    return f"{indicator_code}|{area.area_level}|{area.area_code}"


def parse_row_key(key: Any) -> tuple[str, EntryArea] | None:
    """(indicator code, area) of a key from a component id (None when it is not one)."""
    parts = key.split("|") if isinstance(key, str) else []
    if len(parts) != 3:
        return None
    return parts[0], EntryArea(parts[1], parts[2])


def _number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def area_name(plan: Plan, area: EntryArea, lang: str) -> str:
    if area.area_level == PROVINCE:
        return plan.province
    district = plan.districts.get(area.area_code)
    return district.name if district is not None else area.area_code


def _path(plan: Plan, indicator: Indicator, area: EntryArea, record: dict[str, Any] | None) -> AreaPath | None:
    """The indicator's base and target in the area: the progress engine's (published), else the plan's."""
    record = record or {}
    base_year = _number(record.get("base_year"))
    base_value = _number(record.get("base_value"))
    target_value = _number(record.get("target_value"))
    if base_value is not None and target_value is not None and base_year is not None:
        interim = indicator.interim_targets if area.area_level == PROVINCE else {}
        return AreaPath(int(base_year), base_value, int(record["target_year"]), target_value, dict(interim))
    if area.area_level == PROVINCE and indicator.target is not None:
        return AreaPath(
            indicator.baseline.year,
            indicator.baseline.value,
            indicator.target.year,
            indicator.target.value,
            dict(indicator.interim_targets),
        )
    return None


def entry_rows(
    connection: Any,
    database: Engine,
    plan: Plan,
    pairs: list[tuple[Indicator, EntryArea]],
    period: MonitoringPeriod,
    lang: str,
) -> list[EntryRow]:
    """The rows of ``pairs`` for ``period``: warehouse context (``connection``) and entries (``database``)."""
    frame = entry_context(
        connection, plan=plan.code, indicators=sorted({indicator.code for indicator, _ in pairs}), year=period.year
    )
    records = {(str(record["indicator_code"]), str(record["area_code"])): record for record in records_of(frame)}
    entries = {
        (entry.indicator_code, entry.area_code): entry
        for entry in list_entries(database, plan_code=plan.code, period=period.code)
    }
    approved = sorted(entry.entry_id for entry in entries.values() if entry.status == "approved")
    loads = entry_load_outcomes(connection, plan=plan.code, entry_ids=approved)
    rows = []
    for indicator, area in pairs:
        record = records.get((indicator.code, area.area_code))
        path = _path(plan, indicator, area, record)
        if path is not None and indicator.measure == "cumulative":
            before = _number(record.get("value_before")) if record else None
            path = replace(path, total_before=before if before is not None else path.base_value)
        entry = entries.get((indicator.code, area.area_code))
        comment = None
        if entry is not None and entry.status == "returned":
            comment = next(
                (v.comment for v in reversed(history(database, entry.entry_id)) if v.action == "returned"), None
            )
        latest_year = _number(record.get("latest_year")) if record else None
        rows.append(
            EntryRow(
                indicator=indicator,
                area=area,
                area_name=area_name(plan, area, lang),
                last_value=_number(record.get("latest_value")) if record else None,
                last_year=int(latest_year) if latest_year is not None else None,
                path=path,
                expected=expectation(indicator, path, period.year, period.year_fraction),
                entry=entry,
                comment=comment,
                load=loads.get(entry.entry_id) if entry is not None else None,
            )
        )
    return rows
