"""The document workflow: add (load, chunk, PHI-check, embed), approve, retire and reindex.

SQL is the source of truth: a chunk is retrievable only while its document version is the approved
("live") one, so an approval swaps versions and a retirement hides a document in one SQL commit; vectors
of versions that are no longer reachable are deleted from Chroma after that commit.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ingestion.chunking import chunk_document
from ingestion.errors import UnreadableSourceError
from ingestion.indexing import chunk_key, doc_version_key, index_version, remove_after_commit
from ingestion.language import detect_language
from ingestion.loaders import CrawlLimits, LoadedDocument, load_bytes, load_source
from ingestion.phi import phi_flags
from ingestion.registry import (
    ChunkInfo,
    DocumentInfo,
    document_chunks,
    document_text,
    get_document,
    get_row,
    latest_version,
    list_documents,
    to_info,
)
from service.errors import ConflictError
from store.models.base import utcnow
from store.models.documents import (
    Document,
    DocumentChunk,
    DocumentEvent,
    DocumentStatus,
    DocumentVersion,
    VersionStatus,
)

if TYPE_CHECKING:
    from service.composition import Services

__all__ = [
    "AddResult",
    "ChunkInfo",
    "DocumentInfo",
    "add_source",
    "add_upload",
    "approve",
    "document_chunks",
    "document_text",
    "get_document",
    "list_documents",
    "reindex",
    "retire",
]

logger = logging.getLogger("recepta.ingestion")

Progress = Callable[[str, int, int], None]
# Bumped when chunking changes, so re-adding unchanged sources re-chunks them once.
CHUNKING_VERSION = "1"


@dataclass
class AddResult:
    document_id: int
    version: int
    status: str  # pending | approved | retired
    outcome: str  # created | new_version | unchanged
    chunks: int
    title: str
    language: str
    source: str
    phi_findings: int


def add_source(
    session: Session,
    services: Services,
    source: str,
    *,
    added_by: str,
    approve: bool = False,
    progress: Progress | None = None,
    limits: CrawlLimits | None = None,
) -> list[AddResult]:
    """Adds a file, every supported file of a folder, or a web site (same-site crawl within ``limits``)."""
    loaded = load_source(source, limits=limits, progress=(lambda d, t: progress("load", d, t)) if progress else None)
    results = [_add(session, services, doc, added_by=added_by, progress=progress) for doc in loaded]
    if approve:
        for result in results:
            if result.status == DocumentStatus.PENDING.value and result.phi_findings == 0:
                info = _approve(session, services, result.document_id, by=added_by)
                result.status = info.status
    return results


def add_upload(session: Session, services: Services, *, filename: str, data: bytes, added_by: str) -> AddResult:
    name = Path(filename.replace("\\", "/")).name or "upload"
    loaded = load_bytes(data, name=name, source_key=f"upload:{name}")
    result = _add(session, services, loaded, added_by=added_by, progress=None)
    if result.outcome != "unchanged":
        # Keep the original file of each version for audit.
        target = services.settings.uploads_dir / f"{result.document_id}-v{result.version}-{name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return result


def approve(
    session: Session,
    services: Services,
    document_id: int,
    *,
    by: str,
    override_phi: bool = False,
    reason: str | None = None,
) -> DocumentInfo:
    """Makes the latest version live. Refuses a version with PHI findings unless overridden with a reason."""
    return _approve(session, services, document_id, by=by, override_phi=override_phi, reason=reason)


def retire(session: Session, services: Services, document_id: int, *, by: str) -> DocumentInfo:
    document = get_row(session, document_id)
    if document.status == DocumentStatus.RETIRED.value:
        return to_info(session, document)
    now = utcnow()
    for version in _versions(session, document):
        if version.status in (VersionStatus.PENDING.value, VersionStatus.APPROVED.value):
            version.status = VersionStatus.RETIRED.value
    document.status = DocumentStatus.RETIRED.value
    document.live_version = None
    document.retired_by, document.retired_at = by, now
    session.add(
        DocumentEvent(document_id=document.id, version=document.latest_version, action="retired", actor=by, at=now)
    )
    session.flush()
    remove_after_commit(session, services.vector_store, {"document_id": document.id})
    logger.info("document retired", extra={"document_id": document.id})
    return to_info(session, document)


def reindex(session: Session, services: Services, *, progress: Progress | None = None) -> int:
    """Re-embeds every pending and approved version into the configured embedder's collection."""
    store, embedder_id = services.vector_store, services.embedder.id
    versions = list(
        session.scalars(
            select(DocumentVersion)
            .where(DocumentVersion.status.in_([VersionStatus.PENDING.value, VersionStatus.APPROVED.value]))
            .order_by(DocumentVersion.id)
        )
    )
    total = sum(v.chunk_count for v in versions)
    store.reset()
    done = 0
    for version in versions:
        chunks = list(version.chunks)

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress("embed", done, total)

        index_version(store, version.document, version, chunks, progress=step)
        version.embedder_id = embedder_id
    session.flush()
    logger.info("reindexed", extra={"versions": len(versions), "chunks": done, "embedder": embedder_id})
    return done


