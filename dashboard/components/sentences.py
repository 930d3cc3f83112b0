"""The 'why this status' sentences: what was measured, what was expected, what the target is, how fast
it moved against how fast it must move, when it would arrive, and what pulls a roll-up down.

Pure functions of a progress row (as the queries return it) and the page's language: the words come
from the message catalogue (``why.*`` in :mod:`dashboard.messages.explanations`), the numbers from
the CLDR formats of :mod:`dashboard.i18n`. Tested without a browser in
``tests/dashboard/test_sentences.py``.
"""

from __future__ import annotations

from typing import Any

from dashboard.components.tables import value_decimals
from dashboard.i18n import MISSING, format_number, format_percent, format_share, format_value, is_missing, label, t
from gosterge.progress import status as formulas
from gosterge.rounding import PACE_DECIMALS, RATIO_DECIMALS, round_to

PACE_STATUSES = (formulas.ON_TRACK, formulas.ACCELERATION_NEEDED, formulas.LIMITED, formulas.DETERIORATION)


def _number(value: Any, lang: str, unit: str, decimals: int) -> str:
    """``value`` rounded to ``decimals`` as every table and file rounds it (the indicator's precision for
    its values, :data:`~gosterge.rounding.PACE_DECIMALS` for a pace), without the trailing zeros a
    sentence does not need (0,2 not 0,20), with the unit."""
    text = MISSING if is_missing(value) else format_number(round_to(float(value), decimals), lang, None)
    return f"{text} {unit}" if unit and text != MISSING else text


def _year(value: Any) -> str:
    return MISSING if is_missing(value) else str(int(value))


def _measured(row: dict[str, Any], lang: str, unit: str) -> dict[str, str]:
    return {
        "latest": _number(row.get("latest_value"), lang, unit, value_decimals(row)),
        "year": _year(row.get("latest_year")),
        "base": _number(row.get("base_value"), lang, unit, value_decimals(row)),
        "base_year": _year(row.get("base_year")),
    }


def indicator_sentences(row: dict[str, Any], lang: str, *, unit: str = "") -> list[str]:
    """One or two plain sentences explaining an indicator's status in one area, from its numbers."""
    status = row.get("status") or formulas.NOT_AVAILABLE
    method = row.get("method")
    if status == formulas.NOT_AVAILABLE or is_missing(row.get("latest_year")):
        return [t("why.not_available", lang, count=format_number(row.get("data_points") or 0, lang, 0))]
    measured = _measured(row, lang, unit)
    if status == formulas.INFORMATIONAL:
        return [t("why.informational", lang, **measured)]
    if method == "open_sdg_direction":
        limit = row.get("natural_limit")
        factor = formulas.natural_limit_factor(row.get("base_value") or 0.0, None if is_missing(limit) else limit)
        threshold = format_percent(formulas.DIRECTION_THRESHOLDS[0] * 100 * factor, lang, 2)
        growth = format_percent((row.get("pace_ratio") or 0.0) * 100, lang, 2)
        return [t("why.direction_only", lang, growth=growth, threshold=threshold, **measured)]
    if method == "maintain":
        return _maintain(row, lang, measured)
    first = t(
        "why.measured",
        lang,
        target=_number(row.get("target_value"), lang, unit, value_decimals(row)),
        target_year=_year(row.get("target_year")),
        **measured,
    )
    if status == formulas.ACHIEVED:
        return [first, t("why.achieved", lang)]
    if status == formulas.NOT_ACHIEVED:
        share = format_share(max(0.0, row.get("realization_pct") or 0.0), lang)
        return [first, t("why.not_achieved", lang, target_year=_year(row.get("target_year")), share=share)]
    return [first, _pace(row, lang, unit), *_realized(row, lang, status)]


def _pace(row: dict[str, Any], lang: str, unit: str) -> str:
    """How fast it moved against how fast it must move, and when it would arrive at this pace."""
    actual, required = row.get("actual_pace"), row.get("required_pace")
    if is_missing(actual) or actual == 0:
        moved = t("why.still", lang)
    else:
        moved = t("why.rose" if actual > 0 else "why.fell", lang, pace=_number(abs(actual), lang, unit, PACE_DECIMALS))
    needed = "."
    if not is_missing(required) and required != 0:
        needed = t(
            "why.needs_rise" if required > 0 else "why.needs_fall",
            lang,
            pace=_number(abs(required), lang, unit, PACE_DECIMALS),
        )
    projected = row.get("projected_year")
    arrival = t("why.never", lang) if is_missing(projected) else t("why.arrives", lang, year=_year(projected))
    return f"{moved}{needed} {arrival}"


