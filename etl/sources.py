"""Source declarations (``sources.toml``): where data comes from and how to read it.

The file is read and checked once at start-up. Every problem is collected, one
line each, as ``FILE: LOCATION: PROBLEM (got VALUE; expected …)``, and
:class:`SourcesError` carries them all (the CLI exits with code 2). A source of
a plan that is not configured (``GOSTERGE_PLAN``) is skipped with a warning, so
one sources file serves installations that run only some of the plans. See
docs/etl.md for the full reference; ``sources.toml`` at the project root is a
commented example of every kind and format.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etl.cron import CronError, cron_trigger
from gosterge.plan import Plan, Problem
from gosterge.plan.loader import PLAN_CODE_PATTERN
from gosterge.settings import PROJECT_ROOT, Settings

logger = logging.getLogger(__name__)
KINDS = ("inbox", "file", "http")
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
SOURCE_KEYS = {
    "id",
    "plan",
    "kind",
    "location",
    "format",
    "encoding",
    "delimiter",
    "decimal",
    "schedule",
    "demo",
    "pattern",
    "timeout_seconds",
    "retries",
    "backoff_seconds",
    "sheet",
    "layout",
    "records",
    "columns",
    "description",
}
COLUMN_KEYS = {
    "indicator",
    "district",
    "period",
    "value",
    "province",
    "indicator_code",
    "value_columns",
    "period_columns",
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

    @property
    def is_wide(self) -> bool:
        return self.format == "wide_table" or (self.format == "xlsx" and self.layout == "wide")


class SourcesError(ValueError):
    """The sources file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def load_sources(settings: Settings, plans: dict[str, Plan]) -> dict[str, Source]:
    """Read and check ``settings.sources_file``; raise :class:`SourcesError` listing every problem."""
    path = settings.sources_file
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError([Problem(path.name, "-", f"file does not exist ({path})")]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SourcesError([Problem(path.name, "-", f"not valid TOML ({error})")]) from None
    checker = _Checker(path.name, settings, plans)
    tables = document.get("sources", [])
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        checker.problem("sources", "not an array of tables (expected [[sources]])")
        tables = []
    for key in document:
        if key != "sources":
            checker.problem(key, "unknown top-level key (expected only [[sources]])")
    sources: dict[str, Source] = {}
    seen: set[object] = set()
    for index, table in enumerate(tables):
        source = checker.source(table, f"sources[{index}]")
        source_id = table.get("id")
        if isinstance(source_id, str) and source_id in seen:
            checker.problem(f"sources[{index}].id", f"duplicate source id (got {source_id!r}; expected each id once)")
            continue
        seen.add(source_id)
        if source is not None:
            sources[source.id] = source
    if checker.problems:
        raise SourcesError(checker.problems)
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
    )


