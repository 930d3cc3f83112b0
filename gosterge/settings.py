"""Runtime settings: the only module that reads ``os.environ``.

Environment variables
---------------------
GOSTERGE_DATA_DIR
    Folder holding the warehouse, the inbox, the archive and the rejected-file
    folder. Default: ``data/`` inside the project (git-ignored).
GOSTERGE_PLAN
    Plan file or files, separated by ``:`` or ``,``. Relative paths are read
    from the project folder. Default: ``indicators.toml`` and
    ``plans/balikesir.toml``.
GOSTERGE_SOURCES
    ETL source declarations (TOML). Default: ``sources.toml`` in the project.
GOSTERGE_BOUNDARIES
    District boundary GeoJSON (optional). Without it the dashboard draws its
    tile-grid map.
GOSTERGE_COVERAGE_FLOOR
    Share of weight (0-1) with data below which a roll-up is withheld.
    Default 0.5.
GOSTERGE_CAP_REALIZATION
    "1" (default) caps realization at 100 % (and floors it at 0 %) in roll-ups,
    as Turkish practice does; "0" keeps raw values.
GOSTERGE_SCHEDULER
    "1" (default) lets ``python app.py`` run the scheduler in-process; "0" not.
GOSTERGE_TIME_ZONE
    The IANA time zone times are shown in (default ``Europe/Istanbul``).
GOSTERGE_MAX_FILE_MB, GOSTERGE_MAX_WORKBOOK_MB, GOSTERGE_MAX_CELL_CHARACTERS, GOSTERGE_MAX_JSON_DEPTH
    Limits on what the ETL reads (:class:`Limits`): a file's size (default
    256 MiB), a workbook's uncompressed size (default 64 MiB), the characters
    of one cell (default 32,767, Excel's own limit) and the nesting depth of
    a JSON document (default 32).
GOSTERGE_SETTLE_SECONDS
    How long an inbox file must stay unchanged (size, modification and change
    time) before it is read: a file still being copied in is left for the
    next run. Default 5 (seconds, decimals allowed; 0 reads at once).
GOSTERGE_FILE_TIME_LIMIT_SECONDS
    The longest one file may take to be read and validated; a file that takes
    longer fails its run and is set aside. Default 600.
GOSTERGE_RUN_WAIT_SECONDS
    How long ``python -m etl run`` (or a scheduled run) waits for another run
    of the same data folder to finish before it gives up. Default 60.
GOSTERGE_ENTRIES_POLL_SECONDS
    How often the scheduler looks for approved entries to load (the
    ``entries-<plan>`` sources, docs/entries.md). Default 60.
GOSTERGE_CACHE_DIR
    The folder of the rendered pages shared by the web workers of one
    machine (dashboard/page_cache.py). Default: ``cache/pages`` in
    GOSTERGE_DATA_DIR. Its files can be deleted at any time.
GOSTERGE_DATABASE_URL
    The operational database (accounts, roles, sign-in records, the audit log,
    re-process requests): a SQLAlchemy URL such as
    ``postgresql+psycopg://gosterge@db/gosterge``. Default: the SQLite file
    ``operations.sqlite`` in GOSTERGE_DATA_DIR.
GOSTERGE_ACCESS
    ``public`` (default: anyone reads the published dashboard and downloads;
    staff pages need a sign-in) or ``private`` (everything needs a sign-in).
GOSTERGE_SECRET_KEY
    The key that signs session cookies (every web worker needs the same one).
    Default: a random key kept in ``secret_key`` in GOSTERGE_DATA_DIR.
GOSTERGE_SESSION_IDLE_MINUTES
    Minutes without a request after which a session ends. Default 30.
GOSTERGE_COOKIE_SECURE
    "1" sends the session cookie over HTTPS only (set it behind TLS); default "0".
GOSTERGE_MAX_REQUEST_KB
    The largest request body the web server accepts, in KiB. Default 1024.
GOSTERGE_TRUSTED_PROXIES
    How many reverse proxies stand in front of the web server (default 0): the
    web trusts that many hops of ``X-Forwarded-For``, ``-Proto`` and ``-Host``
    (werkzeug's ProxyFix), so sign-in throttling and the audit log see the
    client's address, and the site's own scheme and host are the proxy's. With
    0 those headers are ignored: anyone can send them.
GOSTERGE_SMTP_HOST, GOSTERGE_SMTP_PORT, GOSTERGE_SMTP_TLS, GOSTERGE_SMTP_SENDER, GOSTERGE_SMTP_USER, GOSTERGE_SMTP_PASSWORD
    The mail server notifications are sent through (:class:`Smtp`); without
    GOSTERGE_SMTP_HOST no e-mail is sent. TLS: ``starttls`` (default),
    ``ssl`` (TLS from the first byte) or ``none``; the port defaults to 587,
    465 and 25 respectively. The sender (``Gösterge <gosterge@example.org>``)
    is required with a host; user and password go together.
GOSTERGE_BASE_URL
    The address people reach the dashboard at (``https://gosterge.example.org``),
    for the absolute links in e-mails; required when GOSTERGE_SMTP_HOST is set.

A bad value stops the program with one line naming the variable, the value
and what was expected (:class:`SettingsError`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PLAN_FILES = ("indicators.toml", "plans/balikesir.toml")
ACCESS_MODES = ("public", "private")


class SettingsError(ValueError):
    """A runtime setting has a value the program cannot use."""


SMTP_TLS_MODES = ("starttls", "ssl", "none")
SMTP_DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class Smtp:
    """The mail server notifications go through (GOSTERGE_SMTP_*)."""

    host: str
    port: int
    tls: str  # starttls | ssl | none (SMTP_TLS_MODES)
    sender: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    digest_hour: int = 8  # local hour (GOSTERGE_TIME_ZONE) after which the day's digests go (GOSTERGE_SMTP_DIGEST_HOUR)


@dataclass(frozen=True)
class Limits:
    """What the ETL agrees to read: larger files fail with a message naming the limit, longer cells reject
    their row."""

    max_file_bytes: int = 256 << 20
    max_workbook_bytes: int = 64 << 20  # uncompressed: the sum of the workbook's parts
    max_cell_characters: int = 32_767  # Excel's own limit for one cell
    max_json_depth: int = 32


@dataclass(frozen=True)
class Settings:
    """Runtime settings, read once from the environment by :func:`load_settings`."""

    data_dir: Path
    plan_files: tuple[Path, ...]
    sources_file: Path
    boundaries_file: Path | None
    coverage_floor: float = 0.5
    cap_realization: bool = True
    run_scheduler: bool = True
    limits: Limits = Limits()
    settle_seconds: float = 5.0
    file_time_limit_seconds: float = 600.0
    run_wait_seconds: float = 60.0
    entries_poll_seconds: float = 60.0  # the scheduler's look for approved entries (GOSTERGE_ENTRIES_POLL_SECONDS)
    time_zone: str = "Europe/Istanbul"  # the zone times are shown in (GOSTERGE_TIME_ZONE, an IANA name)
    database_url: str | None = None  # None: the SQLite file in the data folder
    access_mode: str = "public"  # public | private (ACCESS_MODES)
    secret_key: str | None = None  # None: kept in the data folder's secret_key file
    session_idle_minutes: int = 30
    cookie_secure: bool = False
    max_request_bytes: int = 1 << 20
    trusted_proxies: int = 0  # reverse proxies in front whose X-Forwarded-* headers are trusted
    smtp: Smtp | None = None  # None: no e-mail is sent
    base_url: str | None = None  # the dashboard's address, for links in e-mails (no trailing slash)
    notification_days: int = 90  # read notifications and sent or failed e-mails are deleted after this many days
    cache_dir: Path | None = None  # the rendered pages' folder (GOSTERGE_CACHE_DIR); None: in the data folder

    @property
    def page_cache_dir(self) -> Path:
        """The folder of rendered pages shared by the web workers of this machine (GOSTERGE_CACHE_DIR)."""
        return self.cache_dir or self.data_dir / "cache" / "pages"

    @property
    def operations_url(self) -> str:
        """The operational database's SQLAlchemy URL (GOSTERGE_DATABASE_URL, or SQLite in the data folder)."""
        return self.database_url or f"sqlite:///{self.data_dir / 'operations.sqlite'}"

    @property
    def secret_key_file(self) -> Path:
        return self.data_dir / "secret_key"

    @property
    def warehouse_file(self) -> Path:
        """The writer's working database (only the ETL opens it)."""
        return self.data_dir / "warehouse.duckdb"

    @property
    def published_file(self) -> Path:
        """The read-only snapshot every dashboard process reads."""
        return self.data_dir / "published.duckdb"

    @property
    def inbox_dir(self) -> Path:
        return self.data_dir / "inbox"

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"

    @property
    def failed_dir(self) -> Path:
        return self.data_dir / "failed"

    @property
    def demo_dir(self) -> Path:
        return self.data_dir / "demo"

    def ensure_dirs(self) -> None:
        for folder in (self.data_dir, self.inbox_dir, self.archive_dir, self.failed_dir):
            folder.mkdir(parents=True, exist_ok=True)


