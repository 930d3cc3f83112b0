"""An edited plan file reaches the warehouse when the writer starts, with its progress recomputed."""

import pandas as pd

from etl.plan_updates import apply_plan_changes
from gosterge.plan import load_plan
from gosterge.settings import load_settings
from tests.support.builders import load_rows
from warehouse import Reader


def test_an_edited_target_is_applied_and_progress_recomputed(tmp_path, mini_plan):
    data = tmp_path / "data"
    load_rows(data, [mini_plan], pd.DataFrame([("mini", "1.1.1.1", "province", "35", "2018", 1.5)],
                                              columns=["plan_code", "indicator_code", "area_level", "area_code",
                                                       "period", "value"]))
    edited = tmp_path / "mini.toml"
    edited.write_text(mini_plan.source_file.read_text(encoding="utf-8").replace(
        "target = { year = 2023, value = 2.0 }", "target = { year = 2023, value = 3.0 }"), encoding="utf-8")
    settings = load_settings({"GOSTERGE_DATA_DIR": str(data), "GOSTERGE_PLAN": str(edited)})
    plans = {"mini": load_plan(edited)}
    assert apply_plan_changes(settings, plans) == ["mini"]
    reader = Reader(data / "published.duckdb")
    with reader.connect() as connection:
        target, realization = connection.execute(
            "select target_value, realization_pct from indicator_progress where indicator_code = '1.1.1.1'"
        ).fetchone()
    assert target == 3.0 and realization == 25.0  # (1.5 − 1) / (3 − 1)
    assert apply_plan_changes(settings, plans) == []  # unchanged: nothing to do
