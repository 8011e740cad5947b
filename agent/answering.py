"""Answering a question from approved knowledge: grounded LLM when configured, else (and as fallback) extractive."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from agent.extractive import ExtractiveAnswerer
from agent.ports import Retriever
from agent.sentences import EmbeddingCache
from agent.turn import Citation
from knowledge.types import RetrievedChunk

if TYPE_CHECKING:
    from service.composition import Services

log = logging.getLogger("recepta.agent.answering")

# Below this retrieval similarity the question is about something the clinic's documents don't cover at all.
OUT_OF_SCOPE_SCORE = 0.22
# Answers below this confidence also carry a "talk to a person" button.
LOW_CONFIDENCE = 0.62


@dataclass
class Outcome:
    answered: bool
    text: str = ""
    citations: list[Citation] = field(default_factory=list)
    out_of_scope: bool = False
    low_confidence: bool = False
    generated: bool = False


class Generator(Protocol):
    """Grounded generation (agent.grounded): an answer checked against ``chunks``, or None to fall back."""

    def generate(self, query: str, *, language: str, chunks: list[RetrievedChunk]) -> Outcome | None: ...


class Answering:
    def __init__(
        self, retriever: Retriever, cache: EmbeddingCache, *, generator: Generator | None = None, k: int = 4
    ) -> None:
        self.retriever = retriever
        self.extractive = ExtractiveAnswerer(retriever, cache, k=k)
        self.generator = generator
        self.k = k

    def answer(self, query: str, *, language: str, focus: str | None = None, redacted: bool = True) -> Outcome:
        """``query`` must already be redacted (``redacted`` documents that contract at call sites)."""
        del redacted
        chunks = self.retriever.retrieve(query, k=self.k)
        top = max((c.score for c in chunks), default=0.0)
        extractive = self.extractive.answer(query, language=language, focus=focus, chunks=chunks)
        if self.generator is not None and chunks:
            generated = self.generator.generate(query, language=language, chunks=chunks)
            if generated is not None:
                return generated
        if not extractive.answered:
            return Outcome(False, out_of_scope=top < OUT_OF_SCOPE_SCORE)
        return Outcome(
            True, extractive.text, extractive.citations, low_confidence=extractive.confidence < LOW_CONFIDENCE
        )


def build_answering(services: Services) -> Answering:
    cache = EmbeddingCache(services.embedder)
    generator: Generator | None = None
    if services.llm is not None:
        from agent.grounded import GroundedGenerator

        generator = GroundedGenerator(
            services.llm, services.guardrails, cache, services.retriever, settings=services.settings.llm
        )
    return Answering(services.retriever, cache, generator=generator)
