"""Contacts, conversations and messages: race-safe upserts and status bookkeeping on SQLite and PostgreSQL.

Inserts that may race (two deliveries of the same message, two first messages from a new contact) use the
dialect's ``INSERT ... ON CONFLICT``, so a duplicate is a no-op rather than an exception that would poison
the caller's transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.models.messaging import Contact, Conversation, ConversationState, Message

INBOUND = "inbound"
OUTBOUND = "outbound"

# Delivery statuses only move forward: a late "delivered" never overwrites "read".
STATUS_RANK = {"queued": 0, "accepted": 1, "sent": 2, "delivered": 3, "read": 4, "played": 5}
FAILED = "failed"


def as_utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; every datetime Recepta stores is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _insert(session: Session, model: type[Any]) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


def _refresh_last_inbound(contact: Contact, seen_at: datetime) -> None:
    if contact.last_inbound_at is None or as_utc(contact.last_inbound_at) < seen_at:
        contact.last_inbound_at = seen_at


def upsert_whatsapp_contact(
    session: Session, *, wa_id: str | None, user_id: str | None, profile_name: str | None, seen_at: datetime
) -> Contact:
    """The contact for this WhatsApp identity, created if new; refreshes the 24-hour window start."""
    if wa_id is None and user_id is None:
        raise ValueError("a WhatsApp contact needs wa_id or user_id")
    contact: Contact | None = None
    if user_id is not None:
        contact = session.scalars(select(Contact).where(Contact.user_id == user_id).with_for_update()).first()
    if contact is not None:
        if wa_id is not None and contact.wa_id is None:
            taken = session.scalar(select(Contact.id).where(Contact.wa_id == wa_id))
            if taken is None:
                contact.wa_id = wa_id
    else:
        key = Contact.wa_id if wa_id is not None else Contact.user_id
        stmt = _insert(session, Contact).values(
            channel="whatsapp",
            wa_id=wa_id,
            user_id=user_id,
            profile_name=profile_name,
            created_at=datetime.now(UTC),
        )
        # DO UPDATE (not NOTHING) so the row is locked until commit: concurrent first messages of one
        # contact then serialise, and only one of them creates the open conversation.
        stmt = stmt.on_conflict_do_update(
            index_elements=[key],
            set_={"user_id": func.coalesce(Contact.user_id, stmt.excluded.user_id)},
        ).returning(Contact.id)
        contact_id = session.execute(stmt).scalar_one()
        contact = session.get(Contact, contact_id, populate_existing=True)
        assert contact is not None
    if profile_name:
        contact.profile_name = profile_name[:256]
    _refresh_last_inbound(contact, seen_at)
    session.flush()
    return contact


def upsert_api_contact(session: Session, *, api_id: str, seen_at: datetime) -> Contact:
    """A contact of the API channel (``recepta ask``, POST /api/v1/chat, evals): never sent to Graph."""
    stmt = _insert(session, Contact).values(channel="api", api_id=api_id, created_at=datetime.now(UTC))
    stmt = stmt.on_conflict_do_update(
        index_elements=[Contact.api_id], set_={"channel": stmt.excluded.channel}
    ).returning(Contact.id)
    contact = session.get(Contact, session.execute(stmt).scalar_one(), populate_existing=True)
    assert contact is not None
    _refresh_last_inbound(contact, seen_at)
    session.flush()
    return contact


def open_conversation(session: Session, *, contact_id: int) -> Conversation:
    """The contact's latest conversation that is not resolved, or a new one."""
    conversation = session.scalars(
        select(Conversation)
        .where(Conversation.contact_id == contact_id, Conversation.state != ConversationState.RESOLVED.value)
        .order_by(Conversation.id.desc())
        .limit(1)
    ).first()
    if conversation is None:
        conversation = Conversation(
            contact_id=contact_id, state=ConversationState.BOT_ACTIVE.value, memory={}
        )
        session.add(conversation)
        session.flush()
    return conversation


def insert_inbound(
    session: Session,
    *,
    conversation_id: int,
    wamid: str | None,
    type: str,
    payload: dict[str, Any],
    received_at: datetime,
) -> int | None:
    """Store an inbound message; None when its wamid is already stored (a replayed delivery)."""
    values = {
        "conversation_id": conversation_id,
        "direction": INBOUND,
        "wamid": wamid,
        "type": type[:32],
        "payload": payload,
        "status": "received",
        "status_history": [],
        "created_at": received_at,
    }
    stmt = _insert(session, Message).values(**values)
    if wamid is not None:
        stmt = stmt.on_conflict_do_nothing(index_elements=[Message.wamid])
    message_id: int | None = session.execute(stmt.returning(Message.id)).scalar_one_or_none()
    return message_id


def message_by_wamid(session: Session, *, wamid: str) -> Message | None:
    return session.scalars(select(Message).where(Message.wamid == wamid)).first()


def message_by_idempotency_key(session: Session, *, key: str) -> Message | None:
    return session.scalars(select(Message).where(Message.idempotency_key == key)).first()


def is_first_inbound(session: Session, *, contact_id: int, message_id: int) -> bool:
    """True when no earlier inbound message of this contact exists (in any of its conversations)."""
    earlier = session.scalar(
        select(func.count(Message.id))
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Conversation.contact_id == contact_id, Message.direction == INBOUND, Message.id < message_id)
    )
    return not earlier


def add_outbound(
    session: Session,
    *,
    conversation_id: int,
    type: str,
    text: str | None,
    payload: dict[str, Any],
    sender: str,
    status: str,
    idempotency_key: str,
    reply_to_id: int | None = None,
) -> Message:
    """An outbound message row; the existing row when ``idempotency_key`` was already used."""
    existing = message_by_idempotency_key(session, key=idempotency_key)
    if existing is not None:
        return existing
    now = datetime.now(UTC)
    stmt = (
        _insert(session, Message)
        .values(
            conversation_id=conversation_id,
            direction=OUTBOUND,
            idempotency_key=idempotency_key,
            type=type,
            text=text,
            payload=payload,
            status=status,
            status_history=[{"status": status, "at": now.isoformat()}],
            sender=sender,
            reply_to_id=reply_to_id,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=[Message.idempotency_key])
    )
    session.execute(stmt)
    row = message_by_idempotency_key(session, key=idempotency_key)
    assert row is not None
    return row


def replies_to(session: Session, *, message_id: int) -> list[Message]:
    return list(
        session.scalars(
            select(Message)
            .where(Message.reply_to_id == message_id, Message.direction == OUTBOUND)
            .order_by(Message.id)
        )
    )


def record_status(
    message: Message,
    status: str,
    *,
    at: datetime,
    error_code: int | None = None,
    error_title: str | None = None,
) -> bool:
    """Apply a delivery status if it moves the message forward; always keep it in the history.

    Returns True when ``message.status`` changed. ``failed`` wins only before delivery; any delivery
    evidence (delivered/read) wins over a failure.
    """
    entry: dict[str, Any] = {"status": status, "at": at.isoformat()}
    if error_code is not None:
        entry["code"] = error_code
    # Reassign, not append: JSON columns only persist on assignment.
    message.status_history = [*(message.status_history or []), entry]
    current = message.status
    if status == FAILED:
        if current != FAILED and STATUS_RANK.get(current, 0) < STATUS_RANK["delivered"]:
            message.status = FAILED
            message.error_code = error_code
            message.error_title = error_title[:256] if error_title else None
            return True
        return False
    new_rank = STATUS_RANK.get(status)
    if new_rank is None:
        return False
    if current == FAILED or new_rank > STATUS_RANK.get(current, -1):
        message.status = status
        return True
    return False
