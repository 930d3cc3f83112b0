"""Source declarations (``sources.toml``): where data comes from and how to read it.

The file is read and checked once at start-up. Every problem is collected, one
line each, as ``FILE: LOCATION: PROBLEM (got VALUE; expected …)``, and
:class:`SourcesError` carries them all (the CLI exits with code 2). A source of
a plan that is not configured (``GOSTERGE_PLAN``) is skipped with a warning, so
one sources file serves installations that run only some of the plans (its
table is still checked, except for what needs the plan). See docs/etl.md for
the full reference; ``sources.toml`` at the project root is a commented example
of every kind and format.

The file is described by pydantic models (:class:`SourceTable`,
:class:`ColumnsTable`) built from the shared field types of
:mod:`gosterge.validation`, which also turns their errors into our lines. Each
``[[sources]]`` table is validated on its own; what depends on another field
(an http location, the columns of a wide table) or on the configured plans (the
indicator codes of the columns) is checked by field validators reading the
fields declared before them, so the fields are declared in the order their
problems are reported. Valid tables become :class:`Source` objects.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, ValidationInfo, field_validator
from pydantic_core import InitErrorDetails

from etl.cron import CronError, cron_trigger
from gosterge.plan import Plan
from gosterge.plan.schema import PLAN_CODE_PATTERN
from gosterge.settings import PROJECT_ROOT, Limits, Settings
from gosterge.validation import (
    Location,
    OptionalText,
    Problem,
    Problems,
    StrictTable,
    Text,
    TrueOrFalse,
    array_of_tables,
    invalid,
    matching,
    number,
    one_of,
    problem_at,
    raise_all,
    table_of,
)

logger = logging.getLogger(__name__)
KINDS = ("inbox", "file", "http")
ENTRIES = "entries"  # the kind of the sources added for every plan, never declared (etl/entries.py)
FORMATS = ("long_csv", "wide_table", "xlsx", "json")
ENCODINGS = ("auto", "utf-8", "cp1254", "iso-8859-9")
DELIMITERS = {"auto": None, ",": ",", ";": ";", "tab": "\t", "\t": "\t", "|": "|"}
DECIMALS = ("auto", ",", ".")
LAYOUTS = ("long", "wide")
POPULATION = "@population"
SOURCE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
DEFAULT_PATTERNS = {
    "long_csv": "*.csv *.txt *.tsv",
    "wide_table": "*.csv *.txt *.tsv",
    "xlsx": "*.xlsx",
    "json": "*.json",
}


@dataclass(frozen=True)
class Columns:
    """Which file columns hold what. Unset names fall back to the usual Turkish and English headers."""

    indicator: str | None = None
    district: str | None = None
    period: str | None = None
    value: str | None = None
    province: str | None = None
    indicator_code: str | None = None
    value_columns: dict[str, str] = field(default_factory=dict)
    period_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class HttpOptions:
    timeout_seconds: float = 30.0
    retries: int = 3
    backoff_seconds: float = 2.0


@dataclass(frozen=True)
class Source:
    """One declared source. ``path`` is set for inbox and file sources, ``url`` for http."""

    id: str
    plan_code: str
    kind: str
    location: str
    format: str
    path: Path | None = None
    url: str | None = None
    encoding: str = "auto"
    delimiter: str | None = None
    decimal: str | None = None
    schedule: str | None = None
    is_demo: bool = False
    patterns: tuple[str, ...] = ()
    http: HttpOptions = HttpOptions()
    sheet: str | None = None
    layout: str = "long"
    records: str | None = None
    columns: Columns = Columns()
    description: str = ""
    limits: Limits = Limits()  # the installation's reading limits (GOSTERGE_MAX_…), the same for every source

    @property
    def is_wide(self) -> bool:
        return self.format == "wide_table" or (self.format == "xlsx" and self.layout == "wide")


class SourcesError(ValueError):
    """The sources file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def context_of(info: ValidationInfo) -> dict[str, Any]:
    """What :func:`load_sources` gives the validators: ``plans`` (configured) and ``settings``."""
    return info.context or {}


def _texts(value: object) -> object:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise invalid(f"not a list of texts (got {value!r})")
    return value


class ColumnsTable(StrictTable):
    """``[sources.columns]``: which file columns hold what (checked against the plan by :class:`SourceTable`)."""

    indicator: OptionalText = None
    district: OptionalText = None
    period: OptionalText = None
    value: OptionalText = None
    province: OptionalText = None
    indicator_code: OptionalText = None
    value_columns: Annotated[dict[str, Any], table_of('{ column = "indicator code" }', problem="not a table")] = {}
    period_columns: Annotated[list[str], BeforeValidator(_texts)] = []


