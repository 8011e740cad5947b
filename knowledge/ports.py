"""Ports of the knowledge layer: embedders and vector stores."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class Embedder(Protocol):
    """Turns text into normalised vectors. ``id`` names the model so a collection is never mixed."""

    id: str

    @property
    def dimension(self) -> int: ...

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class VectorStore(Protocol):
    def upsert(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        *,
        embed_texts: Sequence[str] | None = None,
    ) -> None:
        """Stores ``texts``; vectors are computed from ``embed_texts`` when given (e.g. with title context)."""
        ...

    def delete(self, *, where: dict[str, Any]) -> None: ...

    def query(
        self, text: str, *, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, str, dict[str, Any], float]]:
        """(id, text, metadata, similarity) for the k nearest chunks."""
        ...

    def count(self) -> int: ...

    def reset(self) -> None:
        """Drops every vector of this store's collection (reindex rebuilds it)."""
        ...
