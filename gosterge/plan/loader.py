"""Read and validate plan files (TOML).

Every problem in a file is collected, each as one line naming the file, the
location (``axes[1].priorities[2].goals[0].indicators[3].direction``), the bad
value and what was expected; :class:`PlanError` carries them all.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gosterge.plan.model import (
    AGGREGATIONS,
    DIRECTIONS,
    FREQUENCIES,
    INDICATOR_LEVELS,
    MEASURES,
    PROVENANCES,
    UNITS,
    DataSource,
    District,
    Indicator,
    Level,
    Node,
    Plan,
    Region,
    YearValue,
)

PLAN_CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
NODE_CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
WEIGHT_TOLERANCE = 0.01


@dataclass(frozen=True)
class Problem:
    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.message}"


class PlanError(ValueError):
    """A plan file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class _Reader:
    """Typed access to TOML tables that records problems instead of raising."""

    def __init__(self, file_name: str):
        self.file_name = file_name
        self.problems: list[Problem] = []

    def problem(self, location: str, message: str) -> None:
        self.problems.append(Problem(self.file_name, location, message))

    def text(self, table: dict[str, Any], key: str, location: str, *, required: bool = True, default: str = "") -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(f"{location}.{key}", "missing (expected a text)")
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(f"{location}.{key}", f"not a text (got {value!r}; expected a non-empty text)")
            return default
        return value.strip()

    def integer(self, table: dict[str, Any], key: str, location: str) -> int:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"{location}.{key}", f"not a whole number (got {value!r}; expected e.g. 2013)")
            return 0
        return value

    def number(self, table: dict[str, Any], key: str, location: str, *, required: bool = True) -> float | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(f"{location}.{key}", f"not a number (got {value!r}; expected a number)")
            return None
        return float(value)

    def choice(
        self,
        table: dict[str, Any],
        key: str,
        location: str,
        allowed: Iterable[str],
        *,
        default: str | None = None,
        what: str = "value",
    ) -> str:
        allowed = tuple(allowed)
        value = table.get(key, default)
        if value not in allowed:
            self.problem(
                f"{location}.{key}",
                f"unknown {what} (got {value!r}; expected one of {', '.join(allowed)})",
            )
            return default if default is not None else allowed[0]
        return str(value)

    def tables(self, table: dict[str, Any], key: str, location: str) -> list[dict[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(f"{location}{key}", "not an array of tables (expected [[" + key + "]])")
            return []
        return value


def load_plan(path: Path) -> Plan:
    """Read and validate one plan file; raise :class:`PlanError` listing every problem."""
    file_name = path.name
    try:
        raw_bytes = path.read_bytes()
        document = tomllib.loads(raw_bytes.decode("utf-8"))
    except FileNotFoundError:
        raise PlanError([Problem(str(path), "-", "file not found")]) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PlanError([Problem(file_name, "-", f"not valid UTF-8 TOML ({error})")]) from None
    reader = _Reader(file_name)
    plan = _build_plan(reader, document, path)
    plan.content_hash = hashlib.sha256(raw_bytes).hexdigest()
    if reader.problems:
        raise PlanError(reader.problems)
    return plan


def load_plans(paths: Iterable[Path]) -> dict[str, Plan]:
    """Load several plan files; plan codes must differ. Keyed by plan code, in file order."""
    plans: dict[str, Plan] = {}
    problems: list[Problem] = []
    for path in paths:
        try:
            plan = load_plan(path)
        except PlanError as error:
            problems.extend(error.problems)
            continue
        if plan.code in plans:
            problems.append(
                Problem(
                    path.name,
                    "plan.code",
                    f"plan code {plan.code!r} is already used by {plans[plan.code].source_file.name}",
                )
            )
            continue
        plans[plan.code] = plan
    if problems:
        raise PlanError(problems)
    return plans


def _build_plan(reader: _Reader, document: dict[str, Any], path: Path) -> Plan:
    header = document.get("plan")
    if not isinstance(header, dict):
        reader.problem("plan", "missing [plan] table")
        header = {}
    code = reader.text(header, "code", "plan")
    if code and not PLAN_CODE_PATTERN.match(code):
        reader.problem("plan.code", f"bad plan code (got {code!r}; expected lower-case letters, digits and '-')")
    period_start = reader.integer(header, "period_start", "plan")
    period_end = reader.integer(header, "period_end", "plan")
    baseline_year = reader.integer(header, "baseline_year", "plan")
    if period_end and period_start and period_end < period_start:
        reader.problem("plan.period_end", f"before period_start (got {period_end}; expected ≥ {period_start})")
    levels = _read_levels(reader, header)
    regions = _read_regions(reader, document)
    districts = _read_districts(reader, document, regions)
    data_sources = _read_data_sources(reader, document)
    builder = _TreeBuilder(reader, code, levels, districts, data_sources)
    root_codes = builder.build(document)
    population_indicator = header.get("population_indicator")
    if population_indicator is not None and population_indicator not in builder.indicators:
        reader.problem(
            "plan.population_indicator",
            f"unknown indicator (got {population_indicator!r}; expected an indicator code of this plan)",
        )
    return Plan(
        code=code,
        title_tr=reader.text(header, "title_tr", "plan"),
        title_en=reader.text(header, "title_en", "plan"),
        organisation_tr=reader.text(header, "organisation_tr", "plan", required=False),
        organisation_en=reader.text(header, "organisation_en", "plan", required=False),
        province=reader.text(header, "province", "plan"),
        province_code=reader.text(header, "province_code", "plan"),
        period_start=period_start,
        period_end=period_end,
        baseline_year=baseline_year,
        vision_tr=reader.text(header, "vision_tr", "plan", required=False),
        vision_en=reader.text(header, "vision_en", "plan", required=False),
        provenance=reader.choice(header, "provenance", "plan", PROVENANCES, default="working", what="provenance"),
        population_indicator=population_indicator if isinstance(population_indicator, str) else None,
        levels=levels,
        nodes=builder.nodes,
        indicators=builder.indicators,
        regions=regions,
        districts=districts,
        data_sources=data_sources,
        source_file=path,
        root_codes=tuple(root_codes),
    )


def _read_levels(reader: _Reader, header: dict[str, Any]) -> tuple[Level, ...]:
    levels: list[Level] = []
    for index, table in enumerate(reader.tables(header, "levels", "plan.")):
        location = f"plan.levels[{index}]"
        key = reader.text(table, "key", location)
        if key == "indicators":
            reader.problem(f"{location}.key", "'indicators' is reserved (expected the level's own name)")
        levels.append(
            Level(
                key=key,
                name_tr=reader.text(table, "name_tr", location),
                name_en=reader.text(table, "name_en", location),
                plural_tr=reader.text(table, "plural_tr", location, required=False)
                or reader.text(table, "name_tr", location),
                plural_en=reader.text(table, "plural_en", location, required=False)
                or reader.text(table, "name_en", location),
            )
        )
    if not levels:
        reader.problem("plan.levels", "missing (expected at least one [[plan.levels]])")
    return tuple(levels)


def _read_regions(reader: _Reader, document: dict[str, Any]) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for index, table in enumerate(reader.tables(document, "regions", "")):
        location = f"regions[{index}]"
        code = reader.text(table, "code", location)
        if code in regions:
            reader.problem(f"{location}.code", f"duplicate region code (got {code!r}; expected each code once)")
        regions[code] = Region(
            code=code,
            name_tr=reader.text(table, "name_tr", location),
            name_en=reader.text(table, "name_en", location),
            provenance=reader.choice(table, "provenance", location, PROVENANCES, default="working", what="provenance"),
        )
    return regions


def _read_districts(reader: _Reader, document: dict[str, Any], regions: dict[str, Region]) -> dict[str, District]:
    districts: dict[str, District] = {}
    for index, table in enumerate(reader.tables(document, "districts", "")):
        location = f"districts[{index}]"
        code = reader.text(table, "code", location)
        if code and not code.isdigit():
            reader.problem(f"{location}.code", f"not an official district code (got {code!r}; expected digits)")
        if code in districts:
            reader.problem(f"{location}.code", f"duplicate district code (got {code!r}; expected each code once)")
        region = table.get("region")
        if region is not None and region not in regions:
            reader.problem(
                f"{location}.region",
                f"unknown region (got {region!r}; expected one of {', '.join(regions) or 'no regions declared'})",
            )
        districts[code] = District(
            code=code,
            name=reader.text(table, "name", location),
            region=region if isinstance(region, str) else None,
            position=index,
        )
    if not districts:
        reader.problem("districts", "missing (expected at least one [[districts]])")
    return districts


def _read_data_sources(reader: _Reader, document: dict[str, Any]) -> dict[str, DataSource]:
    sources: dict[str, DataSource] = {}
    for index, table in enumerate(reader.tables(document, "data_sources", "")):
        location = f"data_sources[{index}]"
        source_id = reader.text(table, "id", location)
        if source_id in sources:
            reader.problem(f"{location}.id", f"duplicate data source (got {source_id!r}; expected each id once)")
        sources[source_id] = DataSource(
            id=source_id,
            name_tr=reader.text(table, "name_tr", location),
            name_en=reader.text(table, "name_en", location),
            url=reader.text(table, "url", location, required=False),
        )
    return sources


class _TreeBuilder:
    """Walks the nested level tables and builds nodes and indicators."""

    def __init__(
        self,
        reader: _Reader,
        plan_code: str,
        levels: tuple[Level, ...],
        districts: dict[str, District],
        data_sources: dict[str, DataSource],
    ):
        self.reader = reader
        self.plan_code = plan_code
        self.levels = levels
        self.districts = districts
        self.data_sources = data_sources
        self.nodes: dict[str, Node] = {}
        self.indicators: dict[str, Indicator] = {}
        self.code_locations: dict[str, str] = {}

    def build(self, document: dict[str, Any]) -> list[str]:
        if not self.levels:
            return []
        tables = self.reader.tables(document, self.levels[0].key, "")
        if not tables:
            self.reader.problem(self.levels[0].key, f"missing (expected at least one [[{self.levels[0].key}]])")
        codes = self._nodes(tables, depth=0, parent=None, prefix="")
        self._normalise_weights(codes, location=self.levels[0].key, what=self.levels[0].plural_en)
        return codes

    def _claim_code(self, code: str, location: str) -> bool:
        if not code:
            return False
        if not NODE_CODE_PATTERN.match(code):
            self.reader.problem(
                f"{location}.code", f"bad code (got {code!r}; expected letters, digits, '.', '-' or '_')"
            )
            return False
        if code in self.code_locations:
            self.reader.problem(
                f"{location}.code", f"duplicate code (got {code!r}; already used at {self.code_locations[code]})"
            )
            return False
        self.code_locations[code] = location
        return True

    def _nodes(self, tables: list[dict[str, Any]], depth: int, parent: str | None, prefix: str) -> list[str]:
        level = self.levels[depth]
        is_goal_level = depth == len(self.levels) - 1
        codes: list[str] = []
        for index, table in enumerate(tables):
            location = f"{prefix}{level.key}[{index}]"
            code = self.reader.text(table, "code", location)
            if not self._claim_code(code, location):
                continue
            child_codes: list[str] = []
            indicator_codes: list[str] = []
            if is_goal_level:
                indicator_tables = self.reader.tables(table, "indicators", location + ".")
                if not indicator_tables:
                    self.reader.problem(
                        f"{location}.indicators",
                        f"{level.name_en.lower()} {code!r} has no indicator (expected at least one)",
                    )
                indicator_codes = self._indicators(indicator_tables, code, location + ".")
            else:
                next_key = self.levels[depth + 1].key
                child_tables = self.reader.tables(table, next_key, location + ".")
                if not child_tables:
                    self.reader.problem(
                        f"{location}.{next_key}",
                        f"{level.name_en.lower()} {code!r} has no {self.levels[depth + 1].plural_en.lower()} (expected at least one)",
                    )
                child_codes = self._nodes(child_tables, depth + 1, code, location + ".")
                self._normalise_weights(
                    child_codes, location=f"{location}.{next_key}", what=self.levels[depth + 1].plural_en
                )
            weight = self.reader.number(table, "weight", location, required=False)
            self.nodes[code] = Node(
                plan_code=self.plan_code,
                code=code,
                depth=depth,
                level_key=level.key,
                parent_code=parent,
                position=index,
                title_tr=self.reader.text(table, "title_tr", location),
                title_en=self.reader.text(table, "title_en", location),
                provenance=self.reader.choice(
                    table, "provenance", location, PROVENANCES, default="working", what="provenance"
                ),
                weight=weight if weight is not None else 0.0,
                weight_declared=weight is not None,
                child_codes=tuple(child_codes),
                indicator_codes=tuple(indicator_codes),
                location=location,
            )
            codes.append(code)
        return codes

    def _normalise_weights(self, codes: list[str], location: str, what: str) -> None:
        """Nodes' weights: all declared and summing to 100, or none (equal weights)."""
        nodes = [self.nodes[code] for code in codes if code in self.nodes]
        self._check_and_replace(nodes, self.nodes, location, what)

    def _check_and_replace(self, items: list[Any], store: dict[str, Any], location: str, what: str) -> None:
        if not items:
            return
        declared = [item for item in items if item.weight_declared]
        if declared and len(declared) != len(items):
            missing = [item.code for item in items if not item.weight_declared]
            self.reader.problem(
                location,
                f"weights given for some {what.lower()} only (missing on {', '.join(missing)}; expected all or none)",
            )
            return
        if declared:
            total = sum(item.weight for item in items)
            if any(item.weight < 0 for item in items):
                self.reader.problem(location, "negative weight (expected weights ≥ 0)")
            if abs(total - 100.0) > WEIGHT_TOLERANCE:
                self.reader.problem(
                    location,
                    f"weights of {what.lower()} sum to {total:g} "
                    f"(got {', '.join(f'{i.code}={i.weight:g}' for i in items)}; expected 100)",
                )
            return
        equal = 100.0 / len(items)
        for item in items:
            store[item.code] = _replace_weight(item, equal)

    def _indicators(self, tables: list[dict[str, Any]], goal_code: str, prefix: str) -> list[str]:
        codes: list[str] = []
        built: list[Indicator] = []
        for index, table in enumerate(tables):
            location = f"{prefix}indicators[{index}]"
            code = self.reader.text(table, "code", location)
            if not self._claim_code(code, location):
                continue
            indicator = self._indicator(table, code, goal_code, index, location)
            self.indicators[code] = indicator
            built.append(indicator)
            codes.append(code)
        self._check_and_replace(built, self.indicators, prefix + "indicators", "indicators")
        return codes

    def _year_value(self, table: dict[str, Any], key: str, location: str) -> YearValue:
        value = table.get(key)
        if not isinstance(value, dict):
            self.reader.problem(
                f"{location}.{key}", f"missing or not a table (got {value!r}; expected {{ year = 2013, value = 1.0 }})"
            )
            return YearValue(0, 0.0)
        year = self.reader.integer(value, "year", f"{location}.{key}")
        number = self.reader.number(value, "value", f"{location}.{key}")
        return YearValue(year, number if number is not None else 0.0)

    def _indicator(self, table: dict[str, Any], code: str, goal_code: str, index: int, location: str) -> Indicator:
        reader = self.reader
        unit = reader.choice(table, "unit", location, UNITS, what="unit")
        direction = reader.choice(table, "direction", location, DIRECTIONS, what="direction")
        baseline = self._year_value(table, "baseline", location)
        target = self._year_value(table, "target", location)
        if baseline.year and target.year and target.year <= baseline.year:
            reader.problem(
                f"{location}.target.year",
                f"target year not after baseline year (got {target.year}; expected > {baseline.year})",
            )
        for name, point in (("baseline", baseline), ("target", target)):
            bounds = UNITS[unit]
            if (bounds.minimum is not None and point.value < bounds.minimum) or (
                bounds.maximum is not None and point.value > bounds.maximum
            ):
                reader.problem(
                    f"{location}.{name}.value",
                    f"outside the unit's range (got {point.value:g}; expected "
                    f"{bounds.minimum if bounds.minimum is not None else '-∞'} … "
                    f"{bounds.maximum if bounds.maximum is not None else '∞'} for unit {unit!r})",
                )
        interim = self._interim_targets(table, location, baseline.year, target.year)
        level = reader.choice(table, "level", location, INDICATOR_LEVELS, default="province", what="level")
        aggregation: str | None = None
        if level == "district":
            aggregation = reader.choice(table, "aggregation", location, AGGREGATIONS, default="sum", what="aggregation")
        elif "aggregation" in table:
            reader.problem(
                f"{location}.aggregation",
                f"given for a province-level indicator (got {table['aggregation']!r}; "
                "expected no aggregation unless level = 'district')",
            )
        data_source = reader.text(table, "data_source", location)
        if data_source and data_source not in self.data_sources:
            reader.problem(
                f"{location}.data_source",
                f"unknown data source (got {data_source!r}; expected one of "
                f"{', '.join(self.data_sources) or 'no [[data_sources]] declared'})",
            )
        if (
            table.get("direction") in DIRECTIONS
            and direction == "increase"
            and target.value < baseline.value
            or (direction == "decrease" and target.value > baseline.value)
        ):
            reader.problem(
                f"{location}.target.value",
                f"target on the wrong side of the baseline for direction {direction!r} "
                f"(got {target.value:g} against baseline {baseline.value:g})",
            )
        measured_in = self._district_subset(table, location, level)
        weight = reader.number(table, "weight", location, required=False)
        return Indicator(
            plan_code=self.plan_code,
            code=code,
            goal_code=goal_code,
            position=index,
            name_tr=reader.text(table, "name_tr", location),
            name_en=reader.text(table, "name_en", location),
            unit=unit,
            direction=direction,
            baseline=baseline,
            target=target,
            interim_targets=interim,
            weight=weight if weight is not None else 0.0,
            weight_declared=weight is not None,
            frequency=reader.choice(table, "frequency", location, FREQUENCIES, default="yearly", what="frequency"),
            level=level,
            aggregation=aggregation,
            measure=reader.choice(table, "measure", location, MEASURES, default="level", what="measure"),
            natural_limit=reader.number(table, "natural_limit", location, required=False),
            data_source=data_source,
            responsible_unit=reader.text(table, "responsible_unit", location, required=False),
            definition_tr=reader.text(table, "definition_tr", location, required=False),
            definition_en=reader.text(table, "definition_en", location, required=False),
            provenance=reader.choice(table, "provenance", location, PROVENANCES, default="working", what="provenance"),
            location=location,
            districts=measured_in,
        )

    def _district_subset(self, table: dict[str, Any], location: str, level: str) -> tuple[str, ...]:
        """Optional ``districts = [...]``: the districts where a district-level indicator is measured."""
        raw = table.get("districts")
        if raw is None:
            return ()
        if level != "district":
            self.reader.problem(
                f"{location}.districts",
                "given for a province-level indicator (expected no districts unless level = 'district')",
            )
            return ()
        if not isinstance(raw, list):
            self.reader.problem(f"{location}.districts", f'not a list (got {raw!r}; expected ["1128", …])')
            return ()
        for index, code in enumerate(raw):
            if code not in self.districts:
                self.reader.problem(
                    f"{location}.districts[{index}]",
                    f"unknown district (got {code!r}; expected a code from [[districts]])",
                )
        return tuple(str(code) for code in raw if code in self.districts)

    def _interim_targets(self, table: dict[str, Any], location: str, first: int, last: int) -> dict[int, float]:
        raw = table.get("interim_targets", {})
        if not isinstance(raw, dict):
            self.reader.problem(
                f"{location}.interim_targets", f'not a table (got {raw!r}; expected {{ "2018" = 1.0 }})'
            )
            return {}
        targets: dict[int, float] = {}
        for key, value in raw.items():
            where = f"{location}.interim_targets.{key}"
            if not str(key).isdigit():
                self.reader.problem(where, f'not a year (got {key!r}; expected e.g. "2018")')
                continue
            year = int(key)
            if not first < year < last:
                self.reader.problem(
                    where, f"year outside the plan period (got {year}; expected {first + 1}…{last - 1})"
                )
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.reader.problem(where, f"not a number (got {value!r}; expected a number)")
                continue
            targets[year] = float(value)
        return dict(sorted(targets.items()))


def _replace_weight(item: Any, weight: float) -> Any:
    from dataclasses import replace

    return replace(item, weight=weight)