def _resolve(path_text: str) -> Path:
    path = Path(path_text).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def _flag(environ: dict[str, str] | os._Environ[str], name: str, default: bool) -> bool:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name}: got {raw!r}; expected 1 or 0")


def _whole(environ: dict[str, str] | os._Environ[str], name: str, default: int, scale: int = 1) -> int:
    """A whole number ≥ 1 (times ``scale``), or ``default`` when the variable is unset."""
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise SettingsError(f"{name}: got {raw!r}; expected a whole number ≥ 1")
    return int(raw) * scale


def _count(environ: dict[str, str] | os._Environ[str], name: str, default: int) -> int:
    """A whole number ≥ 0, or ``default`` when the variable is unset."""
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit():
        raise SettingsError(f"{name}: got {raw!r}; expected a whole number ≥ 0")
    return int(raw)


def _seconds(environ: dict[str, str] | os._Environ[str], name: str, default: float, *, minimum: float) -> float:
    """A number of seconds ≥ ``minimum`` (decimals allowed), or ``default`` when the variable is unset."""
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw) if raw.isascii() else float("nan")
    except ValueError:
        value = float("nan")
    if not value >= minimum or value == float("inf"):
        raise SettingsError(f"{name}: got {raw!r}; expected a number of seconds ≥ {minimum:g}")
    return value


