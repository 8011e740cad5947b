"""Errors of the knowledge layer (embedders and the vector store)."""

from __future__ import annotations

from service.errors import ConfigurationError, ReceptaError


class EmbeddingError(ReceptaError):
    """The embedder failed (endpoint unreachable, bad response)."""


class IndexMissingError(ConfigurationError):
    """Documents are approved but the vector index holds nothing (e.g. the Chroma directory was removed)."""

    def __init__(self) -> None:
        super().__init__("the document index is empty although documents are approved; run `recepta docs reindex`")


class IndexMismatchError(ConfigurationError):
    """The vector index was built by another embedder than the configured one."""

    def __init__(self, configured: str) -> None:
        super().__init__(
            f"the document index was not built with the configured embedder {configured!r}; "
            "run `recepta docs reindex` to rebuild it"
        )
