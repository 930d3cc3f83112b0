"""E-mails: composing one from a user's notifications, and handing it to the mail server.

A message is plain text (UTF-8), in the user's language, with one line per notification grouped by
plan and the absolute link of the page each one is about (GOSTERGE_BASE_URL + the page's path), then
the link of the notifications page, where the user also changes the e-mail preference.

:func:`send_message` speaks SMTP with the GOSTERGE_SMTP_* settings: STARTTLS or TLS from the first
byte with the system's certificate authorities (hostname checked), or none on a trusted network;
login when a user is set. Every failure is raised as :class:`MailError` with the server's words, for
the outbox to record and retry (:mod:`operations.outbox`).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate

from gosterge.plan import Plan
from gosterge.settings import Smtp
from operations.notices import NOTIFICATIONS_PATH, describe, page_path, text
from operations.notifications import Notification

TIMEOUT_SECONDS = 20


class MailError(RuntimeError):
    """The mail server could not take a message (down, refused, a TLS or login failure)."""

    def __init__(self, message: str, *, server_down: bool = False):
        super().__init__(message)
        self.server_down = server_down  # nothing can be sent now: the rest of the pass waits too


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str


def compose(
    notifications: Sequence[Notification],
    plans: dict[str, Plan],
    *,
    name: str,
    lang: str,
    base_url: str,
    digest: bool,
) -> Mail:
    """The e-mail telling ``name`` about ``notifications`` in ``lang`` (a daily digest or at once)."""
    lines = [text("mail_greeting", lang, name=name), ""]
    count = len(notifications)
    lines.append(text("mail_intro_digest", lang, count=count) if digest else text("mail_intro_now", lang))
    first_text = ""
    for plan_code in dict.fromkeys(item.plan_code for item in notifications):
        plan = plans.get(plan_code)
        lines += ["", plan.text(lang) if plan is not None else plan_code]
        for item in notifications:
            if item.plan_code != plan_code:
                continue
            notice = describe(item.kind, plan, {"plan": plan_code, **item.details}, lang)
            first_text = first_text or notice.text
            lines += [f"- {notice.text}", f"  {base_url}{page_path(notice.path, lang)}"]
    lines += [
        "",
        text("mail_all", lang),
        f"{base_url}{page_path(NOTIFICATIONS_PATH, lang)}",
        "",
        "-- ",
        text("mail_footer", lang),
    ]
    if digest:
        subject = text("mail_subject_digest", lang, count=count)
    elif count == 1:
        subject = text("mail_subject_one", lang, text=_shorten(first_text))
    else:
        subject = text("mail_subject_many", lang, count=count)
    return Mail(subject=" ".join(subject.split()), body="\n".join(lines) + "\n")  # one line: a header


def _shorten(line: str, limit: int = 150) -> str:
    return line if len(line) <= limit else line[: limit - 1] + "…"


def build_message(smtp: Smtp, *, recipient: str, mail: Mail, message_id: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = recipient
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
    message.set_content(mail.body, charset="utf-8")
    return message


def message_id(outbox_id: int, smtp: Smtp) -> str:
    """The same Message-ID at every attempt of one outbox row, so a mail client shows a message delivered
    twice (a crash between the server's answer and our record of it) once."""
    domain = smtp.sender.rpartition("@")[2].strip(" >") or "localhost"
    return f"<gosterge-outbox-{outbox_id}@{domain}>"


def send_message(smtp: Smtp, message: EmailMessage) -> None:
    """Hand ``message`` to the mail server; raises :class:`MailError` when it does not take it."""
    try:
        client: smtplib.SMTP
        if smtp.tls == "ssl":
            client = smtplib.SMTP_SSL(
                smtp.host, smtp.port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_SECONDS)
        with client:
            if smtp.tls == "starttls":
                client.starttls(context=ssl.create_default_context())
            if smtp.user is not None and smtp.password is not None:
                client.login(smtp.user, smtp.password)
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        raise MailError(f"the server refused the recipient: {_refusals(error)}") from error
    except (smtplib.SMTPResponseException, smtplib.SMTPSenderRefused) as error:
        raise MailError(f"the server answered {error.smtp_code}: {_decoded(error.smtp_error)}") from error
    except (OSError, smtplib.SMTPException) as error:
        where = f"{smtp.host}:{smtp.port}"
        raise MailError(f"{where}: {type(error).__name__}: {error}", server_down=True) from error


def _decoded(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _refusals(error: smtplib.SMTPRecipientsRefused) -> str:
    return "; ".join(f"{address}: {code} {_decoded(reason)}" for address, (code, reason) in error.recipients.items())
