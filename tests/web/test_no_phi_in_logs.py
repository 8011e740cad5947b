"""Planted patient data never reaches the logs of the simulator or the documents API."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.composition import Services
from tests.web.documents_support import ADMIN, PHI_TEXT
from tests.web.support import AUTH, GRAPH_PATH, PATIENT, app_with_capture, text_payload

PLANTED = ("Maria Garcia Lopez", "12345678Z", "612 345 678", PATIENT, "Lucía Martín", "me duele el pecho")


def all_log_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)


def test_when_patients_write_and_webhooks_fail_then_no_patient_data_is_logged(sqlite_settings, caplog):
    caplog.set_level(logging.DEBUG)
    app, hub, captured = app_with_capture(sqlite_settings)
    captured.answer = 500  # the refusal path logs a warning: it must name the status code only
    with TestClient(app) as client:
        client.post(
            "/simulator/api/send",
            json={
                "phone": PATIENT,
                "name": "Lucía Martín",
                "text": "me duele el pecho, soy Maria Garcia Lopez 12345678Z",
            },
        )
        client.post(GRAPH_PATH, json=text_payload(body="Hola Maria Garcia Lopez, 612 345 678"), headers=AUTH)
        client.post(GRAPH_PATH, json={**text_payload(body="x" * 5000)}, headers=AUTH)
        assert client.portal is not None
        client.portal.call(hub.drain)
    assert any(r.name == "recepta.channels.simulator" for r in caplog.records)
    text = all_log_text(caplog)
    assert not [p for p in PLANTED if p in text]


def test_when_a_document_with_phi_is_added_and_refused_then_no_patient_data_is_logged(
    sqlite_services: Services, caplog
):
    caplog.set_level(logging.DEBUG)
    app = create_app(sqlite_services.settings, services=sqlite_services, start_jobs=False)
    with TestClient(app) as client:
        doc = client.post("/api/v1/documents/upload", files={"file": ("caso.md", PHI_TEXT)}, headers=ADMIN).json()
        client.post(f"/api/v1/documents/{doc['document']['document_id']}/approve", headers=ADMIN)
    text = all_log_text(caplog)
    assert not [p for p in PLANTED if p in text]
