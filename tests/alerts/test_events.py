"""Who is told what: events derived from real loads, from the warehouse's status changes and from the
units' entries, each once per user, to the roles they concern (docs/operations.md)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from etl.alerts import derive_events, worsened
from etl.jobs import run_source
from gosterge.plan import Plan
from gosterge.plan.model import Monitoring
from gosterge.settings import Settings
from operations import notices
from operations.entry_events import closing_periods
from operations.notifications import Notification, unread_count, user_notifications
from operations.roles import ADMIN, REVIEWER, UNIT_STAFF, VIEWER
from operations.tables import entries, entry_versions, period_reopenings, utc_now
from tests.alerts.conftest import account
from tests.etl.helpers import ETL_FIXTURES, inbox_source
from warehouse import Reader, Warehouse

BALIKESIR = "balikesir-2020-2024"
ROADS = "Fen İşleri Dairesi Başkanlığı"  # the unit of Balıkesir's indicators 1.1.x
STRATEGY = "Strateji Geliştirme Dairesi Başkanlığı"
#: the warehouse table the writer fills when it recomputes progress (branch brief), as it is created there
STATUS_CHANGES_DDL = """
create table if not exists status_changes (
    run_id bigint,
    plan_code varchar not null,
    node_code varchar not null,
    area_level varchar not null,
    area_code varchar not null,
    old_status varchar not null,
    new_status varchar not null,
    changed_at timestamp not null
)
"""


def derive(settings: Settings, plans: dict[str, Plan], engine: Engine, now: datetime | None = None) -> int:
    reader = Reader(settings.published_file)
    try:
        return derive_events(settings, plans, engine, reader, now=now)
    finally:
        reader.close()


def kinds(engine: Engine, user_id: int) -> list[tuple[str, str]]:
    return sorted((item.kind, item.plan_code) for item in user_notifications(engine, user_id))


def only(engine: Engine, user_id: int) -> Notification:
    (notification,) = user_notifications(engine, user_id)
    return notification


def test_load_events_go_to_the_plans_reviewers_once(alert_settings: Settings, alert_plans: dict[str, Plan], engine):
    reviewer = account(engine, "denetci", REVIEWER, "mini")
    admin = account(engine, "yonetici", ADMIN, "*")
    other = account(engine, "ikiz", REVIEWER, "twins")
    viewer = account(engine, "izleyici", VIEWER, "mini")
    staff = account(engine, "birim", UNIT_STAFF, "mini")
    source = inbox_source(alert_settings, "mini-inbox", plan_code="mini")
    assert source.path is not None
    source.path.mkdir(parents=True)
    shutil.copyfile(ETL_FIXTURES / "malformed_rows.csv", source.path / "malformed_rows.csv")
    (report,) = run_source(alert_settings, alert_plans, source)
    late = account(engine, "yeni", REVIEWER, "mini")  # made after the load: not told of it

    assert derive(alert_settings, alert_plans, engine) == 2
    assert derive(alert_settings, alert_plans, engine) == 0
    assert kinds(engine, reviewer.user_id) == kinds(engine, admin.user_id) == [(notices.REJECTED_ROWS, "mini")]
    for nobody in (other, viewer, staff, late):
        assert kinds(engine, nobody.user_id) == []
    notification = only(engine, reviewer.user_id)
    assert notification.details == {
        "run": report.run_id,
        "source": "mini-inbox",
        "file": "malformed_rows.csv",
        "read": 18,
        "rejected": 14,
    }
    plan = alert_plans["mini"]
    assert notices.describe(notification.kind, plan, notification.details, "en") == notices.Notice(
        f"mini-inbox, file malformed_rows.csv: 14 of 18 rows rejected (run {report.run_id})",
        f"/mini/quality?run={report.run_id}",
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("on_track", "deterioration", True),
        ("achieved", "on_track", True),
        ("limited", "not_achieved", True),
        ("limited", "on_track", False),
        ("on_track", "on_track", False),
        ("on_track", "not_available", False),  # data missing is no assessment
        ("not_available", "deterioration", False),
        ("informational", "deterioration", False),
    ],
)
def test_worsened_follows_the_status_order(old, new, expected):
    assert worsened(old, new) is expected


def test_goals_whose_status_worsened_go_to_everyone_with_a_role(
    alert_settings: Settings, alert_plans: dict[str, Plan], engine
):
    viewer = account(engine, "izleyici", VIEWER, "mini")
    staff = account(engine, "birim", UNIT_STAFF, "mini")
    reviewer = account(engine, "denetci", REVIEWER, "mini")
    stranger = account(engine, "ikiz", VIEWER, "twins")
    alert_settings.data_dir.mkdir(parents=True, exist_ok=True)
    warehouse = Warehouse(alert_settings.data_dir)
    with warehouse.writing() as connection:
        connection.execute(STATUS_CHANGES_DDL)
        rows = [
            (7, "mini", "1.1.1", "province", "35", "on_track", "deterioration"),  # a goal worsened: told
            (7, "mini", "1.1.2", "province", "35", "limited", "on_track"),  # improved
            (7, "mini", "1.2.1", "province", "35", "on_track", "not_available"),  # no data: no assessment
            (7, "mini", "1", "province", "35", "on_track", "deterioration"),  # an axis, not a goal
            (7, "mini", "1.1.1", "district", "1128", "on_track", "limited"),  # a district: its own page
        ]
        for row in rows:
            connection.execute("insert into status_changes values (?, ?, ?, ?, ?, ?, ?, now()::timestamp)", row)
    assert derive(alert_settings, alert_plans, engine) == 3
    assert derive(alert_settings, alert_plans, engine) == 0
    for user in (viewer, staff, reviewer):
        notification = only(engine, user.user_id)
        assert (notification.kind, notification.details) == (
            notices.GOAL_WORSENED,
            {"node": "1.1.1", "old": "on_track", "new": "deterioration", "run": 7},
        )
    assert kinds(engine, stranger.user_id) == []
    notice = notices.describe(notices.GOAL_WORSENED, alert_plans["mini"], only(engine, viewer.user_id).details, "tr")
    assert notice == notices.Notice(
        "Hedef 1.1.1 (Ar-Ge harcamalarını artırmak) durumu son yüklemeden sonra kötüleşti", "/mini/node/1.1.1"
    )


def add_entry(engine: Engine, indicator: str, district: str, status: str, unit: str, *, comment: str | None = None):
    """An entry of Balıkesir's 2024-H2 period in ``status`` (returned ones with the reviewer's comment)."""
    now = utc_now()
    with engine.begin() as connection:
        entry_id = connection.execute(
            entries.insert()
            .values(
                plan_code=BALIKESIR,
                indicator_code=indicator,
                area_level="district",
                area_code=district,
                period="2024-H2",
                unit=unit,
                value=1.0,
                value_text="1",
                status=status,
                version=2,
                updated_by="birim",
                updated_at=now,
            )
            .returning(entries.c.entry_id)
        ).scalar_one()
        for version, action in ((1, "submitted"), (2, status)):
            connection.execute(
                entry_versions.insert().values(
                    entry_id=entry_id,
                    version=version,
                    action=action,
                    status=action,
                    actor="denetci" if action == "returned" else "birim",
                    acted_at=now,
                    comment=comment if action == "returned" else None,
                )
            )
    return entry_id


def test_entries_waiting_go_to_reviewers_and_returned_ones_to_their_units_staff(
    alert_settings: Settings, balikesir_plan: Plan, engine
):
    plans = {BALIKESIR: balikesir_plan}
    reviewer = account(engine, "denetci", REVIEWER, BALIKESIR)
    roads = account(engine, "yol", UNIT_STAFF, BALIKESIR, unit=ROADS)
    roads_elsewhere = account(engine, "ayvalik", UNIT_STAFF, BALIKESIR, unit=ROADS, districts=("1161",))
    strategy = account(engine, "strateji", UNIT_STAFF, BALIKESIR, unit=STRATEGY)
    viewer = account(engine, "izleyici", VIEWER, BALIKESIR)
    waiting = add_entry(engine, "1.1.1", "1169", "submitted", ROADS)
    returned = add_entry(engine, "1.1.1", "2077", "returned", ROADS, comment="Kaynak belirtilmemiş")

    assert derive(alert_settings, plans, engine, now=datetime(2025, 1, 1, 9)) == 2
    assert derive(alert_settings, plans, engine, now=datetime(2025, 1, 1, 9)) == 0
    assert kinds(engine, reviewer.user_id) == [(notices.ENTRY_SUBMITTED, BALIKESIR)]
    assert only(engine, reviewer.user_id).details["entry"] == waiting
    assert kinds(engine, roads.user_id) == [(notices.ENTRY_RETURNED, BALIKESIR)]
    for nobody in (roads_elsewhere, strategy, viewer):  # another district, another unit, no unit
        assert kinds(engine, nobody.user_id) == []
    notice = notices.describe(notices.ENTRY_RETURNED, balikesir_plan, only(engine, roads.user_id).details, "tr")
    assert notice == notices.Notice(
        "Geri gönderildi: 1.1.1 Asfalt kaplama yapılan yol uzunluğu · Altıeylül · 2024-H2. Açıklama: Kaynak belirtilmemiş",
        f"/{BALIKESIR}/entry/{returned}",
    )
    # corrected and submitted again (version 3): the reviewers are told again, the unit's notice is over
    with engine.begin() as connection:
        connection.execute(entries.update().where(entries.c.entry_id == returned).values(status="submitted", version=3))
    assert derive(alert_settings, plans, engine, now=datetime(2025, 1, 1, 9)) == 1
    assert len(user_notifications(engine, reviewer.user_id)) == 2
    assert unread_count(engine, roads.user_id) == 0
    # both approved: nothing waits any more, so nothing is counted as unread
    with engine.begin() as connection:
        connection.execute(entries.update().values(status="approved", version=4))
    assert derive(alert_settings, plans, engine, now=datetime(2025, 1, 1, 9)) == 0
    assert unread_count(engine, reviewer.user_id) == 0


def test_a_period_closing_within_a_week_with_nothing_submitted_goes_to_the_units_staff(
    alert_settings: Settings, balikesir_plan: Plan, engine
):
    plans = {BALIKESIR: balikesir_plan}
    roads = account(engine, "yol", UNIT_STAFF, BALIKESIR, unit=ROADS)
    strategy = account(engine, "strateji", UNIT_STAFF, BALIKESIR, unit=STRATEGY)
    add_entry(engine, "3.2.2", "1169", "submitted", STRATEGY)  # the strategy unit has submitted for 2024

    # Balıkesir reports every half-year: 2024-H2 closes 45 days after its end, on 14 February 2025
    assert derive(alert_settings, plans, engine, now=datetime(2025, 1, 30, 9)) == 0
    assert derive(alert_settings, plans, engine, now=datetime(2025, 2, 8, 9)) == 1
    notification = only(engine, roads.user_id)
    assert notification.details == {"period": "2024-H2", "closes": "2025-02-14", "unit": ROADS}
    assert notices.describe(notification.kind, balikesir_plan, notification.details, "en").text == (
        f"Entry for the period 2024-H2 closes on 14 Feb 2025; nothing submitted yet by the unit ({ROADS})"
    )
    assert kinds(engine, strategy.user_id) == []
    assert derive(alert_settings, plans, engine, now=datetime(2025, 2, 13, 9)) == 0  # told once

    with engine.begin() as connection:  # reopened until 10 March: told again before the new date
        connection.execute(
            period_reopenings.insert().values(
                plan_code=BALIKESIR,
                period="2024-H2",
                reopened_until=date(2025, 3, 10),
                reopened_by="denetci",
                reopened_at=utc_now(),
            )
        )
    assert derive(alert_settings, plans, engine, now=datetime(2025, 3, 5, 9)) == 1
    assert [item.details["closes"] for item in user_notifications(engine, roads.user_id)] == [
        "2025-03-10",
        "2025-02-14",
    ]


def test_closing_periods_of_half_years_and_years(balikesir_plan: Plan):
    def closing(frequency: str, today: date) -> list[tuple[str, date]]:
        plan = replace(balikesir_plan, monitoring=Monitoring(frequency=frequency, closing_after_days=45))
        found = closing_periods(plan, today=today, within_days=7, reopened={})
        return [(item.period, item.closes_on) for item in found]

    assert closing("half_year", date(2024, 8, 10)) == [("2024-H1", date(2024, 8, 14))]
    assert closing("half_year", date(2025, 2, 14)) == [("2024-H2", date(2025, 2, 14))]
    assert closing("half_year", date(2025, 2, 15)) == []
    assert closing("year", date(2024, 8, 10)) == []
    assert closing("year", date(2023, 2, 7)) == [("2022", date(2023, 2, 14))]
    assert closing("year", date(2026, 2, 10)) == [("2025", date(2026, 2, 14))]  # values come after the plan too
    assert closing("year", date(2029, 2, 10)) == []  # 2028 is past the years the ETL accepts (2024 + 3)
    assert date(2024, 8, 14) - timedelta(days=45) == date(2024, 6, 30)
