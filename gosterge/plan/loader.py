"""Read and validate plan files (TOML).

Every problem in a file is collected, each as one line naming the file, the location
(``axes[1].priorities[2].goals[0].indicators[3].direction``), the bad value and what was
expected; :class:`PlanError` carries them all. Loading is three steps, each in its own module:
reading validates every table with its pydantic model (:mod:`gosterge.plan.reading`, models in
:mod:`gosterge.plan.schema`), checking applies the rules across tables
(:mod:`gosterge.plan.checks`) and, when nothing is wrong, building makes the plan model
(:mod:`gosterge.plan.building`). The messages come from :mod:`gosterge.validation`, shared
with ``sources.toml`` and the download parameters.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from pathlib import Path

from gosterge.plan.building import build_plan
from gosterge.plan.checks import WEIGHT_TOLERANCE, check_plan
from gosterge.plan.model import Plan
from gosterge.plan.reading import read_tables
from gosterge.plan.schema import NODE_CODE_PATTERN, PLAN_CODE_PATTERN
from gosterge.validation import Problem, Problems

__all__ = [
    "NODE_CODE_PATTERN",
    "PLAN_CODE_PATTERN",
    "WEIGHT_TOLERANCE",
    "PlanError",
    "Problem",
    "load_plan",
    "load_plans",
]


class PlanError(ValueError):
    """A plan file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def load_plan(path: Path) -> Plan:
    """Read and validate one plan file; raise :class:`PlanError` listing every problem."""
    try:
        raw_bytes = path.read_bytes()
        document = tomllib.loads(raw_bytes.decode("utf-8"))
    except FileNotFoundError:
        raise PlanError([Problem(str(path), "-", "file not found")]) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PlanError([Problem(path.name, "-", f"not valid UTF-8 TOML ({error})")]) from None
    problems = Problems(path.name)
    tables = read_tables(document, problems)
    check_plan(tables, problems)
    if problems:
        raise PlanError(list(problems))
    plan = build_plan(tables, path)
    plan.content_hash = hashlib.sha256(raw_bytes).hexdigest()
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
