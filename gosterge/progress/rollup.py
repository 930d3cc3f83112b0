"""Roll-ups: goal → … → plan, in one area.

- realization = Σ wᵢ·rᵢ / Σ wᵢ over the children with data (wᵢ = "hedefe
  etkisi"; rᵢ capped to 0 … 100 when capping is on, as Turkish practice does);
- coverage = share of the children's weight that has data; below the coverage
  floor the roll-up is withheld (status not available);
- score = weighted mean of the children's scores → status by the Open SDG
  bands; "achieved" only when every child achieved its target;
- the two worst children (lowest score) are flagged, and their mean is the
  SDSN-style alarm score, so one serious shortfall is not hidden by an average;
- a trend is reported only when ≥ 75 % of the children have one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from gosterge.progress import status as formulas
from gosterge.progress.results import NodeResult

TREND_SCALE = {formulas.TREND_DOWN: 0, formulas.TREND_STAGNATING: 1, formulas.TREND_MODERATE: 2, formulas.TREND_UP: 3}
TREND_FROM_SCALE = {value: key for key, value in TREND_SCALE.items()}
TREND_COVERAGE = 0.75


@dataclass(frozen=True)
class Child:
    """What a roll-up needs from a child result."""

    code: str
    weight: float
    realization_pct: float | None
    expected_pct: float | None
    score: float | None
    status: str
    trend: str


def cap(value: float, enabled: bool) -> float:
    return min(100.0, max(0.0, value)) if enabled else value


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(weight for weight, _ in pairs)
    if total <= 0:
        return None
    return sum(weight * value for weight, value in pairs) / total


def roll_up(
    plan_code: str,
    node_code: str,
    depth: int,
    area_level: str,
    area_code: str,
    children: list[Child],
    *,
    coverage_floor: float,
    cap_realization: bool,
) -> NodeResult:
    """Combine ``children`` (indicators of a goal, or child nodes) into one node result."""
    total_weight = sum(child.weight for child in children)
    with_data = [
        child for child in children if child.realization_pct is not None and child.status != formulas.NOT_AVAILABLE
    ]
    coverage = (sum(child.weight for child in with_data) / total_weight) if total_weight > 0 else 0.0
    scored = [child for child in with_data if child.score is not None]
    worst = sorted(scored, key=lambda child: (child.score, child.code))[:2]
    alarm = (sum(child.score for child in worst if child.score is not None) / len(worst)) if worst else None
    result = partial(
        NodeResult,
        plan_code=plan_code,
        node_code=node_code,
        depth=depth,
        area_level=area_level,
        area_code=area_code,
        coverage=coverage,
        children=len(children),
        children_with_data=len(with_data),
        worst_children=",".join(child.code for child in worst),
        alarm_score=alarm,
    )
    if not with_data or coverage + 1e-9 < coverage_floor:
        return result(
            realization_pct=None,
            expected_pct=None,
            score=None,
            status=formulas.NOT_AVAILABLE,
            trend=formulas.TREND_NONE,
            withheld=True,
            note=f"coverage {coverage:.0%} below floor {coverage_floor:.0%}",
        )
    realization = weighted_mean(
        [(child.weight, cap(child.realization_pct or 0.0, cap_realization)) for child in with_data]
    )
    expected = weighted_mean(
        [(child.weight, child.expected_pct) for child in with_data if child.expected_pct is not None]
    )
    score = weighted_mean([(child.weight, child.score) for child in scored if child.score is not None])
    if all(child.status == formulas.ACHIEVED for child in children):
        status = formulas.ACHIEVED
    elif score is None:
        status = formulas.NOT_AVAILABLE
    else:
        status = formulas.status_from_score(score)
    trended = [child for child in children if child.trend in TREND_SCALE]
    trend = formulas.TREND_NONE
    if children and len(trended) / len(children) >= TREND_COVERAGE:
        mean = sum(TREND_SCALE[child.trend] for child in trended) / len(trended)
        trend = TREND_FROM_SCALE[int(round(mean))]
    return result(
        realization_pct=realization,
        expected_pct=expected,
        score=score,
        status=status,
        trend=trend,
        withheld=False,
        note="",
    )
