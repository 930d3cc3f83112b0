"""Roll-ups: goal → … → plan, in one area (see docs/progress.md, "Roll-ups").

- realization = Σ wᵢ·rᵢ / Σ wᵢ over the children with a realization (wᵢ =
  "hedefe etkisi"; rᵢ capped to 0 … 100 when capping is on, as Turkish practice
  does), and the expected realization over the same children;
- coverage = share of the weight of the children measured in the area that has
  data; below the coverage floor the roll-up is withheld (status not available);
- the status follows the roll-up's own numbers: achieved only when every child
  achieved its target; the end result (not achieved) once every child is past
  its target year; otherwise realization ÷ expected with Open SDG's bands
  (:func:`~gosterge.progress.status.status_from_realization`). Only a roll-up
  of direction-only children (no realization) takes its status from the mean
  score, Open SDG's roll-up rule;
- the score (weighted mean of the children's scores) is a detail; the two worst
  children (lowest score) are flagged and their mean is the SDSN-style alarm
  score, so one serious shortfall is not hidden by an average, without
  changing the colour;
- children not measured in the area, and informational indicators, are left out;
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
    """What a roll-up needs from a child result. ``ended``: past its target year."""

    code: str
    weight: float
    realization_pct: float | None
    expected_pct: float | None
    score: float | None
    status: str
    trend: str
    ended: bool = False

    @property
    def has_data(self) -> bool:
        """Assessed with data: a realization, or a score for a direction-only indicator."""
        if self.status == formulas.NOT_AVAILABLE:
            return False
        return self.realization_pct is not None or self.score is not None


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
    result = partial(NodeResult, plan_code=plan_code, node_code=node_code, depth=depth, area_level=area_level)
    assessed = [child for child in children if child.status not in formulas.NOT_ASSESSED]
    if not assessed:
        return result(
            area_code=area_code,
            realization_pct=None,
            expected_pct=None,
            score=None,
            status=formulas.NOT_MEASURED,
            trend=formulas.TREND_NONE,
            coverage=0.0,
            children=0,
            children_with_data=0,
            withheld=True,
            worst_children="",
            alarm_score=None,
            note="not measured in this area",
            ended=False,
        )
    total_weight = sum(child.weight for child in assessed)
    with_data = [child for child in assessed if child.has_data]
    realized = [child for child in with_data if child.realization_pct is not None]
    coverage = (sum(child.weight for child in with_data) / total_weight) if total_weight > 0 else 0.0
    scored = [child for child in with_data if child.score is not None]
    worst = sorted(scored, key=lambda child: (child.score, child.code))[:2]
    alarm = (sum(child.score for child in worst if child.score is not None) / len(worst)) if worst else None
    ended = all(child.ended for child in assessed)
    result = partial(
        result,
        area_code=area_code,
        coverage=coverage,
        children=len(assessed),
        children_with_data=len(with_data),
        worst_children=",".join(child.code for child in worst),
        alarm_score=alarm,
        ended=ended,
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
        [(child.weight, cap(child.realization_pct or 0.0, cap_realization)) for child in realized]
    )
    expected = weighted_mean(
        [(child.weight, child.expected_pct) for child in realized if child.expected_pct is not None]
    )
    score = weighted_mean([(child.weight, child.score) for child in scored if child.score is not None])
    return result(
        realization_pct=realization,
        expected_pct=expected,
        score=score,
        status=_status(assessed, realization, expected, score, ended),
        trend=_trend(assessed),
        withheld=False,
        note="",
    )


def _status(
    assessed: list[Child], realization: float | None, expected: float | None, score: float | None, ended: bool
) -> str:
    """The roll-up's status from its own numbers (docs/progress.md, "Roll-ups", rules 1 to 5)."""
    with_target = [child for child in assessed if child.realization_pct is not None or not child.has_data]
    if with_target and all(child.status == formulas.ACHIEVED for child in with_target):
        return formulas.ACHIEVED
    if realization is None:
        return formulas.NOT_AVAILABLE if score is None else formulas.status_from_score(score)
    if ended:
        return formulas.NOT_ACHIEVED
    return formulas.status_from_realization(realization, expected)[0]


def _trend(children: list[Child]) -> str:
    trended = [child for child in children if child.trend in TREND_SCALE]
    if children and len(trended) / len(children) >= TREND_COVERAGE:
        mean = sum(TREND_SCALE[child.trend] for child in trended) / len(trended)
        return TREND_FROM_SCALE[int(round(mean))]
    return formulas.TREND_NONE
