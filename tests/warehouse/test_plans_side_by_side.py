"""Both plans in one installation: the CLI names each, one warehouse holds both, neither disturbs the other."""

import os
import subprocess
import sys

import pandas as pd
import pytest

from etl.demo import demo_measurements
from gosterge.settings import PROJECT_ROOT
from tests.support.builders import load_rows
from warehouse import Reader

BALIKESIR = "balikesir-2020-2024"
IZMIR = "izmir-2014-2023"
PROGRESS_SNAPSHOT = {
    "indicator_progress": "select * exclude (last_run_id, last_loaded_at) from indicator_progress "
    "where plan_code = ? order by all",
    "node_progress": "select * from node_progress where plan_code = ? order by all",
    "indicator_yearly": "select * from indicator_yearly where plan_code = ? order by all",
}


def run_cli(*arguments: str, data_dir) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GOSTERGE_DATA_DIR": str(data_dir)}
    environment.pop("GOSTERGE_PLAN", None)
    return subprocess.run(
        [sys.executable, "-m", "etl", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_plan_command_prints_balikesir_hierarchy_and_counts(tmp_path):
    finished = run_cli("plan", "--plan", BALIKESIR, data_dir=tmp_path)
    assert finished.returncode == 0, finished.stderr
    out = finished.stdout
    assert out.startswith(f"{BALIKESIR}: Balıkesir Büyükşehir Belediyesi 2020-2024 Stratejik Planı")
    for line in (
        "aims: 12",
        "goals: 21",
        "indicators: 69",
        "districts: 20",
        "regions: 4 (Kuzey 6, Güney 6, Körfez 5, Merkez 3)",
    ):
        assert f"  {line}\n" in out
    assert "axes:" not in out and IZMIR not in out
    # the tree: aims → goals → weighted indicators, working content marked
    assert "  Aim A7: Şehri eğitim, turizm, kültür, sanat ve spor alanlarında" in out
    assert "    Goal 7.1: Spor faaliyetlerini şehrin her alanına yaymak" in out
    assert "- 7.1.2 Yapılacak Spor Organizasyonu Sayısı [count, increase, weight 50]" in out
    assert "    Goal 1.1: Kentsel ve kırsal yol ağını" in out and "[working]" in out


def test_the_plan_command_names_each_plan_and_rejects_an_unknown_one(tmp_path):
    izmir = run_cli("plan", "--plan", IZMIR, "--no-tree", data_dir=tmp_path)
    assert izmir.returncode == 0, izmir.stderr
    assert "  development axes: 3\n" in izmir.stdout and "  strategic priorities: 13\n" in izmir.stdout
    assert "  goals: 73\n" in izmir.stdout and "  districts: 30\n" in izmir.stdout
    assert "regions:" not in izmir.stdout and BALIKESIR not in izmir.stdout
    both = run_cli("plan", "--no-tree", data_dir=tmp_path)
    assert both.stdout.count("  districts: ") == 2
    unknown = run_cli("plan", "--plan", "ankara-2020", data_dir=tmp_path)
    assert unknown.returncode == 2
    assert "unknown plan 'ankara-2020'" in unknown.stderr and BALIKESIR in unknown.stderr


def snapshot(reader: Reader, plan_code: str) -> dict[str, list[tuple]]:
    with reader.connect() as connection:
        return {table: connection.execute(sql, [plan_code]).fetchall() for table, sql in PROGRESS_SNAPSHOT.items()}


@pytest.fixture
def both_plans_loaded(tmp_path, izmir_plan, balikesir_plan):
    data = tmp_path / "data"
    load_rows(
        data,
        [izmir_plan, balikesir_plan],
        pd.concat([demo_measurements(izmir_plan), demo_measurements(balikesir_plan)]),
        is_demo=True,
    )
    return data, Reader(data / "published.duckdb")


def revised(plan, factor: float) -> pd.DataFrame:
    """The plan's demo rows with every value scaled: a reload that changes every result."""
    rows = demo_measurements(plan)
    rows["value"] = (rows["value"] * factor).round(4)
    return rows


def test_one_warehouse_holds_both_plans(both_plans_loaded):
    _, reader = both_plans_loaded
    with reader.connect() as connection:
        counts = dict(
            connection.execute(
                "select plan_code, count(*) from node_progress where node_code = plan_code and area_level = 'region' "
                "group by plan_code"
            ).fetchall()
        )
        areas = connection.execute(
            "select plan_code, area_level, count(distinct area_code) from indicator_progress group by all order by all"
        ).fetchall()
    assert counts == {BALIKESIR: 4}  # İzmir has no regions
    assert (BALIKESIR, "district", 20) in areas and (BALIKESIR, "region", 4) in areas
    assert (IZMIR, "district", 30) in areas and (BALIKESIR, "province", 1) in areas


def test_reloading_balikesir_leaves_izmir_unchanged(both_plans_loaded, izmir_plan, balikesir_plan):
    data, reader = both_plans_loaded
    izmir_before, balikesir_before = snapshot(reader, IZMIR), snapshot(reader, BALIKESIR)
    assert all(len(rows) > 100 for rows in izmir_before.values())
    load_rows(data, [balikesir_plan], revised(balikesir_plan, 0.9), is_demo=True)
    assert snapshot(reader, IZMIR) == izmir_before
    assert snapshot(reader, BALIKESIR)["indicator_progress"] != balikesir_before["indicator_progress"]


def test_reloading_izmir_leaves_balikesir_unchanged(both_plans_loaded, izmir_plan, balikesir_plan):
    data, reader = both_plans_loaded
    izmir_before, balikesir_before = snapshot(reader, IZMIR), snapshot(reader, BALIKESIR)
    load_rows(data, [izmir_plan], revised(izmir_plan, 1.1), is_demo=True)
    assert snapshot(reader, BALIKESIR) == balikesir_before
    assert snapshot(reader, IZMIR)["node_progress"] != izmir_before["node_progress"]
