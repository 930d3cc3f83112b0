"""The extract builder's callback over HTTP on loopback, as the browser posts it: it navigates when the
controls give another URL than the one they were drawn with, whatever Dash says triggered it.

Dash fires the callback with every input "changed" when the page is drawn again, and merges a person's
change made while that request waits into the same request; a person's choice must survive it (the
browser test clicked the dialect right after a redraw and the URL never changed).
"""

from __future__ import annotations

from typing import Any

import requests

from dashboard import ids
from tests.support.dashboard_app import IZMIR

#: the callback's inputs in order (the node selects, a pattern-matching input, come second)
CONTROLS = (
    ids.EXTRACT_LEVEL,
    ids.EXTRACT_INDICATOR,
    ids.EXTRACT_DISTRICT,
    ids.EXTRACT_REGION,
    ids.EXTRACT_AREA,
    ids.EXTRACT_YEAR_FROM,
    ids.EXTRACT_YEAR_TO,
    ids.EXTRACT_COLUMNS,
    ids.EXTRACT_DIALECT,
)


def builder_output(base: str) -> str:
    """The callback's output key as Dash registered it (its allow_duplicate hash included)."""
    dependencies = requests.get(f"{base}/_dash-dependencies", timeout=30).json()
    return next(
        item["output"]
        for item in dependencies
        if item["output"].startswith("navigate.href") and item["inputs"][0]["id"] == ids.EXTRACT_LEVEL
    )


def post(base: str, search: str, drawn: str, changed: list[str], **values: Any) -> requests.Response:
    controls = {ids.EXTRACT_LEVEL: "goals", ids.EXTRACT_DIALECT: "excel-tr", **values}
    inputs: list[Any] = [{"id": ids.EXTRACT_LEVEL, "property": "value", "value": controls[ids.EXTRACT_LEVEL]}, []]
    inputs += [{"id": name, "property": "value", "value": controls.get(name)} for name in CONTROLS[1:]]
    body = {
        "output": builder_output(base),
        "outputs": {"id": ids.NAVIGATE, "property": "href"},
        "inputs": inputs,
        "state": [
            {"id": ids.EXTRACT_DRAWN, "property": "data", "value": drawn},
            {"id": ids.URL, "property": "pathname", "value": f"/{IZMIR}/extract"},
            {"id": ids.URL, "property": "search", "value": search},
        ],
        "changedPropIds": [f"{name}.value" for name in changed],
    }
    return requests.post(f"{base}/_dash-update-component", json=body, headers={"Origin": base}, timeout=30)


def test_a_choice_merged_into_a_redraw_navigates(live_server) -> None:
    drawn = f"/{IZMIR}/extract?level=goals"
    chosen = post(live_server, "?level=goals", drawn, list(CONTROLS), **{ids.EXTRACT_DIALECT: "standard"})
    assert chosen.status_code == 200
    assert chosen.json()["response"]["navigate"]["href"] == f"/{IZMIR}/extract?level=goals&dialect=standard"


def test_a_redraw_alone_writes_nothing(live_server) -> None:
    drawn = f"/{IZMIR}/extract?level=goals"
    assert post(live_server, "?level=goals", drawn, list(CONTROLS)).status_code == 204
    # a URL the page could not read (an unknown axis) is drawn with the axis left out and stays as typed
    assert post(live_server, "?level=goals&axis=9", drawn, list(CONTROLS)).status_code == 204


def test_one_changed_control_navigates(live_server) -> None:
    drawn = f"/{IZMIR}/extract?level=goals"
    chosen = post(live_server, "?level=goals", drawn, [ids.EXTRACT_LEVEL], **{ids.EXTRACT_LEVEL: "indicators"})
    assert chosen.json()["response"]["navigate"]["href"] == f"/{IZMIR}/extract?level=indicators"
