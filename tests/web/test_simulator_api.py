"""The simulated phone posts real, signed Cloud-API webhooks for what the patient types and taps."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from channels.simulator.hub import SimulatorHub
from service.settings import Settings
from tests.web.support import AUTH, GRAPH_PATH, PATIENT, Captured, app_with_capture, buttons_payload, signed_ok


@pytest.fixture
def phone(sqlite_settings: Settings) -> Iterator[tuple[TestClient, SimulatorHub, Captured]]:
    app, hub, captured = app_with_capture(sqlite_settings)
    with TestClient(app) as client:
        yield client, hub, captured


def delivered_messages(captured: Captured) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for body, headers in captured.deliveries:
        assert signed_ok(body, headers)
        value = json.loads(body)["entry"][0]["changes"][0]["value"]
        out.extend({"contacts": value.get("contacts"), **m} for m in value.get("messages", []))
    return out


def test_when_the_patient_types_then_a_signed_text_webhook_reaches_recepta(phone):
    client, hub, captured = phone
    response = client.post(
        "/simulator/api/send", json={"phone": PATIENT, "name": "Lucía Martín", "text": "¿A qué hora abrís el sábado?"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "delivered"
    [message] = delivered_messages(captured)
    assert message["type"] == "text" and message["text"] == {"body": "¿A qué hora abrís el sábado?"}
    assert message["from"] == PATIENT and message["id"] == response.json()["id"]
    assert message["contacts"] == [{"profile": {"name": "Lucía Martín"}, "wa_id": PATIENT}]
    assert hub.history(PATIENT)[0].direction == "in"


def test_when_the_patient_taps_a_reply_button_then_button_reply_with_context_is_posted(phone):
    client, _, captured = phone
    bot = client.post(GRAPH_PATH, json=buttons_payload(["Sí", "No"]), headers=AUTH).json()["messages"][0]["id"]
    captured.deliveries.clear()
    client.post(
        "/simulator/api/send",
        json={
            "phone": PATIENT,
            "name": "Lucía",
            "reply": {"kind": "button_reply", "id": "b0", "title": "Sí", "context_id": bot},
        },
    )
    [message] = delivered_messages(captured)
    assert message["type"] == "interactive"
    assert message["interactive"] == {"type": "button_reply", "button_reply": {"id": "b0", "title": "Sí"}}
    assert message["context"] == {"from": "34600000000", "id": bot}


def test_when_the_patient_picks_a_list_row_then_list_reply_carries_its_description(phone):
    client, _, captured = phone
    client.post(
        "/simulator/api/send",
        json={
            "phone": PATIENT,
            "name": "Lucía",
            "reply": {
                "kind": "list_reply",
                "id": "slot1",
                "title": "10:00",
                "description": "Dra. López",
                "context_id": "wamid.SIMx",
            },
        },
    )
    [message] = delivered_messages(captured)
    assert message["interactive"]["list_reply"] == {"id": "slot1", "title": "10:00", "description": "Dra. López"}


def test_when_the_patient_taps_a_template_quick_reply_then_a_button_message_is_posted(phone):
    client, _, captured = phone
    client.post(
        "/simulator/api/send",
        json={
            "phone": PATIENT,
            "name": "Lucía",
            "reply": {"kind": "button", "id": "CONFIRM", "title": "Confirmar", "context_id": "wamid.SIMx"},
        },
    )
    [message] = delivered_messages(captured)
    assert message["type"] == "button" and message["button"] == {"payload": "CONFIRM", "text": "Confirmar"}


def test_when_recepta_refuses_the_webhook_then_the_bubble_shows_failed(phone):
    client, hub, captured = phone
    captured.answer = 401
    response = client.post("/simulator/api/send", json={"phone": PATIENT, "name": "Lucía", "text": "Hola"})
    assert response.json()["status"] == "failed"
    assert hub.history(PATIENT)[0].status == "failed"


@pytest.mark.parametrize(
    "body",
    [
        {"phone": PATIENT, "name": "Lucía"},
        {"phone": PATIENT, "name": "Lucía", "text": "   "},
        {"phone": "+34 600", "name": "Lucía", "text": "Hola"},
        {"phone": PATIENT, "name": "", "text": "Hola"},
    ],
    ids=["nothing", "blank", "bad-phone", "no-name"],
)
def test_when_the_page_sends_bad_input_then_422_and_nothing_is_posted(phone, body):
    client, _, captured = phone
    assert client.post("/simulator/api/send", json=body).status_code == 422
    assert captured.deliveries == []


def test_when_a_conversation_is_fetched_then_both_directions_come_in_order(phone):
    client, _, _ = phone
    client.post("/simulator/api/send", json={"phone": PATIENT, "name": "Lucía", "text": "Hola"})
    client.post(GRAPH_PATH, json=buttons_payload(["Sí", "No"]), headers=AUTH)
    messages = client.get(f"/simulator/api/chats/{PATIENT}").json()["messages"]
    assert [(m["direction"], m["type"]) for m in messages] == [("in", "text"), ("out", "buttons")]
    assert messages[1]["buttons"] == [{"id": "b0", "title": "Sí"}, {"id": "b1", "title": "No"}]


def test_when_the_environment_is_production_then_the_simulator_is_not_served(tmp_path, sqlite_settings):
    prod = sqlite_settings.model_copy(update={"environment": "production"})
    app, _, _ = app_with_capture(prod)
    with TestClient(app) as client:
        assert client.get("/simulator/api/chats/1").status_code == 404
        assert client.post(GRAPH_PATH, json={}, headers=AUTH).status_code == 404


def test_when_a_real_graph_url_is_set_then_the_simulator_is_not_served(sqlite_settings):
    real = sqlite_settings.model_copy(
        update={
            "whatsapp": sqlite_settings.whatsapp.model_copy(update={"graph_base_url": "https://graph.facebook.com"})
        }
    )
    app, _, _ = app_with_capture(real)
    with TestClient(app) as client:
        assert client.get("/simulator").status_code == 404
        assert client.post("/simulator/api/send", json={"phone": PATIENT, "text": "Hola"}).status_code == 404
