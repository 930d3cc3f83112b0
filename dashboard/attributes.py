"""HTML attributes that are not Python names (``data-*``, ``aria-*``) for Dash components.

Dash's typed components accept them as extra keyword arguments; writing them as
``**attributes(data_section="top")`` instead of ``**attributes(data_section="top")`` keeps
them typed for mypy and spelled one way.
"""

from __future__ import annotations

from typing import Any


def attributes(**values: object) -> dict[str, Any]:
    """``attributes(data_section="top", aria_label="Filter")`` → ``{"data-section": "top", "aria-label": "Filter"}``."""
    return {name.replace("_", "-"): value for name, value in values.items()}
