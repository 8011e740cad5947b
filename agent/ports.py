"""Ports the conversation engine depends on. Adapters live elsewhere; the composition root wires them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from sqlalchemy.orm import Session

from agent.turn import InboundTurn, TurnResult
from guardrails.decision import Direction, GuardrailDecision
from knowledge.types import RetrievedChunk


class ConversationEngine(Protocol):
    def handle(self, session: Session, turn: InboundTurn) -> TurnResult:
        """Decide the replies to one inbound message; updates conversation state in ``session``."""
        ...


class Retriever(Protocol):
    def retrieve(
        self, query: str, *, k: int = 5, language: str | None = None, document_ids: Sequence[int] | None = None
    ) -> list[RetrievedChunk]: ...


class GuardrailPolicy(Protocol):
    def check(self, text: str, *, direction: Direction, language: str | None = None) -> GuardrailDecision: ...


class LLM(Protocol):
    """A chat model behind an OpenAI-compatible endpoint (or a test double)."""

    model_id: str

    def complete(self, messages: Sequence[dict[str, str]], *, max_tokens: int = 512) -> str: ...

    def stream(self, messages: Sequence[dict[str, str]], *, max_tokens: int = 512) -> Iterator[str]: ...
