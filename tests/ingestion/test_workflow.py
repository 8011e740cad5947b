"""The document workflow on SQLite and PostgreSQL: pending → approved → retired, versions, hashes, PHI, audit."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ingestion import workflow
from ingestion.errors import IngestionError
from knowledge.errors import IndexMismatchError
from service.errors import ConflictError, NotFoundError
from store.db import transaction
from store.models.documents import DocumentEvent, DocumentVersion
from tests.ingestion.pdfs import make_pdf

HOURS_V1 = "# Horarios\n\n## Apertura\n\nAbrimos de lunes a viernes de 8:00 a 20:00 y los sábados de 9:00 a 14:00.\n"
HOURS_V2 = "# Horarios\n\n## Apertura\n\nDesde enero abrimos de lunes a viernes de 7:30 a 21:00.\n"
PARKING = "# Cómo llegar\n\n## Aparcamiento\n\nNo hay parking propio; hay un aparcamiento público a 200 metros.\n"
WITH_NIF = "# Ejemplo\n\nEl paciente con DNI 12345678Z pidió su informe.\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _add(services: Any, source: Any, **kwargs: Any) -> list[workflow.AddResult]:
    with transaction(services.sessions) as session:
        return workflow.add_source(session, services, str(source), added_by="ana", **kwargs)


def _approve(services: Any, document_id: int, **kwargs: Any) -> workflow.DocumentInfo:
    with transaction(services.sessions) as session:
        return workflow.approve(session, services, document_id, by="bea", **kwargs)


def _retrieved_sources(services: Any, question: str = "what time do you open", k: int = 5) -> list[tuple[str, int]]:
    return [(c.source, c.version) for c in services.retriever.retrieve(question, k=k)]


def test_when_document_is_added_then_it_is_pending_and_not_retrievable(services, tmp_path):
    (result,) = _add(services, _write(tmp_path, "horarios.md", HOURS_V1))
    assert (result.outcome, result.status, result.version, result.language) == ("created", "pending", 1, "es")
    assert result.chunks >= 1 and result.title == "Horarios"
    assert services.retriever.retrieve("horario", k=5) == []


def test_when_document_is_approved_then_it_is_retrieved_with_provenance(services, tmp_path):
    (result,) = _add(services, _write(tmp_path, "horarios.md", HOURS_V1))
    info = _approve(services, result.document_id)
    assert (info.status, info.approved_by, info.live_version) == ("approved", "bea", 1)
    (chunk,) = services.retriever.retrieve("what time do you open on saturday", k=1)
    assert chunk.document_id == result.document_id and chunk.source == "horarios.md"
    assert chunk.section == "Apertura" and chunk.title == "Horarios" and "9:00" in chunk.text
    assert 0 < chunk.score <= 1


def test_when_unchanged_content_is_added_again_then_nothing_is_embedded(services, tmp_path):
    path = _write(tmp_path, "horarios.md", HOURS_V1)
    _add(services, path, approve=True)
    embedded = services.embedder.embedded
    (again,) = _add(services, path, approve=True)
    assert (again.outcome, again.version, again.status) == ("unchanged", 1, "approved")
    assert services.embedder.embedded == embedded


def test_when_source_changes_then_new_version_replaces_old_only_on_approval(services, tmp_path):
    path = _write(tmp_path, "horarios.md", HOURS_V1)
    (first,) = _add(services, path, approve=True)
    path.write_text(HOURS_V2, encoding="utf-8")
    (second,) = _add(services, path)
    assert (second.outcome, second.version, second.status) == ("new_version", 2, "pending")
    assert second.document_id == first.document_id
    assert _retrieved_sources(services) == [("horarios.md", 1)]  # v1 still serves patients
    _approve(services, first.document_id)
    assert _retrieved_sources(services) == [("horarios.md", 2)]
    # The old version's vectors are gone from Chroma, not just filtered out.
    assert services.vector_store.count() == second.chunks


def test_when_document_is_retired_then_it_disappears_from_retrieval_and_chroma(services, tmp_path):
    (hours,) = _add(services, _write(tmp_path, "horarios.md", HOURS_V1), approve=True)
    (parking,) = _add(services, _write(tmp_path, "parking.md", PARKING), approve=True)
    with transaction(services.sessions) as session:
        info = workflow.retire(session, services, hours.document_id, by="carla")
    assert (info.status, info.retired_by) == ("retired", "carla")
    assert {s for s, _ in _retrieved_sources(services)} == {"parking.md"}
    assert services.vector_store.count() == parking.chunks
    with pytest.raises(ConflictError, match="retired"):
        _approve(services, hours.document_id)


def test_when_chunks_hold_an_identifier_then_approval_needs_override_and_reason(services, tmp_path):
    (result,) = _add(services, _write(tmp_path, "ejemplo.md", WITH_NIF), approve=True)
    assert result.phi_findings == 1 and result.status == "pending"  # --approve leaves it for review
    with pytest.raises(ConflictError, match="possible patient data"):
        _approve(services, result.document_id)
    with pytest.raises(ConflictError, match="reason"):
        _approve(services, result.document_id, override_phi=True)
    info = _approve(services, result.document_id, override_phi=True, reason="fictional example data")
    assert info.status == "approved" and info.phi_findings == 1
    with services.sessions() as session:
        events = session.scalars(
            select(DocumentEvent).where(DocumentEvent.document_id == result.document_id).order_by(DocumentEvent.id)
        ).all()
    assert [(e.action, e.actor) for e in events] == [("added", "ana"), ("phi_override", "bea"), ("approved", "bea")]
    assert events[1].detail["reason"] == "fictional example data"


def test_listing_shows_status_version_and_audit_fields(services, tmp_path):
    _add(services, _write(tmp_path, "horarios.md", HOURS_V1), approve=True)
    _add(services, _write(tmp_path, "parking.md", PARKING))
    with services.sessions() as session:
        everything = workflow.list_documents(session)
        pending = workflow.list_documents(session, status="pending")
        chunks = workflow.document_chunks(session, everything[0].id)
        text = workflow.document_text(session, everything[0].id)
    assert [(d.source, d.status, d.added_by) for d in everything] == [
        ("horarios.md", "approved", "ana"),
        ("parking.md", "pending", "ana"),
    ]
    assert [d.source for d in pending] == ["parking.md"]
    assert everything[0].approved_by == "ana" and everything[0].approved_at is not None
    assert chunks[0].section == "Apertura" and chunks[0].chunk_id.startswith("d")
    assert "8:00 a 20:00" in text


def test_when_document_does_not_exist_then_not_found(services):
    with services.sessions() as session, pytest.raises(NotFoundError):
        workflow.get_document(session, 999)


def test_when_folder_has_an_unreadable_file_then_nothing_is_added(services, tmp_path):
    _write(tmp_path, "a-horarios.md", HOURS_V1)
    (tmp_path / "b-roto.pdf").write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(IngestionError, match="b-roto.pdf"):
        _add(services, tmp_path)
    with services.sessions() as session:
        assert workflow.list_documents(session) == []


def test_uploaded_pdf_keeps_page_numbers_and_a_copy_of_the_file(services):
    data = make_pdf(
        [
            [("h", "Tarifas"), ("p", "La consulta de medicina general cuesta 45 euros.")],
            [("h", "Formas de pago"), ("p", "Aceptamos tarjeta, efectivo y Bizum.")],
        ],
        title="Tarifas",
    )
    with transaction(services.sessions) as session:
        result = workflow.add_upload(session, services, filename="../../tarifas.pdf", data=data, added_by="ana")
    _approve(services, result.document_id)
    (chunk,) = services.retriever.retrieve("can I pay with bizum", k=1)
    assert chunk.page == 2 and chunk.source == "tarifas.pdf"
    assert (services.settings.uploads_dir / f"{result.document_id}-v1-tarifas.pdf").read_bytes() == data


def test_retrieval_filters_by_document_and_language(services, tmp_path):
    (hours,) = _add(services, _write(tmp_path, "horarios.md", HOURS_V1), approve=True)
    _add(
        services,
        _write(tmp_path, "parking.en.md", "# Parking\n\nThere is a public car park 200 metres away.\n"),
        approve=True,
    )
    only = services.retriever.retrieve("parking", k=5, document_ids=[hours.document_id])
    assert {c.document_id for c in only} == {hours.document_id}
    english = services.retriever.retrieve("aparcamiento", k=5, language="en")
    assert {c.language for c in english} == {"en"}


def test_reindex_rebuilds_the_collection_and_embedder_change_is_refused_until_then(services, tmp_path, settings):
    _add(services, _write(tmp_path, "horarios.md", HOURS_V1), approve=True)
    from tests.knowledge.conftest import CountingEmbedder, services_with

    other = CountingEmbedder(services.embedder.inner)
    other.id = "use:v2"
    switched = services_with(settings, other)
    try:
        with pytest.raises(IndexMismatchError, match="recepta docs reindex"):
            switched.retriever.retrieve("horario", k=1)
        with transaction(switched.sessions) as session:
            count = workflow.reindex(session, switched)
        assert count >= 1 and other.embedded == count
        assert switched.retriever.retrieve("what time do you open", k=1)[0].source == "horarios.md"
    finally:
        switched.close()


def test_ingestion_logs_carry_ids_and_counts_but_no_document_text(services, tmp_path, caplog):
    caplog.set_level(logging.DEBUG, logger="recepta")
    _add(services, _write(tmp_path, "ejemplo.md", WITH_NIF), approve=True)
    assert caplog.records
    assert all("12345678Z" not in r.getMessage() and "12345678Z" not in str(r.__dict__) for r in caplog.records)


def test_when_chroma_lost_its_data_then_retrieval_says_to_reindex(services, tmp_path):
    from knowledge.errors import IndexMissingError

    _add(services, _write(tmp_path, "horarios.md", HOURS_V1), approve=True)
    services.vector_store.reset()
    with pytest.raises(IndexMissingError, match="recepta docs reindex"):
        services.retriever.retrieve("horario", k=1)


def test_chunks_flagged_by_the_phi_check_are_marked_for_review(services, tmp_path):
    (result,) = _add(services, _write(tmp_path, "ejemplo.md", WITH_NIF + "\n## Otra\n\nNada personal aquí.\n"))
    with services.sessions() as session:
        chunks = workflow.document_chunks(session, result.document_id)
    assert [c.has_phi for c in chunks] == [True, False]


def test_adding_and_retiring_in_one_transaction_retires_the_new_version_too(services, tmp_path):
    path = _write(tmp_path, "horarios.md", HOURS_V1)
    (first,) = _add(services, path, approve=True)
    path.write_text(HOURS_V2, encoding="utf-8")
    with transaction(services.sessions) as session:
        workflow.add_source(session, services, str(path), added_by="ana")
        workflow.retire(session, services, first.document_id, by="ana")
    with transaction(services.sessions) as session, pytest.raises(ConflictError):
        workflow.approve(session, services, first.document_id, by="bea")
    assert services.retriever.retrieve("horario", k=3) == []
    assert services.vector_store.count() == 0
    with services.sessions() as session:
        statuses = session.scalars(select(DocumentVersion.status).order_by(DocumentVersion.version)).all()
    assert statuses == ["retired", "retired"]
