"""Contacts, conversations and messages: race-safe upserts and status bookkeeping on SQLite and PostgreSQL.

Inserts that may race (two deliveries of the same message, two first messages from a new contact) use the
dialect's ``INSERT ... ON CONFLICT``, so a duplicate is a no-op rather than an exception that would poison
the caller's transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, bindparam, case, func, or_, select, update
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


_contacts: Table = Contact.__table__  # type: ignore[assignment]
_conversations: Table = Conversation.__table__  # type: ignore[assignment]
_messages: Table = Message.__table__  # type: ignore[assignment]

# The webhook's hot path uses Core statements built once per dialect: SQLAlchemy then reuses their compiled
# form, which makes a delivery several times cheaper than ORM statements rebuilt per call.
_find_contact = (
    select(_contacts.c.id, _contacts.c.wa_id, _contacts.c.user_id)
    .where(or_(_contacts.c.wa_id == bindparam("wa_id"), _contacts.c.user_id == bindparam("user_id")))
    .limit(2)
)
_seen_at = bindparam("seen_at", type_=_contacts.c.last_inbound_at.type)
_later_inbound = case(
    (or_(_contacts.c.last_inbound_at.is_(None), _contacts.c.last_inbound_at < _seen_at), _seen_at),
    else_=_contacts.c.last_inbound_at,
)
_touch_contact = (
    update(_contacts)
    .where(_contacts.c.id == bindparam("contact_id"))
    .values(
        wa_id=func.coalesce(_contacts.c.wa_id, bindparam("new_wa_id")),
        profile_name=func.coalesce(bindparam("profile_name"), _contacts.c.profile_name),
        last_inbound_at=_later_inbound,
    )
)
_find_open_conversation = (
    select(_conversations.c.id)
    .where(
        _conversations.c.contact_id == bindparam("contact_id"),
        _conversations.c.state != ConversationState.RESOLVED.value,
    )
    .order_by(_conversations.c.id.desc())
    .limit(1)
)


@lru_cache(maxsize=8)
def _contact_upsert(dialect: str, key: str) -> Any:
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_contacts)
    excluded = stmt.excluded
    later = case(
        (
            or_(_contacts.c.last_inbound_at.is_(None), _contacts.c.last_inbound_at < excluded.last_inbound_at),
            excluded.last_inbound_at,
        ),
        else_=_contacts.c.last_inbound_at,
    )
    # DO UPDATE (not NOTHING) so the row is locked until commit: concurrent first messages of one contact
    # then serialise, and only one of them creates the open conversation.
    return stmt.on_conflict_do_update(
        index_elements=[_contacts.c[key]],
        set_={
            "user_id": func.coalesce(_contacts.c.user_id, excluded.user_id),
            "profile_name": func.coalesce(excluded.profile_name, _contacts.c.profile_name),
            "last_inbound_at": later,
        },
    ).returning(_contacts.c.id)


@lru_cache(maxsize=4)
def _message_insert(dialect: str) -> Any:
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_messages)
    return stmt.on_conflict_do_nothing(index_elements=[_messages.c.wamid]).returning(_messages.c.id)


@lru_cache(maxsize=4)
def _outbound_insert(dialect: str) -> Any:
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_messages)
    return stmt.on_conflict_do_nothing(index_elements=[_messages.c.idempotency_key]).returning(_messages.c.id)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def upsert_whatsapp_contact(
    session: Session, *, wa_id: str | None, user_id: str | None, profile_name: str | None, seen_at: datetime
) -> int:
    """The id of the contact for this WhatsApp identity, created if new; the 24-hour window only moves on."""
    if wa_id is None and user_id is None:
        raise ValueError("a WhatsApp contact needs wa_id or user_id")
    name = profile_name[:256] if profile_name else None
    found = session.execute(_find_contact, {"wa_id": wa_id, "user_id": user_id}).all()
    if found:
        # Prefer the row of the business-scoped id; give it the wa_id only if no other row holds it.
        row = next((r for r in found if user_id is not None and r.user_id == user_id), found[0])
        new_wa_id = wa_id if len(found) == 1 else None
        session.execute(
            _touch_contact, {"contact_id": row.id, "new_wa_id": new_wa_id, "profile_name": name, "seen_at": seen_at}
        )
        contact_id: int = row.id
        return contact_id
    key = "wa_id" if wa_id is not None else "user_id"
    params = {
        "channel": "whatsapp",
        "wa_id": wa_id,
        "user_id": user_id,
        "profile_name": name,
        "last_inbound_at": seen_at,
        "created_at": datetime.now(UTC),
    }
    contact_id = session.execute(_contact_upsert(_dialect(session), key), params).scalar_one()
    return contact_id


def upsert_api_contact(session: Session, *, api_id: str, seen_at: datetime) -> int:
    """A contact of the API channel (``recepta ask``, POST /api/v1/chat, evals): never sent to Graph."""
    params = {"channel": "api", "api_id": api_id, "last_inbound_at": seen_at, "created_at": datetime.now(UTC)}
    contact_id: int = session.execute(_contact_upsert(_dialect(session), "api_id"), params).scalar_one()
    return contact_id


def open_conversation(session: Session, *, contact_id: int) -> int:
    """The id of the contact's latest conversation that is not resolved, or of a new one."""
    found = session.execute(_find_open_conversation, {"contact_id": contact_id}).scalar_one_or_none()
    if found is not None:
        return int(found)
    conversation = Conversation(contact_id=contact_id, state=ConversationState.BOT_ACTIVE.value, memory={})
    session.add(conversation)
    session.flush()
    return conversation.id


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
    params = {
        "conversation_id": conversation_id,
        "direction": INBOUND,
        "wamid": wamid,
        "type": type[:32],
        "payload": payload,
        "status": "received",
        "status_history": [],
        "created_at": received_at,
        "idempotency_key": None,
        "text": None,
        "error_code": None,
        "error_title": None,
        "sender": None,
        "reply_to_id": None,
        "processed_at": None,
    }
    message_id: int | None = session.execute(_message_insert(_dialect(session)), params).scalar_one_or_none()
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


