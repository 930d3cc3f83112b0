"""Cron expressions in Europe/Istanbul, read the way cron reads them.

APScheduler 3's ``CronTrigger.from_crontab`` numbers the days of the week from
Monday = 0, so ``"0 6 * * 1"`` would fire on Tuesdays. Here the day-of-week
field follows standard cron (0 or 7 = Sunday, 1 = Monday … 6 = Saturday) and is
rewritten with day names before APScheduler sees it.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

ISTANBUL = ZoneInfo("Europe/Istanbul")
DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_RANGE = re.compile(r"^(\d)(?:-(\d))?(?:/(\d+))?$")


class CronError(ValueError):
    """A cron expression cannot be used; the message says why."""


def _day_of_week(field: str) -> str:
    """Standard-cron day-of-week field → APScheduler field with day names."""
    parts: list[str] = []
    for part in field.split(","):
        if part.startswith("*/") and part[2:].isdigit():
            parts.extend(DAY_NAMES[day] for day in range(0, 7, int(part[2:]) or 7))
            continue
        match = _RANGE.match(part)
        if part.startswith("*") or not match:
            parts.append(part)
            continue
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else (7 if match.group(3) else first)
        step = int(match.group(3) or 1)
        if first > 7 or last > 7 or first > last:
            raise CronError(f"day of week {part!r} is outside 0-7 (0 and 7 = Sunday)")
        parts.extend(DAY_NAMES[day % 7] for day in range(first, last + 1, step))
    return ",".join(dict.fromkeys(parts))


def cron_trigger(expression: str) -> CronTrigger:
    """A CronTrigger in Europe/Istanbul for a five-field cron expression.

    Raises :class:`CronError` naming the problem (e.g. ``"0 25 * * *": hour 25 …``).
    """
    fields = expression.split()
    if len(fields) != 5:
        raise CronError(f"expected five fields (minute hour day month day-of-week), got {len(fields)}")
    minute, hour, day, month, day_of_week = fields
    try:
        return CronTrigger(
            minute=minute, hour=hour, day=day, month=month, day_of_week=_day_of_week(day_of_week), timezone=ISTANBUL
        )
    except ValueError as error:
        raise CronError(str(error)) from None
