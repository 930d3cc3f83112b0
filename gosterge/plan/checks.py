"""The rules of a plan file that span several tables, which a model of one table cannot state.

Codes are unique within the plan (nodes and indicators share one space; regions, districts and
data sources each their own); the weights of siblings are all given and sum to 100, or are all
omitted; a district's region, an indicator's data source and districts, and the plan's
population indicator name things the file declares. The checks read what
:mod:`gosterge.plan.reading` validated; a rule over a group with a broken table is left until
that table is fixed, so that a broken table does not also read as, say, a missing reference.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from gosterge.plan.reading import Leaf, Placed, PlanTables
from gosterge.plan.schema import IndicatorTable, NodeTable
from gosterge.validation import Problems, Table

WEIGHT_TOLERANCE = 0.01


class Weighted(Protocol):
    """A node or an indicator table: a code and an optional weight."""

    @property
    def code(self) -> str: ...

    @property
    def weight(self) -> float | None: ...


def check_plan(tables: PlanTables, problems: Problems) -> None:
    """Record in ``problems`` every broken rule across the tables of one plan file."""
    _unique(tables.regions, "code", "region code", "code", problems)
    _unique(tables.districts, "code", "district code", "code", problems)
    _unique(tables.data_sources, "id", "data source", "id", problems)
    _district_regions(tables, problems)
    _unique_node_codes(tables, problems)
    _all_weights(tables, problems)
    _indicator_references(tables, problems)
    _population_indicator(tables, problems)


def _unique(placed: Sequence[Placed[Table]], key: str, what: str, noun: str, problems: Problems) -> None:
    seen: set[str] = set()
    for entry in placed:
        if entry.table is None:
            continue
        value = getattr(entry.table, key)
        if value in seen:
            problems.add(f"{entry.location}.{key}", f"duplicate {what} (got {value!r}; expected each {noun} once)")
        seen.add(value)


def _known(placed: Sequence[Placed[Table]], key: str) -> list[str] | None:
    """The codes of the tables in ``placed`` (file order, once each); None when one of them is broken."""
    if any(entry.table is None for entry in placed):
        return None
    return list(dict.fromkeys(getattr(entry.table, key) for entry in placed))


def _district_regions(tables: PlanTables, problems: Problems) -> None:
    regions = _known(tables.regions, "code")
    if regions is None:
        return
    for entry in tables.districts:
        if entry.table is not None and entry.table.region is not None and entry.table.region not in regions:
            problems.add(
                f"{entry.location}.region",
                f"unknown region (got {entry.table.region!r}; expected one of "
                f"{', '.join(regions) or 'no regions declared'})",
            )


def _unique_node_codes(tables: PlanTables, problems: Problems) -> None:
    """Node and indicator codes share one space: each is used once, wherever it is."""
    used_at: dict[str, str] = {}
    for location, table in _coded(tables):
        if table.code in used_at:
            problems.add(
                f"{location}.code", f"duplicate code (got {table.code!r}; already used at {used_at[table.code]})"
            )
        else:
            used_at[table.code] = location


def _coded(tables: PlanTables) -> Iterable[tuple[str, NodeTable | IndicatorTable]]:
    """Every valid node and indicator table with its location, each node before what is below it."""
    for branch in tables.branches():
        if branch.table is not None:
            yield branch.location, branch.table
        for leaf in branch.indicators:
            if leaf.table is not None:
                yield leaf.location, leaf.table


def _all_weights(tables: PlanTables, problems: Problems) -> None:
    if not tables.levels:
        return
    _weights([root.table for root in tables.roots], tables.levels[0].key, tables.levels[0].plural_en, problems)
    for branch in tables.branches():
        if branch.children:
            below = tables.levels[branch.depth + 1].plural_en
            _weights([child.table for child in branch.children], branch.children_location, below, problems)
        if branch.indicators:
            _weights([leaf.table for leaf in branch.indicators], branch.children_location, "indicators", problems)


def _weights(items: Sequence[Weighted | None], location: str, what: str, problems: Problems) -> None:
    """Siblings' weights: all given and summing to 100 (± WEIGHT_TOLERANCE), or none (equal weights)."""
    valid = [item for item in items if item is not None]
    if len(valid) != len(items) or len({item.code for item in valid}) != len(valid):
        return  # a broken or duplicate sibling is reported on its own
    declared = [item for item in valid if item.weight is not None]
    if not declared:
        return
    if len(declared) != len(valid):
        missing = ", ".join(item.code for item in valid if item.weight is None)
        problems.add(
            location, f"weights given for some {what.lower()} only (missing on {missing}; expected all or none)"
        )
        return
    weights = [(item.code, item.weight or 0.0) for item in valid]
    if any(weight < 0 for _, weight in weights):
        problems.add(location, "negative weight (expected weights ≥ 0)")
    total = sum(weight for _, weight in weights)
    if abs(total - 100.0) > WEIGHT_TOLERANCE:
        listed = ", ".join(f"{code}={weight:g}" for code, weight in weights)
        problems.add(location, f"weights of {what.lower()} sum to {total:g} (got {listed}; expected 100)")


def _indicator_references(tables: PlanTables, problems: Problems) -> None:
    """An indicator's data source and districts are declared in the file."""
    data_sources = _known(tables.data_sources, "id")
    districts = _known(tables.districts, "code")
    for leaf in tables.leaves():
        if leaf.table is None:
            continue
        if data_sources is not None:
            _data_source(leaf, leaf.table, data_sources, problems)
        if districts is not None:
            _districts(leaf, leaf.table, districts, problems)


def _data_source(leaf: Leaf, table: IndicatorTable, data_sources: list[str], problems: Problems) -> None:
    if table.data_source not in data_sources:
        problems.add(
            f"{leaf.location}.data_source",
            f"unknown data source (got {table.data_source!r}; expected one of "
            f"{', '.join(data_sources) or 'no [[data_sources]] declared'})",
        )


def _districts(leaf: Leaf, table: IndicatorTable, districts: list[str], problems: Problems) -> None:
    for index, code in enumerate(table.districts or ()):
        if code not in districts:
            problems.add(
                f"{leaf.location}.districts[{index}]",
                f"unknown district (got {code!r}; expected a code from [[districts]])",
            )


def _population_indicator(tables: PlanTables, problems: Problems) -> None:
    code = tables.header.population_indicator if tables.header is not None else None
    leaves = tables.leaves()
    if code is None or not tables.levels or any(leaf.table is None for leaf in leaves):
        return
    if code not in {leaf.table.code for leaf in leaves if leaf.table is not None}:
        problems.add(
            "plan.population_indicator",
            f"unknown indicator (got {code!r}; expected an indicator code of this plan)",
        )
