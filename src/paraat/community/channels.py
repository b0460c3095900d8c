"""How Paraat reaches volunteers: e-mail through Django's e-mail backends, SMS through a pluggable
gateway, and the point lead's screen (which simply reads the asks).

`PARAAT_SMS_BACKEND` picks the gateway: ``console`` (log), ``file`` (one file per message under
the data directory, for development) or ``messagebird`` (the MessageBird REST API at
`PARAAT_SMS_URL` with `PARAAT_SMS_KEY`). A failed delivery is logged and never undoes the change
that caused it: messages are sent after commit.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    """One message to one person: a full e-mail text and a short SMS text."""

    email: str
    phone: str
    subject: str
    body: str
    sms: str


class SmsGateway(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class ConsoleGateway:
    def send(self, phone: str, text: str) -> None:
        log.info("SMS to %s: %s", phone[-4:].rjust(len(phone), "•"), text)


class FileGateway:
    def send(self, phone: str, text: str) -> None:
        folder = Path(settings.DATA_DIR) / "sms"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
        (folder / f"{stamp}.json").write_text(
            json.dumps({"to": phone, "text": text}, ensure_ascii=False), encoding="utf-8"
        )


class MessageBirdGateway:
    """MessageBird's `POST /messages` (JSON; `Authorization: AccessKey …`; 201 on success)."""

    def send(self, phone: str, text: str) -> None:
        body = json.dumps(
            {"recipients": [phone], "originator": settings.PARAAT_SMS_ORIGINATOR, "body": text}
        ).encode()
        url = str(settings.PARAAT_SMS_URL)
        if not url.startswith(("https://", "http://")):
            raise OSError("PARAAT_SMS_URL must be an http(s) address")
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            url,
            data=body,
            method="POST",
            headers={
                "Authorization": f"AccessKey {settings.PARAAT_SMS_KEY}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - the scheme is checked above
            if response.status not in (200, 201):
                raise OSError(f"SMS gateway answered {response.status}")


GATEWAYS: dict[str, type[SmsGateway]] = {
    "console": ConsoleGateway,
    "file": FileGateway,
    "messagebird": MessageBirdGateway,
}


def sms_gateway() -> SmsGateway:
    return GATEWAYS[settings.PARAAT_SMS_BACKEND]()


def deliver(message: Message) -> list[str]:
    """Send by e-mail and SMS where there is an address; returns the channels that worked."""
    sent: list[str] = []
    if message.email:
        try:
            send_mail(message.subject, message.body, None, [message.email], fail_silently=False)
            sent.append("email")
        except (OSError, ConnectionError) as exc:
            log.warning("e-mail not delivered: %s", exc)
    if message.phone:
        try:
            sms_gateway().send(message.phone, message.sms)
            sent.append("sms")
        except (OSError, urllib.error.URLError) as exc:
            log.warning("SMS not delivered: %s", exc)
    return sent
