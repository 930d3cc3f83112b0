"""The entries workflow on SQLite and PostgreSQL: draft → submitted → returned → submitted → approved,
every version kept, the unit's scope, the open period, the ETL's rules and the required explanation."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, select

from gosterge.measurement_rules import AreaPath
from gosterge.plan import Monitoring, Plan
from operations.audit import recent_events
from operations.entries import (
    APPROVED,
    DRAFT,
    RETURNED,
    SUBMITTED,
    Content,
    EntryError,
    Item,
    approve,
    find_entry,
    history,
    list_entries,
    reopen_period,
    return_entry,
    save_draft,
    submit,
    submit_all,
)
from operations.entry_scope import DISTRICT, PROVINCE, EntryArea, unit_scope
from operations.periods import open_periods, period_of, plan_periods
from operations.roles import User
from operations.tables import entry_versions
from tests.entries.conftest import ROADS, TODAY

PROVINCE_AREA = EntryArea(PROVINCE, "10")
#: 1.1.4: requests met within the year, %, level, 70 in 2019 → 90 in 2024 (86 in 2023)
RATE = "1.1.4"
#: its path at the end of 2024-H1: halfway between 2023's 86 and 2024's 90
RATE_PATH = AreaPath(2019, 70.0, 2024, 90.0, {2020: 74.0, 2021: 78.0, 2022: 82.0, 2023: 86.0})


def item(value: str, **content: str) -> Item:
    return Item(RATE, PROVINCE_AREA, "2024-H1", Content(value_text=value, **content), RATE_PATH)


def test_a_unit_saves_submits_is_returned_corrects_and_is_approved(engine: Engine, plan: Plan, people: dict[str, User]):
    fen, reviewer = people["fen"], people["denetci"]
    draft = save_draft(engine, plan, fen, item("87,5", source_note="Yol bakım kayıtları"), today=TODAY)
    assert (draft.status, draft.version, draft.value, draft.value_text) == (DRAFT, 1, 87.5, "87,5")
    submitted = submit(engine, plan, fen, item("88", source_note="Yol bakım kayıtları"), today=TODAY)
    assert (submitted.entry_id, submitted.status, submitted.version, submitted.value) == (
        draft.entry_id,
        SUBMITTED,
        2,
        88,
    )
    with pytest.raises(EntryError) as refused:
        save_draft(engine, plan, fen, item("89"), today=TODAY)
    assert refused.value.code == "wrong_status"
    with pytest.raises(EntryError) as no_comment:
        return_entry(engine, plan, reviewer, draft.entry_id, "  ")
    assert no_comment.value.code == "comment_required"
    returned = return_entry(engine, plan, reviewer, draft.entry_id, "Kaynak belgeyi ekleyin")
    assert (returned.status, returned.version) == (RETURNED, 3)
    corrected = submit(engine, plan, fen, item("88,4", source_note="Yol bakım kayıtları, Haziran 2024"), today=TODAY)
    assert (corrected.status, corrected.version, corrected.value) == (SUBMITTED, 4, 88.4)
    approved = approve(engine, plan, reviewer, draft.entry_id)
    assert (approved.status, approved.version, approved.approved_by) == (APPROVED, 5, "denetci")
    assert approved.loaded_version is None  # the writer has not loaded it yet
    versions = history(engine, draft.entry_id)
    assert [(v.version, v.action, v.status, v.actor, v.value_text) for v in versions] == [
        (1, "saved", DRAFT, "fen", "87,5"),
        (2, "submitted", SUBMITTED, "fen", "88"),
        (3, "returned", RETURNED, "denetci", "88"),
        (4, "submitted", SUBMITTED, "fen", "88,4"),
        (5, "approved", APPROVED, "denetci", "88,4"),
    ]
    assert versions[2].comment == "Kaynak belgeyi ekleyin"
    actions = [event.action for event in recent_events(engine, limit=5)]
    assert actions == ["entry_approved", "entry_submitted", "entry_returned", "entry_submitted", "entry_saved"]


def test_the_values_follow_the_etl_rules(engine: Engine, plan: Plan, people: dict[str, User]):
    fen = people["fen"]
    cases = {
        "1.234": ("invalid_value", "ambiguous_number"),
        "120": ("invalid_value", "value_above_maximum"),
        "-3": ("invalid_value", "value_below_minimum"),
        "on iki": ("invalid_value", "not_a_number"),
        "": ("invalid_value", "value_missing"),
    }
    for text, (code, rule) in cases.items():
        with pytest.raises(EntryError) as refused:
            submit(engine, plan, fen, item(text), today=TODAY)
        assert refused.value.code == code and refused.value.checked is not None
        assert refused.value.checked.rejection is not None
        assert refused.value.checked.rejection.code.value == rule, text
    with pytest.raises(EntryError) as bounded:
        submit(engine, plan, fen, item("120"), today=TODAY)
    assert str(bounded.value) == "implausible value 120: above the maximum 100 for unit '%' (indicator 1.1.4)"
    assert save_draft(engine, plan, fen, item(""), today=TODAY).value is None  # a draft may wait for its value
    assert submit(engine, plan, fen, item("%88,5"), today=TODAY).value == 88.5
    assert engine.connect().execute(select(func.count()).select_from(entry_versions)).scalar_one() == 2


def test_a_value_below_the_path_needs_its_reason_and_measures(engine: Engine, plan: Plan, people: dict[str, User]):
    fen = people["fen"]
    for content in ({}, {"deviation_reason": "Ödenek gecikti"}, {"measures": "İhale öne alındı"}):
        with pytest.raises(EntryError) as refused:
            submit(engine, plan, fen, item("85", **content), today=TODAY)  # expected 88 at mid-2024
        assert refused.value.code == "explanation_required"
    assert save_draft(engine, plan, fen, item("85"), today=TODAY).status == DRAFT  # a draft is not judged yet
    explained = submit(
        engine, plan, fen, item("85", deviation_reason="Ödenek gecikti", measures="İhale öne alındı"), today=TODAY
    )
    assert (explained.status, explained.deviation_reason, explained.measures) == (
        SUBMITTED,
        "Ödenek gecikti",
        "İhale öne alındı",
    )
    assert submit(engine, plan, people["fen"], Item("1.1.2", PROVINCE_AREA, "2024-H1", Content("1"), None), today=TODAY)


def test_a_unit_enters_only_its_indicators_and_districts(engine: Engine, plan: Plan, people: dict[str, User]):
    scope = unit_scope(plan, ROADS)
    assert len(scope) == 3 + 20  # three province-level indicators, one for each of the 20 districts
    limited = unit_scope(plan, ROADS, ("1161", "1169"))
    assert [(indicator.code, area.area_code) for indicator, area in limited] == [("1.1.1", "1161"), ("1.1.1", "1169")]
    refusals = [
        (people["kultur"], item("88")),  # another unit's indicator
        (people["fen_ilce"], item("88")),  # a province value for a user limited to districts
        (people["fen_ilce"], Item("1.1.1", EntryArea(DISTRICT, "1171"), "2024-H1", Content("12"))),  # Bandırma
        (people["denetci"], item("88")),  # reviewers decide, units enter
        (people["fen"], Item("1.1.1", EntryArea(DISTRICT, "9999"), "2024-H1", Content("12"))),
    ]
    for user, refused_item in refusals:
        with pytest.raises(EntryError) as refused:
            submit(engine, plan, user, refused_item, today=TODAY)
        assert refused.value.code == "not_allowed", user.username
    ayvalik = submit(
        engine,
        plan,
        people["fen_ilce"],
        Item("1.1.1", EntryArea(DISTRICT, "1161"), "2024-H1", Content("12")),
        today=TODAY,
    )
    assert (ayvalik.area_level, ayvalik.area_code, ayvalik.unit) == (DISTRICT, "1161", ROADS)
    with pytest.raises(EntryError) as not_reviewer:
        approve(engine, plan, people["fen"], ayvalik.entry_id)
    assert not_reviewer.value.code == "not_allowed"
    assert [entry.entry_id for entry in list_entries(engine, plan_code=plan.code, unit=ROADS)] == [ayvalik.entry_id]
    assert list_entries(engine, plan_code=plan.code, unit="Kültür ve Sosyal İşler Dairesi Başkanlığı") == []


def test_periods_open_at_their_end_close_after_the_days_and_reopen(engine: Engine, plan: Plan, people: dict[str, User]):
    codes = [period.code for period in plan_periods(plan)]
    assert codes[:3] == ["2020-H1", "2020-H2", "2021-H1"] and codes[-1] == "2027-H2"
    assert [item.period.code for item in open_periods(engine, plan, date(2024, 7, 1))] == ["2024-H1"]
    assert [item.period.code for item in open_periods(engine, plan, date(2024, 6, 30))] == []  # not ended yet
    assert open_periods(engine, plan, date(2024, 8, 14))[0].closes_on == date(2024, 8, 14)
    late = date(2024, 8, 15)
    assert open_periods(engine, plan, late) == []
    with pytest.raises(EntryError) as closed:
        submit(engine, plan, people["fen"], item("88"), today=late)
    assert closed.value.code == "closed"
    with pytest.raises(EntryError) as not_reviewer:
        reopen_period(engine, plan, people["fen"], "2024-H1", late + timedelta(days=7), late)
    assert not_reviewer.value.code == "not_allowed"
    reopen_period(engine, plan, people["denetci"], "2024-H1", late + timedelta(days=7), late)
    (reopened,) = open_periods(engine, plan, late)
    assert (reopened.period.code, reopened.closes_on, reopened.reopened) == ("2024-H1", date(2024, 8, 22), True)
    assert submit(engine, plan, people["fen"], item("88"), today=late).status == SUBMITTED
    assert open_periods(engine, plan, date(2024, 8, 23)) == []
    assert period_of(plan, "2024-H1").year_fraction == 0.5
    yearly = open_periods(engine, dataclasses.replace(plan, monitoring=Monitoring()), date(2025, 1, 10))
    assert [item.period.code for item in yearly] == ["2024"]


def test_a_bulk_submission_is_all_or_nothing(engine: Engine, plan: Plan, people: dict[str, User]):
    fen = people["fen"]
    good = Item("1.1.1", EntryArea(DISTRICT, "1161"), "2024-H1", Content("12"))
    with pytest.raises(EntryError):
        submit_all(engine, plan, fen, [good, item("1.234")], today=TODAY)
    assert list_entries(engine, plan_code=plan.code) == []
    entries = submit_all(engine, plan, fen, [good, item("88")], today=TODAY)
    assert [entry.status for entry in entries] == [SUBMITTED, SUBMITTED]
    assert find_entry(engine, entries[1].entry_id) == entries[1]
