"""Roles, as Turkish public bodies split the work, held per plan.

- ``viewer``: reads (executives, anyone who only reads; in private mode the least a person needs);
- ``unit_staff``: a responsible unit's people, optionally limited to some districts (what they enter
  comes with the next issue);
- ``reviewer``: the strategy development unit: sees data quality, load history and rejected rows,
  asks for failed files to be run again;
- ``admin``: everything a reviewer may, plus users, roles and scopes.

Each role includes the ones before it. A user holds at most one role per plan; the plan code ``*``
(:data:`EVERY_PLAN`) gives a role in every plan, and a plan's own role takes precedence over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

VIEWER = "viewer"
UNIT_STAFF = "unit_staff"
REVIEWER = "reviewer"
ADMIN = "admin"
ROLES = (VIEWER, UNIT_STAFF, REVIEWER, ADMIN)
RANK = {role: position for position, role in enumerate(ROLES)}
EVERY_PLAN = "*"


class RoleError(ValueError):
    """A role, plan or scope the operational database does not accept."""


def check_role(role: str) -> str:
    if role not in RANK:
        raise RoleError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    return role


@dataclass(frozen=True)
class RoleAssignment:
    """One role of a user in one plan (or every plan)."""

    plan_code: str
    role: str
    unit: str | None = None
    districts: tuple[str, ...] = ()  # empty: every district

    def describe(self) -> str:
        scope = f" unit {self.unit}" if self.unit else ""
        scope += f" districts {','.join(self.districts)}" if self.districts else ""
        return f"{self.role} in {'every plan' if self.plan_code == EVERY_PLAN else self.plan_code}{scope}"


@dataclass(frozen=True)
class User:
    """An account with its roles (what a request's signed-in person is)."""

    user_id: int
    username: str
    display_name: str
    is_active: bool
    created_at: datetime
    last_sign_in_at: datetime | None
    roles: tuple[RoleAssignment, ...] = ()

    def assignment(self, plan_code: str | None) -> RoleAssignment | None:
        """The user's role in ``plan_code`` (its own, else the every-plan one; None: no role)."""
        own = [item for item in self.roles if item.plan_code == plan_code]
        every = [item for item in self.roles if item.plan_code == EVERY_PLAN]
        found = own or every
        return found[0] if found else None

    def role_in(self, plan_code: str | None) -> str | None:
        assignment = self.assignment(plan_code)
        return assignment.role if assignment is not None else None

    def may(self, role: str, plan_code: str | None) -> bool:
        """True when the user holds ``role`` or a higher one in ``plan_code``."""
        held = self.role_in(plan_code)
        return self.is_active and held is not None and RANK[held] >= RANK[check_role(role)]

    def may_somewhere(self, role: str) -> bool:
        """True when the user holds ``role`` or a higher one in some plan."""
        return self.is_active and any(RANK[item.role] >= RANK[check_role(role)] for item in self.roles)
