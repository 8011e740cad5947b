"""The outbound channel port: what the pipeline needs to deliver a message to a patient."""

from __future__ import annotations

from typing import Protocol

from channels.messages import OutboundMessage


class Sender(Protocol):
    def send(self, to: str, message: OutboundMessage) -> str:
        """Deliver ``message``; return the channel's message id (wamid). Raises a channel error on failure."""
        ...

    def mark_read(self, wamid: str, *, typing: bool = True) -> None: ...

    def close(self) -> None: ...