class _Checker:
    """Builds :class:`Source` objects, recording problems instead of raising."""

    def __init__(self, file_name: str, settings: Settings, plans: dict[str, Plan]):
        self.file_name = file_name
        self.settings = settings
        self.plans = plans
        self.problems: list[Problem] = []
        self.skipped = 0

    def problem(self, location: str, message: str) -> None:
        self.problems.append(Problem(self.file_name, location, message))

    def text(self, table: dict[str, Any], key: str, location: str, *, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(f"{location}.{key}", "missing (expected a text)")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{location}.{key}", f"not a text (got {value!r}; expected a non-empty text)")
            return None
        return value.strip() if key != "delimiter" else value

    def choice(
        self, table: dict[str, Any], key: str, location: str, allowed: tuple[str, ...], default: str | None
    ) -> str | None:
        value = table.get(key, default)
        if value is None and default is None:
            self.problem(f"{location}.{key}", f"missing (expected one of {', '.join(allowed)})")
            return None
        if value not in allowed:
            shown = ", ".join("tab" if item == "\t" else item for item in allowed)
            self.problem(f"{location}.{key}", f"unknown {key} (got {value!r}; expected one of {shown})")
            return None
        return str(value)

    def number(self, table: dict[str, Any], key: str, location: str, default: float, *, whole: bool = False) -> float:
        value = table.get(key, default)
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or value < 0:
            expected = "a whole number ≥ 0" if whole else "a number ≥ 0"
            self.problem(f"{location}.{key}", f"not {expected} (got {value!r})")
            return default
        return float(value)

    def source(self, table: dict[str, Any], location: str) -> Source | None:
        for key in table:
            if key not in SOURCE_KEYS:
                self.problem(f"{location}.{key}", f"unknown key (expected one of {', '.join(sorted(SOURCE_KEYS))})")
        count = len(self.problems)
        source_id = self.text(table, "id", location, required=True)
        if source_id and not SOURCE_ID_PATTERN.match(source_id):
            self.problem(
                f"{location}.id", f"bad source id (got {source_id!r}; expected lower-case letters, digits, '-' and '_')"
            )
        plan_code = self.text(table, "plan", location, required=True)
        plan = self.plans.get(plan_code or "")
        if plan_code and plan is None:
            if PLAN_CODE_PATTERN.match(plan_code):
                logger.warning(
                    "%s: %s: source %r skipped: plan %r is not configured (GOSTERGE_PLAN: %s)",
                    self.file_name,
                    location,
                    source_id,
                    plan_code,
                    ", ".join(self.plans),
                )
                self.skipped += 1
                return None
            self.problem(
                f"{location}.plan",
                f"not a plan code (got {plan_code!r}; expected e.g. {next(iter(self.plans), 'izmir-2014-2023')!r})",
            )
        kind = self.choice(table, "kind", location, KINDS, None)
        file_format = self.choice(table, "format", location, FORMATS, None)
        location_text = self.text(table, "location", location, required=True)
        path, url = self._location(kind, location_text, location)
        delimiter_text = self.choice(table, "delimiter", location, tuple(DELIMITERS), "auto")
        decimal = self.choice(table, "decimal", location, DECIMALS, "auto")
        layout = self.choice(table, "layout", location, LAYOUTS, "wide" if file_format == "wide_table" else "long")
        schedule = self.text(table, "schedule", location)
        if schedule:
            try:
                cron_trigger(schedule)
            except CronError as error:
                self.problem(f"{location}.schedule", f"bad cron expression (got {schedule!r}; {error})")
        demo = table.get("demo", False)
        if not isinstance(demo, bool):
            self.problem(f"{location}.demo", f"not true or false (got {demo!r})")
        pattern_text = self.text(table, "pattern", location) or DEFAULT_PATTERNS.get(file_format or "", "*")
        columns = self._columns(table.get("columns", {}), f"{location}.columns", plan, file_format, layout)
        http = HttpOptions(
            timeout_seconds=self.number(table, "timeout_seconds", location, 30.0),
            retries=int(self.number(table, "retries", location, 3, whole=True)),
            backoff_seconds=self.number(table, "backoff_seconds", location, 2.0),
        )
        if len(self.problems) > count or None in (source_id, plan_code, kind, file_format, location_text):
            return None
        assert source_id and plan_code and kind and file_format and location_text and layout
        return Source(
            id=source_id,
            plan_code=plan_code,
            kind=kind,
            location=location_text,
            format=file_format,
            path=path,
            url=url,
            encoding=self.choice(table, "encoding", location, ENCODINGS, "auto") or "auto",
            delimiter=DELIMITERS[delimiter_text or "auto"],
            decimal=None if decimal in (None, "auto") else decimal,
            schedule=schedule,
            is_demo=bool(demo),
            patterns=tuple(pattern_text.split()),
            http=http,
            sheet=self.text(table, "sheet", location),
            layout=layout,
            records=self.text(table, "records", location),
            columns=columns,
            description=self.text(table, "description", location) or "",
        )

    def _location(self, kind: str | None, text: str | None, location: str) -> tuple[Path | None, str | None]:
        if not text or not kind:
            return None, None
        if kind == "http":
            if not text.startswith(("http://", "https://")):
                self.problem(f"{location}.location", f"not an http(s) URL (got {text!r}; expected https://…)")
            return None, text
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = (self.settings.data_dir if kind == "inbox" else PROJECT_ROOT) / path
        if kind == "inbox" and path.exists() and not path.is_dir():
            self.problem(f"{location}.location", f"not a folder (got {text!r}; expected an inbox folder)")
        return path, None

    def _columns(
        self, raw: Any, location: str, plan: Plan | None, file_format: str | None, layout: str | None
    ) -> Columns:
        if not isinstance(raw, dict):
            self.problem(location, f"not a table (got {raw!r}; expected [sources.columns])")
            return Columns()
        for key in raw:
            if key not in COLUMN_KEYS:
                self.problem(f"{location}.{key}", f"unknown key (expected one of {', '.join(sorted(COLUMN_KEYS))})")
        names = {
            key: self.text(raw, key, location)
            for key in ("indicator", "district", "period", "value", "province", "indicator_code")
        }
        indicator_code = self._indicator_code(names["indicator_code"], f"{location}.indicator_code", plan)
        value_columns: dict[str, str] = {}
        raw_values = raw.get("value_columns", {})
        if not isinstance(raw_values, dict):
            self.problem(
                f"{location}.value_columns",
                f'not a table (got {raw_values!r}; expected {{ column = "indicator code" }})',
            )
        else:
            for column, code in raw_values.items():
                resolved = self._indicator_code(code, f"{location}.value_columns.{column}", plan)
                if resolved:
                    value_columns[str(column)] = resolved
        period_columns = raw.get("period_columns", [])
        if not isinstance(period_columns, list) or not all(isinstance(item, str) for item in period_columns):
            self.problem(f"{location}.period_columns", f"not a list of texts (got {period_columns!r})")
            period_columns = []
        is_wide = file_format == "wide_table" or (file_format == "xlsx" and layout == "wide")
        if is_wide and not indicator_code:
            self.problem(
                f"{location}.indicator_code",
                'missing (a wide table holds one indicator: expected indicator_code = "…")',
            )
        if value_columns and (indicator_code or names["indicator"]):
            self.problem(
                f"{location}.value_columns",
                "given together with indicator or indicator_code (expected value_columns alone)",
            )
        return Columns(
            indicator=names["indicator"],
            district=names["district"],
            period=names["period"],
            value=names["value"],
            province=names["province"],
            indicator_code=indicator_code,
            value_columns=value_columns,
            period_columns=tuple(period_columns),
        )

    def _indicator_code(self, code: Any, location: str, plan: Plan | None) -> str | None:
        if code is None or plan is None:
            return None
        if code == POPULATION:
            if plan.population_indicator is None:
                self.problem(
                    location,
                    f"plan {plan.code!r} declares no population_indicator "
                    f"(got {POPULATION!r}; expected an indicator code)",
                )
            return plan.population_indicator
        if not isinstance(code, str) or code not in plan.indicators:
            self.problem(
                location,
                f"unknown indicator of plan {plan.code!r} (got {code!r}; expected an indicator code or {POPULATION!r})",
            )
            return None
        return code
