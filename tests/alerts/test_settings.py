"""The e-mail settings: read with their defaults, and one line naming a bad value."""

from __future__ import annotations

import pytest

from gosterge.settings import SettingsError, Smtp, load_settings

MAIL = {
    "GOSTERGE_SMTP_HOST": "smtp.example.org",
    "GOSTERGE_SMTP_SENDER": "Gösterge <gosterge@example.org>",
    "GOSTERGE_BASE_URL": "https://gosterge.example.org/",
}


def test_no_host_no_email():
    settings = load_settings({})
    assert settings.smtp is None and settings.base_url is None


def test_values_and_defaults():
    settings = load_settings(MAIL)
    assert settings.smtp == Smtp("smtp.example.org", 587, "starttls", "Gösterge <gosterge@example.org>")
    assert settings.base_url == "https://gosterge.example.org"
    ssl = load_settings({**MAIL, "GOSTERGE_SMTP_TLS": "SSL", "GOSTERGE_SMTP_USER": "u", "GOSTERGE_SMTP_PASSWORD": "p"})
    assert ssl.smtp is not None and (ssl.smtp.port, ssl.smtp.tls, ssl.smtp.user) == (465, "ssl", "u")
    assert "p" not in repr(ssl.smtp).split("user='u'")[1]  # the password stays out of logs and tracebacks
    relay = load_settings({**MAIL, "GOSTERGE_SMTP_TLS": "none", "GOSTERGE_SMTP_PORT": "2525"})
    assert relay.smtp is not None and (relay.smtp.port, relay.smtp.tls) == (2525, "none")
    assert (settings.smtp.digest_hour, settings.notification_days) == (8, 90)
    early = load_settings({**MAIL, "GOSTERGE_SMTP_DIGEST_HOUR": "0", "GOSTERGE_NOTIFICATION_DAYS": "30"})
    assert early.smtp is not None and (early.smtp.digest_hour, early.notification_days) == (0, 30)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"GOSTERGE_SMTP_TLS": "tls"}, "GOSTERGE_SMTP_TLS: got 'tls'; expected one of starttls, ssl, none"),
        ({"GOSTERGE_SMTP_PORT": "70000"}, "GOSTERGE_SMTP_PORT: got 70000; expected a port from 1 to 65535"),
        ({"GOSTERGE_SMTP_PORT": "smtp"}, "GOSTERGE_SMTP_PORT: got 'smtp'; expected a whole number ≥ 1"),
        ({"GOSTERGE_SMTP_SENDER": ""}, "GOSTERGE_SMTP_SENDER: got ''; expected an address such as"),
        ({"GOSTERGE_SMTP_USER": "u"}, "GOSTERGE_SMTP_USER and GOSTERGE_SMTP_PASSWORD: got one without the other"),
        ({"GOSTERGE_BASE_URL": ""}, "GOSTERGE_BASE_URL: not set; expected the dashboard's address"),
        ({"GOSTERGE_BASE_URL": "gosterge.example.org"}, "GOSTERGE_BASE_URL: got 'gosterge.example.org'; expected"),
        ({"GOSTERGE_BASE_URL": "https://x.org/?a=1"}, "GOSTERGE_BASE_URL: got 'https://x.org/?a=1'; expected"),
        ({"GOSTERGE_SMTP_DIGEST_HOUR": "24"}, "GOSTERGE_SMTP_DIGEST_HOUR: got 24; expected an hour from 0 to 23"),
        ({"GOSTERGE_SMTP_DIGEST_HOUR": "sekiz"}, "GOSTERGE_SMTP_DIGEST_HOUR: got 'sekiz'; expected a whole number"),
        ({"GOSTERGE_NOTIFICATION_DAYS": "7"}, "GOSTERGE_NOTIFICATION_DAYS: got 7; expected at least 8"),
    ],
)
def test_a_bad_value_is_named(changes, message):
    with pytest.raises(SettingsError) as raised:
        load_settings({**MAIL, **changes})
    assert str(raised.value).startswith(message)
