"""Test doubles of the guardrail policy and a real Chroma-backed retriever over a few approved paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from guardrails.decision import Direction, Entity, Escalation, GuardrailDecision, Verdict
from knowledge.types import RetrievedChunk

DNI = re.compile(r"\b\d{8}[A-Z]\b")


@dataclass
class RecordingPolicy:
    """A scripted policy: DNI-like ids are redacted; a few phrases escalate or refuse. Records every call."""

    calls: list[tuple[str, str]] = field(default_factory=list)
    refuse_outbound: set[str] = field(default_factory=set)

    def check(self, text: str, *, direction: Direction, language: str | None = None) -> GuardrailDecision:
        self.calls.append((direction, text))
        lowered = text.lower()
        entities = [Entity(type="ES_NIF", start=m.start(), end=m.end(), score=1.0) for m in DNI.finditer(text)]
        redacted = DNI.sub("<ES_NIF>", text)
        if direction == "inbound" and ("dolor de pecho" in lowered or "chest pain" in lowered):
            return GuardrailDecision(
                direction=direction,
                action="escalate",
                verdicts=[Verdict(name="emergency")],
                escalation=Escalation(team="nurse_line", priority="urgent", reason="emergency"),
                redacted=redacted,
                safe_reply="Llama ya al 112." if language != "en" else "Call 112 now.",
            )
        if direction == "inbound" and "ibuprofeno" in lowered:
            return GuardrailDecision(
                direction=direction,
                action="escalate",
                verdicts=[Verdict(name="clinical_advice")],
                escalation=Escalation(team="nurse_line", priority="normal", reason="clinical_advice"),
                redacted=redacted,
                safe_reply="No puedo dar consejo médico.",
            )
        if direction == "inbound" and "ignore previous instructions" in lowered:
            return GuardrailDecision(
                direction=direction,
                action="refuse",
                verdicts=[Verdict(name="injection")],
                redacted=redacted,
                safe_reply="I can't do that.",
            )
        if direction == "outbound-bot" and any(word in lowered for word in self.refuse_outbound):
            return GuardrailDecision(
                direction=direction, action="refuse", redacted=redacted, safe_reply="Safe reply instead."
            )
        if entities and direction == "outbound-staff":
            return GuardrailDecision(direction=direction, action="refuse", entities=entities, redacted=redacted)
        if entities:
            return GuardrailDecision(
                direction=direction,
                action="redact",
                entities=entities,
                redacted=redacted,
                safe_reply="No compartas tu DNI por aquí." if direction == "inbound" else None,
            )
        return GuardrailDecision(direction=direction, action="allow", redacted=text)


class ChromaRetriever:
    """Retrieval over a Chroma collection filled by ``index`` (what knowledge.retrieval does for real)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.queries: list[str] = []

    def index(self, documents: list[dict[str, Any]]) -> None:
        ids, texts, metas = [], [], []
        for doc_id, doc in enumerate(documents, start=1):
            for n, text in enumerate(doc["chunks"]):
                ids.append(f"{doc_id}:{n}")
                texts.append(text)
                metas.append(
                    {
                        "document_id": doc_id,
                        "version": 1,
                        "title": doc["title"],
                        "source": doc["source"],
                        "language": doc["language"],
                        "section": doc["title"],
                    }
                )
        self.store.upsert(ids, texts, metas)

    def retrieve(
        self, query: str, *, k: int = 5, language: str | None = None, document_ids: Any = None
    ) -> list[RetrievedChunk]:
        self.queries.append(query)
        return [
            RetrievedChunk(
                chunk_id=i,
                text=t,
                score=s,
                document_id=m["document_id"],
                version=m["version"],
                title=m["title"],
                source=m["source"],
                language=m["language"],
                section=m.get("section"),
            )
            for i, t, m, s in self.store.query(query, k=k)
        ]
