"""Export test fixtures: a warehouse with the mini plan and its hostile copy (names that start like
formulas, Turkish letters, separators and line breaks), rejected rows with tabs and carriage returns,
and the export routes served over real HTTP on loopback.

Browser tests use the session's one dashboard app (tests/support/dashboard_app.py).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import requests
from flask import Flask
from werkzeug.serving import make_server

from dashboard.downloads.routes import register_export_routes
from etl.demo import demo_measurements
from gosterge.plan import Plan, load_plan
from gosterge.settings import load_settings
from tests.support.builders import load_rows
from tests.support.downloads import HOSTILE_TEXTS, ExportContext
from warehouse import Reader, Warehouse
from warehouse.loading import finish_run, start_run, store_rejected

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="session")
def hostile_plan() -> Plan:
    return load_plan(FIXTURES / "plans" / "hostile.toml")


@pytest.fixture(scope="session")
def export_plans(mini_plan: Plan, hostile_plan: Plan) -> dict[str, Plan]:
    return {mini_plan.code: mini_plan, hostile_plan.code: hostile_plan}


def add_rejected_rows(data_dir: Path, plan_code: str, values: tuple[str, ...]) -> int:
    """One failed load with a rejected row per value (value, reason and raw row carry it)."""
    warehouse = Warehouse(data_dir)
    with warehouse.writing() as connection:
        run_id = start_run(connection, source_id="hostile-source", plan_code=plan_code, file_name="kötü dosya.csv")
        rejected = pd.DataFrame(
            {
                "plan_code": plan_code,
                "source_id": "hostile-source",
                "file_name": "kötü dosya.csv",
                "row_number": list(range(2, 2 + len(values))),
                "column_name": "değer",
                "value": list(values),
                "reason": [f"{value} sayı değil" for value in values],
                "raw_row": [f"1.1.1.1;{value}" for value in values],
            }
        )
        connection.execute("begin")
        store_rejected(connection, run_id, rejected)
        finish_run(connection, run_id, status="loaded", rows_read=len(values), rows_rejected=len(values))
        connection.execute("commit")
    return run_id


@pytest.fixture(scope="session")
def export_data_dir(tmp_path_factory: pytest.TempPathFactory, export_plans: dict[str, Plan]) -> Path:
    """Both plans' demo data (published), plus rejected rows with hostile text; built once."""
    folder = tmp_path_factory.mktemp("exports") / "data"
    rows = pd.concat([demo_measurements(plan) for plan in export_plans.values()], ignore_index=True)
    load_rows(folder, list(export_plans.values()), rows, source_id="demo", is_demo=True)
    add_rejected_rows(folder, "hostile", HOSTILE_TEXTS)
    return folder


@pytest.fixture(scope="session")
def export_context(export_data_dir: Path, export_plans: dict[str, Plan]) -> Iterator[ExportContext]:
    settings = load_settings({"GOSTERGE_DATA_DIR": str(export_data_dir), "GOSTERGE_SCHEDULER": "0"})
    reader = Reader(settings.published_file)
    yield ExportContext(settings, export_plans, reader)
    reader.close()


@pytest.fixture(scope="session")
def export_app(export_context: ExportContext) -> Flask:
    app = Flask("gosterge-exports-test")
    register_export_routes(app, export_context)
    return app


@pytest.fixture(scope="session")
def export_server(export_app: Flask) -> Iterator[str]:
    """The export routes on 127.0.0.1 (a free port), served in a thread."""
    server = make_server("127.0.0.1", 0, export_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session
