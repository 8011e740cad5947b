"""Staff handoff API under /api/v1/handoffs: list, claim, reply (through outbound guardrails), resolve."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from agent import handoff as handoffs
from channels.messages import TextMessage
from guardrails.audit import record_decision
from service.deps import ServicesDep, SessionDep, StaffDep
from store.models import Conversation
from store.models.handoffs import HandoffRequest

router = APIRouter(prefix="/api/v1/handoffs", tags=["handoffs"])


class HandoffOut(BaseModel):
    id: int
    conversation_id: int
    team: str
    priority: str
    reason: str
    status: str
    claimed_by: str | None
    created_at: datetime
    claimed_at: datetime | None
    resolved_at: datetime | None

    @classmethod
    def of(cls, row: HandoffRequest) -> HandoffOut:
        return cls.model_validate(row, from_attributes=True)


class StaffReply(BaseModel):
    text: str = Field(min_length=1, max_length=4096)
    # Retrying the same request with the same key never sends twice.
    idempotency_key: str | None = Field(default=None, max_length=128)


@router.get("")
def list_handoffs(
    session: SessionDep,
    _staff: StaffDep,
    status_: Annotated[Literal["open", "claimed", "resolved"] | None, Query(alias="status")] = None,
    team: Literal["reception", "billing", "nurse_line"] | None = None,
    limit: int = 100,
) -> list[HandoffOut]:
    query = select(HandoffRequest).order_by(HandoffRequest.id.desc()).limit(min(max(limit, 1), 500))
    if status_:
        query = query.where(HandoffRequest.status == status_)
    if team:
        query = query.where(HandoffRequest.team == team)
    return [HandoffOut.of(row) for row in session.scalars(query)]


@router.post("/{handoff_id}/claim")
def claim(handoff_id: int, session: SessionDep, staff: StaffDep) -> HandoffOut:
    return HandoffOut.of(handoffs.claim(session, handoff_id, staff=staff))


@router.post("/{handoff_id}/reply", status_code=status.HTTP_201_CREATED, response_model=None)
def reply(
    handoff_id: int, body: StaffReply, session: SessionDep, services: ServicesDep, staff: StaffDep
) -> dict[str, Any] | JSONResponse:
    """The staff text goes through the outbound-staff guardrail first; a refusal says why, never echoes it."""
    row = handoffs.claim(session, handoff_id, staff=staff)
    language = _language(session, row.conversation_id)
    decision = services.guardrails.check(body.text, direction="outbound-staff", language=language)
    if decision.action in ("refuse", "escalate"):
        # A response, not an exception: the claim and the audit record of the refusal are kept (committed).
        record_decision(session, decision, conversation_id=row.conversation_id)
        found = sorted({e.type for e in decision.entities} | {v.name for v in decision.verdicts})
        reason = "reply refused by guardrails" + (f": {', '.join(found)}" if found else "")
        return JSONResponse(
            {"detail": {"reason": reason, "action": decision.action, "hint": "use the patient portal"}},
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )
    text = decision.redacted if decision.action == "redact" and decision.redacted else body.text
    from service.outbound import queue_reply

    key = body.idempotency_key or uuid.uuid4().hex
    message = queue_reply(
        session,
        services,
        conversation_id=row.conversation_id,
        message=TextMessage(text=text),
        sender="staff",
        idempotency_key=f"staff:{handoff_id}:{key}",
    )
    record_decision(session, decision, message_id=message.id, conversation_id=row.conversation_id)
    return {"message_id": message.id, "status": message.status, "handoff": HandoffOut.of(row).model_dump()}


@router.post("/{handoff_id}/resolve")
def resolve(handoff_id: int, session: SessionDep, _staff: StaffDep) -> HandoffOut:
    return HandoffOut.of(handoffs.resolve(session, handoff_id))


def _language(session: Session, conversation_id: int) -> str | None:
    conversation = session.get(Conversation, conversation_id)
    return conversation.language if conversation is not None else None
