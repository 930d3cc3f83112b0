"""The progress engine: pure functions from a plan and annual values to results.

Modules: :mod:`.status` (the formulas: realization, expected path, Open SDG
pace, SDSN trend, projection), :mod:`.indicator` (one indicator in one area),
:mod:`.areas` (district values rolled up to regions and the province),
:mod:`.rollup` (goal → … → plan), :mod:`.compute` (a whole plan).
Nothing here does I/O.
"""

from gosterge.progress.results import IndicatorResult, NodeResult, YearPoint
from gosterge.progress.status import STATUSES, TRENDS

__all__ = ["STATUSES", "TRENDS", "IndicatorResult", "NodeResult", "YearPoint"]
