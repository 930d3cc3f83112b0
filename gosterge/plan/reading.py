"""Reading a plan document (parsed TOML) into validated tables, each with its place in the file.

The hierarchy's levels are named by the file itself (``[[plan.levels]]``), so the reader walks
the nested arrays of tables by those keys (``axes`` → ``priorities`` → ``goals`` →
``indicators``) and validates each table on its own with its model from
:mod:`gosterge.plan.schema`. A table with problems is kept as ``None`` (its problems recorded
with their locations) and the tables below it are still read, so one load finds every problem
in the file. What the reader returns is checked across tables by :mod:`gosterge.plan.checks`
and, when nothing is wrong, built into the plan model by :mod:`gosterge.plan.building`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from gosterge.plan.schema import (
    DataSourceTable,
    DistrictTable,
    IndicatorTable,
    LevelTable,
    MonitoringTable,
    NodeTable,
    PlanTable,
    RegionTable,
)
from gosterge.validation import Problems, Table, array_of_tables

TableType = TypeVar("TableType", bound=Table)
PlacedTable = TypeVar("PlacedTable", bound=Table, covariant=True)


@dataclass(frozen=True)
class Placed(Generic[PlacedTable]):
    """A table's location in the file and the table, or None when it has problems."""

    location: str
    table: PlacedTable | None


@dataclass
class Leaf:
    """An indicator table as read (``table`` is None when it has problems)."""

    location: str
    position: int
    table: IndicatorTable | None


@dataclass
class Branch:
    """A table of a hierarchy level as read, with the tables below it."""

    location: str
    depth: int
    position: int
    table: NodeTable | None
    children_location: str  # where its children (or, on the last level, its indicators) are
    children: list[Branch] = field(default_factory=list)
    indicators: list[Leaf] = field(default_factory=list)


@dataclass
class PlanTables:
    """Every table of a plan file, validated, in file order."""

    header: PlanTable | None
    levels: tuple[LevelTable, ...]  # empty when a level has problems (the hierarchy is then not read)
    regions: list[Placed[RegionTable]]
    districts: list[Placed[DistrictTable]]
    data_sources: list[Placed[DataSourceTable]]
    roots: list[Branch]
    monitoring: MonitoringTable | None = None  # None: absent (the defaults) or with problems

    def branches(self) -> list[Branch]:
        """Every branch, each before the ones below it."""
        found: list[Branch] = []
        pending = list(reversed(self.roots))
        while pending:
            branch = pending.pop()
            found.append(branch)
            pending.extend(reversed(branch.children))
        return found

    def leaves(self) -> list[Leaf]:
        """Every indicator table, in file order."""
        return [leaf for branch in self.branches() for leaf in branch.indicators]


def read_tables(document: dict[str, Any], problems: Problems) -> PlanTables:
    """Validate every table of ``document``, recording each problem in ``problems``."""
    raw_header = document.get("plan")
    header = None
    if isinstance(raw_header, dict):
        header = problems.validate(PlanTable, raw_header, at="plan")
    else:
        problems.add("plan", "missing [plan] table")
        raw_header = {}
    levels = _levels(raw_header, problems)
    districts = _tables(document, "districts", DistrictTable, problems)
    if not districts:
        problems.add("districts", "missing (expected at least one [[districts]])")
    return PlanTables(
        header=header,
        levels=levels,
        regions=_tables(document, "regions", RegionTable, problems),
        districts=districts,
        data_sources=_tables(document, "data_sources", DataSourceTable, problems),
        roots=_roots(document, levels, problems),
        monitoring=problems.validate(MonitoringTable, document.get("monitoring", {}), at="monitoring"),
    )


def _levels(raw_header: dict[str, Any], problems: Problems) -> tuple[LevelTable, ...]:
    """The hierarchy's levels, top first; none when any of them has problems."""
    levels = _tables(raw_header, "levels", LevelTable, problems, prefix="plan.")
    if not levels:
        problems.add("plan.levels", "missing (expected at least one [[plan.levels]])")
    tables = [placed.table for placed in levels if placed.table is not None]
    return tuple(tables) if len(tables) == len(levels) else ()


def _tables(
    document: dict[str, Any], key: str, model: type[TableType], problems: Problems, prefix: str = ""
) -> list[Placed[TableType]]:
    """The array of tables ``[[key]]``, each validated by ``model``."""
    raw_tables = problems.validate(array_of_tables(prefix + key), document.get(key), at=prefix + key) or []
    return [
        Placed(location, problems.validate(model, table, at=location))
        for location, table in ((f"{prefix}{key}[{index}]", table) for index, table in enumerate(raw_tables))
    ]


def _children(table: dict[str, Any], key: str, location: str, problems: Problems) -> list[dict[str, Any]] | None:
    """The array of tables ``key`` under ``table``; None when it is not an array of tables (recorded)."""
    return problems.validate(array_of_tables(key), table.get(key), at=location)


def _roots(document: dict[str, Any], levels: tuple[LevelTable, ...], problems: Problems) -> list[Branch]:
    if not levels:
        return []
    key = levels[0].key
    tables = _children(document, key, key, problems)
    if tables == []:
        problems.add(key, f"missing (expected at least one [[{key}]])")
    return _branches(tables or [], 0, "", levels, problems)


def _branches(
    tables: list[dict[str, Any]], depth: int, prefix: str, levels: tuple[LevelTable, ...], problems: Problems
) -> list[Branch]:
    """The tables of level ``depth`` and everything below them."""
    level = levels[depth]
    is_last_level = depth == len(levels) - 1
    child_key = "indicators" if is_last_level else levels[depth + 1].key
    branches: list[Branch] = []
    for position, table in enumerate(tables):
        location = f"{prefix}{level.key}[{position}]"
        branch = Branch(
            location, depth, position, problems.validate(NodeTable, table, at=location), f"{location}.{child_key}"
        )
        child_tables = _children(table, child_key, branch.children_location, problems)
        if child_tables == []:
            below = "indicator" if is_last_level else levels[depth + 1].plural_en.lower()
            problems.add(
                branch.children_location,
                f"{level.name_en.lower()} {table.get('code')!r} has no {below} (expected at least one)",
            )
        if is_last_level:
            branch.indicators = [
                Leaf(
                    f"{branch.children_location}[{index}]",
                    index,
                    problems.validate(IndicatorTable, indicator, at=f"{branch.children_location}[{index}]"),
                )
                for index, indicator in enumerate(child_tables or [])
            ]
        else:
            branch.children = _branches(child_tables or [], depth + 1, location + ".", levels, problems)
        branches.append(branch)
    return branches
