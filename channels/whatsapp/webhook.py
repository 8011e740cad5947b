"""Persist a verified webhook delivery: contacts, conversations, inbound messages (deduplicated on wamid),
delivery statuses; then schedule processing. Runs in a worker thread (sync SQLAlchemy), one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError

from channels.whatsapp import metrics
from channels.whatsapp.payloads import InboundEvent, StatusEvent, WebhookBody, error_codes, iter_events
from store.repositories.messaging import (
    OUTBOUND,
    insert_inbound,
    message_by_wamid,
    open_conversation,
    record_status,
    upsert_whatsapp_contact,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from service.composition import Services

log = logging.getLogger("recepta.channels.whatsapp")

PROCESS_KIND = "process_inbound"
STATUS_KIND = "apply_status"
# A status can arrive before the send job stored the wamid it refers to: try again for a while.
STATUS_RETRY_SECONDS = 2.0
STATUS_GIVE_UP_AFTER = timedelta(minutes=10)


@dataclass
class IngestResult:
    messages: int = 0
    duplicates: int = 0
    statuses: int = 0
    deferred_statuses: int = 0
    foreign: int = 0


def _ingest_message(session: Session, services: Services, event: InboundEvent, result: IngestResult) -> None:
    received_at = event.message.received_at
    contact_id = upsert_whatsapp_contact(
        session,
        wa_id=event.identity.wa_id,
        user_id=event.identity.user_id,
        # The WhatsApp profile name is a person's name and nothing needs it: it is never stored.
        profile_name=None,
        seen_at=received_at,
    )
    conversation_id = open_conversation(session, contact_id=contact_id)
    message_id = insert_inbound(
        session,
        conversation_id=conversation_id,
        wamid=event.message.id,
        type=event.message.type,
        payload=event.raw,
        received_at=received_at,
    )
    if message_id is None:
        result.duplicates += 1
        stored = message_by_wamid(session, wamid=event.message.id)
        if stored is None or stored.processed_at is not None:
            return
        # Stored but not processed (e.g. a crash before its job ran): the dedupe key keeps one job.
        message_id = stored.id
    else:
        result.messages += 1
    # A redelivery of a message whose processing failed for good (e.g. the database was down for every attempt)
    # is its second chance: the failed job runs again rather than the message staying unanswered.
    services.jobs.enqueue(
        PROCESS_KIND,
        {"message_id": message_id},
        dedupe_key=f"inbound:{message_id}",
        session=session,
        revive_failed=True,
    )


def status_payload(event: StatusEvent) -> dict[str, Any]:
    error = event.status.errors[0] if event.status.errors else None
    return {
        "wamid": event.status.id,
        "status": event.status.status,
        "at": event.status.at.isoformat(),
        "code": error.code if error else None,
        "title": error.title if error else None,
    }


def apply_status_payload(session: Session, payload: dict[str, Any]) -> bool:
    """Apply one status to its outbound message; False when no message has that wamid (yet)."""
    row = message_by_wamid(session, wamid=payload["wamid"])
    if row is None or row.direction != OUTBOUND:
        return False
    title = payload.get("title")
    record_status(
        row,
        payload["status"],
        at=datetime.fromisoformat(payload["at"]),
        error_code=payload.get("code"),
        error_title=str(title) if title else None,
    )
    return True


def _ingest_status(session: Session, services: Services, event: StatusEvent, result: IngestResult) -> None:
    payload = status_payload(event)
    if apply_status_payload(session, payload):
        result.statuses += 1
        return
    result.deferred_statuses += 1
    now = datetime.now(UTC)
    payload["give_up_at"] = (now + STATUS_GIVE_UP_AFTER).isoformat()
    services.jobs.enqueue(
        STATUS_KIND,
        payload,
        dedupe_key=f"status:{event.status.id}:{event.status.status}",
        run_after=now + timedelta(seconds=STATUS_RETRY_SECONDS),
        session=session,
    )


Events = list[InboundEvent | StatusEvent]


def store_events(session: Session, services: Services, events: Events) -> IngestResult:
    """Store one delivery's events in the caller's transaction; returns counts (no ids or text)."""
    result = IngestResult()
    own_number = services.settings.whatsapp.phone_number_id
    for event in events:
        if event.phone_number_id != own_number:
            # Another number subscribed to the same Meta app: never answer it from this clinic's number.
            result.foreign += 1
            continue
        if isinstance(event, InboundEvent):
            _ingest_message(session, services, event, result)
        else:
            _ingest_status(session, services, event, result)
    return result


def record(result: IngestResult, body: WebhookBody) -> None:
    """Counters and a log line per delivery, once its transaction committed."""
    codes = error_codes(body)
    if codes:
        log.warning("webhook carried errors", extra={"codes": sorted(set(codes))})
    metrics.incr("webhook.messages", result.messages)
    metrics.incr("webhook.duplicates", result.duplicates)
    metrics.incr("webhook.statuses", result.statuses)
    metrics.incr("webhook.foreign_number", result.foreign)


def ingest(services: Services, body: WebhookBody) -> IngestResult:
    """Store everything in ``body`` in one transaction of its own."""
    # Parse every event before writing anything: a malformed change rejects the delivery as a whole.
    events = list(iter_events(body))
    try:
        with services.sessions() as session, session.begin():
            result = store_events(session, services, events)
    except IntegrityError:
        # A concurrent delivery of the same patient's first message won a unique key that PostgreSQL's
        # ON CONFLICT does not arbitrate (wa_id vs user_id): run again, now finding what it stored.
        with services.sessions() as session, session.begin():
            result = store_events(session, services, events)
    record(result, body)
    return result


def apply_status(services: Services, payload: dict[str, Any]) -> None:
    """Job handler of ``apply_status``: a status whose message was not known when it arrived."""
    from service.jobs.errors import RetryLater

    with services.sessions() as session, session.begin():
        if apply_status_payload(session, payload):
            return
    if datetime.now(UTC) < datetime.fromisoformat(payload["give_up_at"]):
        raise RetryLater(STATUS_RETRY_SECONDS, reason="status_before_send")
    metrics.incr("webhook.orphan_statuses")
    log.info("status for an unknown message dropped", extra={"status": payload.get("status")})
