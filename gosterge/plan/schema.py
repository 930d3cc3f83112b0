"""The plan file as pydantic models, one per kind of TOML table.

Each model states the fields of one table, their types and the rules that need nothing but the
table itself (a target year after its baseline year, values within the unit's bounds …); the
field types and their messages come from :mod:`gosterge.validation`. The reader
(:mod:`gosterge.plan.reading`) validates the tables one at a time, so one broken table hides
nothing else; rules across tables (unique codes, weights summing to 100, references to
districts, regions and data sources) are in :mod:`gosterge.plan.checks`. Unknown keys are
ignored, as they always were in plan files.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, model_validator
from pydantic_core import InitErrorDetails

from gosterge.plan.model import (
    AGGREGATIONS,
    DIRECTIONS,
    FREQUENCIES,
    INDICATOR_LEVELS,
    MAX_PRECISION,
    MEASURES,
    PROVENANCES,
    UNITS,
)
from gosterge.validation import (
    OptionalText,
    Table,
    Text,
    TrueOrFalse,
    invalid,
    matching,
    number,
    one_of,
    problem_at,
    raise_all,
    table_of,
)

PLAN_CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
NODE_CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")

Provenance = Annotated[str, one_of(PROVENANCES)]
Year = Annotated[int, number(whole=True, expected="e.g. 2013")]
Number = Annotated[float, number(expected="a number")]
OptionalNumber = Annotated[float | None, number(expected="a number")]
NodeCode = Annotated[
    str, matching(NODE_CODE_PATTERN.match, "bad code (got {got}; expected letters, digits, '.', '-' or '_')")
]


class PlanTable(Table):
    """``[plan]``: the plan's identity and period; its ``levels`` are read one by one as :class:`LevelTable`."""

    code: Annotated[
        str, matching(PLAN_CODE_PATTERN.match, "bad plan code (got {got}; expected lower-case letters, digits and '-')")
    ]
    title_tr: Text
    title_en: Text
    organisation_tr: OptionalText = None
    organisation_en: OptionalText = None
    province: Text
    province_code: Text
    period_start: Year
    period_end: Year
    baseline_year: Year
    vision_tr: OptionalText = None
    vision_en: OptionalText = None
    provenance: Provenance = "working"
    population_indicator: OptionalText = None

    @model_validator(mode="after")
    def _period_in_order(self) -> Self:
        if self.period_end < self.period_start:
            message = f"before period_start (got {self.period_end}; expected ≥ {self.period_start})"
            raise_all("plan", [problem_at(("period_end",), message, self.period_end)])
        return self


#: how often the responsible units report their values (docs/plan-file.md, ``[monitoring]``)
MONITORING_FREQUENCIES = ("half_year", "year")


class MonitoringTable(Table):
    """``[monitoring]``: how often the responsible units enter their values and when an entry closes."""

    frequency: Annotated[str, one_of(MONITORING_FREQUENCIES)] = "year"
    closing_after_days: Annotated[int, number(whole=True, minimum=0, expected="days after the period's end")] = 45


