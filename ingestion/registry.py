"""Queries and views over the documents registry (no side effects on the vector store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.errors import NotFoundError
from store.models.documents import Document, DocumentChunk, DocumentStatus, DocumentVersion


@dataclass
class DocumentInfo:
    id: int
    title: str
    source: str
    kind: str
    language: str
    status: str  # of the latest version: pending | approved | retired
    version: int  # the latest version
    chunks: int
    added_by: str
    added_at: datetime
    approved_by: str | None
    approved_at: datetime | None
    retired_by: str | None
    retired_at: datetime | None
    phi_findings: int
    # The approved version patients are answered from while a newer one waits for approval.
    live_version: int | None = None


@dataclass
class ChunkInfo:
    chunk_id: str
    text: str
    section: str | None
    page: int | None
    url: str | None
    # The ingestion PHI check flagged this chunk (the admin page highlights it for review).
    has_phi: bool = False


def get_row(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFoundError(f"document {document_id} does not exist")
    return document


def latest_version(session: Session, document: Document) -> DocumentVersion:
    version = session.scalar(
        select(DocumentVersion).where(
            DocumentVersion.document_id == document.id, DocumentVersion.version == document.latest_version
        )
    )
    if version is None:
        raise NotFoundError(f"document {document.id} has no version {document.latest_version}")
    return version


def to_info(session: Session, document: Document) -> DocumentInfo:
    version = latest_version(session, document)
    return DocumentInfo(
        id=document.id,
        title=document.title,
        source=document.source,
        kind=document.kind,
        language=document.language,
        status=document.status,
        version=document.latest_version,
        chunks=version.chunk_count,
        added_by=version.added_by,
        added_at=version.added_at,
        approved_by=document.approved_by,
        approved_at=document.approved_at,
        retired_by=document.retired_by,
        retired_at=document.retired_at,
        phi_findings=version.phi_findings,
        live_version=document.live_version,
    )


def list_documents(session: Session, *, status: str | None = None) -> list[DocumentInfo]:
    query = select(Document).order_by(Document.id)
    if status is not None:
        if status not in {s.value for s in DocumentStatus}:
            raise NotFoundError(f"unknown document status {status!r}")
        query = query.where(Document.status == status)
    return [to_info(session, d) for d in session.scalars(query)]


def get_document(session: Session, document_id: int) -> DocumentInfo:
    return to_info(session, get_row(session, document_id))


def document_text(session: Session, document_id: int) -> str:
    return latest_version(session, get_row(session, document_id)).text


def document_chunks(session: Session, document_id: int) -> list[ChunkInfo]:
    version = latest_version(session, get_row(session, document_id))
    rows = session.scalars(
        select(DocumentChunk).where(DocumentChunk.version_id == version.id).order_by(DocumentChunk.ordinal)
    )
    return [
        ChunkInfo(chunk_id=c.chunk_key, text=c.text, section=c.section, page=c.page, url=c.url, has_phi=c.has_phi)
        for c in rows
    ]


def live_versions(session: Session, document_ids: list[int] | None = None) -> list[tuple[int, int, str | None]]:
    """(document id, approved version, embedder id) of every document patients may be answered from."""
    query = (
        select(Document.id, Document.live_version, DocumentVersion.embedder_id)
        .join(
            DocumentVersion,
            (DocumentVersion.document_id == Document.id) & (DocumentVersion.version == Document.live_version),
        )
        .where(Document.status != DocumentStatus.RETIRED.value, Document.live_version.is_not(None))
    )
    if document_ids is not None:
        query = query.where(Document.id.in_(document_ids))
    return [(doc_id, version or 0, embedder) for doc_id, version, embedder in session.execute(query)]
