"""Written texts and numbers as a problem report shows them: short, exact, never a whole huge cell."""

from __future__ import annotations

import math

SHOWN_CHARACTERS = 60


def shown(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """``repr(text)``, cut after ``limit`` characters with a mark saying how long the text is."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"


def excerpt(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """``text`` as a stored reason's value: cut after ``limit`` characters, with '…' when cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def stored_number(value: float) -> int | float:
    """A number as a stored reason's value, never rounded: a whole number as an int (-3, not -3.0)."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e16:
        return int(value)
    return float(value)


def plain_number(value: float) -> str:
    """A number as written, never rounded: ``100.0001`` (``:g`` said ``100``), ``4367251``, ``-3``."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e16:
        return str(int(value))
    return repr(float(value))
