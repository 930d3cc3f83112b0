"""Typed validation with pydantic, reported the project's way: one line per problem.

The plan file, ``sources.toml`` and the parameters of a download are described as pydantic
models (:mod:`gosterge.plan.schema`, :mod:`etl.sources`, :mod:`warehouse.downloads.filter`).
This module holds what they share, so that the same mistake reads the same in every file:

- a small vocabulary of field types (:data:`Text`, :func:`one_of`, :func:`number`,
  :func:`table_of`, :func:`tables_of` …). Each type says in its own words what is wrong: it
  raises a :class:`pydantic_core.PydanticCustomError` whose message is the finished text
  (``not a text (got 3; expected a non-empty text)``), so a message is written once, beside
  the rule it explains;
- :class:`Table`, the base of every TOML table: a required field that is absent reaches its
  type as ``None``, so the type reports it (``missing (expected a text)``) instead of
  pydantic's generic "Field required"; :class:`StrictTable` also reports unknown keys, first;
- :func:`location_of`, which turns pydantic's error location (``('axes', 1, 'priorities')``)
  into ours (``axes[1].priorities``), and :func:`messages`, which turns a
  :class:`pydantic.ValidationError` into ``(location, message)`` pairs;
- :class:`Problems`, the problems of one file: it validates tables one at a time (so that a
  broken table does not hide the problems of the others) and keeps every problem as a
  :class:`Problem`, printed ``FILE: LOCATION: PROBLEM (got VALUE; expected …)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

Model = TypeVar("Model")
Location = tuple[str | int, ...]

#: pydantic's own error types that reach us (the vocabulary below covers every field), in our words
PYDANTIC_MESSAGES = {
    "model_type": "not a table (got {got}; expected a table)",
    "model_attributes_type": "not a table (got {got}; expected a table)",
    "dict_type": "not a table (got {got}; expected a table)",
    "list_type": "not a list (got {got}; expected a list)",
    "missing": "missing",
    "extra_forbidden": "unknown key",
}


@dataclass(frozen=True)
class Problem:
    """One problem in a file: ``FILE: LOCATION: PROBLEM (got VALUE; expected …)``."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.message}"


def invalid(message: str, kind: str = "invalid") -> PydanticCustomError:
    """A pydantic error whose message is the finished ``message`` (no template: braces stay as written)."""
    return PydanticCustomError(kind, message)


def location_of(location: Location, prefix: str = "") -> str:
    """``('axes', 1, 'priorities', 2, 'code')`` → ``axes[1].priorities[2].code``, after ``prefix``."""
    text = prefix
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part != "[key]":  # pydantic's marker for a problem with a table's key, not its value
            text += f".{part}" if text else part
    return text


def message_of(detail: Mapping[str, Any]) -> str:
    """The message of one pydantic error: ours as written, pydantic's own in our words."""
    template = PYDANTIC_MESSAGES.get(detail["type"])
    if template is None:
        return str(detail["msg"])
    return template.format(got=repr(detail.get("input")))


def messages(error: ValidationError, prefix: str = "") -> list[tuple[str, str]]:
    """Every problem of ``error`` as ``(location, message)``, locations after ``prefix``."""
    return [(location_of(detail["loc"], prefix), message_of(detail)) for detail in error.errors(include_url=False)]


def reraisable(error: ValidationError) -> list[InitErrorDetails]:
    """The problems of ``error`` in the form a validator raises them again (merged with others)."""
    return [
        InitErrorDetails(
            type=invalid(message_of(detail), detail["type"]),
            loc=tuple(detail["loc"]),
            input=detail.get("input"),
        )
        for detail in error.errors(include_url=False)
    ]


def raise_all(title: str, problems: list[InitErrorDetails]) -> None:
    """Raise every one of ``problems`` (from a validator: pydantic places them under its field)."""
    if problems:
        raise ValidationError.from_exception_data(title, problems)


def problem_at(location: Location, message: str, value: object = None) -> InitErrorDetails:
    """One problem at ``location`` (relative to the table being validated), for :func:`raise_all`."""
    return InitErrorDetails(type=invalid(message), loc=location, input=value)


# The vocabulary of field types ------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None:
        raise invalid("missing (expected a text)", "missing_value")
    if not isinstance(value, str) or not value.strip():
        raise invalid(f"not a text (got {value!r}; expected a non-empty text)")
    return value.strip()


#: a non-empty text, stripped (required unless the field has a default)
Text = Annotated[str, BeforeValidator(_text)]


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


#: a non-empty text when given (default None)
OptionalText = Annotated[str | None, BeforeValidator(_optional_text)]


def one_of(allowed: Iterable[str], shown: Mapping[str, str] | None = None) -> BeforeValidator:
    """A value from ``allowed``, named after its field: ``unknown unit (got 'x'; expected one of %, …)``.

    ``shown`` gives the way to print an allowed value that does not print as itself (``"\\t"``: ``tab``).
    """
    choices = tuple(allowed)
    listed = ", ".join((shown or {}).get(choice, choice) for choice in choices)

    def check(value: object, info: ValidationInfo) -> str:
        if value is None:
            raise invalid(f"missing (expected one of {listed})", "missing_value")
        if value not in choices:
            raise invalid(f"unknown {info.field_name} (got {value!r}; expected one of {listed})")
        return str(value)

    return BeforeValidator(check)


