"""Accounts, roles per plan, argon2 hashes, throttled sign-ins and the audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from operations import throttle
from operations.accounts import (
    AccountError,
    add_user,
    authenticate,
    find_user,
    list_users,
    set_active,
    set_password,
    set_role,
)
from operations.audit import recent_events
from operations.first_admin import ensure_first_admin
from operations.roles import ADMIN, EVERY_PLAN, REVIEWER, UNIT_STAFF, VIEWER, RoleError
from operations.tables import users, utc_now

IZMIR, BALIKESIR = "izmir-2014-2023", "balikesir-2020-2024"
PASSWORD = "doğru-parola-42"


def test_an_account_is_stored_with_an_argon2_hash(engine: sa.Engine):
    user = add_user(engine, " Ayse.Kaya ", PASSWORD, display_name="Ayşe Kaya")
    assert (user.username, user.display_name, user.is_active, user.roles) == ("ayse.kaya", "Ayşe Kaya", True, ())
    with engine.connect() as connection:
        stored = connection.execute(sa.select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    with pytest.raises(AccountError, match="exists already"):
        add_user(engine, "AYSE.KAYA", PASSWORD)
    with pytest.raises(AccountError, match="expected at least 10"):
        add_user(engine, "mehmet", "kısa")
    with pytest.raises(AccountError, match="user name 'bad name'"):
        add_user(engine, "bad name", PASSWORD)


def test_roles_are_held_per_plan(engine: sa.Engine):
    add_user(engine, "ayse", PASSWORD)
    set_role(engine, "ayse", IZMIR, REVIEWER)
    set_role(engine, "ayse", BALIKESIR, UNIT_STAFF, unit="Fen İşleri", districts=["1128", "2006"])
    user = find_user(engine, username="ayse")
    assert user is not None
    assert user.may(REVIEWER, IZMIR) and user.may(VIEWER, IZMIR) and not user.may(ADMIN, IZMIR)
    assert user.may(UNIT_STAFF, BALIKESIR) and not user.may(REVIEWER, BALIKESIR)
    assignment = user.assignment(BALIKESIR)
    assert assignment is not None and (assignment.unit, assignment.districts) == ("Fen İşleri", ("1128", "2006"))
    assert not user.may(VIEWER, "another-plan")
    set_role(engine, "ayse", IZMIR, None)
    user = find_user(engine, username="ayse")
    assert user is not None and user.role_in(IZMIR) is None
    with pytest.raises(RoleError, match="unknown role 'boss'"):
        set_role(engine, "ayse", IZMIR, "boss")
    with pytest.raises(RoleError, match="scope only the unit_staff role"):
        set_role(engine, "ayse", IZMIR, REVIEWER, districts=["1128"])
    with pytest.raises(AccountError, match="no user 'nobody'"):
        set_role(engine, "nobody", IZMIR, VIEWER)


def test_a_role_in_every_plan_gives_way_to_the_plans_own(engine: sa.Engine):
    add_user(engine, "ali", PASSWORD)
    set_role(engine, "ali", EVERY_PLAN, VIEWER)
    set_role(engine, "ali", IZMIR, ADMIN)
    user = find_user(engine, username="ali")
    assert user is not None
    assert user.role_in(IZMIR) == ADMIN and user.role_in(BALIKESIR) == VIEWER
    assert user.may_somewhere(ADMIN) and not user.may(REVIEWER, BALIKESIR)


def test_sign_in_checks_the_password_and_a_disabled_account_cannot_sign_in(engine: sa.Engine):
    add_user(engine, "ayse", PASSWORD)
    assert authenticate(engine, "ayse", PASSWORD, address="10.0.0.1").user is not None
    assert authenticate(engine, "AYSE ", PASSWORD, address="10.0.0.1").user is not None
    wrong = authenticate(engine, "ayse", "yanlış-parola-1", address="10.0.0.1")
    assert (wrong.user, wrong.refusal) == (None, "wrong")
    assert authenticate(engine, "nobody", PASSWORD, address="10.0.0.1").refusal == "wrong"
    set_active(engine, "ayse", False)
    assert authenticate(engine, "ayse", PASSWORD, address="10.0.0.1").refusal == "wrong"
    set_active(engine, "ayse", True)
    set_password(engine, "ayse", "yeni-parola-123")
    assert authenticate(engine, "ayse", PASSWORD, address="10.0.0.1").refusal == "wrong"
    assert authenticate(engine, "ayse", "yeni-parola-123", address="10.0.0.1").user is not None


def test_failed_sign_ins_are_throttled_per_account(engine: sa.Engine):
    add_user(engine, "ayse", PASSWORD)
    for attempt in range(throttle.ACCOUNT_LIMIT):
        assert authenticate(engine, "ayse", f"yanlış-{attempt}-parola", address=f"10.0.0.{attempt}").refusal == "wrong"
    refused = authenticate(engine, "ayse", PASSWORD, address="10.9.9.9")  # the right password, another address
    assert refused.refusal == "throttled" and 0 < refused.wait_seconds <= throttle.WINDOW.total_seconds() + 1
    with engine.begin() as connection:  # the window passes
        assert throttle.wait_seconds(connection, username="ayse", address="x", now=utc_now() + throttle.WINDOW) == 0
        connection.execute(
            throttle.sign_in_failures.update().values(failed_at=utc_now() - throttle.WINDOW - timedelta(seconds=1))
        )
    assert authenticate(engine, "ayse", PASSWORD, address="10.9.9.9").user is not None


def test_failed_sign_ins_are_throttled_per_address(engine: sa.Engine):
    add_user(engine, "mehmet", PASSWORD)
    with engine.begin() as connection:
        for number in range(throttle.ADDRESS_LIMIT):
            throttle.record_failure(connection, username=f"guess{number}", address="203.0.113.7")
    assert authenticate(engine, "mehmet", PASSWORD, address="203.0.113.7").refusal == "throttled"
    assert authenticate(engine, "mehmet", PASSWORD, address="203.0.113.8").user is not None


def test_every_sign_in_failure_and_role_change_is_in_the_audit_log(engine: sa.Engine):
    add_user(engine, "ayse", PASSWORD, actor="admin")
    set_role(engine, "ayse", IZMIR, REVIEWER, actor="admin")
    authenticate(engine, "ayse", "yanlış-parola-1", address="10.0.0.1")
    authenticate(engine, "ayse", PASSWORD, address="10.0.0.1")
    set_active(engine, "ayse", False, actor="admin")
    events = [(event.action, event.actor, event.subject) for event in reversed(recent_events(engine))]
    assert events == [
        ("user_added", "admin", "ayse"),
        ("role_set", "admin", "ayse"),
        ("sign_in_failed", None, "ayse"),
        ("sign_in", "ayse", "ayse"),
        ("user_disabled", "admin", "ayse"),
    ]
    assert recent_events(engine, action="role_set")[0].details == f"reviewer in {IZMIR}"
    assert recent_events(engine, action="sign_in")[0].address == "10.0.0.1"


def test_the_first_admin_is_made_once(engine: sa.Engine):
    password = ensure_first_admin(engine)
    assert password is not None and len(password) >= 10
    assert ensure_first_admin(engine) is None
    (admin,) = list_users(engine)
    assert admin.username == "admin" and admin.may(ADMIN, IZMIR) and admin.may(ADMIN, BALIKESIR)
    assert authenticate(engine, "admin", password, address="127.0.0.1").user is not None
