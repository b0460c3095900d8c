"""A real SMTP server on this machine for tests (aiosmtpd), so e-mail goes through Django's SMTP
backend exactly as in production, and the test reads what arrived."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

# This engineer's port range on the shared machine (see docs/development.md).
PORTS = range(9600, 9900)


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for the test SMTP server")


@dataclass
class Mailbox:
    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)  # also Bcc recipients
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in f"{m['To']} {m['X-Envelope-To']}"]

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())

    def link(self, address: str) -> str:
        """The one-time link in the last message to ``address``."""
        found = re.findall(r"https?://\S+", self.body(self.to(address)[-1]))
        assert found, f"no link in the e-mail to {address}"
        return str(found[0])


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    """Run an SMTP server on a free port of 127.0.0.1 until the block ends."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox(port=_free_port())
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
