"""The Chroma store, embedded and against a real `chroma run` server, with the refusal to mix embedders."""

from __future__ import annotations

import pytest

from knowledge.chroma_store import ChromaVectorStore, build_vector_store, collection_name
from knowledge.errors import IndexMismatchError
from service.settings import Settings

TEXTS = ["Abrimos de lunes a viernes de 8:00 a 20:00.", "El aparcamiento público está a 200 metros."]
METAS = [
    {"doc_version": "1:1", "language": "es", "document_id": 1},
    {"doc_version": "2:1", "language": "es", "document_id": 2},
]


def _fill(store: ChromaVectorStore) -> None:
    store.upsert(["a", "b"], TEXTS, METAS)


def test_persistent_store_keeps_vectors_across_clients(tmp_path, use_embedder):
    settings = Settings(environment="test", data_dir=tmp_path)
    _fill(build_vector_store(settings, use_embedder))
    reopened = build_vector_store(settings, use_embedder)
    assert reopened.count() == 2
    (best, *_rest) = reopened.query("where can I park", k=2)
    assert best[0] == "b" and -1.0 <= best[3] <= 1.0


def test_http_store_works_against_chroma_run(tmp_path, use_embedder, chroma_server):
    settings = Settings(environment="test", data_dir=tmp_path)
    settings.chroma.mode = "http"
    settings.chroma.port = chroma_server
    settings.chroma.collection_prefix = "httptest"
    store = build_vector_store(settings, use_embedder)
    _fill(store)
    hits = store.query("opening hours", k=1, where={"doc_version": {"$in": ["1:1"]}})
    assert [h[0] for h in hits] == ["a"]
    store.delete(where={"document_id": 1})
    assert store.count() == 1
    store.reset()
    assert build_vector_store(settings, use_embedder).count() == 0


def test_collection_is_named_after_the_embedder():
    assert collection_name("recepta", "e5+use:v1") == "recepta-e5-use-v1"
    assert collection_name("recepta", "openai:text-embedding-3-small") == "recepta-openai-text-embedding-3-small"


def test_when_collection_was_built_by_another_embedder_then_opening_it_is_refused(tmp_path, use_embedder):
    settings = Settings(environment="test", data_dir=tmp_path)
    store = build_vector_store(settings, use_embedder)
    store._client.create_collection(store.name, metadata={"embedder_id": "someone-else:v9"}, embedding_function=None)
    with pytest.raises(IndexMismatchError, match="recepta docs reindex"):
        store.count()
