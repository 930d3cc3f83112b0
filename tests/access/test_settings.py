"""The access and operational-database settings: defaults, and one line naming a bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from gosterge.settings import SettingsError, load_settings


def test_the_defaults(tmp_path: Path):
    settings = load_settings({"GOSTERGE_DATA_DIR": str(tmp_path)})
    assert settings.access_mode == "public"
    assert settings.operations_url == f"sqlite:///{tmp_path / 'operations.sqlite'}"
    assert (settings.session_idle_minutes, settings.cookie_secure, settings.max_request_bytes) == (30, False, 1 << 20)
    assert settings.secret_key is None


def test_values_are_read():
    settings = load_settings(
        {
            "GOSTERGE_ACCESS": "private",
            "GOSTERGE_DATABASE_URL": "postgresql+psycopg://gosterge@db/gosterge",
            "GOSTERGE_SECRET_KEY": "k" * 40,
            "GOSTERGE_SESSION_IDLE_MINUTES": "5",
            "GOSTERGE_COOKIE_SECURE": "1",
            "GOSTERGE_MAX_REQUEST_KB": "64",
        }
    )
    assert settings.access_mode == "private" and settings.operations_url.startswith("postgresql+psycopg://")
    assert (settings.session_idle_minutes, settings.cookie_secure, settings.max_request_bytes) == (5, True, 65536)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("GOSTERGE_ACCESS", "open", "GOSTERGE_ACCESS: got 'open'; expected one of public, private"),
        ("GOSTERGE_DATABASE_URL", "mysql://x/y", "GOSTERGE_DATABASE_URL: got a URL of scheme 'mysql'; expected"),
        ("GOSTERGE_SESSION_IDLE_MINUTES", "0", "GOSTERGE_SESSION_IDLE_MINUTES: got '0'; expected a whole number ≥ 1"),
        ("GOSTERGE_MAX_REQUEST_KB", "1.5", "GOSTERGE_MAX_REQUEST_KB: got '1.5'; expected a whole number ≥ 1"),
        ("GOSTERGE_COOKIE_SECURE", "maybe", "GOSTERGE_COOKIE_SECURE: got 'maybe'; expected 1 or 0"),
    ],
)
def test_a_bad_value_is_named(variable: str, value: str, message: str):
    with pytest.raises(SettingsError) as raised:
        load_settings({variable: value})
    assert str(raised.value).startswith(message)


def test_the_secret_key_is_made_once_and_kept_private(tmp_path: Path):
    from dashboard.access.sessions import secret_key

    settings = load_settings({"GOSTERGE_DATA_DIR": str(tmp_path / "data")})
    first = secret_key(settings)
    assert len(first) == 64 and secret_key(settings) == first
    assert settings.secret_key_file.stat().st_mode & 0o777 == 0o600


def test_trusted_proxies_is_a_count_from_zero():
    assert load_settings({}).trusted_proxies == 0
    assert load_settings({"GOSTERGE_TRUSTED_PROXIES": "2"}).trusted_proxies == 2
    with pytest.raises(SettingsError) as raised:
        load_settings({"GOSTERGE_TRUSTED_PROXIES": "-1"})
    assert str(raised.value) == "GOSTERGE_TRUSTED_PROXIES: got '-1'; expected a whole number ≥ 0"