def number(*, whole: bool = False, minimum: float | None = None, expected: str | None = None) -> BeforeValidator:
    """A number (``whole``: a whole number), at least ``minimum``; ``expected`` ends the message.

    ``number(whole=True, expected="e.g. 2013")``: ``not a whole number (got 'x'; expected e.g. 2013)``;
    ``number(minimum=0)``: ``not a number ≥ 0 (got -1)``. True and false are not numbers.
    """
    noun = ("a whole number" if whole else "a number") + (f" ≥ {minimum:g}" if minimum is not None else "")
    problem = f"not {noun} (got {{got}}" + (f"; expected {expected})" if expected else ")")

    def check(value: object) -> int | float:
        if value is None:
            raise invalid(f"missing (expected {noun})", "missing_value")
        if isinstance(value, bool) or not isinstance(value, int | float) or (whole and not isinstance(value, int)):
            raise invalid(problem.replace("{got}", repr(value)))
        if minimum is not None and value < minimum:
            raise invalid(problem.replace("{got}", repr(value)))
        return value

    return BeforeValidator(check)


def _true_or_false(value: object) -> bool:
    if not isinstance(value, bool):
        raise invalid(f"not true or false (got {value!r})")
    return value


#: true or false (TOML booleans only: not 1, not "yes")
TrueOrFalse = Annotated[bool, BeforeValidator(_true_or_false)]


def matching(pattern_check: Callable[[str], object], message: str) -> BeforeValidator:
    """A text (stripped) that passes ``pattern_check``; ``message`` says what it is not, ``{got}`` the value."""

    def check(value: object) -> str:
        text = _text(value)
        if not pattern_check(text):
            raise invalid(message.replace("{got}", repr(text)))
        return text

    return BeforeValidator(check)


def table_of(expected: str, problem: str = "missing or not a table") -> BeforeValidator:
    """A TOML table (an inline one or a section): ``missing or not a table (got …; expected {expected})``."""

    def check(value: object) -> object:
        if not isinstance(value, dict):
            raise invalid(f"{problem} (got {value!r}; expected {expected})")
        return value

    return BeforeValidator(check)


def tables_of(key: str) -> BeforeValidator:
    """An array of tables ``[[key]]`` (absent: none): ``not an array of tables (expected [[key]])``."""

    def check(value: object) -> object:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise invalid(f"not an array of tables (expected [[{key}]])")
        return value

    return BeforeValidator(check)


@cache
def array_of_tables(key: str) -> TypeAdapter[list[dict[str, Any]]]:
    """The validator of an array of tables ``[[key]]`` whose key is only known at run time (plan levels)."""
    return TypeAdapter(Annotated[list[dict[str, Any]], tables_of(key)])


# Tables -----------------------------------------------------------------------------------------


class Table(BaseModel):
    """A TOML table. An absent required field reaches its type as ``None``, which reports it as missing
    in its own words; unknown keys are ignored (see :class:`StrictTable`)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def _absent_is_none(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        absent = {name: None for name, field in cls.model_fields.items() if field.is_required() and name not in data}
        return {**data, **absent} if absent else data


class StrictTable(Table):
    """A table whose unknown keys are problems, reported before the problems of its fields (a misspelt
    key is usually the cause of a "missing" further down)."""

    #: the message of an unknown key; ``{known}`` lists the declared keys
    unknown_key_message: ClassVar[str] = "unknown key (expected one of {known})"

    @model_validator(mode="wrap")
    @classmethod
    def _unknown_keys_first(cls, data: Any, handler: Callable[[Any], Any]) -> Any:
        if not isinstance(data, dict):
            return handler(data)
        known = ", ".join(sorted(cls.model_fields))
        message = cls.unknown_key_message.replace("{known}", known)
        unknown = [problem_at((key,), message, value) for key, value in data.items() if key not in cls.model_fields]
        if not unknown:
            return handler(data)
        try:
            handler(data)
        except ValidationError as error:
            unknown += reraisable(error)
        raise ValidationError.from_exception_data(cls.__name__, unknown)


class Problems:
    """The problems of one file, collected in the order they are found."""

    def __init__(self, file: str):
        self.file = file
        self.found: list[Problem] = []

    def __bool__(self) -> bool:
        return bool(self.found)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.found)

    def add(self, location: str, message: str) -> None:
        self.found.append(Problem(self.file, location or "-", message))

    def validate(
        self, schema: type[Model] | TypeAdapter[Model], data: Any, at: str = "", **context: Any
    ) -> Model | None:
        """``data`` validated by ``schema`` (a model or an adapter), or None after recording its problems
        at locations below ``at``; ``context`` reaches the validators as ``info.context``."""
        adapter = schema if isinstance(schema, TypeAdapter) else _adapter_of(schema)
        try:
            return adapter.validate_python(data, context=context or None)
        except ValidationError as error:
            for location, message in messages(error, at):
                self.add(location, message)
            return None


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter_of(model: type[Model]) -> TypeAdapter[Model]:
    """One adapter per model, built on first use (building one costs more than validating a table)."""
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]