def _realized(row: dict[str, Any], lang: str, status: str) -> list[str]:
    """Realization against the expected, and in words why the status is not the one its realization
    alone would give (an Open SDG pace status is judged by compound growth, not by the linear path)."""
    realization, expected = row.get("realization_pct"), row.get("expected_pct")
    if is_missing(realization) or is_missing(expected):
        return []
    numbers = {"realization": format_percent(realization, lang), "expected": format_percent(expected, lang)}
    sentences = [t("why.realized", lang, **numbers)]
    by_numbers, _ = formulas.status_from_realization(realization, expected)
    if status in PACE_STATUSES and by_numbers != status:
        better = PACE_STATUSES.index(status) < PACE_STATUSES.index(by_numbers)
        key = "why.inversion_better" if better else "why.inversion_worse"
        sentences.append(t(key, lang, status=label("status", status, lang), **numbers))
    return sentences


def _maintain(row: dict[str, Any], lang: str, measured: dict[str, str]) -> list[str]:
    first = t("why.maintain", lang, **measured)
    if row.get("projection") == "held" or row.get("status") == formulas.ACHIEVED:
        return [first, t("why.held", lang, tolerance=format_percent(formulas.MAINTAIN_TOLERANCE * 100, lang, 0))]
    growth = format_percent((row.get("pace_ratio") or 0.0) * 100, lang)
    return [first, t("why.not_held", lang, growth=growth, share=format_share(row.get("realization_pct") or 0, lang))]


def node_sentences(
    row: dict[str, Any],
    lang: str,
    *,
    names: dict[str, str] | None = None,
    target_year: int | None = None,
    reached: tuple[int, int] | None = None,
) -> list[str]:
    """One or two plain sentences explaining a roll-up's status (a goal, a priority, an aim, the plan) in one
    area. ``names``: child code → how to name it ("1.1.3 Logistics"); ``target_year``: the last target year
    of the indicators below it; ``reached``: (children that reached their target, children assessed)."""
    status = row.get("status") or formulas.NOT_AVAILABLE
    realization, expected = row.get("realization_pct"), row.get("expected_pct")
    if status == formulas.NOT_MEASURED:
        return [t("why.node_not_measured", lang)]
    if status == formulas.NOT_AVAILABLE or is_missing(realization) and is_missing(row.get("score")):
        return [
            t(
                "why.node_not_available",
                lang,
                count=format_number(row.get("children") or 0, lang, 0),
                with_data=format_number(row.get("children_with_data") or 0, lang, 0),
            )
        ]
    if status == formulas.ACHIEVED:
        return [t("why.node_achieved", lang, realization=format_percent(realization, lang))]
    if is_missing(realization):
        sentences = [t("why.node_by_score", lang, score=format_value(row.get("score"), lang, RATIO_DECIMALS))]
    elif status == formulas.NOT_ACHIEVED:
        share = format_share(max(0.0, realization), lang)
        sentences = [t("why.not_achieved", lang, target_year=_year(target_year), share=share)]
        if reached is not None:
            achieved, count = reached
            sentences[0] += " " + t(
                "why.reached_count",
                lang,
                achieved=format_number(achieved, lang, 0),
                count=format_number(count, lang, 0),
            )
    else:
        ratio = (realization / expected * 100) if not is_missing(expected) and expected > 0 else None
        sentences = [
            t(
                "why.node_pace",
                lang,
                realization=format_percent(realization, lang),
                expected=format_percent(expected, lang),
                share=format_share(ratio, lang),
                status=label("status", status, lang),
            )
        ]
    pulled = _pulled_down(row, lang, names or {})
    return sentences + ([pulled] if pulled else [])


def _pulled_down(row: dict[str, Any], lang: str, names: dict[str, str]) -> str | None:
    """The alarm in words: the two worst children, named (never a colour of its own)."""
    worst = [code for code in str(row.get("worst_children") or "").split(",") if code]
    alarm = row.get("alarm_score")
    quiet = row.get("status") in (formulas.ACHIEVED, formulas.ON_TRACK) and (is_missing(alarm) or alarm >= 0)
    if not worst or quiet:
        return None
    named = [names.get(code, code) for code in worst]
    text = named[0] if len(named) == 1 else t("why.and", lang, first=named[0], second=named[1])
    return t("why.pulled_down", lang, names=text)
