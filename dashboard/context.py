"""What every page and route hook shares: settings, plans, the warehouse reader and the operational
database (accounts; None only for an app built without one, as unit tests of builders do).

:func:`dashboard.app.create_app` builds one :class:`AppContext` and installs it
with :func:`set_context`; page layouts and callbacks read it with
:func:`get_context` when they run (never at import time).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from gosterge.plan import Plan
from gosterge.settings import Settings
from warehouse import Reader


@dataclass
class AppContext:
    settings: Settings
    plans: dict[str, Plan]
    reader: Reader
    database: Engine | None = None

    @property
    def default_plan(self) -> Plan:
        return next(iter(self.plans.values()))

    def plan(self, code: str | None) -> Plan | None:
        return self.plans.get(code) if code else None


_current: AppContext | None = None


def set_context(context: AppContext) -> None:
    global _current
    _current = context


def get_context() -> AppContext:
    if _current is None:
        raise RuntimeError("the dashboard context is not set: build the app with dashboard.app.create_app")
    return _current
