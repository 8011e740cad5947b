"""Outbound messages: queue a reply as a durable row, then send it once through the Graph API.

``queue_reply`` is used by the pipeline (bot replies) and by the staff handoff API. The row and its
``send_outbound`` job are written in the caller's transaction, so a reply exists if and only if it will be sent.
A row with a wamid is never sent again. The one gap is a send that times out after Graph accepted it: we
cannot tell it from a refused one, so its retry may deliver the message twice (at least once, never lost).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter
from sqlalchemy.orm import Session, joinedload

from channels import messages
from channels.messages import OutboundMessage, TemplateMessage, message_text
from channels.whatsapp import metrics
from channels.whatsapp.errors import (
    REENGAGEMENT_CODE,
    PermanentGraphError,
    TokenExpiredError,
    TransientGraphError,
)
from service.errors import ConflictError
from service.jobs.errors import RetryLater
from store.models.messaging import Conversation, Message
from store.repositories.messaging import OUTBOUND, add_outbound, as_utc, record_status

if TYPE_CHECKING:
    from service.composition import Services

log = logging.getLogger("recepta.outbound")

SEND_KIND = "send_outbound"
SERVICE_WINDOW = timedelta(hours=24)
QUEUED = "queued"
# Replies to contacts of the API channel are kept for the caller and never sent to Graph.
CAPTURED = "captured"
SENDERS = frozenset({"bot", "staff", "system"})

# One query for a message with its conversation and contact (instead of two lazy loads).
WITH_CONTACT = joinedload(Message.conversation).joinedload(Conversation.contact)

_MESSAGE = TypeAdapter[OutboundMessage](messages.OutboundMessage)


def queue_reply(
    session: Session,
    services: Services,
    *,
    conversation_id: int,
    message: OutboundMessage,
    sender: str,
    idempotency_key: str,
    reply_to_id: int | None = None,
) -> Message:
    """Store ``message`` for the conversation's contact and schedule its send (idempotent per key)."""
    if sender not in SENDERS:
        raise ValueError(f"unknown sender {sender!r}")
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise ConflictError(f"conversation {conversation_id} does not exist")
    status = CAPTURED if conversation.contact.channel == "api" else QUEUED
    row = add_outbound(
        session,
        conversation_id=conversation_id,
        type=message.type,
        text=message_text(message) or None,
        payload=message.model_dump(mode="json"),
        sender=sender,
        status=status,
        idempotency_key=idempotency_key,
        reply_to_id=reply_to_id,
    )
    if row.status == QUEUED and row.wamid is None:
        services.jobs.enqueue(SEND_KIND, {"message_id": row.id}, dedupe_key=f"send:{row.id}", session=session)
    return row


def in_service_window(last_inbound_at: datetime | None, *, now: datetime) -> bool:
    """Free-form messages are allowed only within 24 hours of the patient's last message."""
    return last_inbound_at is not None and now - as_utc(last_inbound_at) < SERVICE_WINDOW


def _retries(row: Message) -> int:
    return sum(1 for entry in row.status_history or [] if entry.get("status") == "retry")


def _finish(
    services: Services,
    message_id: int,
    status: str,
    *,
    code: int | None = None,
    title: str | None = None,
    wamid: str | None = None,
) -> None:
    with services.sessions() as session, session.begin():
        row = session.get(Message, message_id)
        if row is None:
            return
        if wamid is not None:
            row.wamid = wamid
        if status == "retry":
            entry: dict[str, Any] = {"status": "retry", "at": datetime.now(UTC).isoformat(), "code": code}
            row.status_history = [*(row.status_history or []), entry]
        else:
            record_status(row, status, at=datetime.now(UTC), error_code=code, error_title=title)


def send_outbound(services: Services, payload: dict[str, Any]) -> None:
    """Job handler: send one queued outbound row. Never sends a row twice; raises RetryLater when transient."""
    message_id = int(payload["message_id"])
    now = datetime.now(UTC)
    with services.sessions() as session, session.begin():
        row = session.get(Message, message_id, options=[WITH_CONTACT])
        if row is None or row.direction != OUTBOUND:
            log.warning("outbound row not found", extra={"message_id": message_id})
            return
        if row.wamid is not None or row.status != QUEUED:
            return
        contact = row.conversation.contact
        recipient = contact.wa_id or contact.user_id
        message = _MESSAGE.validate_python(row.payload)
        retries = _retries(row)
        window_open = in_service_window(contact.last_inbound_at, now=now)
    extra = {"message_id": message_id, "conversation_id": row.conversation_id}
    if recipient is None:
        _finish(services, message_id, "failed", title="contact has no WhatsApp identity")
        log.warning("outbound refused: no recipient", extra=extra)
        return
    if not isinstance(message, TemplateMessage) and not window_open:
        # Graph would refuse it with 131047; the engine must use an approved template instead.
        _finish(services, message_id, "failed", code=REENGAGEMENT_CODE, title="outside 24-hour window")
        metrics.incr("whatsapp.outside_window")
        log.warning("outbound refused: outside the 24-hour window", extra=extra)
        return
    settings = services.settings.whatsapp
    try:
        wamid = services.sender.send(recipient, message)
    except TokenExpiredError as exc:
        _finish(services, message_id, "failed", code=exc.code, title=exc.title)
        metrics.incr("whatsapp.token_expired")
        log.error("whatsapp.token_expired", extra={**extra, "alert": "whatsapp.token_expired"})
        return
    except PermanentGraphError as exc:
        _finish(services, message_id, "failed", code=exc.code, title=exc.title)
        metrics.incr("whatsapp.send_failed")
        log.warning("outbound failed permanently", extra={**extra, "code": exc.code})
        return
    except TransientGraphError as exc:
        if retries + 1 >= settings.send_max_attempts:
            _finish(services, message_id, "failed", code=exc.code, title=exc.title or "retries exhausted")
            metrics.incr("whatsapp.send_failed")
            log.warning("outbound failed after retries", extra={**extra, "code": exc.code, "attempts": retries + 1})
            return
        _finish(services, message_id, "retry", code=exc.code)
        delay = exc.retry_after
        if delay is None:
            delay = min(settings.send_retry_max_seconds, settings.send_retry_base_seconds * 2**retries)
        metrics.incr("whatsapp.send_retry")
        log.info("outbound retry scheduled", extra={**extra, "code": exc.code, "delay_seconds": delay})
        raise RetryLater(delay, reason=f"graph_{exc.code or exc.http_status or 'transport'}") from None
    _finish(services, message_id, "sent", wamid=wamid)
    metrics.incr("whatsapp.sent")
