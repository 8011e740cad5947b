"""Errors of ingestion. Messages say what is wrong with a source (its name, never its content).

IngestionError
├── UnsupportedSourceError   the path or content type is not a kind Recepta loads
├── UnreadableSourceError    corrupt, encrypted, empty (scanned) or too large
└── FetchError               a URL could not be fetched (unreachable, timeout, HTTP error)
"""

from __future__ import annotations

from service.errors import ReceptaError


class IngestionError(ReceptaError):
    """A source could not be ingested; nothing of it was indexed."""


class UnsupportedSourceError(IngestionError):
    """The source is not a PDF, HTML, Markdown or text file, nor an HTML page."""


class UnreadableSourceError(IngestionError):
    """The source is corrupt, encrypted, too large, or has no extractable text."""


class FetchError(IngestionError):
    """A URL could not be fetched."""
