"""A view's state is a small frozen dataclass, read from its URL once and written back by one method.

Every page keeps its whole state in its URL (the plan and the object in the path, the rest in the
query), so that a copied link restores the view. Each view has one class (``IndicatorView`` in
``dashboard/views/indicator.py``, ``DistrictsView`` in ``dashboard/views/districts.py`` …), built on
:class:`ViewState`, with

- ``from_query(plan_code=…, <object>_code=…, lang=…, **query)``: the only parser of that view's URL.
  Values are validated: a malformed or unknown optional value (``?view=pie``, ``?show=x``) becomes
  the default; a code or year that names nothing (``/izmir/node/9.9``, ``?district=9999``,
  ``?year=²``) raises :class:`NotFound`, which the page turns into the not-found view. Nothing else
  can escape: no ``int()`` of an unchecked text, no ``KeyError``.
- ``to_query()``: the query parameters of the state that differ from the defaults.
- ``href(**changes)``: the URL of the same view with some fields changed. Every link, select, map
  click and download beside a view is built from it, so a parameter is spelled in one place.
- ``to_store()`` / ``from_store(data)``: the JSON a page keeps in its ``dcc.Store``, so that the
  callbacks of the page get the same typed state back.

The parts every view shares are read by one parser: :class:`Query` (a text, a whole number, one
of a set of choices), :func:`read_plan`, :func:`read_language`, and :meth:`AreaState.read_area`
(``?district=`` or ``?region=``).
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Self, TypeVar

from dashboard import urls
from dashboard.context import get_context
from dashboard.i18n import language, t
from gosterge.language import DEFAULT_LANGUAGE
from gosterge.plan import Plan

PROVINCE = "province"
Default = TypeVar("Default", str, None)
AREA_LEVELS = (PROVINCE, "region", "district")


class NotFound(Exception):
    """A code in the URL names nothing: the page shows the not-found view."""

    def __init__(self, what: str, plan_code: str | None = None):
        super().__init__(what)
        self.what = what
        self.plan_code = plan_code


class Query:
    """The query values of a URL (as Dash passes them to a layout: name → text or list of texts),
    read one way: stripped texts, whole numbers of at most nine ASCII digits, choices from a set."""

    def __init__(self, values: Mapping[str, Any]):
        self.values = values

    def text(self, name: str) -> str | None:
        """The value as one stripped string (the first when repeated); None when absent or empty."""
        return urls.first(dict(self.values), name)

    def whole_number(self, name: str) -> int | None:
        """The value as a whole number; None when absent or not one (see :func:`urls.whole_number`)."""
        return urls.whole_number(self.text(name))

    def choice(self, name: str, allowed: Sequence[str], default: Default) -> str | Default:
        """The value when it is one of ``allowed``; ``default`` otherwise (absent or unknown)."""
        value = self.text(name)
        return value if value is not None and value in allowed else default

    def __contains__(self, name: str) -> bool:
        return self.text(name) is not None


def read_language(values: Mapping[str, Any]) -> str:
    """``?lang=`` as one of the known languages (Turkish for anything else)."""
    return language(Query(values).text("lang"))


def read_plan(plan_code: str | None, lang: str) -> Plan:
    """The plan a URL names; not found for an unknown code."""
    plan = get_context().plan(urls.first({"plan": plan_code}, "plan"))
    if plan is None:
        raise NotFound(t("unknown_plan", lang, code=plan_code or ""))
    return plan


def known_code(plan: Plan, code: str | None, known: Container[str], lang: str) -> str:
    """``code`` from the URL when ``known`` holds it; otherwise the page is the not-found view."""
    if code is None or code not in known:
        raise NotFound(t("unknown_code", lang, code=code or ""), plan.code)
    return code


def path_code(code: str | None) -> str | None:
    """A code from the URL's path, stripped (None when empty)."""
    return urls.first({"code": code}, "code")


@dataclass(frozen=True, kw_only=True)
class ViewState:
    """What every view's state has: the plan and the language. Subclasses add their fields (with
    defaults for everything the query may leave out) and define ``path`` and ``to_query``."""

    plan: str
    lang: str = DEFAULT_LANGUAGE

    def path(self) -> str:
        raise NotImplementedError

    def to_query(self) -> dict[str, Any]:
        """The state's query parameters that differ from the defaults (the language is added by href)."""
        return {}

    def href(self, **changes: Any) -> str:
        """The URL of this view with ``changes`` applied to its fields."""
        view = replace(self, **changes) if changes else self
        return urls.href(view.path(), view.lang, **view.to_query())

    def to_store(self) -> dict[str, Any]:
        """The state as JSON-ready data, for the page's ``dcc.Store``."""
        return asdict(self)

    @classmethod
    def from_store(cls, data: Mapping[str, Any]) -> Self:
        """The state back from :meth:`to_store`'s data (other keys, such as the data version, ignored)."""
        names = {field.name for field in fields(cls)}
        values: dict[str, Any] = {
            name: tuple(value) if isinstance(value, list) else value for name, value in data.items() if name in names
        }
        return cls(**values)

    def plan_model(self) -> Plan:
        return get_context().plans[self.plan]


@dataclass(frozen=True, kw_only=True)
class AreaState(ViewState):
    """A view that can be narrowed to one district or region (``?district=`` or ``?region=``)."""

    area_level: str = PROVINCE
    area_code: str | None = None

    @staticmethod
    def read_area(plan: Plan, query: Query, lang: str) -> dict[str, Any]:
        """``area_level`` and ``area_code`` from ``?district=`` or ``?region=`` (the province otherwise);
        an unknown district or region is not found."""
        district, region = query.text("district"), query.text("region")
        if district is not None:
            return {"area_level": "district", "area_code": known_code(plan, district, plan.districts, lang)}
        if region is not None:
            return {"area_level": "region", "area_code": known_code(plan, region, plan.regions, lang)}
        return {"area_level": PROVINCE, "area_code": None}

    def area_query(self) -> dict[str, str]:
        """The query parameter that keeps the view's area in links (nothing for the province)."""
        if self.area_level in ("district", "region") and self.area_code:
            return {self.area_level: self.area_code}
        return {}

    def area_arguments(self) -> dict[str, Any]:
        """The view's area as the ``area_level`` and ``area_code`` arguments of the warehouse queries."""
        return {"area_level": self.area_level, "area_code": self.area_code}

    @property
    def district(self) -> str | None:
        """The district the view is narrowed to (None for the province or a region)."""
        return self.area_code if self.area_level == "district" else None

    def with_area(self, value: str | None) -> Self:
        """The view for the area chosen in the area select: ``province``, ``region:<code>`` or
        ``district:<code>`` (the province for anything else)."""
        level, _, code = (value or PROVINCE).partition(":")
        if level not in ("region", "district") or not code:
            return replace(self, area_level=PROVINCE, area_code=None)
        return replace(self, area_level=level, area_code=code)

    @property
    def area_value(self) -> str:
        """The view's area as the area select's value."""
        return PROVINCE if self.area_level == PROVINCE else f"{self.area_level}:{self.area_code}"
