"""Past one machine: two web servers (separate gunicorn processes, each with its own page cache) read one
data folder (the storage they share) and one PostgreSQL operational database (started by the tests),
while the one writer, another process, loads. Both serve every new load, the same answer for the same
page, and a sign-in made on one is good on the other.

docs/operations.md ("Several web servers") describes the deployment this stands for.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import requests

from etl.demo import demo_measurements
from gosterge.plan import load_plan
from gosterge.settings import PROJECT_ROOT, load_settings
from operations.accounts import add_user, set_role
from operations.database import open_database
from operations.roles import REVIEWER
from tests.support.accounts import PASSWORD, sign_in
from tests.support.builders import load_rows
from tests.support.deliveries import ROW_COLUMNS, deliver
from tests.support.navigation import router_request
from tests.support.postgresql import PostgresServer
from warehouse import Reader

pytestmark = [pytest.mark.slow, pytest.mark.postgresql]

MINI = PROJECT_ROOT / "tests" / "fixtures" / "plans" / "mini.toml"
SECRET = "5e" * 32
WAIT = 60.0
#: the latest year's value of indicator 1.1.1.1 (one decimal, its precision), one per load
LOADS = (1.6, 1.7, 1.8, 1.9)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(check, what: str, seconds: float = WAIT):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except requests.RequestException:
            found = None
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds:.0f} s for {what}")


@pytest.fixture
def shared(tmp_path: Path, postgres: PostgresServer) -> dict[str, str]:
    """The shared storage (a data folder with the mini plan's published warehouse) and the environment
    every process of the installation gets: the same data folder, database and secret key."""
    data = tmp_path / "shared" / "data"
    plan = load_plan(MINI)
    load_rows(data, [plan], demo_measurements(plan), source_id="demo", is_demo=True)
    return {
        "GOSTERGE_DATA_DIR": str(data),
        "GOSTERGE_PLAN": str(MINI),
        "GOSTERGE_DATABASE_URL": postgres.new_database(),
        "GOSTERGE_SECRET_KEY": SECRET,
        "GOSTERGE_SCHEDULER": "0",
    }


@pytest.fixture
def servers(shared: dict[str, str], tmp_path: Path) -> Iterator[list[str]]:
    """Two web servers of 2 workers each, every server with its own page cache (its own machine's disk)."""
    started: list[tuple[subprocess.Popen[bytes], str]] = []
    try:
        for name in ("a", "b"):
            port = free_port()
            environment = {**os.environ, **shared, "GOSTERGE_CACHE_DIR": str(tmp_path / f"cache-{name}")}
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-w",
                    "2",
                    "--threads",
                    "2",
                    "-b",
                    f"127.0.0.1:{port}",
                    "app:server",
                ],
                cwd=PROJECT_ROOT,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=open(tmp_path / f"server-{name}.log", "wb"),  # noqa: SIM115 - closed with the process
            )
            started.append((process, f"http://127.0.0.1:{port}"))
        for process, base in started:
            wait_until(lambda base=base: requests.get(f"{base}/healthz", timeout=5).ok, f"{base} to start")
            assert process.poll() is None
        yield [base for _, base in started]
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            process.wait(timeout=30)


def version(base: str) -> int:
    return int(requests.get(f"{base}/healthz", timeout=10).json()["data_version"])


def indicator_page(base: str) -> dict:  # type: ignore[type-arg]
    """The indicator page's body as a browser asks for it (the router's callback)."""
    requests.get(f"{base}/", timeout=30)
    answer = requests.post(
        f"{base}/_dash-update-component",
        json=router_request("/mini/indicator/1.1.1.1"),
        headers={"Origin": base},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text[:300]
    return answer.json()["response"]["_pages_content"]["children"]


def test_two_web_servers_serve_every_load_the_same_while_the_writer_loads(
    shared: dict[str, str], servers: list[str]
) -> None:
    settings = load_settings(shared)
    plan = load_plan(MINI)
    published = Reader(settings.published_file)

    # a sign-in on one server is good on the other: one operational database, one secret
    engine = open_database(settings)
    add_user(engine, "denetci", PASSWORD)
    set_role(engine, "denetci", plan.code, REVIEWER)
    engine.dispose()
    session = sign_in(servers[0], "denetci")
    assert session.get(f"{servers[1]}/mini/quality", timeout=60).status_code == 200
    assert requests.get(f"{servers[1]}/export.csv?plan=mini&level=rejected", timeout=60).status_code == 403
    assert session.get(f"{servers[1]}/export.csv?plan=mini&level=rejected", timeout=60).status_code == 200

    # readers keep asking both servers while the writer loads: never an error
    failures: list[str] = []
    stop = threading.Event()

    def keep_reading() -> None:
        while not stop.is_set():
            for base in servers:
                try:
                    indicator_page(base)
                    if version(base) <= 0:
                        failures.append(f"{base}: no data")
                except (AssertionError, requests.RequestException, ValueError) as error:
                    failures.append(f"{base}: {error}")

    reader = threading.Thread(target=keep_reading, daemon=True)
    reader.start()
    try:
        bodies: list[str] = []
        for value in LOADS:
            rows = pd.DataFrame(
                [["mini", "1.1.1.1", "province", "35", "2025", value]], columns=ROW_COLUMNS
            )  # another value of the latest year, by the one writer (this process)
            deliver(Path(shared["GOSTERGE_DATA_DIR"]), plan, rows)
            expected = published.data_version()[0]
            for base in servers:
                wait_until(
                    lambda base=base, expected=expected: version(base) == expected,
                    f"{base} to serve version {expected}",
                )
            seen = [json.dumps(indicator_page(base), sort_keys=True) for base in servers]
            assert seen[0] == seen[1], "the two servers answer the same page differently"
            shown = f"{value:.1f}".replace(".", ",")
            assert shown in seen[0], f"{shown} is not on the page after its load"
            bodies.append(seen[0])
        assert len(set(bodies)) == len(LOADS)  # every load changed the page, on both servers
    finally:
        stop.set()
        reader.join(timeout=60)
        published.close()
    assert not failures, failures[:5]
