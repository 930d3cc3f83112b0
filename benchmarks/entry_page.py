"""Benchmark: the unit's entry page and its callbacks (not part of the test suite).

    .venv/bin/python benchmarks/entry_page.py [--repeat N]

Builds a warehouse with Balıkesir's demo data (the same rows `./dev run` loads), an operational database
with a unit user of Fen İşleri Dairesi Başkanlığı (the unit with the most indicators) and a reviewer, and
reopens the plan's newest ended monitoring period. Then, through Flask's test client signed in as the
unit (the full request: session, role check, warehouse and operational queries, builders, JSON), it
times:

- the entry page (Dash's routing callback for /<plan>/entry: every card with its context);
- the value's check as it is typed (the pattern-matching callback of one card);
- the XLSX template download.

Each as the median of N requests, with the first request of the page (the reader's first queries) and
/healthz beside them as the floor of a signed-in request. There is no render cache for this page: it is
one user's.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

PASSWORD = "bench-parolası-2026"
UNIT = "Fen İşleri Dairesi Başkanlığı"


def timed(call: Any, repeat: int) -> tuple[float, int]:
    """(median seconds, size of the last answer in bytes) of ``call()`` repeated ``repeat`` times."""
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = call()
        times.append(time.perf_counter() - started)
        assert response.status_code in (200, 204), (response.status_code, response.data[:300])
        size = len(response.data)
    return statistics.median(times), size


def callback_body(output: dict[str, Any], inputs: list[dict[str, Any]], state: list[dict[str, Any]]) -> dict[str, Any]:
    """The body the browser posts for a one-output callback (pattern-matching ids as dicts)."""
    return {
        "output": f"{json.dumps(output['id'], separators=(',', ':'), sort_keys=True)}.{output['property']}"
        if isinstance(output["id"], dict)
        else f"{output['id']}.{output['property']}",
        "outputs": output,
        "inputs": inputs,
        "changedPropIds": [
            f"{json.dumps(inputs[0]['id'], separators=(',', ':'), sort_keys=True)}.{inputs[0]['property']}"
        ],
        "state": state,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from dashboard import ids
    from dashboard.app import create_app
    from dashboard.context import get_context
    from etl.demo import demo_measurements
    from gosterge.plan import load_plan
    from gosterge.settings import load_settings
    from operations.accounts import add_user, find_user, set_role
    from operations.entries import reopen_period
    from operations.entry_scope import unit_scope
    from operations.periods import plan_periods, today_in
    from operations.roles import REVIEWER, UNIT_STAFF
    from tests.support.accounts import csrf_token
    from tests.support.builders import load_rows
    from tests.support.navigation import router_request

    plan = load_plan(PROJECT_ROOT / "plans" / "balikesir.toml")
    folder = Path(tempfile.mkdtemp(prefix="gosterge-entry-bench-")) / "data"
    started = time.perf_counter()
    load_rows(folder, [plan], demo_measurements(plan), source_id="demo", is_demo=True)
    settings = load_settings({"GOSTERGE_DATA_DIR": str(folder), "GOSTERGE_SCHEDULER": "0"})
    app = create_app(settings, plans={plan.code: plan})
    database = get_context().database
    assert database is not None
    add_user(database, "fen", PASSWORD)
    set_role(database, "fen", plan.code, UNIT_STAFF, unit=UNIT)
    add_user(database, "strateji", PASSWORD)
    set_role(database, "strateji", plan.code, REVIEWER)
    today = today_in(settings.time_zone)
    period = [item for item in plan_periods(plan) if item.end < today][-1].code
    reviewer = find_user(database, username="strateji")
    assert reviewer is not None
    reopen_period(database, plan, reviewer, period, today + timedelta(days=7), today)
    pairs = unit_scope(plan, UNIT, ())
    print(f"set up in {time.perf_counter() - started:.1f} s: {UNIT}, {len(pairs)} values to enter for {period}")

    floor: dict[str, Any] = {}
    client = app.server.test_client()
    client.get("/")
    page = client.get("/sign-in").get_data(as_text=True)
    signed = client.post("/sign-in", data={"username": "fen", "password": PASSWORD, "csrf_token": csrf_token(page)})
    assert signed.status_code == 303, signed.status_code

    pathname = f"/{plan.code}/entry"
    routing = router_request(pathname)

    def post(body: dict[str, Any]) -> Any:
        return client.post("/_dash-update-component", json=body)

    first = post(routing)
    floor["response"] = first.get_data()
    cold_started = time.perf_counter()
    post(routing)
    cold = time.perf_counter() - cold_started

    key = "1.1.4|province|10"
    store = {"id": ids.ENTRY_STATE, "property": "data", "value": {"plan": plan.code, "period": period, "lang": "tr"}}

    def matched(kind: str, prop: str, value: Any = None) -> dict[str, Any]:
        return {"id": {"type": kind, "key": key}, "property": prop, "value": value}

    check = callback_body(
        {"id": {"type": ids.ENTRY_FEEDBACK, "key": ["MATCH"]}, "property": "children"},
        [matched(ids.ENTRY_VALUE, "value", "85")],
        [matched(ids.ENTRY_REASON, "value", ""), matched(ids.ENTRY_MEASURES, "value", ""), store],
    )
    check["outputs"] = {"id": {"type": ids.ENTRY_FEEDBACK, "key": key}, "property": "children"}
    template = f"/{plan.code}/entry/template.xlsx?period={period}"

    answer = post(check).get_json()
    assert "beklenen" in json.dumps(answer, ensure_ascii=False), answer  # 85 is below the path: the check says so
    rows = [
        ("entry page (routing callback)", lambda: post(routing)),
        ("value check as typed", lambda: post(check)),
        ("XLSX template", lambda: client.get(template)),
    ]
    print(f"\n{'request':32} {'median ms':>10} {'answer KB':>10}")
    print(f"{'entry page, first request':32} {cold * 1000:10.1f} {len(floor['response']) / 1024:10.1f}")
    for name, call in rows:
        seconds, size = timed(call, arguments.repeat)
        print(f"{name:32} {seconds * 1000:10.1f} {size / 1024:10.1f}")
    healthz, _ = timed(lambda: client.get("/healthz"), arguments.repeat)
    print(f"{'floor: /healthz':32} {healthz * 1000:10.1f}")
    print(f"\ntotal {time.perf_counter() - started:.0f} s; medians of {arguments.repeat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
