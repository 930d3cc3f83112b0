"""A million measurement rows streamed through /export.csv with bounded memory.

The rows are generated inside DuckDB (tests.support.synthetic), served over real
HTTP on loopback, and read by a client that writes them to disk as they come.
A sampler thread records the process's resident memory during the download;
the growth (measured 170-230 MB: DuckDB's working memory for one ordered
slice and a few Arrow batches, the same for a tenth of the rows) must stay
under 300 MB (the CSV text alone is 240 MB).
"""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
import requests
from flask import Flask
from werkzeug.serving import make_server

from dashboard.downloads.routes import register_export_routes
from gosterge.plan import Plan
from gosterge.settings import load_settings
from tests.support.downloads import ExportContext, text_as_written
from tests.support.synthetic import build_synthetic_warehouse
from warehouse import Reader

ROWS = 1_000_000
GROWTH_LIMIT_MB = 300
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE / 1e6


class Sampler(threading.Thread):
    """Records the peak resident memory every few milliseconds until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = resident_mb()
        self.running = True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, resident_mb())
            time.sleep(0.005)

    def stop(self) -> float:
        self.running = False
        self.join()
        return self.peak


@pytest.mark.slow
def test_a_million_rows_stream_with_bounded_memory(tmp_path: Path, mini_plan: Plan) -> None:
    data_dir = tmp_path / "data"
    assert build_synthetic_warehouse(data_dir, mini_plan, ROWS) == ROWS
    settings = load_settings({"GOSTERGE_DATA_DIR": str(data_dir), "GOSTERGE_SCHEDULER": "0"})
    reader = Reader(settings.published_file)
    app = Flask("gosterge-large-export")
    register_export_routes(app, ExportContext(settings, {"mini": mini_plan}, reader))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    target = tmp_path / "export.csv"
    try:
        warm = requests.get(
            f"{base}/export.csv?plan=mini&level=measurements&district=1203&from=2014&to=2014", timeout=60
        )
        assert warm.status_code == 200
        before = resident_mb()
        sampler = Sampler()
        sampler.start()
        started = time.perf_counter()
        size = 0
        with requests.get(f"{base}/export.csv?plan=mini&level=measurements", stream=True, timeout=120) as response:
            assert response.status_code == 200
            assert response.headers["X-Row-Count"] == str(ROWS)
            with target.open("wb") as out:
                for chunk in response.iter_content(chunk_size=1 << 20):
                    out.write(chunk)
                    size += len(chunk)
        seconds = time.perf_counter() - started
        growth = sampler.stop() - before
    finally:
        server.shutdown()
        thread.join(timeout=5)
    print(
        f"\n1M-row CSV: {size / 1e6:.0f} MB in {seconds:.1f} s; resident memory grew {growth:.0f} MB "
        f"(limit {GROWTH_LIMIT_MB} MB)"
    )
    assert growth < GROWTH_LIMIT_MB  # DuckDB's working memory for one slice plus a few Arrow batches

    with target.open("rb") as handle:
        lines = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 24), b""))
    assert lines == ROWS + 1
    head = target.read_bytes()[:3_000_000]
    frame = text_as_written(
        pd.read_csv(
            io.BytesIO(head[: head.rfind(b"\r\n") + 2]),
            sep=";",
            decimal=",",
            encoding="utf-8-sig",
            dtype={"Alan kodu": str, "Dönem": str, "Gösterge kodu": str},
        )
    )
    with reader.connect() as connection:
        expected = dict(
            ((indicator, area, period), value)
            for indicator, area, period, value in connection.execute(
                "select indicator_code, area_code, period, value from measurements where plan_code = 'mini' "
                "and indicator_code = ? and area_code = ?",
                [frame["Gösterge kodu"].iloc[0], frame["Alan kodu"].iloc[0]],
            ).fetchall()
        )
    reader.close()
    got = {(row["Gösterge kodu"], row["Alan kodu"], row["Dönem"]): row["Değer"] for _, row in frame.iterrows()}
    assert got and all(expected[key] == value for key, value in got.items())
    assert (frame["Değer"] < 0).any() and frame["Değer"].dtype == "float64"
