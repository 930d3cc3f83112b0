"""E-mail over TLS to a real server on loopback (aiosmtpd with a certificate made for the test by the
openssl command): STARTTLS and TLS from the first byte deliver with the certificate trusted, and an
untrusted certificate is refused, recorded and retried, never sent in the clear."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from gosterge.settings import Smtp
from operations.mail import Mail, MailError, build_message, send_message
from tests.alerts.conftest import SENDER, Inbox, free_port

MAIL = Mail(subject="Gösterge: deneme", body="Merhaba, ğüşiöç.\n")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and its key."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make the test's certificate")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return folder / "cert.pem", folder / "key.pem"


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture(params=["starttls", "ssl"])
def tls_server(request: pytest.FixtureRequest, certificate: tuple[Path, Path]) -> Iterator[tuple[Smtp, Inbox]]:
    inbox = Inbox()
    port = free_port()
    if request.param == "starttls":
        controller = Controller(
            inbox, hostname="127.0.0.1", port=port, tls_context=server_context(certificate), require_starttls=True
        )
    else:
        controller = Controller(
            inbox, hostname="127.0.0.1", port=port, ssl_context=server_context(certificate), server_hostname="localhost"
        )
    controller.start()
    yield Smtp(host="localhost", port=port, tls=request.param, sender=SENDER), inbox
    controller.stop()


def test_a_trusted_certificate_delivers(tls_server, certificate, monkeypatch: pytest.MonkeyPatch):
    smtp, inbox = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # OpenSSL's default trust store, for this test
    send_message(smtp, build_message(smtp, recipient="ayse@example.org", mail=MAIL, message_id="<t@example.org>"))
    (message,) = inbox.messages
    assert (message["Subject"], message.get_content().splitlines()) == ("Gösterge: deneme", ["Merhaba, ğüşiöç."])


def test_an_untrusted_certificate_is_refused(tls_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    smtp, inbox = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "no-such-file.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    with pytest.raises(MailError, match="CERTIFICATE_VERIFY_FAILED") as raised:
        send_message(smtp, build_message(smtp, recipient="ayse@example.org", mail=MAIL, message_id="<t@example.org>"))
    assert raised.value.server_down  # retried later, as a server that is down
    assert inbox.messages == []
