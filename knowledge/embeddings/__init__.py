"""Embedders: the embedded default (e5+use), USE alone, or any OpenAI-compatible endpoint."""

from __future__ import annotations

from collections.abc import Callable

from knowledge.embeddings.base import BaseEmbedder
from knowledge.ports import Embedder
from knowledge.settings import EmbeddingSettings

__all__ = ["BaseEmbedder", "build_embedder"]


def _e5_use(settings: EmbeddingSettings) -> Embedder:
    from knowledge.embeddings.local import E5UseEmbedder

    return E5UseEmbedder(batch_size=settings.batch_size)


def _use(settings: EmbeddingSettings) -> Embedder:
    from knowledge.embeddings.local import UseEmbedder

    return UseEmbedder(batch_size=settings.batch_size)


def _openai(settings: EmbeddingSettings) -> Embedder:
    from knowledge.embeddings.openai_compatible import OpenAIEmbedder

    return OpenAIEmbedder(settings)


_PROVIDERS: dict[str, Callable[[EmbeddingSettings], Embedder]] = {
    "e5+use": _e5_use,
    "use": _use,
    "openai": _openai,
}


def build_embedder(settings: EmbeddingSettings) -> Embedder:
    return _PROVIDERS[settings.provider](settings)
