"""Who may enter what: a unit's indicators and districts, and the areas an indicator is entered for.

Unit staff enter the indicators whose ``responsible_unit`` is their unit, for the province (province-level
indicators) or for each district the indicator is measured in (district-level ones); a unit user limited
to districts enters only those districts' values, and no province-level value. Reviewers and admins of a
plan see every unit's entries and decide on them; they do not enter values themselves (the unit does).
"""

from __future__ import annotations

from dataclasses import dataclass

from gosterge.plan import Indicator, Plan
from operations.roles import UNIT_STAFF, User

PROVINCE = "province"
DISTRICT = "district"


@dataclass(frozen=True, order=True)
class EntryArea:
    """Where a value is entered for: the province or one district (``area_code`` its official code)."""

    area_level: str
    area_code: str


def indicator_areas(plan: Plan, indicator: Indicator) -> list[EntryArea]:
    """The areas ``indicator`` takes values for, in plan order."""
    if indicator.level != DISTRICT:
        return [EntryArea(PROVINCE, plan.province_code)]
    codes = indicator.districts or tuple(plan.districts)
    return [EntryArea(DISTRICT, code) for code in codes]


def entering_unit(user: User | None, plan_code: str) -> tuple[str, tuple[str, ...]] | None:
    """(unit, districts: empty for every district) when ``user`` enters values for a unit of the plan."""
    if user is None or not user.is_active:
        return None
    assignment = user.assignment(plan_code)
    if assignment is None or assignment.role != UNIT_STAFF or not assignment.unit:
        return None
    return assignment.unit, assignment.districts


def unit_scope(plan: Plan, unit: str, districts: tuple[str, ...] = ()) -> list[tuple[Indicator, EntryArea]]:
    """Every (indicator, area) a unit enters, limited to ``districts`` when given."""
    found = []
    for indicator in plan.indicators.values():
        if indicator.responsible_unit != unit:
            continue
        for area in indicator_areas(plan, indicator):
            if not districts or (area.area_level == DISTRICT and area.area_code in districts):
                found.append((indicator, area))
    return found


def may_enter(user: User | None, plan: Plan, indicator_code: str, area: EntryArea) -> bool:
    """True when ``user`` may enter ``indicator_code``'s value for ``area`` in ``plan``."""
    entering = entering_unit(user, plan.code)
    indicator = plan.indicators.get(indicator_code)
    if entering is None or indicator is None:
        return False
    unit, districts = entering
    return (indicator, area) in unit_scope(plan, unit, districts)


def plan_units(plan: Plan) -> list[str]:
    """The responsible units of the plan's indicators, sorted."""
    return sorted({indicator.responsible_unit for indicator in plan.indicators.values() if indicator.responsible_unit})
