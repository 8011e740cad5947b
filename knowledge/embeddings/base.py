"""Embedder base: subclasses implement ``_embed_batch``; batching and normalisation are derived here."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray


def normalise(vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.where(norms == 0, 1.0, norms), dtype=np.float32)


class BaseEmbedder:
    id: str = "base"
    batch_size: int = 32

    def _embed_batch(self, texts: list[str], *, is_query: bool) -> NDArray[np.float32]:
        raise NotImplementedError

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            out.extend(normalise(self._embed_batch(batch, is_query=False)).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = normalise(self._embed_batch([text], is_query=True))[0].tolist()
        return vector
