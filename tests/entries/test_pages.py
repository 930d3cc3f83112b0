"""The entry, review and history pages and the template over HTTP on loopback: what each person may
see and do, asked for by URL and by Dash callbacks crafted by hand."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import requests
from openpyxl import load_workbook

from tests.access.test_http import page_callback
from tests.entries.conftest import BALIKESIR
from tests.support.accounts import sign_in


def entry_callback(session: requests.Session, base: str, key: str, period: str, value: str, *, submit: bool) -> Any:
    """The save or submit callback of one row, crafted by hand."""
    button = "entry-submit" if submit else "entry-save"
    row = {"key": key}
    outputs = [
        {"id": {"type": "entry-outcome", **row}, "property": "children"},
        {"id": {"type": "entry-submit", **row}, "property": "disabled"},
        {"id": {"type": "entry-save", **row}, "property": "disabled"},
    ]
    body = {
        "output": ".."
        + "...".join(f'{{"key":["MATCH"],"type":"{item["id"]["type"]}"}}.{item["property"]}' for item in outputs)
        + "..",
        "outputs": outputs,
        "inputs": [
            {"id": {"type": "entry-save", **row}, "property": "n_clicks", "value": 0 if submit else 1},
            {"id": {"type": "entry-submit", **row}, "property": "n_clicks", "value": 1 if submit else 0},
        ],
        "state": [
            {"id": {"type": "entry-value", **row}, "property": "value", "value": value},
            {"id": {"type": "entry-note", **row}, "property": "value", "value": "not"},
            {"id": {"type": "entry-reason", **row}, "property": "value", "value": "neden"},
            {"id": {"type": "entry-measures", **row}, "property": "value", "value": "önlem"},
            {"id": "entry-state", "property": "data", "value": {"plan": BALIKESIR, "period": period, "lang": "en"}},
        ],
        "changedPropIds": [json.dumps({"type": button, **row}, separators=(",", ":"), sort_keys=True) + ".n_clicks"],
    }
    return session.post(f"{base}/_dash-update-component", json=body, headers={"Origin": base}, timeout=60)


def page_text(session: requests.Session, base: str, path: str) -> str:
    return json.dumps(page_callback(session, base, path).json(), ensure_ascii=False)


def test_a_unit_user_sees_its_own_indicators_and_districts_only(live_server, entry_accounts, open_period):
    unit = page_text(sign_in(live_server, "birim"), live_server, f"/{BALIKESIR}/entry")
    assert "1.1.4" in unit and "Ayvalık" in unit and "Susurluk" in unit and open_period in unit
    limited = page_text(sign_in(live_server, "birim_ilce"), live_server, f"/{BALIKESIR}/entry")
    assert "1.1.1" in limited and "Ayvalık" in limited and "Susurluk" not in limited and "1.1.4" not in limited
    other = page_text(sign_in(live_server, "baska_birim"), live_server, f"/{BALIKESIR}/entry")
    assert "1.1.4" not in other and "Fen İşleri" not in other
    anonymous = page_text(requests.Session(), live_server, f"/{BALIKESIR}/entry")
    assert "entry-cards" not in anonymous and "Bu sayfa için yetkiniz yok" in anonymous
    review = page_text(sign_in(live_server, "birim"), live_server, f"/{BALIKESIR}/review")
    assert "review-state" not in review and "Bu sayfa için yetkiniz yok" in review


def test_a_crafted_callback_cannot_enter_another_units_value(live_server, entry_accounts, open_period, app_context):
    from operations.entries import list_entries

    key = "1.1.4|province|10"
    other = entry_callback(sign_in(live_server, "baska_birim"), live_server, key, open_period, "88", submit=True)
    assert other.status_code == 200 and "You may not enter values" in other.text
    limited = entry_callback(sign_in(live_server, "birim_ilce"), live_server, key, open_period, "88", submit=False)
    assert "You may not enter values" in limited.text
    anonymous = entry_callback(requests.Session(), live_server, key, open_period, "88", submit=False)
    assert anonymous.status_code == 403  # refused before the callback runs (dashboard/access/guard.py)
    assert list_entries(app_context.database, plan_code=BALIKESIR) == []
    own = entry_callback(sign_in(live_server, "birim"), live_server, key, open_period, "95", submit=True)
    assert "Submitted (version 1)." in own.text
    (entry,) = list_entries(app_context.database, plan_code=BALIKESIR)
    history = f"/{BALIKESIR}/entry/{entry.entry_id}?lang=en"
    assert "No such entry, or you may not see it." in page_text(
        sign_in(live_server, "baska_birim"), live_server, history
    )
    assert "No such entry" in page_text(sign_in(live_server, "birim_ilce"), live_server, history)
    shown = page_text(sign_in(live_server, "birim"), live_server, history)
    assert "entry-history" in shown and "submitted" in shown
    assert "entry-history" in page_text(sign_in(live_server, "strateji"), live_server, history)


def test_a_unit_user_cannot_post_a_reviewers_decision(live_server, entry_accounts, open_period, app_context):
    from operations.entries import list_entries

    key = "1.1.4|province|10"
    entry_callback(sign_in(live_server, "birim"), live_server, key, open_period, "95", submit=True)
    (entry,) = list_entries(app_context.database, plan_code=BALIKESIR)
    review = page_text(sign_in(live_server, "strateji"), live_server, f"/{BALIKESIR}/review?lang=en")
    assert f'"data-entry-id": "{entry.entry_id}"' in review
    assert "Expected by the period's end" in review and "90 (100% realization)" in review  # beside the 95 entered
    decision = {"type": "review-approve", "entry": entry.entry_id}
    body = {
        "output": '{"entry":["MATCH"],"type":"review-outcome"}.children',
        "outputs": {"id": {"type": "review-outcome", "entry": entry.entry_id}, "property": "children"},
        "inputs": [
            {"id": decision, "property": "n_clicks", "value": 1},
            {"id": {"type": "review-return", "entry": entry.entry_id}, "property": "n_clicks", "value": None},
        ],
        "state": [
            {"id": {"type": "review-comment", "entry": entry.entry_id}, "property": "value", "value": "kendim"},
            {"id": "review-state", "property": "data", "value": {"plan": BALIKESIR, "lang": "en"}},
        ],
        "changedPropIds": ['{"entry":' + str(entry.entry_id) + ',"type":"review-approve"}.n_clicks'],
    }
    url = f"{live_server}/_dash-update-component"
    unit = sign_in(live_server, "birim").post(url, json=body, headers={"Origin": live_server}, timeout=60)
    assert unit.status_code == 403
    reviewer = sign_in(live_server, "strateji").post(url, json=body, headers={"Origin": live_server}, timeout=60)
    assert reviewer.status_code == 200 and "Approved by strateji." in reviewer.text
    assert list_entries(app_context.database, plan_code=BALIKESIR)[0].status == "approved"


def test_the_template_holds_the_units_rows_as_text(live_server, entry_accounts, open_period):
    response = sign_in(live_server, "birim").get(f"{live_server}/{BALIKESIR}/entry/template.xlsx", timeout=60)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("application/vnd.openxml")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == 3 + 20  # three province-level indicators and one in each of the 20 districts
    assert {row[4].value for row in rows} == {open_period}
    assert all(row[0].data_type == "s" and row[2].data_type == "s" for row in rows)  # codes as text
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    assert requests.get(f"{live_server}/{BALIKESIR}/entry/template.xlsx", timeout=60).status_code == 403
    reviewer = sign_in(live_server, "strateji").get(f"{live_server}/{BALIKESIR}/entry/template.xlsx", timeout=60)
    assert reviewer.status_code == 403


def upload_callback(session: requests.Session, base: str, data: bytes, period: str) -> Any:
    """The upload callback, crafted by hand with ``data`` as the file."""
    contents = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," + base64.b64encode(
        data
    ).decode("ascii")
    body = {
        "output": "..entry-upload-result.children...entry-cards.children...entry-upload-box.children..",
        "outputs": [
            {"id": "entry-upload-result", "property": "children"},
            {"id": "entry-cards", "property": "children"},
            {"id": "entry-upload-box", "property": "children"},
        ],
        "inputs": [{"id": "entry-upload", "property": "contents", "value": contents}],
        "state": [
            {"id": "entry-state", "property": "data", "value": {"plan": BALIKESIR, "period": period, "lang": "en"}}
        ],
        "changedPropIds": ["entry-upload.contents"],
    }
    return session.post(f"{base}/_dash-update-component", json=body, headers={"Origin": base}, timeout=60)


def test_another_units_template_is_refused_row_by_row(live_server, entry_accounts, open_period, app_context):
    from operations.entries import list_entries

    unit = sign_in(live_server, "birim")
    workbook = load_workbook(io.BytesIO(unit.get(f"{live_server}/{BALIKESIR}/entry/template.xlsx", timeout=60).content))
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2, max_row=3):  # 1.1.1 in Altıeylül and Ayvalık: km of road, below path
        row[9].value, row[11].value, row[12].value = 10, "Ödenek gecikti", "İhale öne alındı"
    filled = io.BytesIO()
    workbook.save(filled)
    other = upload_callback(sign_in(live_server, "baska_birim"), live_server, filled.getvalue(), open_period)
    assert other.status_code == 200 and "2 problems found; nothing was submitted" in other.text
    assert other.text.count("not one of your unit") == 2
    assert list_entries(app_context.database, plan_code=BALIKESIR) == []
    garbage = upload_callback(unit, live_server, b"not a workbook", open_period)
    assert "The file could not be read" in garbage.text
    done = upload_callback(unit, live_server, filled.getvalue(), open_period)
    assert "2 values submitted." in done.text
    assert len(list_entries(app_context.database, plan_code=BALIKESIR, status="submitted")) == 2


def test_a_district_limited_user_gets_its_districts_and_a_reviewer_the_review_page(
    live_server, entry_accounts, open_period
):
    limited = sign_in(live_server, "birim_ilce").get(f"{live_server}/{BALIKESIR}/entry/template.xlsx", timeout=60)
    rows = list(load_workbook(io.BytesIO(limited.content)).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[2], row[3]) for row in rows] == [("1.1.1", "1161", "Ayvalık")]
    reviewer = page_text(sign_in(live_server, "strateji"), live_server, f"/{BALIKESIR}/entry?lang=en")
    assert "Entering values is for unit staff" in reviewer and f"/{BALIKESIR}/review" in reviewer
