"""POST /api/v1/chat: one message through the full pipeline (guardrails, routing, answering), for QA."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from service.deps import ServicesDep, StaffDep

router = APIRouter(prefix="/api/v1", tags=["chat"])


class ChatRequest(BaseModel):
    text: str = Field(max_length=4096)
    # The caller's id for the patient: each distinct value is its own conversation.
    from_: str = Field(alias="from", min_length=1, max_length=128)
    button_id: str | None = Field(default=None, max_length=256)


@router.post("/chat")
def chat(body: ChatRequest, services: ServicesDep, _staff: StaffDep) -> dict[str, Any]:
    """Same JSON as ``recepta ask --json``. Sync: the turn runs in FastAPI's threadpool."""
    from service.pipeline import run_turn

    return run_turn(services, text=body.text, from_id=body.from_, button_id=body.button_id).as_json()
