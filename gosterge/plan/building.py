"""Building the plan model (:mod:`gosterge.plan.model`) from the tables of a valid plan file.

Runs only when reading and checking found nothing wrong, so every table is there and valid.
Building fills in what the file may leave out: equal weights among siblings that declare none,
the plural of a level, the ``sum`` aggregation of a district-level indicator, empty optional
texts.
"""

from __future__ import annotations

from pathlib import Path

from gosterge.plan.model import DataSource, District, Indicator, Level, Monitoring, Node, Plan, Region, YearValue
from gosterge.plan.reading import Branch, Leaf, PlanTables
from gosterge.plan.schema import IndicatorTable, LevelTable


def build_plan(tables: PlanTables, path: Path) -> Plan:
    """The plan described by ``tables`` (read from ``path``, found valid)."""
    header = tables.header
    assert header is not None, "build_plan runs on a valid plan file only"
    builder = _TreeBuilder(header.code, tables.levels)
    root_codes = builder.branches(tables.roots, parent=None)
    return Plan(
        code=header.code,
        title_tr=header.title_tr,
        title_en=header.title_en,
        organisation_tr=header.organisation_tr or "",
        organisation_en=header.organisation_en or "",
        province=header.province,
        province_code=header.province_code,
        period_start=header.period_start,
        period_end=header.period_end,
        baseline_year=header.baseline_year,
        vision_tr=header.vision_tr or "",
        vision_en=header.vision_en or "",
        provenance=header.provenance,
        population_indicator=header.population_indicator,
        levels=tuple(_level(level) for level in tables.levels),
        nodes=builder.nodes,
        indicators=builder.indicators,
        regions={
            region.code: Region(region.code, region.name_tr, region.name_en, region.provenance)
            for region in (placed.table for placed in tables.regions)
            if region is not None
        },
        districts={
            district.code: District(district.code, district.name, district.region, position)
            for position, district in enumerate(placed.table for placed in tables.districts)
            if district is not None
        },
        data_sources={
            source.id: DataSource(source.id, source.name_tr, source.name_en, source.url or "")
            for source in (placed.table for placed in tables.data_sources)
            if source is not None
        },
        source_file=path,
        root_codes=tuple(root_codes),
        monitoring=Monitoring(tables.monitoring.frequency, tables.monitoring.closing_after_days)
        if tables.monitoring is not None
        else Monitoring(),
    )


def _level(level: LevelTable) -> Level:
    return Level(level.key, level.name_tr, level.name_en, level.plural_tr, level.plural_en)


def equal_weights(weights: list[float | None]) -> list[float]:
    """Siblings' weights as used: as declared, or 100 shared equally when none is declared."""
    if any(weight is not None for weight in weights):
        return [weight or 0.0 for weight in weights]
    return [100.0 / len(weights)] * len(weights) if weights else []


class _TreeBuilder:
    """Builds the nodes and indicators; a node is stored after the nodes below it (as it always was)."""

    def __init__(self, plan_code: str, levels: tuple[LevelTable, ...]):
        self.plan_code = plan_code
        self.levels = levels
        self.nodes: dict[str, Node] = {}
        self.indicators: dict[str, Indicator] = {}

    def branches(self, branches: list[Branch], parent: str | None) -> list[str]:
        """Store every node of ``branches`` and below; return their codes."""
        weights = equal_weights([branch.table.weight if branch.table else None for branch in branches])
        return [self._node(branch, parent, weight) for branch, weight in zip(branches, weights, strict=True)]

    def _node(self, branch: Branch, parent: str | None, weight: float) -> str:
        table = branch.table
        assert table is not None
        child_codes = self.branches(branch.children, table.code)
        weights = equal_weights([leaf.table.weight if leaf.table else None for leaf in branch.indicators])
        indicator_codes = [
            self._indicator(leaf, table.code, leaf_weight)
            for leaf, leaf_weight in zip(branch.indicators, weights, strict=True)
        ]
        self.nodes[table.code] = Node(
            plan_code=self.plan_code,
            code=table.code,
            depth=branch.depth,
            level_key=self.levels[branch.depth].key,
            parent_code=parent,
            position=branch.position,
            title_tr=table.title_tr,
            title_en=table.title_en,
            provenance=table.provenance,
            weight=weight,
            weight_declared=table.weight is not None,
            child_codes=tuple(child_codes),
            indicator_codes=tuple(indicator_codes),
            location=branch.location,
        )
        return table.code

    def _indicator(self, leaf: Leaf, goal_code: str, weight: float) -> str:
        table = leaf.table
        assert table is not None
        self.indicators[table.code] = Indicator(
            plan_code=self.plan_code,
            code=table.code,
            goal_code=goal_code,
            position=leaf.position,
            name_tr=table.name_tr,
            name_en=table.name_en,
            unit=table.unit,
            direction=table.direction,
            baseline=YearValue(table.baseline.year, table.baseline.value),
            target=YearValue(table.target.year, table.target.value) if table.target is not None else None,
            interim_targets=dict(sorted(table.interim_targets.items())),
            weight=weight,
            weight_declared=table.weight is not None,
            frequency=table.frequency,
            level=table.level,
            aggregation=_aggregation(table),
            measure=table.measure,
            natural_limit=table.natural_limit,
            data_source=table.data_source,
            responsible_unit=table.responsible_unit or "",
            definition_tr=table.definition_tr or "",
            definition_en=table.definition_en or "",
            provenance=table.provenance,
            location=leaf.location,
            districts=tuple(table.districts or ()),
            precision=table.precision_or_default(),
            informational=table.informational,
        )
        return table.code


def _aggregation(table: IndicatorTable) -> str | None:
    """How district values roll up: as declared, ``sum`` by default; None for a province-level indicator."""
    if table.level != "district":
        return None
    return table.aggregation or "sum"
