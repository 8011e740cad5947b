"""The Chroma vector store: one collection per embedder id, embedded (persistent) or a `chroma run` server."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from knowledge.errors import IndexMismatchError
from knowledge.ports import Embedder

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from service.settings import Settings

logger = logging.getLogger("recepta.knowledge")


def collection_name(prefix: str, embedder_id: str) -> str:
    """A valid Chroma name (3-512 characters of [A-Za-z0-9._-], alphanumeric ends) for one embedder."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{prefix}-{embedder_id}").strip("-._")
    return slug[:512] if len(slug) >= 3 else f"{slug}-idx"


def _embedding_function(embedder: Embedder | None) -> Any:
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

    class ReceptaEmbeddingFunction(EmbeddingFunction[Documents]):
        """Wraps our embedder so Chroma never falls back to its downloading default."""

        def __init__(self, inner: Embedder | None) -> None:
            self._inner = inner

        def __call__(self, input: Documents) -> Embeddings:  # noqa: A002 - Chroma's signature
            return cast(Embeddings, self._require().embed_documents(list(input)))

        def embed_query(self, input: Documents) -> Embeddings:  # noqa: A002
            return cast(Embeddings, [self._require().embed_query(t) for t in input])

        def _require(self) -> Embedder:
            if self._inner is None:
                raise IndexMismatchError("unknown")
            return self._inner

        @staticmethod
        def name() -> str:
            return "recepta"

        def default_space(self) -> Any:
            return "cosine"

        def get_config(self) -> dict[str, Any]:
            return {"embedder_id": self._inner.id if self._inner else None}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> ReceptaEmbeddingFunction:  # noqa: ARG004
            # Chroma rebuilds functions from stored config; ours needs the live embedder, so it refuses use.
            return ReceptaEmbeddingFunction(None)

    return ReceptaEmbeddingFunction(embedder)


class ChromaVectorStore:
    """VectorStore over one Chroma collection; vectors come from ``embedder``, never from Chroma's default."""

    def __init__(self, client: ClientAPI, embedder: Embedder, *, prefix: str) -> None:
        self._client = client
        self._embedder = embedder
        self.name = collection_name(prefix, embedder.id)
        self._collection: Collection | None = None

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            collection = self._client.get_or_create_collection(
                self.name,
                embedding_function=_embedding_function(self._embedder),
                metadata={"embedder_id": self._embedder.id},
                configuration={"hnsw": {"space": "cosine"}},
            )
            stored = (collection.metadata or {}).get("embedder_id")
            if stored not in (None, self._embedder.id):
                raise IndexMismatchError(self._embedder.id)
            self._collection = collection
        return self._collection

    def upsert(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        *,
        embed_texts: Sequence[str] | None = None,
    ) -> None:
        if not ids:
            return
        vectors = self._embedder.embed_documents(list(embed_texts if embed_texts is not None else texts))
        self.upsert_vectors(ids, texts, metadatas, vectors)

    def upsert_vectors(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        vectors: Sequence[Sequence[float]],
    ) -> None:
        step = 1000  # stay well under Chroma's maximum batch size
        for start in range(0, len(ids), step):
            end = start + step
            self.collection.upsert(
                ids=list(ids[start:end]),
                documents=list(texts[start:end]),
                metadatas=cast(Any, list(metadatas[start:end])),
                embeddings=cast(Any, list(vectors[start:end])),
            )

    def delete(self, *, where: dict[str, Any]) -> None:
        self.collection.delete(where=cast(Any, where))

    def query(
        self, text: str, *, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, str, dict[str, Any], float]]:
        return self.query_vector(self._embedder.embed_query(text), k=k, where=where)

    def query_vector(
        self, vector: Sequence[float], *, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, str, dict[str, Any], float]]:
        result = self.collection.query(
            query_embeddings=cast(Any, [list(vector)]),
            n_results=k,
            where=cast(Any, where),
            include=cast(Any, ["documents", "metadatas", "distances"]),
        )
        ids = result["ids"][0]
        documents = (result.get("documents") or [[]])[0]
        metadatas = (result.get("metadatas") or [[]])[0]
        distances = (result.get("distances") or [[]])[0]
        # Cosine distance → similarity in [-1, 1].
        return [
            (i, d or "", dict(m or {}), 1.0 - float(dist))
            for i, d, m, dist in zip(ids, documents, metadatas, distances, strict=True)
        ]

    def count(self) -> int:
        return self.collection.count()

    def reset(self) -> None:
        """Drops this embedder's collection (reindex rebuilds it from the registry)."""
        names = {c if isinstance(c, str) else c.name for c in self._client.list_collections()}
        if self.name in names:
            self._client.delete_collection(self.name)
        self._collection = None


def make_client(settings: Settings) -> ClientAPI:
    import chromadb
    from chromadb.config import Settings as ChromaClientSettings

    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    if settings.chroma.mode == "http":
        return chromadb.HttpClient(host=settings.chroma.host, port=settings.chroma.port, settings=client_settings)
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=client_settings)


def build_vector_store(settings: Settings, embedder: Embedder) -> ChromaVectorStore:
    return ChromaVectorStore(make_client(settings), embedder, prefix=settings.chroma.collection_prefix)