def load_limits(environ: dict[str, str] | os._Environ[str]) -> Limits:
    """The reading limits from ``environ`` (unset variables keep :class:`Limits`' defaults)."""
    default = Limits()
    return Limits(
        max_file_bytes=_whole(environ, "GOSTERGE_MAX_FILE_MB", default.max_file_bytes, 1 << 20),
        max_workbook_bytes=_whole(environ, "GOSTERGE_MAX_WORKBOOK_MB", default.max_workbook_bytes, 1 << 20),
        max_cell_characters=_whole(environ, "GOSTERGE_MAX_CELL_CHARACTERS", default.max_cell_characters),
        max_json_depth=_whole(environ, "GOSTERGE_MAX_JSON_DEPTH", default.max_json_depth),
    )


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings from ``environ`` (default: ``os.environ``)."""
    env = os.environ if environ is None else environ
    data_dir = _resolve(env.get("GOSTERGE_DATA_DIR") or "data")
    plan_text = env.get("GOSTERGE_PLAN") or ",".join(DEFAULT_PLAN_FILES)
    plan_files = tuple(_resolve(part.strip()) for part in plan_text.replace(":", ",").split(",") if part.strip())
    for plan_file in plan_files:
        if not plan_file.is_file():
            raise SettingsError(f"GOSTERGE_PLAN: plan file {str(plan_file)!r} does not exist")
    boundaries_text = env.get("GOSTERGE_BOUNDARIES") or ""
    boundaries = _resolve(boundaries_text) if boundaries_text else None
    if boundaries is not None and not boundaries.is_file():
        raise SettingsError(f"GOSTERGE_BOUNDARIES: file {str(boundaries)!r} does not exist")
    floor_text = env.get("GOSTERGE_COVERAGE_FLOOR") or "0.5"
    try:
        floor = float(floor_text)
    except ValueError:
        floor = -1.0
    if not 0.0 <= floor <= 1.0:
        raise SettingsError(f"GOSTERGE_COVERAGE_FLOOR: got {floor_text!r}; expected a number from 0 to 1")
    time_zone = env.get("GOSTERGE_TIME_ZONE") or "Europe/Istanbul"
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"GOSTERGE_TIME_ZONE: got {time_zone!r}; expected an IANA time zone such as Europe/Istanbul"
        ) from None
    access_mode = env.get("GOSTERGE_ACCESS") or "public"
    if access_mode not in ACCESS_MODES:
        raise SettingsError(f"GOSTERGE_ACCESS: got {access_mode!r}; expected one of {', '.join(ACCESS_MODES)}")
    database_url = env.get("GOSTERGE_DATABASE_URL") or None
    if database_url is not None and not database_url.startswith(("sqlite:", "postgresql:", "postgresql+")):
        raise SettingsError(
            f"GOSTERGE_DATABASE_URL: got a URL of scheme {database_url.partition(':')[0]!r}; "
            "expected sqlite:///PATH or postgresql+psycopg://…"
        )
    smtp = load_smtp(env)
    base_url = load_base_url(env)
    if smtp is not None and base_url is None:
        raise SettingsError(
            "GOSTERGE_BASE_URL: not set; expected the dashboard's address (https://…) for the links in e-mails, as GOSTERGE_SMTP_HOST is set"
        )
    return Settings(
        data_dir=data_dir,
        plan_files=plan_files,
        sources_file=_resolve(env.get("GOSTERGE_SOURCES") or "sources.toml"),
        boundaries_file=boundaries,
        coverage_floor=floor,
        cap_realization=_flag(env, "GOSTERGE_CAP_REALIZATION", True),
        run_scheduler=_flag(env, "GOSTERGE_SCHEDULER", True),
        limits=load_limits(env),
        settle_seconds=_seconds(env, "GOSTERGE_SETTLE_SECONDS", 5.0, minimum=0.0),
        file_time_limit_seconds=_seconds(env, "GOSTERGE_FILE_TIME_LIMIT_SECONDS", 600.0, minimum=0.1),
        run_wait_seconds=_seconds(env, "GOSTERGE_RUN_WAIT_SECONDS", 60.0, minimum=0.0),
        entries_poll_seconds=_seconds(env, "GOSTERGE_ENTRIES_POLL_SECONDS", 60.0, minimum=0.1),
        time_zone=time_zone,
        database_url=database_url,
        access_mode=access_mode,
        secret_key=env.get("GOSTERGE_SECRET_KEY") or None,
        session_idle_minutes=_whole(env, "GOSTERGE_SESSION_IDLE_MINUTES", 30),
        cookie_secure=_flag(env, "GOSTERGE_COOKIE_SECURE", False),
        max_request_bytes=_whole(env, "GOSTERGE_MAX_REQUEST_KB", 1 << 20, 1 << 10),
        trusted_proxies=_count(env, "GOSTERGE_TRUSTED_PROXIES", 0),
        smtp=smtp,
        base_url=base_url,
        notification_days=_notification_days(env),
        cache_dir=_resolve(env["GOSTERGE_CACHE_DIR"]) if env.get("GOSTERGE_CACHE_DIR") else None,
    )


def load_smtp(environ: dict[str, str] | os._Environ[str]) -> Smtp | None:
    """The mail server from ``environ`` (None when GOSTERGE_SMTP_HOST is unset)."""
    host = (environ.get("GOSTERGE_SMTP_HOST") or "").strip()
    if not host:
        return None
    tls = (environ.get("GOSTERGE_SMTP_TLS") or "starttls").strip().lower()
    if tls not in SMTP_TLS_MODES:
        raise SettingsError(f"GOSTERGE_SMTP_TLS: got {tls!r}; expected one of {', '.join(SMTP_TLS_MODES)}")
    port = _whole(environ, "GOSTERGE_SMTP_PORT", SMTP_DEFAULT_PORTS[tls])
    if port > 65535:
        raise SettingsError(f"GOSTERGE_SMTP_PORT: got {port!r}; expected a port from 1 to 65535")
    sender = (environ.get("GOSTERGE_SMTP_SENDER") or "").strip()
    if "@" not in sender or any(character in sender for character in "\r\n"):
        raise SettingsError(
            f"GOSTERGE_SMTP_SENDER: got {sender!r}; expected an address such as 'Gösterge <gosterge@example.org>'"
        )
    user = environ.get("GOSTERGE_SMTP_USER") or None
    password = environ.get("GOSTERGE_SMTP_PASSWORD") or None
    if (user is None) != (password is None):
        raise SettingsError(
            "GOSTERGE_SMTP_USER and GOSTERGE_SMTP_PASSWORD: got one without the other; expected both or neither"
        )
    hour = _count(environ, "GOSTERGE_SMTP_DIGEST_HOUR", 8)
    if hour > 23:
        raise SettingsError(f"GOSTERGE_SMTP_DIGEST_HOUR: got {hour!r}; expected an hour from 0 to 23")
    return Smtp(host=host, port=port, tls=tls, sender=sender, user=user, password=password, digest_hour=hour)


#: the alerts look back this many days for loads and status changes: notifications are kept longer, so
#: that deleting an old one never lets the same event be notified again
NOTIFICATION_DAYS_MINIMUM = 8


def _notification_days(environ: dict[str, str] | os._Environ[str]) -> int:
    days = _whole(environ, "GOSTERGE_NOTIFICATION_DAYS", 90)
    if days < NOTIFICATION_DAYS_MINIMUM:
        raise SettingsError(
            f"GOSTERGE_NOTIFICATION_DAYS: got {days!r}; expected at least {NOTIFICATION_DAYS_MINIMUM} "
            "(the alerts look back 7 days)"
        )
    return days


def load_base_url(environ: dict[str, str] | os._Environ[str]) -> str | None:
    """GOSTERGE_BASE_URL without its trailing slash (None when unset)."""
    raw = (environ.get("GOSTERGE_BASE_URL") or "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SettingsError(f"GOSTERGE_BASE_URL: got {raw!r}; expected an address such as https://gosterge.example.org")
    return raw.rstrip("/")
