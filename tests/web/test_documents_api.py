"""The documents REST API: upload, add URL as a job, list, inspect, approve (with PHI override), retire."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.composition import Services
from service.routes import documents as documents_routes
from tests.web.documents_support import ADMIN, PHI_TEXT, clinic_pdf, loopback_site, wait_for


@pytest.fixture
def api(services: Services) -> Iterator[TestClient]:
    """The API on SQLite and on PostgreSQL."""
    with TestClient(create_app(services.settings, services=services, start_jobs=True)) as client:
        yield client


@pytest.fixture
def sqlite_api(sqlite_services: Services) -> Iterator[TestClient]:
    """The API on SQLite only, for input-handling tests where the database backend does not matter."""
    with TestClient(create_app(sqlite_services.settings, services=sqlite_services, start_jobs=True)) as client:
        yield client


def upload(api: TestClient, name: str, data: bytes, content_type: str = "application/octet-stream"):
    return api.post("/api/v1/documents/upload", files={"file": (name, data, content_type)}, headers=ADMIN)


def test_when_a_pdf_is_uploaded_then_it_is_pending_until_approved_and_hidden_once_retired(api):
    response = upload(api, "analiticas.pdf", clinic_pdf(), "application/pdf")
    assert response.status_code == 201
    document = response.json()["document"]
    assert document["status"] == "pending" and document["outcome"] == "created" and document["chunks"] > 0
    doc_id = document["document_id"]

    listed = api.get("/api/v1/documents", headers=ADMIN).json()["documents"]
    assert [(d["id"], d["status"]) for d in listed] == [(doc_id, "pending")]
    shown = api.get(f"/api/v1/documents/{doc_id}", headers=ADMIN).json()
    assert "ayunas de 8 horas" in shown["text"] and shown["truncated"] is False
    chunks = api.get(f"/api/v1/documents/{doc_id}/chunks", headers=ADMIN).json()
    assert chunks["total"] == document["chunks"]
    assert any("ayunas" in c["text"] for c in chunks["chunks"])

    approved = api.post(f"/api/v1/documents/{doc_id}/approve", headers=ADMIN)
    assert approved.status_code == 200
    assert approved.json()["document"]["status"] == "approved"
    assert approved.json()["document"]["approved_by"] == "staff"
    assert [d["id"] for d in api.get("/api/v1/documents?status=approved", headers=ADMIN).json()["documents"]] == [
        doc_id
    ]

    retired = api.post(f"/api/v1/documents/{doc_id}/retire", headers={**ADMIN, "x-recepta-user": "dra.lopez"})
    assert retired.json()["document"]["status"] == "retired"
    assert retired.json()["document"]["retired_by"] == "dra.lopez"
    assert api.get("/api/v1/documents?status=approved", headers=ADMIN).json()["documents"] == []


def test_when_a_document_has_phi_findings_then_approval_needs_an_override_with_a_reason(api):
    doc_id = upload(api, "caso.md", PHI_TEXT).json()["document"]["document_id"]
    refused = api.post(f"/api/v1/documents/{doc_id}/approve", headers=ADMIN)
    assert refused.status_code == 409
    assert "Maria" not in refused.text and "12345678Z" not in refused.text
    no_reason = api.post(f"/api/v1/documents/{doc_id}/approve", headers=ADMIN, json={"override_phi": True})
    assert no_reason.status_code == 422
    overridden = api.post(
        f"/api/v1/documents/{doc_id}/approve",
        headers=ADMIN,
        json={"override_phi": True, "reason": "Caso ficticio de formación"},
    )
    assert overridden.status_code == 200 and overridden.json()["document"]["status"] == "approved"


def test_when_a_url_is_added_then_202_and_the_crawl_job_reports_its_documents(api):
    with loopback_site() as site:
        response = api.post("/api/v1/documents", json={"url": site}, headers=ADMIN)
        assert response.status_code == 202
        status_url = response.json()["status_url"]
        assert response.headers["location"] == status_url
        # The handler reports "done" just before the runner settles the job row: wait for both.
        status = wait_for(
            lambda: api.get(status_url, headers=ADMIN).json(),
            lambda s: s["status"] in ("done", "failed") and s["job_status"] in ("done", "failed"),
        )
    assert status["status"] == "done", status
    assert sorted(r["title"] for r in status["results"]) == ["Bienvenida", "Horario"]
    assert status["job_status"] == "done"
    listed = api.get("/api/v1/documents?status=pending", headers=ADMIN).json()["documents"]
    assert len(listed) == 2
    assert api.get("/api/v1/documents/jobs", headers=ADMIN).json()["jobs"][0]["task_id"] == status["task_id"]


def test_when_a_big_upload_arrives_then_it_is_ingested_by_a_background_job(sqlite_api, monkeypatch):
    monkeypatch.setattr(documents_routes, "SYNC_UPLOAD_BYTES", 100)
    response = upload(sqlite_api, "analiticas.pdf", clinic_pdf(), "application/pdf")
    assert response.status_code == 202
    status = wait_for(
        lambda: sqlite_api.get(response.json()["status_url"], headers=ADMIN).json(),
        lambda s: s["status"] in ("done", "failed"),
    )
    assert status["status"] == "done", status
    [result] = status["results"]
    assert result["status"] == "pending" and result["chunks"] > 0


def test_when_an_unreachable_url_is_added_then_the_job_says_retrying_without_crashing(sqlite_api):
    response = sqlite_api.post("/api/v1/documents", json={"url": "http://127.0.0.1:9/"}, headers=ADMIN)
    status = wait_for(
        lambda: sqlite_api.get(response.json()["status_url"], headers=ADMIN).json(),
        lambda s: s["status"] in ("retrying", "failed", "done"),
    )
    assert status["status"] == "retrying" and status["error_class"] == "FetchError"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("programa.exe", b"MZ\x90\x00binary", 415),
        ("vacio.pdf", b"", 422),
        ("roto.pdf", b"%PDF-1.7 this is not really a pdf", 422),
    ],
    ids=["unsupported", "empty", "corrupt"],
)
def test_when_the_upload_is_bad_then_a_clear_4xx_and_nothing_is_stored(sqlite_api, name, data, code):
    response = upload(sqlite_api, name, data)
    assert response.status_code == code
    assert response.json()["detail"]
    assert sqlite_api.get("/api/v1/documents", headers=ADMIN).json()["documents"] == []


@pytest.mark.parametrize("body", [{"url": "ftp://example.org/x"}, {"url": "not a url"}, {}])
def test_when_the_url_is_not_http_then_422(sqlite_api, body):
    assert sqlite_api.post("/api/v1/documents", json=body, headers=ADMIN).status_code == 422


def test_when_the_document_or_job_does_not_exist_then_404(sqlite_api):
    assert sqlite_api.get("/api/v1/documents/999", headers=ADMIN).status_code == 404
    assert sqlite_api.post("/api/v1/documents/999/approve", headers=ADMIN).status_code == 404
    assert sqlite_api.get("/api/v1/documents/jobs/" + "0" * 32, headers=ADMIN).status_code == 404
    assert sqlite_api.get("/api/v1/documents/jobs/../../etc", headers=ADMIN).status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/documents"),
        ("post", "/api/v1/documents"),
        ("post", "/api/v1/documents/upload"),
        ("get", "/api/v1/documents/1"),
        ("get", "/api/v1/documents/1/chunks"),
        ("post", "/api/v1/documents/1/approve"),
        ("post", "/api/v1/documents/1/retire"),
        ("get", "/api/v1/documents/jobs"),
    ],
)
def test_when_no_staff_token_is_presented_then_401(sqlite_api, method, path):
    assert getattr(sqlite_api, method)(path, headers={"authorization": "Bearer wrong"}).status_code == 401


def test_when_the_declared_upload_size_is_too_big_then_413_before_reading_it(sqlite_api):
    response = sqlite_api.post(
        "/api/v1/documents/upload",
        content=b"x" * 10,
        headers={**ADMIN, "content-type": "multipart/form-data; boundary=b", "content-length": str(60 * 1024 * 1024)},
    )
    assert response.status_code == 413


def test_when_the_body_has_no_file_field_then_422(sqlite_api):
    response = sqlite_api.post("/api/v1/documents/upload", data={"other": "x"}, headers=ADMIN)
    assert response.status_code == 422
