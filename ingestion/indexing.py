"""Writing chunks of one version into the vector store, and removing them once the SQL change is committed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from knowledge.ports import VectorStore
from store.models.documents import Document, DocumentChunk, DocumentVersion

_CLEANUP = "recepta.vector_cleanup"


def doc_version_key(document_id: int, version: int) -> str:
    return f"{document_id}:{version}"


def chunk_key(document_id: int, version: int, ordinal: int) -> str:
    return f"d{document_id}v{version}c{ordinal}"


def embedding_text(title: str, section: str | None, text: str) -> str:
    # The title and heading carry the topic that the chunk's own words often leave implicit.
    head = title if not section or section == title else f"{title} — {section}"
    return f"{head}\n{text}"


def chunk_metadata(document: Document, version: DocumentVersion, chunk: DocumentChunk) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "document_id": document.id,
        "version": version.version,
        "doc_version": doc_version_key(document.id, version.version),
        "title": version.title,
        "source": document.source,
        "kind": document.kind,
        "language": chunk.language,
        "ordinal": chunk.ordinal,
    }
    # Chroma metadata cannot hold None.
    for key, value in (("section", chunk.section), ("page", chunk.page), ("url", chunk.url)):
        if value is not None:
            meta[key] = value
    return meta


def index_version(
    store: VectorStore,
    document: Document,
    version: DocumentVersion,
    chunks: Sequence[DocumentChunk],
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Replaces whatever the store holds for this document version by ``chunks``."""
    store.delete(where={"doc_version": doc_version_key(document.id, version.version)})
    step = 64
    for start in range(0, len(chunks), step):
        batch = chunks[start : start + step]
        store.upsert(
            [c.chunk_key for c in batch],
            [c.text for c in batch],
            [chunk_metadata(document, version, c) for c in batch],
            embed_texts=[embedding_text(version.title, c.section, c.text) for c in batch],
        )
        if progress:
            progress(len(batch))


def remove_after_commit(session: Session, store: VectorStore, where: dict[str, Any]) -> None:
    """Deletes vectors once the transaction that made them unreachable commits (never on rollback)."""
    if _CLEANUP not in session.info:
        session.info[_CLEANUP] = []

        @event.listens_for(session, "after_commit")
        def _run(sess: Session) -> None:
            pending, sess.info[_CLEANUP] = sess.info.get(_CLEANUP, []), []
            for target, condition in pending:
                target.delete(where=condition)

        @event.listens_for(session, "after_rollback")
        def _drop(sess: Session) -> None:
            sess.info[_CLEANUP] = []

    session.info[_CLEANUP].append((store, where))
