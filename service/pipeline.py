"""The inbound pipeline: one stored message → the engine's turn → redacted history and queued replies.

``process_inbound`` is the job handler for WhatsApp messages; ``run_turn`` drives the very same code for
``recepta ask``, ``POST /api/v1/chat`` and evals. A turn commits in one transaction (engine state, redacted
inbound text, payload purge, reply rows and their send jobs), so a crash before commit redoes it whole and a
crash after commit finds ``processed_at`` set and does nothing twice.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import null

from agent.turn import InboundTurn, TurnResult
from channels.whatsapp import metrics
from channels.whatsapp.errors import GraphError
from channels.whatsapp.payloads import InboundMessage, button_id, message_text
from guardrails.audit import record_decision
from service.errors import NotFoundError
from service.outbound import QUEUED, SEND_KIND, WITH_CONTACT, queue_reply
from store.models.messaging import Conversation, Message
from store.repositories.messaging import (
    INBOUND,
    as_utc,
    earlier_pending_inbound,
    insert_inbound,
    is_first_inbound,
    open_conversation,
    replies_to,
    upsert_api_contact,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from service.composition import Services

log = logging.getLogger("recepta.pipeline")

PROCESS_KIND = "process_inbound"


def _turn_content(payload: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """(text, button id) from a stored raw message; unknown shapes give (None, None)."""
    if not payload:
        return None, None
    try:
        message = InboundMessage.model_validate(payload)
    except ValueError:
        return None, None
    return message_text(message), button_id(message)


def _mark_read(services: Services, message_id: int) -> None:
    """Blue ticks and the typing indicator while the engine thinks; best effort, never fails the turn."""
    with services.sessions() as session:
        row = session.get(Message, message_id, options=[WITH_CONTACT])
        if row is None or row.wamid is None or row.processed_at is not None:
            return
        if row.conversation.contact.channel != "whatsapp":
            return
        wamid = row.wamid
    try:
        services.sender.mark_read(wamid, typing=True)
    except GraphError as exc:
        metrics.incr("whatsapp.mark_read_failed")
        log.info("mark read failed", extra={"message_id": message_id, "error": type(exc).__name__})


def _requeue_unsent(session: Session, services: Services, message_id: int) -> None:
    # A previous run committed the turn; make sure every queued reply has its send job (dedupe keeps one).
    for reply in replies_to(session, message_id=message_id):
        if reply.status == QUEUED and reply.wamid is None:
            services.jobs.enqueue(SEND_KIND, {"message_id": reply.id}, dedupe_key=f"send:{reply.id}", session=session)


def _earlier_first(services: Services, message_id: int) -> None:
    """Answer earlier waiting messages of the same conversation first, so replies keep the patient's order."""
    with services.sessions() as session:
        message = session.get(Message, message_id)
        if message is None or message.processed_at is not None:
            return
        earlier = earlier_pending_inbound(session, conversation_id=message.conversation_id, message_id=message_id)
    for earlier_id in earlier:
        handle_message(services, earlier_id)


def handle_message(services: Services, message_id: int) -> TurnResult | None:
    """Run the engine on one stored inbound message; None when it was already processed."""
    _earlier_first(services, message_id)
    _mark_read(services, message_id)
    with services.sessions() as session, session.begin():
        message = session.get(Message, message_id, with_for_update=True)
        if message is None or message.direction != INBOUND:
            log.warning("inbound message not found", extra={"message_id": message_id})
            return None
        if message.processed_at is not None:
            _requeue_unsent(session, services, message_id)
            return None
        # One turn at a time per conversation: the engine reads and writes its state (a row lock on PostgreSQL;
        # SQLite serialises writers and a stale snapshot fails the transaction, which the job then re-runs).
        conversation = session.get(Conversation, message.conversation_id, with_for_update=True)
        assert conversation is not None
        text, tapped = _turn_content(message.payload)
        turn = InboundTurn(
            conversation_id=conversation.id,
            message_id=message.id,
            message_type=message.type,
            text=text,
            button_id=tapped,
            received_at=as_utc(message.created_at),
            is_first_contact=is_first_inbound(session, contact_id=conversation.contact_id, message_id=message.id),
        )
        result = services.conversation_engine.handle(session, turn)
        inbound = next((d for d in result.guardrails if d.direction == "inbound"), None)
        # Only the guardrail's redacted text is ever stored; without a decision nothing is.
        message.text = inbound.redacted if inbound is not None else None
        # SQL NULL, not JSON null: a purged payload is simply absent (``payload IS NULL``).
        message.payload = null()  # type: ignore[assignment]
        message.status = "processed"
        message.processed_at = datetime.now(UTC)
        for decision in result.guardrails:
            # Types, offsets, verdicts and escalation only: the audit trail of every check of this turn.
            record_decision(session, decision, message_id=message.id, conversation_id=conversation.id)
        for index, reply in enumerate(result.replies):
            queue_reply(
                session,
                services,
                conversation_id=conversation.id,
                message=reply,
                sender="bot",
                idempotency_key=f"reply:{message.id}:{index}",
                reply_to_id=message.id,
            )
        log.info(
            "inbound processed",
            extra={
                "message_id": message.id,
                "conversation_id": conversation.id,
                "intent": result.intent,
                "replies": len(result.replies),
                "handoff": result.handoff is not None,
            },
        )
    metrics.incr("pipeline.processed")
    return result


def process_inbound(services: Services, payload: dict[str, Any]) -> None:
    """Job handler of ``process_inbound`` (payload ``{"message_id": id}``); idempotent."""
    handle_message(services, int(payload["message_id"]))


def run_turn(services: Services, *, text: str, from_id: str, button_id: str | None = None) -> TurnResult:
    """One synchronous turn for a contact of the API channel; replies are stored as ``captured``."""
    now = datetime.now(UTC)
    if button_id is not None:
        raw: dict[str, Any] = {
            "type": "interactive",
            "interactive": {"type": "button_reply", "button_reply": {"id": button_id, "title": text}},
        }
    else:
        raw = {"type": "text", "text": {"body": text}}
    raw.update(id=f"api.{now.timestamp()}", timestamp=int(now.timestamp()))
    with services.sessions() as session, session.begin():
        contact_id = upsert_api_contact(session, api_id=from_id, seen_at=now)
        conversation_id = open_conversation(session, contact_id=contact_id)
        message_id = insert_inbound(
            session, conversation_id=conversation_id, wamid=None, type=raw["type"], payload=raw, received_at=now
        )
    assert message_id is not None
    result = handle_message(services, message_id)
    if result is None:  # pragma: no cover - a fresh row is never already processed
        raise NotFoundError(f"message {message_id} vanished before processing")
    return result
