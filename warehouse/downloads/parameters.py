"""The values of a download's query parameters, as a pydantic model checked against the plan.

:func:`warehouse.downloads.filter.parse_filter` decides which plan and level a request is about
and which parameters that level understands; :class:`DownloadParameters` then validates the
values. Every rule is a validator of its field, and the fields are declared in the order a reader
fixes them, so that a value checked against an earlier one (an indicator under the chosen goal, a
district in the chosen region, ``to`` not before ``from``) sees it in ``info.data``. The plan, the
level's allowed areas and columns reach the validators as the validation context (:class:`Request`).
A problem is a finished sentence naming the parameter and the allowed values; the sentences come
out of the :class:`pydantic.ValidationError` through :func:`gosterge.validation.messages`, the
conversion shared with the plan file and ``sources.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from gosterge.language import DEFAULT_LANGUAGE, LANGUAGES
from gosterge.plan.model import Plan
from gosterge.validation import invalid, problem_at, raise_all

AREA_LEVELS = ("province", "region", "district")
FIRST_YEAR, LAST_YEAR = 1900, 2100
SOURCE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
LARGEST_RUN_ID = 2**62
LISTED_VALUES = 12


@dataclass(frozen=True)
class Request:
    """What the values are checked against: the validation context of :class:`DownloadParameters`."""

    plan: Plan
    level: str  # the extract level (``measurements``, ``goals`` …)
    node_parameters: tuple[str, ...]  # one per plan level, top first (``axis``, ``priority``, ``goal``)
    areas: tuple[str, ...]  # the area levels the extract level offers
    columns: Collection[str] | None  # the column keys of the extract level; None: not checked


def known(values: Iterable[str]) -> str:
    """The allowed values for a message, the first :data:`LISTED_VALUES` of them and how many in all."""
    values = list(values)
    shown = ", ".join(values[:LISTED_VALUES])
    return shown + (f", … ({len(values)} in all)" if len(values) > LISTED_VALUES else "")


def split_values(raw: object, *, several: bool) -> list[str]:
    """The values of a parameter: repeated parameters (and, when ``several``, comma-separated lists),
    stripped, blanks dropped."""
    texts = raw if isinstance(raw, list) else [] if raw is None else [raw]
    found: list[str] = []
    for text in texts:
        parts = str(text).split(",") if several else [str(text)]
        found.extend(part.strip() for part in parts if part.strip())
    return found


def one_value(name: str, raw: object) -> str | None:
    """The value of a parameter given at most once."""
    values = split_values(raw, several=False)
    if len(values) > 1:
        raise invalid(f"parameter {name!r} given {len(values)} times (expected one value)")
    return values[0] if values else None


def _several(*, distinct: bool) -> BeforeValidator:
    def check(raw: object) -> tuple[str, ...]:
        values = split_values(raw, several=True)
        return tuple(dict.fromkeys(values)) if distinct else tuple(values)

    return BeforeValidator(check)


def _year(name: str) -> BeforeValidator:
    def check(raw: object) -> int | None:
        text = one_value(name, raw)
        if text is None:
            return None
        if not re.fullmatch(r"[0-9]{4}", text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
            raise invalid(f"{name}={text!r} is not a year (expected four digits, {FIRST_YEAR}-{LAST_YEAR})")
        return int(text)

    return BeforeValidator(check)


def _run_id(raw: object) -> int | None:
    text = one_value("run", raw)
    if text is None:
        return None
    if not (re.fullmatch(r"[0-9]{1,19}", text) and 0 < int(text) < LARGEST_RUN_ID):
        raise invalid(f"run={text!r} is not a load run id (expected a positive whole number)")
    return int(text)


def _source_id(raw: object) -> str | None:
    text = one_value("source", raw)
    if text is not None and not SOURCE_PATTERN.fullmatch(text):
        raise invalid(f"source={text!r} is not a source id (letters, digits, '.', '_', '-')")
    return text


def _language(raw: object) -> str:
    language = one_value("lang", raw) or DEFAULT_LANGUAGE
    if language not in LANGUAGES:
        raise invalid(f"unknown lang {language!r} (known: {', '.join(LANGUAGES)})")
    return language


def request_of(info: ValidationInfo) -> Request:
    """The :class:`Request` given to :meth:`DownloadParameters.model_validate` as its context."""
    assert isinstance(info.context, Request), "validate with context=Request(…)"
    return info.context


Codes = Annotated[tuple[str, ...], _several(distinct=True)]


class DownloadParameters(BaseModel):
    """The values of a download's parameters (all but ``plan`` and ``level``), valid for a :class:`Request`."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    nodes: tuple[tuple[int, str], ...] = ()  # (depth, node code), top first; given as {parameter: values}
    indicator: Codes = ()
    region: Codes = ()
    district: Codes = ()
    area: Codes = ()
    period_from: Annotated[int | None, _year("from")] = Field(default=None, alias="from")
    period_to: Annotated[int | None, _year("to")] = Field(default=None, alias="to")
    run: Annotated[int | None, BeforeValidator(_run_id)] = None
    source: Annotated[str | None, BeforeValidator(_source_id)] = None
    columns: Annotated[tuple[str, ...], _several(distinct=False)] = ()
    lang: Annotated[str, BeforeValidator(_language)] = DEFAULT_LANGUAGE

    @field_validator("nodes", mode="before")
    @classmethod
    def _node_chain(cls, raw: Mapping[str, object], info: ValidationInfo) -> tuple[tuple[int, str], ...]:
        """One node code per level, each at its level and below the node chosen above it."""
        request = request_of(info)
        plan = request.plan
        chosen: list[tuple[int, str]] = []
        problems: list[InitErrorDetails] = []
        for depth, name in enumerate(request.node_parameters):
            code = _one_value_or_problem(name, raw.get(name), problems)
            if code is None:
                continue
            node = plan.nodes.get(code)
            if node is None or node.depth != depth:
                choices = known(node.code for node in plan.nodes_at(depth))
                problems.append(
                    problem_at((name,), f"unknown {name} {code!r} in plan {plan.code!r} (known: {choices})")
                )
            elif chosen and chosen[-1][1] not in {ancestor.code for ancestor in plan.ancestors(code)}:
                parent_depth, parent_code = chosen[-1]
                above = request.node_parameters[parent_depth]
                problems.append(problem_at((name,), f"{name} {code!r} is not under {above} {parent_code!r}"))
            else:
                chosen.append((depth, code))
        raise_all("nodes", problems)
        return tuple(chosen)

    @field_validator("indicator")
    @classmethod
    def _indicators_of_the_plan(cls, codes: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        plan = request_of(info).plan
        problems = _unknown(codes, plan.indicators, "indicator", plan)
        nodes = info.data.get("nodes")
        if nodes and not problems:
            deepest = nodes[-1][1]
            under = {indicator.code for indicator in plan.indicators_under(deepest)}
            level = plan.levels[plan.nodes[deepest].depth].name_en.lower()
            problems = [
                problem_at((), f"indicator {code!r} is not under {level} {deepest!r}")
                for code in codes
                if code not in under
            ]
        raise_all("indicator", problems)
        return codes

    @field_validator("region")
    @classmethod
    def _regions_of_the_plan(cls, codes: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        plan = request_of(info).plan
        raise_all("region", _unknown(codes, plan.regions, "region", plan))
        return codes

    @field_validator("district")
    @classmethod
    def _districts_of_the_plan(cls, codes: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        plan = request_of(info).plan
        problems = _unknown(codes, plan.districts, "district", plan)
        regions = info.data.get("region")
        if regions and not problems:
            problems = [
                problem_at((), f"district {code!r} is not in region {', '.join(regions)}")
                for code in codes
                if plan.districts[code].region not in regions
            ]
        raise_all("district", problems)
        return codes

    @field_validator("area")
    @classmethod
    def _areas_of_the_level(cls, areas: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        allowed = request_of(info).areas
        problems = [
            problem_at((), f"unknown area {area!r} (known: {', '.join(allowed)})")
            for area in areas
            if area not in allowed
        ]
        if info.data.get("district") and ("province" in areas or "region" in areas):
            message = "area=province or area=region cannot be combined with district (district rows only)"
            problems.append(problem_at((), message))
        if info.data.get("region") and "province" in areas:
            problems.append(problem_at((), "area=province cannot be combined with region"))
        raise_all("area", problems)
        return areas

    @field_validator("period_to")
    @classmethod
    def _to_not_before_from(cls, period_to: int | None, info: ValidationInfo) -> int | None:
        period_from = info.data.get("period_from")
        if period_from is not None and period_to is not None and period_from > period_to:
            raise invalid(f"from={period_from} is after to={period_to}")
        return period_to

    @field_validator("columns")
    @classmethod
    def _columns_of_the_level(cls, columns: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        request = request_of(info)
        offered, level = request.columns, request.level
        if offered is None:
            return columns
        problems = [
            problem_at((), f"unknown column {column!r} for level {level!r} (known: {', '.join(offered)})")
            for column in columns
            if column not in offered
        ]
        if len(set(columns)) != len(columns):
            problems.append(problem_at((), "a column is listed twice in 'columns'"))
        raise_all("columns", problems)
        return columns


def _one_value_or_problem(name: str, raw: object, problems: list[InitErrorDetails]) -> str | None:
    try:
        return one_value(name, raw)
    except PydanticCustomError as error:
        problems.append(problem_at((name,), error.message()))
        return None


def _unknown(codes: Iterable[str], known_codes: Mapping[str, Any], what: str, plan: Plan) -> list[InitErrorDetails]:
    return [
        problem_at((), f"unknown {what} {code!r} in plan {plan.code!r} (known: {known(known_codes)})")
        for code in codes
        if code not in known_codes
    ]