def earlier_pending_inbound(session: Session, *, conversation_id: int, message_id: int) -> list[int]:
    """Ids of earlier inbound messages of the conversation still waiting for (or in) processing, oldest first.

    Patients often send several messages in a row; they are answered in order, one at a time. A message whose
    job has failed for good does not hold the conversation up. Usually nothing is waiting: one indexed query.
    """
    from store.models.messaging import Job

    waiting = session.scalars(
        select(Message.id)
        .where(
            Message.conversation_id == conversation_id,
            Message.direction == INBOUND,
            Message.id < message_id,
            Message.processed_at.is_(None),
        )
        .order_by(Message.id)
    ).all()
    if not waiting:
        return []
    keys = {f"inbound:{earlier}": earlier for earlier in waiting}
    live = session.scalars(
        select(Job.dedupe_key).where(Job.dedupe_key.in_(list(keys)), Job.status.in_(("pending", "running")))
    ).all()
    return sorted(keys[key] for key in live if key is not None)


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
    now = datetime.now(UTC)
    params = {
        "conversation_id": conversation_id,
        "direction": OUTBOUND,
        "wamid": None,
        "idempotency_key": idempotency_key,
        "type": type,
        "text": text,
        "payload": payload,
        "status": status,
        "status_history": [{"status": status, "at": now.isoformat()}],
        "error_code": None,
        "error_title": None,
        "sender": sender,
        "reply_to_id": reply_to_id,
        "created_at": now,
        "processed_at": None,
    }
    message_id = session.execute(_outbound_insert(_dialect(session)), params).scalar_one_or_none()
    row = session.get(Message, message_id) if message_id is not None else None
    if row is None:  # the key was used before: that row is the reply
        row = message_by_idempotency_key(session, key=idempotency_key)
    assert row is not None
    return row


def last_staff_reply_at(session: Session, *, conversation_id: int) -> datetime | None:
    """When staff last wrote in the conversation (None if they never did)."""
    latest = session.scalar(
        select(func.max(Message.created_at)).where(
            Message.conversation_id == conversation_id, Message.direction == OUTBOUND, Message.sender == "staff"
        )
    )
    return as_utc(latest) if latest is not None else None


def replies_to(session: Session, *, message_id: int) -> list[Message]:
    return list(
        session.scalars(
            select(Message).where(Message.reply_to_id == message_id, Message.direction == OUTBOUND).order_by(Message.id)
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
