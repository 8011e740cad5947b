"""Approved-knowledge registry: documents, their versions, chunks and the audit trail of the workflow."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.models.base import Base, JSONType, utcnow


class DocumentStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    RETIRED = "retired"


class VersionStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    # An approved version replaced by a newer approved one.
    SUPERSEDED = "superseded"
    RETIRED = "retired"


class Document(Base):
    """One source (file, URL or upload) as the clinic knows it; its content lives in versions."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Identity of the source: absolute path, URL, or "upload:<file name>".
    source_key: Mapped[str] = mapped_column(String(1024), unique=True)
    # What citations show: a file name or a URL.
    source: Mapped[str] = mapped_column(String(1024))
    kind: Mapped[str] = mapped_column(String(16))  # pdf | html | url | markdown | text
    title: Mapped[str] = mapped_column(String(512))
    language: Mapped[str] = mapped_column(String(8))
    # Status of the latest version (retired applies to the whole document).
    status: Mapped[str] = mapped_column(String(16), default=DocumentStatus.PENDING.value)
    latest_version: Mapped[int] = mapped_column(default=1)
    # The approved version patients are answered from, if any.
    live_version: Mapped[int | None]
    added_by: Mapped[str] = mapped_column(String(128))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by: Mapped[str | None] = mapped_column(String(128))
    approved_at: Mapped[datetime | None]
    retired_by: Mapped[str | None] = mapped_column(String(128))
    retired_at: Mapped[datetime | None]

    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", order_by="DocumentVersion.version"
    )


class DocumentVersion(Base):
    """The extracted content of a document at one point; unchanged content never makes a new version."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "version", name="uq_document_versions_document_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    version: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=VersionStatus.PENDING.value)
    title: Mapped[str] = mapped_column(String(512))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    pages: Mapped[int] = mapped_column(default=0)
    chunk_count: Mapped[int] = mapped_column(default=0)
    # Chunks in which the guardrails found patient identifiers; approval then needs an override.
    phi_findings: Mapped[int] = mapped_column(default=0)
    phi_override_reason: Mapped[str | None] = mapped_column(Text)
    # Embedder whose collection holds this version's vectors.
    embedder_id: Mapped[str | None] = mapped_column(String(128))
    added_by: Mapped[str] = mapped_column(String(128))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by: Mapped[str | None] = mapped_column(String(128))
    approved_at: Mapped[datetime | None]

    document: Mapped[Document] = relationship(back_populates="versions")
    chunks: Mapped[list[DocumentChunk]] = relationship(back_populates="version_row", order_by="DocumentChunk.ordinal")


class DocumentChunk(Base):
    """A retrievable piece of one version, with its provenance; ``chunk_key`` is its id in Chroma."""

    __tablename__ = "document_chunks"
    __table_args__ = (Index("ix_document_chunks_version_ordinal", "version_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id"))
    chunk_key: Mapped[str] = mapped_column(String(64), unique=True)
    ordinal: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(String(512))
    page: Mapped[int | None]
    url: Mapped[str | None] = mapped_column(String(2048))
    language: Mapped[str] = mapped_column(String(8))
    tokens: Mapped[int] = mapped_column(default=0)
    has_phi: Mapped[bool] = mapped_column(default=False)

    version_row: Mapped[DocumentVersion] = relationship(back_populates="chunks")


class DocumentEvent(Base):
    """Audit trail: who added, approved, overrode a PHI finding or retired which version, and when."""

    __tablename__ = "document_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    version: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(32))  # added | new_version | approved | phi_override | retired
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    detail: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
