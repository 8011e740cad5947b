"""Handing a conversation to a person: the handoff row, conversation state, and what the patient is told."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent.replies import phrase, team_name
from guardrails.decision import Priority, Team
from service.errors import ConflictError, NotFoundError
from service.settings import ClinicSettings
from store.models import Conversation, ConversationState
from store.models.handoffs import HandoffRequest, HandoffStatus

log = logging.getLogger("recepta.agent.handoff")

PRIORITY_RANK: dict[str, int] = {"low": 0, "normal": 1, "high": 2, "urgent": 3}
QUIET_STATES = frozenset({ConversationState.WAITING_HUMAN.value, ConversationState.HUMAN_ACTIVE.value})
_DAYS = {
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def active_handoff(session: Session, conversation_id: int) -> HandoffRequest | None:
    return session.scalars(
        select(HandoffRequest)
        .where(HandoffRequest.conversation_id == conversation_id, HandoffRequest.status != HandoffStatus.RESOLVED.value)
        .order_by(HandoffRequest.id.desc())
    ).first()


def open_handoff(
    session: Session, conversation: Conversation, *, team: Team, priority: Priority, reason: str
) -> tuple[HandoffRequest, bool]:
    """The conversation's open handoff (raised to ``priority`` if higher) or a new one; True when new."""
    current = active_handoff(session, conversation.id)
    if current is not None:
        if PRIORITY_RANK[priority] > PRIORITY_RANK[current.priority]:
            current.priority = priority
            current.team, current.reason = team, reason
        return current, False
    handoff = HandoffRequest(conversation_id=conversation.id, team=team, priority=priority, reason=reason[:64])
    session.add(handoff)
    if conversation.state != ConversationState.HUMAN_ACTIVE.value:
        conversation.state = ConversationState.WAITING_HUMAN.value
    session.flush()
    log.info(
        "handoff opened",
        extra={
            "handoff_id": handoff.id,
            "conversation_id": conversation.id,
            "team": team,
            "priority": priority,
            "reason": reason,
        },
    )
    return handoff, True


def claim(session: Session, handoff_id: int, *, staff: str) -> HandoffRequest:
    handoff = _get(session, handoff_id)
    if handoff.status == HandoffStatus.RESOLVED.value:
        raise ConflictError(f"handoff {handoff_id} is already resolved")
    if handoff.status == HandoffStatus.CLAIMED.value and handoff.claimed_by != staff:
        raise ConflictError(f"handoff {handoff_id} is claimed by someone else")
    handoff.status = HandoffStatus.CLAIMED.value
    handoff.claimed_by = staff[:64]
    handoff.claimed_at = handoff.claimed_at or datetime.now(UTC)
    conversation = session.get(Conversation, handoff.conversation_id)
    if conversation is not None:
        conversation.state = ConversationState.HUMAN_ACTIVE.value
    return handoff


def resolve(session: Session, handoff_id: int) -> HandoffRequest:
    """Close the handoff and give the conversation back to the bot."""
    handoff = _get(session, handoff_id)
    if handoff.status != HandoffStatus.RESOLVED.value:
        handoff.status = HandoffStatus.RESOLVED.value
        handoff.resolved_at = datetime.now(UTC)
    conversation = session.get(Conversation, handoff.conversation_id)
    if conversation is not None and active_handoff(session, conversation.id) is None:
        conversation.state = ConversationState.BOT_ACTIVE.value
        conversation.memory = {k: v for k, v in (conversation.memory or {}).items() if k == "language"}
    return handoff


def _get(session: Session, handoff_id: int) -> HandoffRequest:
    handoff = session.get(HandoffRequest, handoff_id)
    if handoff is None:
        raise NotFoundError(f"handoff {handoff_id} not found")
    return handoff


def _hours(clinic: ClinicSettings, day: int) -> tuple[time, time] | None:
    spec = clinic.office_hours.get(day)
    if not spec:
        return None
    start, end = spec.split("-")
    return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())


def is_office_hours(clinic: ClinicSettings, now: datetime) -> bool:
    local = now.astimezone(ZoneInfo(clinic.timezone))
    hours = _hours(clinic, local.isoweekday())
    return hours is not None and hours[0] <= local.time() < hours[1]


def next_opening(clinic: ClinicSettings, now: datetime) -> datetime:
    local = now.astimezone(ZoneInfo(clinic.timezone))
    for offset in range(8):
        day = local + timedelta(days=offset)
        hours = _hours(clinic, day.isoweekday())
        if hours is None:
            continue
        opening = datetime.combine(day.date(), hours[0], tzinfo=local.tzinfo)
        if opening > local:
            return opening
    return local


def next_steps(clinic: ClinicSettings, *, team: Team, language: str, now: datetime, urgent: bool) -> str:
    """What happens next and when: within office hours a person answers shortly, else from the next opening."""
    name = team_name(team, language)
    if is_office_hours(clinic, now):
        local = now.astimezone(ZoneInfo(clinic.timezone))
        today = clinic.office_hours.get(local.isoweekday(), "")
        text = phrase("handoff_open_hours", language, team=name, hours=today.replace("-", "–"))
    else:
        text = phrase("handoff_after_hours", language, team=name, next_open=_next_open(clinic, now, language))
    if urgent or not is_office_hours(clinic, now):
        text += " " + phrase("handoff_emergency_note", language, emergency=clinic.emergency_number)
    return text


def still_waiting(clinic: ClinicSettings, *, language: str, now: datetime) -> str:
    """Outside office hours, to a patient whose conversation a person already owns: when the team is back."""
    text = phrase("waiting_after_hours", language, next_open=_next_open(clinic, now, language))
    return f"{text} {phrase('handoff_emergency_note', language, emergency=clinic.emergency_number)}"


def _next_open(clinic: ClinicSettings, now: datetime, language: str) -> str:
    opening = next_opening(clinic, now)
    day = _DAYS.get(language, _DAYS["es"])[opening.weekday()]
    return f"{day} {opening:%H:%M}" if language == "en" else f"{day} a las {opening:%H:%M}"