class LevelTable(Table):
    """``[[plan.levels]]``: one level of the hierarchy; ``key`` names its array of tables."""

    key: Annotated[
        str, matching(lambda key: key != "indicators", "'indicators' is reserved (expected the level's own name)")
    ]
    name_tr: Text
    name_en: Text
    plural_tr: Text
    plural_en: Text

    @model_validator(mode="before")
    @classmethod
    def _plural_defaults_to_name(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {"plural_tr": data.get("name_tr"), "plural_en": data.get("name_en"), **data}
        return data


class RegionTable(Table):
    """``[[regions]]``: a group of districts."""

    code: Text
    name_tr: Text
    name_en: Text
    provenance: Provenance = "working"


class DistrictTable(Table):
    """``[[districts]]``: a district by its official code, optionally in a region."""

    code: Annotated[str, matching(str.isdigit, "not an official district code (got {got}; expected digits)")]
    name: Text
    region: OptionalText = None


class DataSourceTable(Table):
    """``[[data_sources]]``: where an indicator's figures come from."""

    id: Text
    name_tr: Text
    name_en: Text
    url: OptionalText = None


class NodeTable(Table):
    """A table of a hierarchy level (an axis, a priority, a goal …); its children are read by level key."""

    code: NodeCode
    title_tr: Text
    title_en: Text
    provenance: Provenance = "working"
    weight: OptionalNumber = None


class YearValueTable(Table):
    """``{ year = 2013, value = 31.2 }``: a baseline or a target."""

    year: Year
    value: Number


def _year_key(key: object) -> object:
    if not str(key).isdigit():
        raise invalid(f'not a year (got {key!r}; expected e.g. "2018")')
    return key


YEAR_VALUE_EXAMPLE = "{ year = 2013, value = 1.0 }"
YearValue = Annotated[YearValueTable, table_of(YEAR_VALUE_EXAMPLE)]


def _table_or_absent(value: object) -> object:
    if value is not None and not isinstance(value, dict):
        raise invalid(f"missing or not a table (got {value!r}; expected {YEAR_VALUE_EXAMPLE})")
    return value


#: a target: absent for an indicator with a direction only, or shown for information
OptionalYearValue = Annotated[YearValueTable | None, BeforeValidator(_table_or_absent)]
InterimTargets = Annotated[
    dict[Annotated[int, BeforeValidator(_year_key)], Number],
    table_of('{ "2018" = 1.0 }', problem="not a table"),
]


def _list_of_codes(value: object) -> object:
    if value is not None and not isinstance(value, list):
        raise invalid(f'not a list (got {value!r}; expected ["1128", …])')
    return value


DistrictCodes = Annotated[list[Text] | None, BeforeValidator(_list_of_codes)]


class IndicatorTable(Table):
    """``[[….indicators]]``: an indicator of a goal, with its baseline, targets and how it is measured."""

    code: NodeCode
    name_tr: Text
    name_en: Text
    unit: Annotated[str, one_of(UNITS)]
    direction: Annotated[str, one_of(DIRECTIONS)]
    baseline: YearValue
    target: OptionalYearValue = None  # absent: direction only ("artırılacak") or informational
    informational: TrueOrFalse = False  # "bilgi amaçlı": values and trend, never a status or a roll-up
    interim_targets: InterimTargets = {}
    weight: OptionalNumber = None
    frequency: Annotated[str, one_of(FREQUENCIES)] = "yearly"
    level: Annotated[str, one_of(INDICATOR_LEVELS)] = "province"
    aggregation: Annotated[str | None, one_of(AGGREGATIONS)] = None
    measure: Annotated[str, one_of(MEASURES)] = "level"
    natural_limit: OptionalNumber = None
    precision: Annotated[int | None, number(whole=True, minimum=0, expected=f"0 … {MAX_PRECISION} decimals")] = None
    data_source: Text
    responsible_unit: OptionalText = None
    definition_tr: OptionalText = None
    definition_en: OptionalText = None
    provenance: Provenance = "working"
    districts: DistrictCodes = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        """The rules between the fields of one indicator, every broken one reported."""
        problems = [
            *self._target_unless_direction_only(),
            *self._years_in_order(),
            *self._within_unit_bounds(),
            *self._interim_years_inside(),
            *self._district_fields_for_district_level(),
            *self._target_on_the_side_of_direction(),
            *self._precision_at_most_the_maximum(),
        ]
        raise_all("indicator", problems)
        return self

    def _target_unless_direction_only(self) -> list[InitErrorDetails]:
        """Only an indicator that is to rise or fall (or is informational) may leave its target out;
        one that is to be maintained keeps the message a missing target always had."""
        if self.target is not None or self.informational or self.direction in ("increase", "decrease"):
            return []
        return [problem_at(("target",), f"missing or not a table (got None; expected {YEAR_VALUE_EXAMPLE})")]

    def _years_in_order(self) -> list[InitErrorDetails]:
        if self.target is None or self.target.year > self.baseline.year:
            return []
        message = f"target year not after baseline year (got {self.target.year}; expected > {self.baseline.year})"
        return [problem_at(("target", "year"), message, self.target.year)]

    def _within_unit_bounds(self) -> list[InitErrorDetails]:
        bounds = UNITS[self.unit]
        lowest = bounds.minimum if bounds.minimum is not None else "-∞"
        highest = bounds.maximum if bounds.maximum is not None else "∞"
        return [
            problem_at(
                (name, "value"),
                f"outside the unit's range (got {point.value:g}; expected {lowest} … {highest} for unit {self.unit!r})",
                point.value,
            )
            for name, point in (("baseline", self.baseline), ("target", self.target))
            if point is not None
            and (
                (bounds.minimum is not None and point.value < bounds.minimum)
                or (bounds.maximum is not None and point.value > bounds.maximum)
            )
        ]

    def _interim_years_inside(self) -> list[InitErrorDetails]:
        if self.target is None:
            return (
                [problem_at(("interim_targets",), "given without a target (expected a target to have interim targets)")]
                if self.interim_targets
                else []
            )
        first, last = self.baseline.year, self.target.year
        if last <= first:
            return []  # reported as a target year not after the baseline year
        return [
            problem_at(
                ("interim_targets", str(year)),
                f"year outside the plan period (got {year}; expected {first + 1}…{last - 1})",
                year,
            )
            for year in self.interim_targets
            if not first < year < last
        ]

    def _district_fields_for_district_level(self) -> list[InitErrorDetails]:
        if self.level == "district":
            return []
        problems = []
        if self.aggregation is not None:
            message = (
                f"given for a province-level indicator (got {self.aggregation!r}; "
                "expected no aggregation unless level = 'district')"
            )
            problems.append(problem_at(("aggregation",), message, self.aggregation))
        if self.districts is not None:
            message = "given for a province-level indicator (expected no districts unless level = 'district')"
            problems.append(problem_at(("districts",), message, self.districts))
        return problems

    def precision_or_default(self) -> int:
        """The decimals the indicator's values are shown with: ``precision``, else its unit's."""
        return self.precision if self.precision is not None else UNITS[self.unit].precision

    def _precision_at_most_the_maximum(self) -> list[InitErrorDetails]:
        if self.precision is None or self.precision <= MAX_PRECISION:
            return []
        message = f"too many decimals (got {self.precision}; expected 0 … {MAX_PRECISION} decimals)"
        return [problem_at(("precision",), message, self.precision)]

    def _target_on_the_side_of_direction(self) -> list[InitErrorDetails]:
        if self.target is None:
            return []
        wrong_side = (self.direction == "increase" and self.target.value < self.baseline.value) or (
            self.direction == "decrease" and self.target.value > self.baseline.value
        )
        if not wrong_side:
            return []
        message = (
            f"target on the wrong side of the baseline for direction {self.direction!r} "
            f"(got {self.target.value:g} against baseline {self.baseline.value:g})"
        )
        return [problem_at(("target", "value"), message, self.target.value)]
