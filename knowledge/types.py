"""What retrieval returns: an approved chunk with its score and provenance."""

from __future__ import annotations

from pydantic import BaseModel


class RetrievedChunk(BaseModel):
    chunk_id: str
    text: str
    score: float
    document_id: int
    version: int
    title: str
    source: str  # file name or URL
    page: int | None = None
    section: str | None = None
    language: str | None = None
    kind: str | None = None  # e.g. "faq", "education", "policy": lets guardrails allow education content

    @property
    def page_or_section(self) -> str | None:
        if self.page is not None:
            return f"p. {self.page}"
        return self.section
