"""Periods as people write them → the warehouse's canonical period.

Accepted (case and Turkish letters optional): ``2023``, ``2023 yılı``;
``2023-06``, ``2023/6``, ``06.2023``, ``Haziran 2023``, ``2023M06``;
``2023-Q2``, ``2023 Q2``, ``Q2 2023``, ``2023-Ç2``, ``2023 2. Çeyrek``,
``2. Çeyrek 2023``; dates ``2023-06-30`` (also with a time) and ``30.06.2023``
(day first, as in Turkish). Canonical forms: ``2023`` (year), ``2023-Q2``
(quarter), ``2023-06`` (month), ``2023-06-30`` (date).

A date on the last day of a period of the indicator's frequency becomes that
period (``31.12.2023`` for a yearly indicator is ``2023``; ``30.06.2023`` for a
monthly one is ``2023-06``, for a quarterly one ``2023-Q2``); other dates stay
dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from etl.turkish import ascii_fold, squeeze
from gosterge.rejections import ReasonCode, Rejection

MONTH_NAMES = {
    name: number
    for number, name in enumerate(
        ("ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos", "eylul", "ekim", "kasim", "aralik"),
        start=1,
    )
}
EXPECTED = "expected e.g. 2023, 2023-06, 2023-Q2, 2023 2. Çeyrek or 30.06.2023"

_YEAR = re.compile(r"^(\d{4})(?:\.0+)?(?: yili?)?$|^yil (\d{4})$")
_MONTH = re.compile(r"^(\d{4}) ?(?:[/.]|m| ) ?(\d{1,2})$|^(\d{4})-(\d{1,2})$")
_MONTH_FIRST = re.compile(r"^(\d{1,2}) ?[./-] ?(\d{4})$")
_QUARTER = re.compile(r"^(\d{4}) ?[-/]? ?[qc] ?([0-9])$|^(\d{4}) ?[-/]? ?([0-9])\.? ?ceyrek(?: donem)?$")
_QUARTER_FIRST = re.compile(r"^[qc] ?([0-9]) ?[-/]? ?(\d{4})$|^([0-9])\.? ?ceyrek(?: donem)? ?[-/]? ?(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?z?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2}) ?[./-] ?(\d{1,2}) ?[./-] ?(\d{4})$")
_NAMED_MONTH = re.compile(r"^([a-z]+) (\d{4})$|^(\d{4}) ([a-z]+)$")


@dataclass(frozen=True)
class Period:
    """A parsed period: ``kind`` year | quarter | month | date; ``part`` is the quarter or month."""

    kind: str
    year: int
    part: int = 0
    day: int = 0


@dataclass(frozen=True)
class Canonical:
    text: str
    period_type: str
    year: int
    start: date
    end: date


def _groups(match: re.Match[str]) -> list[str]:
    return [group for group in match.groups() if group is not None]


def parse_period(text: str) -> Period | Rejection:
    """The period written in ``text``, or the reason it is not one."""
    key = squeeze(ascii_fold(text)).replace(" - ", "-")
    if not key:
        return Rejection(ReasonCode.PERIOD_MISSING, "period is missing")
    if match := _YEAR.match(key):
        return Period("year", int(_groups(match)[0]))
    if match := _QUARTER.match(key) or _QUARTER_FIRST.match(key):
        numbers = [int(group) for group in _groups(match)]
        year, quarter = numbers if match.re is _QUARTER else numbers[::-1]
        if not 1 <= quarter <= 4:
            return Rejection(
                ReasonCode.NO_SUCH_QUARTER, f"quarter {quarter} does not exist ({EXPECTED})", {"quarter": quarter}
            )
        return Period("quarter", year, quarter)
    if match := _ISO_DATE.match(key) or _DAY_FIRST.match(key):
        parts = [int(group) for group in _groups(match)]
        year, month, day = parts if match.re is _ISO_DATE else parts[::-1]
        try:
            date(year, month, day)
        except ValueError:
            return Rejection(ReasonCode.NO_SUCH_DATE, f"date does not exist ({EXPECTED})")
        return Period("date", year, month, day)
    if match := _MONTH.match(key) or _MONTH_FIRST.match(key):
        first, second = _groups(match)
        if len(first) == 4:
            return _month(int(first), int(second))
        return _month(int(second), int(first))
    if match := _NAMED_MONTH.match(key):
        first, second = _groups(match)
        name, year_text = (first, second) if first.isalpha() else (second, first)
        if name in MONTH_NAMES:
            return _month(int(year_text), MONTH_NAMES[name])
    return Rejection(ReasonCode.NOT_A_PERIOD, f"not a period ({EXPECTED})")


def _month(year: int, month: int) -> Period | Rejection:
    if not 1 <= month <= 12:
        return Rejection(ReasonCode.NO_SUCH_MONTH, f"month {month} does not exist ({EXPECTED})", {"month": month})
    return Period("month", year, month)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def canonical(period: Period, frequency: str) -> Canonical:
    """The canonical period for an indicator of ``frequency`` (yearly | quarterly | monthly)."""
    if period.kind == "date":
        end = date(period.year, period.part, period.day)
        is_month_end = end == _month_end(period.year, period.part)
        if frequency == "monthly" and is_month_end:
            period = Period("month", period.year, period.part)
        elif frequency == "quarterly" and is_month_end and period.part % 3 == 0:
            period = Period("quarter", period.year, period.part // 3)
        elif frequency == "yearly" and (period.part, period.day) == (12, 31):
            period = Period("year", period.year)
        else:
            return Canonical(end.isoformat(), "date", period.year, end, end)
    if period.kind == "year":
        return Canonical(str(period.year), "year", period.year, date(period.year, 1, 1), date(period.year, 12, 31))
    if period.kind == "quarter":
        return Canonical(
            f"{period.year}-Q{period.part}",
            "quarter",
            period.year,
            date(period.year, period.part * 3 - 2, 1),
            _month_end(period.year, period.part * 3),
        )
    return Canonical(
        f"{period.year}-{period.part:02d}",
        "month",
        period.year,
        date(period.year, period.part, 1),
        _month_end(period.year, period.part),
    )
