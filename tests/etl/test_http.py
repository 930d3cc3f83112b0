"""HTTP sources against a real server on 127.0.0.1 (started by the test, port 0)."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from etl.extract.http import FetchError, fetch
from etl.jobs import run_source
from etl.sources import HttpOptions, Source
from tests.etl.helpers import ETL_FIXTURES, query, snapshot

FAST_RETRIES = HttpOptions(timeout_seconds=2.0, retries=2, backoff_seconds=0.01)


class Site:
    """A tiny web site: path → (status, body); ``failures`` answers 503 that many times first."""

    def __init__(self):
        self.pages: dict[str, tuple[int, bytes]] = {}
        self.failures = 0
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                site.requests.append(self.path)
                if site.failures > 0:
                    site.failures -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                status, body = site.pages.get(self.path, (404, b"not found"))
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *arguments):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    running = Site()
    yield running
    running.close()


def http_source(url: str, file_format: str = "long_csv", **columns) -> Source:
    return Source(
        id="portal", plan_code="mini", kind="http", location=url, format=file_format, url=url, http=FAST_RETRIES
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_csv_over_http_loads_and_is_archived(etl_settings, etl_plans, site):
    site.pages["/data/izmir.csv"] = (200, (ETL_FIXTURES / "long_clean.csv").read_bytes())
    [report] = run_source(etl_settings, etl_plans, http_source(site.url("/data/izmir.csv")))
    assert report.ok and report.rows_loaded == 6
    assert report.kept_at.parent == etl_settings.archive_dir / "portal"
    assert report.kept_at.name.endswith("-izmir.csv")
    assert report.kept_at.read_bytes() == site.pages["/data/izmir.csv"][1]


def test_json_over_http(etl_settings, etl_plans, site):
    site.pages["/api/records"] = (200, b'[{"indicator": "1.1.1.1", "district": "", "period": "2020", "value": 1.5}]')
    [report] = run_source(etl_settings, etl_plans, http_source(site.url("/api/records"), "json"))
    assert report.ok and report.rows_loaded == 1 and report.file_name == "portal.json"


def test_server_errors_are_retried_with_back_off(etl_settings, etl_plans, site):
    site.pages["/data.csv"] = (200, (ETL_FIXTURES / "long_clean.csv").read_bytes())
    site.failures = 2
    waits: list[float] = []
    assert fetch(site.url("/data.csv"), FAST_RETRIES, sleep=waits.append).startswith(b"indicator")
    assert waits == [0.01, 0.02]  # exponential: backoff × 2^(attempt − 1)
    assert len(site.requests) == 3


def test_a_server_that_keeps_failing_fails_the_run_after_the_last_retry(etl_settings, etl_plans, site):
    site.failures = 10
    url = site.url("/data.csv")
    [report] = run_source(etl_settings, etl_plans, http_source(url))
    assert not report.ok
    assert report.message == f"{url}: failed after 3 attempts: HTTP 503 Service Unavailable"
    assert len(site.requests) == 3
    assert query(etl_settings, "select status, message from load_runs") == [("failed", report.message)]
    assert report.kept_at.name.endswith("data.csv.report.txt")


def test_a_missing_page_fails_at_once(etl_settings, etl_plans, site):
    [report] = run_source(etl_settings, etl_plans, http_source(site.url("/nothing.csv")))
    assert report.message.endswith("/nothing.csv: HTTP 404 Not Found")
    assert len(site.requests) == 1


def test_a_server_that_is_down_fails_clearly_and_changes_nothing(etl_settings, etl_plans):
    url = f"http://127.0.0.1:{free_port()}/data.csv"
    before = snapshot(etl_settings)
    [report] = run_source(etl_settings, etl_plans, http_source(url))
    assert report.message == f"{url}: failed after 3 attempts: cannot connect (Connection refused)"
    assert snapshot(etl_settings) == before


def test_a_server_that_does_not_answer_times_out(site):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts connections, never answers
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/slow.csv"
        with pytest.raises(FetchError, match=r"failed after 1 attempt: no answer within 0.2 s"):
            fetch(url, HttpOptions(timeout_seconds=0.2, retries=0, backoff_seconds=0))
    finally:
        listener.close()
