"""The units' explanations in words (no Dash: the pages, the Excel file and the Word reports use them).

An explanation row (:mod:`warehouse.queries.explanations`) holds the deviation's reason, the measures to
be taken, the responsible unit, who entered and who approved the value and when, and the entry's period
(``2024-H1``, ``2024-H2`` or ``2024``).
"""

from __future__ import annotations

import re
from typing import Any

from dashboard.i18n import format_date, is_missing, t

HALF = re.compile(r"^(\d{4})-H([12])$")


def period_label(period: str, lang: str) -> str:
    """``2024-H1`` → "2024 yılı 1. altı ay" / "2024, first half"; ``2024`` → "2024 yılı" / "year 2024"."""
    match = HALF.match(period)
    if match is None:
        return t("explanation.year", lang, year=period)
    return t(f"explanation.half_{match.group(2)}", lang, year=match.group(1))


def is_provisional(period: str) -> bool:
    """A six-monthly entry of the first half: the year's provisional value."""
    return period.endswith("-H1")


def written(value: Any) -> str | None:
    """A text a unit wrote, or None when it wrote nothing."""
    return None if is_missing(value) or not str(value).strip() else str(value)


def provenance_text(row: dict[str, Any], lang: str) -> str:
    """The provenance line: "X (Unit) girdi; Y 20.07.2026 tarihinde onayladı · 2024 yılı 1. altı ay"."""
    approved = row.get("approved_at")
    text = t(
        "explanation.provenance",
        lang,
        who=written(row.get("entered_by")) or "–",
        unit=written(row.get("unit")) or "–",
        approver=written(row.get("approved_by")) or "–",
        date=format_date(approved, lang) if not is_missing(approved) else "–",
    )
    period = str(row.get("period") or "")
    suffix = f" ({t('explanation.provisional', lang)})" if is_provisional(period) else ""
    return f"{text} · {period_label(period, lang)}{suffix}"


def reason_and_measures(row: dict[str, Any] | None, lang: str) -> str:
    """One line: "Sapma nedeni: …; Alınacak tedbirler: …" in one line (empty when neither was entered)."""
    if row is None:
        return ""
    parts = [
        f"{t(key, lang)}: {text}"
        for key, text in (
            ("explanation.reason", written(row.get("reason"))),
            ("explanation.measures", written(row.get("measures"))),
        )
        if text
    ]
    return "; ".join(parts)