def _add(
    session: Session, services: Services, loaded: LoadedDocument, *, added_by: str, progress: Progress | None
) -> AddResult:
    text = loaded.text
    language = detect_language(text)
    content_hash = hashlib.sha256(f"{CHUNKING_VERSION}\n{loaded.title}\n{text}".encode()).hexdigest()
    document = session.scalar(select(Document).where(Document.source_key == loaded.source_key))
    if document is not None:
        latest = latest_version(session, document)
        if latest.content_hash == content_hash:
            return _result(document, latest, "unchanged")
    drafts = chunk_document(loaded, language=language)
    if not drafts:
        raise UnreadableSourceError(f"{loaded.source}: no text to index")
    flags = phi_flags(services.guardrails, [d.text for d in drafts], [d.language for d in drafts])
    now = utcnow()
    if document is None:
        outcome = "created"
        document = Document(
            source_key=loaded.source_key,
            source=loaded.source,
            kind=loaded.kind,
            title=loaded.title,
            language=language,
            added_by=added_by,
            added_at=now,
            latest_version=1,
        )
        session.add(document)
        session.flush()
        number = 1
    else:
        outcome = "new_version"
        number = document.latest_version + 1
        for old in _versions(session, document):
            if old.status == VersionStatus.PENDING.value:  # a newer upload replaces an unapproved one
                old.status = VersionStatus.SUPERSEDED.value
                remove_after_commit(
                    session, services.vector_store, {"doc_version": doc_version_key(document.id, old.version)}
                )
    version = DocumentVersion(
        document_id=document.id,
        version=number,
        content_hash=content_hash,
        title=loaded.title,
        language=language,
        text=text,
        pages=sum(1 for p in loaded.pages if p.page is not None),
        chunk_count=len(drafts),
        phi_findings=sum(flags),
        added_by=added_by,
        added_at=now,
        embedder_id=services.embedder.id,
    )
    session.add(version)
    session.flush()
    chunks = [
        DocumentChunk(
            version_id=version.id,
            chunk_key=chunk_key(document.id, number, d.ordinal),
            ordinal=d.ordinal,
            text=d.text,
            section=d.section,
            page=d.page,
            url=d.url,
            language=d.language,
            tokens=d.tokens,
            has_phi=flag,
        )
        for d, flag in zip(drafts, flags, strict=True)
    ]
    session.add_all(chunks)
    document.latest_version, document.title, document.language = number, loaded.title, language
    document.status = DocumentStatus.PENDING.value
    session.add(
        DocumentEvent(
            document_id=document.id,
            version=number,
            actor=added_by,
            at=now,
            action="added" if outcome == "created" else "new_version",
            detail={"chunks": len(chunks), "phi_findings": version.phi_findings},
        )
    )
    session.flush()
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress("embed", done, len(chunks))

    index_version(services.vector_store, document, version, chunks, progress=step)
    logger.info(
        "document added",
        extra={
            "document_id": document.id,
            "version": number,
            "chunks": len(chunks),
            "phi_findings": version.phi_findings,
            "outcome": outcome,
        },
    )
    return _result(document, version, outcome)


def _approve(
    session: Session,
    services: Services,
    document_id: int,
    *,
    by: str,
    override_phi: bool = False,
    reason: str | None = None,
) -> DocumentInfo:
    document = get_row(session, document_id)
    if document.status == DocumentStatus.RETIRED.value:
        raise ConflictError(f"document {document_id} is retired; add its source again to make a new version")
    version = latest_version(session, document)
    if version.status != VersionStatus.PENDING.value:
        return to_info(session, document)  # already live: approving again changes nothing
    if version.phi_findings and not override_phi:
        raise ConflictError(
            f"document {document_id} has {version.phi_findings} chunk(s) with possible patient data or instructions "
            "to the assistant; "
            "fix the source, or approve with override_phi and a reason"
        )
    if override_phi and not (reason and reason.strip()):
        raise ConflictError("overriding PHI findings needs a reason")
    now = utcnow()
    for old in _versions(session, document):
        if old.status == VersionStatus.APPROVED.value:
            old.status = VersionStatus.SUPERSEDED.value
            remove_after_commit(
                session, services.vector_store, {"doc_version": doc_version_key(document.id, old.version)}
            )
    version.status = VersionStatus.APPROVED.value
    version.approved_by, version.approved_at = by, now
    document.status = DocumentStatus.APPROVED.value
    document.live_version = version.version
    document.approved_by, document.approved_at = by, now
    if override_phi and version.phi_findings:
        version.phi_override_reason = reason
        session.add(
            DocumentEvent(
                document_id=document.id,
                version=version.version,
                action="phi_override",
                actor=by,
                at=now,
                detail={"reason": reason, "phi_findings": version.phi_findings},
            )
        )
    session.add(DocumentEvent(document_id=document.id, version=version.version, action="approved", actor=by, at=now))
    session.flush()
    logger.info("document approved", extra={"document_id": document.id, "version": version.version})
    return to_info(session, document)


def _result(document: Document, version: DocumentVersion, outcome: str) -> AddResult:
    status = (
        document.status
        if document.status == DocumentStatus.RETIRED.value
        else (DocumentStatus.APPROVED.value if version.status == VersionStatus.APPROVED.value else version.status)
    )
    return AddResult(
        document_id=document.id,
        version=version.version,
        status=status,
        outcome=outcome,
        chunks=version.chunk_count,
        title=version.title,
        language=version.language,
        source=document.source,
        phi_findings=version.phi_findings,
    )


def _versions(session: Session, document: Document) -> list[DocumentVersion]:
    # A query, not the relationship: versions added earlier in this transaction must be seen too.
    return list(session.scalars(select(DocumentVersion).where(DocumentVersion.document_id == document.id)))
