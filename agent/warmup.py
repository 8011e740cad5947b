"""Embed the sentences of every approved chunk ahead of time, so the first questions on a topic are fast."""

from __future__ import annotations

import logging
import threading

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agent.sentences import EmbeddingCache, split_sentences

log = logging.getLogger("recepta.agent.warmup")
BATCH = 64


def approved_chunk_texts(sessions: sessionmaker[Session]) -> list[str]:
    from ingestion.registry import live_versions
    from store.models.documents import DocumentChunk, DocumentVersion

    with sessions() as session:
        live = live_versions(session)
        if not live:
            return []
        pairs = {(doc_id, version) for doc_id, version, _ in live}
        rows = session.execute(
            select(DocumentVersion.document_id, DocumentVersion.version, DocumentChunk.text)
            .join(DocumentChunk, DocumentChunk.version_id == DocumentVersion.id)
            .where(DocumentVersion.document_id.in_({doc_id for doc_id, _ in pairs}))
        )
        return [text for doc_id, version, text in rows if (doc_id, version) in pairs]


def warm(cache: EmbeddingCache, sessions: sessionmaker[Session]) -> int:
    """Returns how many sentences were embedded (already cached ones cost nothing)."""
    sentences = list(dict.fromkeys(s.text for text in approved_chunk_texts(sessions) for s in split_sentences(text)))
    for start in range(0, len(sentences), BATCH):
        cache.documents(sentences[start : start + BATCH])
    log.info("sentence cache warmed", extra={"sentences": len(sentences)})
    return len(sentences)


def warm_in_background(cache: EmbeddingCache, sessions: sessionmaker[Session]) -> threading.Thread:
    def run() -> None:
        try:
            warm(cache, sessions)
        except Exception as exc:  # noqa: BLE001 - warming is an optimisation; answering works without it
            log.warning("sentence cache warm-up failed", extra={"error": type(exc).__name__})

    thread = threading.Thread(target=run, name="recepta-sentence-warmup", daemon=True)
    thread.start()
    return thread
