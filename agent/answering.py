"""Answering a question from approved knowledge: grounded LLM when configured, else (and as fallback) extractive."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from agent.extractive import ExtractiveAnswerer, citation_of, compose
from agent.ports import Retriever
from agent.sentences import EmbeddingCache
from agent.text import calm_case
from agent.turn import Citation
from guardrails.decision import GuardrailDecision
from knowledge.types import RetrievedChunk

if TYPE_CHECKING:
    from service.composition import Services

log = logging.getLogger("recepta.agent.answering")

# Below this retrieval similarity the question is about something the clinic's documents don't cover at all.
OUT_OF_SCOPE_SCORE = 0.22
# Chunks whose sentences are ranked for an answer (more chunks: the right sentence is more often among them).
K = 10
WARMING_K = 4
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
    # Retrieval-direction decisions taken before chunks reached a hosted model.
    guardrails: list[GuardrailDecision] = field(default_factory=list)
    # False when only the ``also`` questions found an answer.
    main_answered: bool = True


class Generator(Protocol):
    """Grounded generation (agent.grounded): an answer checked against ``chunks``, or None to fall back."""

    def generate(
        self, query: str, *, language: str, chunks: list[RetrievedChunk], decisions: list[GuardrailDecision]
    ) -> Outcome | None: ...


class Answering:
    def __init__(
        self, retriever: Retriever, cache: EmbeddingCache, *, generator: Generator | None = None, k: int = K
    ) -> None:
        self.retriever = retriever
        self.extractive = ExtractiveAnswerer(retriever, cache, k=k)
        self.generator = generator
        self.k = k
        # The background thread embedding approved sentences ahead of time, when one was started.
        self.warmup: threading.Thread | None = None

    def answer(
        self,
        query: str,
        *,
        language: str,
        focus: str | None = None,
        also: Sequence[str] = (),
        decisions: list[GuardrailDecision] | None = None,
    ) -> Outcome:
        """``query`` must already be redacted. ``also``: fixed questions whose answers are added when found
        (e.g. how to reach billing). Retrieval guardrail decisions are appended to ``decisions``."""
        query, focus = calm_case(query), calm_case(focus) if focus else focus
        warming = self.warmup is not None and self.warmup.is_alive()
        # While the sentence cache is still warming (the first seconds after a start), rank fewer chunks: each
        # unseen sentence costs an embedding, and the warm-up thread competes for the same cores.
        chunks = self.retriever.retrieve(query, k=min(self.k, WARMING_K) if warming else self.k)
        top = max((c.score for c in chunks), default=0.0)
        decisions = decisions if decisions is not None else []
        if self.generator is not None and chunks:
            generated = self.generator.generate(query, language=language, chunks=chunks, decisions=decisions)
            if generated is not None:
                generated.guardrails = decisions
                return generated
        main = self.extractive.answer(query, focus=focus, chunks=chunks, language=language)
        parts = list(main.parts)
        for extra in also:
            found = self.extractive.answer(extra, language=language)
            seen = {s.text for _, s in parts}
            parts += [(c, s) for c, s in found.parts if s.text not in seen] if found.answered else []
        if not parts:
            return Outcome(False, out_of_scope=top < OUT_OF_SCOPE_SCORE, guardrails=decisions)
        citations = {c.chunk_id: citation_of(c) for c, _ in parts}
        return Outcome(
            True,
            compose(parts, language, by_section=main.by_section and not also),
            list(citations.values()),
            low_confidence=not main.answered or main.confidence < LOW_CONFIDENCE,
            main_answered=main.answered,
            guardrails=decisions,
        )


def build_answering(services: Services) -> Answering:
    cache = EmbeddingCache(services.embedder)
    generator: Generator | None = None
    if services.llm is not None:
        from agent.grounded import GroundedGenerator

        generator = GroundedGenerator(
            services.llm, services.guardrails, cache, services.retriever, settings=services.settings.llm
        )
    answering = Answering(services.retriever, cache, generator=generator)
    if services.settings.environment != "test":
        from agent.warmup import warm_in_background

        answering.warmup = warm_in_background(cache, services.sessions)
    return answering