class SourceTable(StrictTable):
    """``[[sources]]``: one source. Field validators that read earlier fields (``info.data``) or the
    configured plans (``info.context``) check what depends on them; fields are declared in the order
    their problems are reported."""

    id: Annotated[
        str,
        matching(
            SOURCE_ID_PATTERN.match, "bad source id (got {got}; expected lower-case letters, digits, '-' and '_')"
        ),
    ]
    plan: Text
    kind: Annotated[str, one_of(KINDS)]
    format: Annotated[str, one_of(FORMATS)]
    location: Text
    encoding: Annotated[str, one_of(ENCODINGS)] = "auto"
    delimiter: Annotated[str, one_of(DELIMITERS, shown={"\t": "tab"})] = "auto"
    decimal: Annotated[str, one_of(DECIMALS)] = "auto"
    layout: Annotated[str | None, one_of(LAYOUTS)] = None  # default: wide for a wide_table, long otherwise
    schedule: OptionalText = None
    demo: TrueOrFalse = False
    pattern: OptionalText = None
    columns: Annotated[ColumnsTable, table_of("[sources.columns]", problem="not a table")] = ColumnsTable()
    timeout_seconds: Annotated[float, number(minimum=0)] = 30.0
    retries: Annotated[int, number(whole=True, minimum=0)] = 3
    backoff_seconds: Annotated[float, number(minimum=0)] = 2.0
    sheet: OptionalText = None
    records: OptionalText = None
    description: OptionalText = None

    @field_validator("plan")
    @classmethod
    def _plan_code(cls, plan_code: str, info: ValidationInfo) -> str:
        plans: dict[str, Plan] = context_of(info)["plans"]
        if plan_code not in plans and not PLAN_CODE_PATTERN.match(plan_code):
            example = next(iter(plans), "izmir-2014-2023")
            raise invalid(f"not a plan code (got {plan_code!r}; expected e.g. {example!r})")
        return plan_code

    @field_validator("location")
    @classmethod
    def _location_of_kind(cls, location: str, info: ValidationInfo) -> str:
        kind = info.data.get("kind")
        if kind == "http" and not location.startswith(("http://", "https://")):
            raise invalid(f"not an http(s) URL (got {location!r}; expected https://…)")
        if kind == "inbox":
            path = resolve_path(kind, location, context_of(info)["settings"])
            if path.exists() and not path.is_dir():
                raise invalid(f"not a folder (got {location!r}; expected an inbox folder)")
        return location

    @field_validator("schedule")
    @classmethod
    def _cron(cls, schedule: str | None) -> str | None:
        if schedule:
            try:
                cron_trigger(schedule)
            except CronError as error:
                raise invalid(f"bad cron expression (got {schedule!r}; {error})") from None
        return schedule

    @field_validator("columns")
    @classmethod
    def _columns_of_the_plan(cls, columns: ColumnsTable, info: ValidationInfo) -> ColumnsTable:
        plan = context_of(info)["plans"].get(info.data.get("plan"))
        if plan is None:
            return columns  # the plan is not configured: the source is skipped
        file_format, layout = info.data.get("format"), info.data.get("layout")
        is_wide = file_format == "wide_table" or (file_format == "xlsx" and layout == "wide")
        return _checked_columns(columns, plan, is_wide=is_wide)


class SourcesFileTable(StrictTable):
    """The whole file: only ``[[sources]]`` (read table by table as :class:`SourceTable`)."""

    unknown_key_message: ClassVar[str] = "unknown top-level key (expected only [[sources]])"
    sources: Any = None


