"""The whole workflow against a real `chroma run` server (the production vector store)."""

from __future__ import annotations

from ingestion import workflow
from store.db import transaction
from tests.knowledge.conftest import CountingEmbedder, services_with


def test_add_approve_retrieve_and_retire_through_chroma_http(
    sqlite_settings, tmp_path, use_embedder, retrieval_policy, chroma_server
):
    settings = sqlite_settings.model_copy(deep=True)
    settings.chroma.mode = "http"
    settings.chroma.port = chroma_server
    settings.chroma.collection_prefix = "workflow"
    source = tmp_path / "horarios.md"
    source.write_text("# Horarios\n\nAbrimos de lunes a viernes de 8:00 a 20:00.\n", encoding="utf-8")
    services = services_with(settings, CountingEmbedder(use_embedder), retrieval_policy)
    try:
        with transaction(services.sessions) as session:
            (result,) = workflow.add_source(session, services, str(source), added_by="ana", approve=True)
        (hit,) = services.retriever.retrieve("opening hours", k=1)
        assert hit.source == "horarios.md" and hit.document_id == result.document_id
        with transaction(services.sessions) as session:
            workflow.retire(session, services, result.document_id, by="ana")
        assert services.retriever.retrieve("opening hours", k=1) == []
        assert services.vector_store.count() == 0
    finally:
        services.close()
