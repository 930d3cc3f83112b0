"""What every command of the ETL command line starts from: the settings, the plans and the sources."""

from __future__ import annotations

from etl.sources import Source, configured_sources
from gosterge.plan import Plan, load_plans
from gosterge.settings import Settings, load_settings


def cli_context() -> tuple[Settings, dict[str, Plan], dict[str, Source]]:
    settings = load_settings()
    plans = load_plans(settings.plan_files)
    return settings, plans, configured_sources(settings, plans)