def load_sources(settings: Settings, plans: dict[str, Plan]) -> dict[str, Source]:
    """Read and check ``settings.sources_file``; raise :class:`SourcesError` listing every problem."""
    path = settings.sources_file
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError([Problem(path.name, "-", f"file does not exist ({path})")]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SourcesError([Problem(path.name, "-", f"not valid TOML ({error})")]) from None
    problems = Problems(path.name)
    problems.validate(SourcesFileTable, document)
    tables = problems.validate(array_of_tables("sources"), document.get("sources"), at="sources") or []
    sources: dict[str, Source] = {}
    seen: set[object] = set()
    for index, table in enumerate(tables):
        location = f"sources[{index}]"
        source_table = problems.validate(SourceTable, table, at=location, plans=plans, settings=settings)
        source_id = table.get("id")
        if isinstance(source_id, str) and source_id in seen:
            problems.add(f"{location}.id", f"duplicate source id (got {source_id!r}; expected each id once)")
            continue
        seen.add(source_id)
        if source_table is None:
            continue
        if source_table.plan not in plans:
            logger.warning(
                "%s: %s: source %r skipped: plan %r is not configured (GOSTERGE_PLAN: %s)",
                path.name,
                location,
                source_table.id,
                source_table.plan,
                ", ".join(plans),
            )
            continue
        sources[source_table.id] = _source(source_table, settings)
    if problems:
        raise SourcesError(list(problems))
    return sources


def entries_source(settings: Settings, plan: Plan) -> Source:
    """The plan's approved entries (docs/entries.md): ``entries-<plan>``, read from the operational database."""
    return Source(
        id=f"{ENTRIES}-{plan.code}",
        plan_code=plan.code,
        kind=ENTRIES,
        location="operational database",
        format=ENTRIES,
        description="approved entries of the responsible units",
        limits=settings.limits,
    )


def configured_sources(settings: Settings, plans: dict[str, Plan]) -> dict[str, Source]:
    """The declared sources (:func:`load_sources`) and every plan's entries source, added automatically."""
    sources = load_sources(settings, plans)
    for plan in plans.values():
        source = entries_source(settings, plan)
        if source.id in sources:
            raise SourcesError(
                [Problem(settings.sources_file.name, "sources", f"the source id {source.id!r} is reserved for entries")]
            )
        sources[source.id] = source
    return sources


def demo_source_id(plan: Plan) -> str:
    """``"izmir-2014-2023"`` → ``"demo-izmir"``."""
    return "demo-" + plan.code.split("-")[0]


def demo_source(settings: Settings, plan: Plan, sources: dict[str, Source]) -> Source:
    """The plan's declared demo source, or the built-in one (an inbox under ``inbox/demo-…``)."""
    for source in sources.values():
        if source.is_demo and source.plan_code == plan.code:
            return source
    source_id = demo_source_id(plan)
    location = f"inbox/{source_id}"
    return Source(
        id=source_id,
        plan_code=plan.code,
        kind="inbox",
        location=location,
        format="long_csv",
        path=settings.data_dir / location,
        is_demo=True,
        patterns=tuple(DEFAULT_PATTERNS["long_csv"].split()),
        description="demo data (generated)",
        limits=settings.limits,
    )


def resolve_path(kind: str, location: str, settings: Settings) -> Path:
    """Where an inbox or file source is: a relative location is under the data folder (inbox) or the
    project (file)."""
    path = Path(location).expanduser()
    if path.is_absolute():
        return path
    return (settings.data_dir if kind == "inbox" else PROJECT_ROOT) / path


def _source(table: SourceTable, settings: Settings) -> Source:
    """The :class:`Source` a valid ``[[sources]]`` table declares, defaults filled in."""
    is_http = table.kind == "http"
    columns = table.columns
    return Source(
        id=table.id,
        plan_code=table.plan,
        kind=table.kind,
        location=table.location,
        format=table.format,
        path=None if is_http else resolve_path(table.kind, table.location, settings),
        url=table.location if is_http else None,
        encoding=table.encoding,
        delimiter=DELIMITERS[table.delimiter],
        decimal=None if table.decimal == "auto" else table.decimal,
        schedule=table.schedule,
        is_demo=table.demo,
        patterns=tuple((table.pattern or DEFAULT_PATTERNS.get(table.format, "*")).split()),
        http=HttpOptions(table.timeout_seconds, table.retries, table.backoff_seconds),
        sheet=table.sheet,
        layout=table.layout or ("wide" if table.format == "wide_table" else "long"),
        records=table.records,
        columns=Columns(
            indicator=columns.indicator,
            district=columns.district,
            period=columns.period,
            value=columns.value,
            province=columns.province,
            indicator_code=columns.indicator_code,
            value_columns=dict(columns.value_columns),
            period_columns=tuple(columns.period_columns),
        ),
        description=table.description or "",
        limits=settings.limits,
    )


def _checked_columns(columns: ColumnsTable, plan: Plan, *, is_wide: bool) -> ColumnsTable:
    """``columns`` with their indicator codes resolved in ``plan`` (``@population``: its population
    indicator); raises every problem, located under ``columns``."""
    problems: list[InitErrorDetails] = []
    indicator_code = _indicator_code(columns.indicator_code, ("indicator_code",), plan, problems)
    value_columns: dict[str, str] = {}
    for column, code in columns.value_columns.items():
        resolved = _indicator_code(code, ("value_columns", column), plan, problems)
        if resolved:
            value_columns[column] = resolved
    if is_wide and not indicator_code:
        message = 'missing (a wide table holds one indicator: expected indicator_code = "…")'
        problems.append(problem_at(("indicator_code",), message))
    if value_columns and (indicator_code or columns.indicator):
        message = "given together with indicator or indicator_code (expected value_columns alone)"
        problems.append(problem_at(("value_columns",), message))
    raise_all("columns", problems)
    return columns.model_copy(update={"indicator_code": indicator_code, "value_columns": value_columns})


def _indicator_code(code: object, at: Location, plan: Plan, problems: list[InitErrorDetails]) -> str | None:
    """An indicator code of ``plan`` (``@population``: its population indicator), or None after a problem."""
    if code is None:
        return None
    if code == POPULATION:
        if plan.population_indicator is None:
            message = (
                f"plan {plan.code!r} declares no population_indicator (got {POPULATION!r}; expected an indicator code)"
            )
            problems.append(problem_at(at, message, code))
        return plan.population_indicator
    if not isinstance(code, str) or code not in plan.indicators:
        message = (
            f"unknown indicator of plan {plan.code!r} (got {code!r}; expected an indicator code or {POPULATION!r})"
        )
        problems.append(problem_at(at, message, code))
        return None
    return code
