"""The Graph API stand-in answers like the Cloud API and reports delivery with signed status webhooks."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from channels.simulator.hub import SimulatorHub
from service.settings import Settings
from tests.web.support import (
    AUTH,
    GRAPH_PATH,
    PATIENT,
    Captured,
    app_with_capture,
    buttons_payload,
    list_payload,
    signed_ok,
    template_payload,
    text_payload,
)


@pytest.fixture
def stand_in(sqlite_settings: Settings) -> Iterator[tuple[TestClient, SimulatorHub, Captured]]:
    app, hub, captured = app_with_capture(sqlite_settings)
    with TestClient(app) as client:
        yield client, hub, captured


@pytest.mark.parametrize(
    "payload",
    [text_payload(), buttons_payload(["Sí", "No"]), list_payload(3), template_payload()],
    ids=["text", "buttons", "list", "template"],
)
def test_when_a_valid_send_is_posted_then_graph_shaped_success_is_returned(stand_in, payload):
    client, hub, _ = stand_in
    response = client.post(GRAPH_PATH, json=payload, headers=AUTH)
    assert response.status_code == 200
    body = response.json()
    assert body["messaging_product"] == "whatsapp"
    assert body["contacts"] == [{"input": PATIENT, "wa_id": PATIENT}]
    wamid = body["messages"][0]["id"]
    assert wamid.startswith("wamid.SIM")
    assert [m.id for m in hub.history(PATIENT)] == [wamid]


def test_when_to_has_a_plus_then_wa_id_drops_it(stand_in):
    client, _, _ = stand_in
    response = client.post(GRAPH_PATH, json=text_payload(to="+" + PATIENT), headers=AUTH)
    assert response.json()["contacts"] == [{"input": "+" + PATIENT, "wa_id": PATIENT}]


def test_when_the_bearer_token_is_wrong_or_missing_then_401_with_code_190(stand_in):
    client, hub, _ = stand_in
    for headers in ({"authorization": "Bearer nope"}, {}):
        response = client.post(GRAPH_PATH, json=text_payload(), headers=headers)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == 190
        assert response.json()["error"]["type"] == "OAuthException"
    assert hub.history(PATIENT) == []


def test_when_the_phone_number_id_is_unknown_then_graph_error_100_subcode_33(stand_in):
    client, _, _ = stand_in
    response = client.post("/simulator/graph/v23.0/999/messages", json=text_payload(), headers=AUTH)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == 100
    assert response.json()["error"]["error_subcode"] == 33


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**text_payload(), "messaging_product": "sms"}, "messaging_product"),
        ({**text_payload(), "to": "not-a-number"}, "to"),
        (text_payload(body="x" * 4097), "text.body"),
        ({**text_payload(), "text": {}}, "text.body"),
        (buttons_payload(["Uno", "Dos", "Tres", "Cuatro"]), "action.buttons"),
        (buttons_payload(["Hablar con enfermería"]), "reply.title"),
        (buttons_payload(["Sí", "Sí"]), "unique"),
        (list_payload(11), "10 rows"),
        ({**text_payload(), "type": "carrier_pigeon"}, "carrier_pigeon"),
    ],
    ids=[
        "product",
        "to",
        "long-text",
        "no-body",
        "four-buttons",
        "long-title",
        "duplicate-titles",
        "eleven-rows",
        "unknown-type",
    ],
)
def test_when_the_payload_breaks_the_cloud_api_shape_then_error_100_names_the_field(stand_in, payload, field):
    client, hub, _ = stand_in
    response = client.post(GRAPH_PATH, json=payload, headers=AUTH)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == 100
    assert field in error["error_data"]["details"]
    assert hub.history(PATIENT) == []


def test_when_the_body_is_not_json_then_error_100_without_echoing_it(stand_in):
    client, _, _ = stand_in
    response = client.post(GRAPH_PATH, content=b"{Hola Lucia", headers=AUTH)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == 100
    assert "Lucia" not in response.text


def test_when_a_message_is_accepted_then_sent_and_delivered_webhooks_are_signed_in_cloud_api_shape(stand_in):
    client, hub, captured = stand_in
    wamid = client.post(GRAPH_PATH, json=text_payload(), headers=AUTH).json()["messages"][0]["id"]
    client.portal.call(hub.drain)
    statuses = []
    for body, headers in captured.deliveries:
        assert signed_ok(body, headers)
        payload = json.loads(body)
        assert payload["object"] == "whatsapp_business_account"
        change = payload["entry"][0]["changes"][0]
        assert change["field"] == "messages"
        assert change["value"]["metadata"] == {
            "display_phone_number": "34600000000",
            "phone_number_id": "100000000000001",
        }
        for status in change["value"]["statuses"]:
            assert status["id"] == wamid and status["recipient_id"] == PATIENT
            statuses.append(status["status"])
    assert statuses == ["sent", "delivered"]
    assert hub.get(wamid).status == "delivered"


def test_when_the_patient_page_reads_a_message_then_a_signed_read_status_follows_delivered(stand_in):
    client, hub, captured = stand_in
    wamid = client.post(GRAPH_PATH, json=text_payload(), headers=AUTH).json()["messages"][0]["id"]
    # The page may report reading before delivery completes; read is still posted after delivered.
    assert client.post("/simulator/api/read", json={"phone": PATIENT, "ids": [wamid]}).json() == {"read": 1}
    client.portal.call(hub.drain)
    statuses = [
        json.loads(b)["entry"][0]["changes"][0]["value"]["statuses"][0]["status"] for b, _ in captured.deliveries
    ]
    assert statuses == ["sent", "delivered", "read"]
    assert all(signed_ok(b, h) for b, h in captured.deliveries)


def test_when_recepta_marks_an_inbound_read_with_typing_then_blue_ticks_and_success(stand_in):
    client, hub, _ = stand_in
    sent = client.post("/simulator/api/send", json={"phone": PATIENT, "name": "Lucía", "text": "Hola"})
    inbound = sent.json()["id"]
    response = client.post(
        GRAPH_PATH,
        headers=AUTH,
        json={
            "messaging_product": "whatsapp",
            "status": "read",
            "message_id": inbound,
            "typing_indicator": {"type": "text"},
        },
    )
    assert response.json() == {"success": True}
    assert hub.get(inbound).status == "read"


def test_when_a_patient_has_many_messages_then_only_the_latest_are_kept(stand_in):
    client, hub, _ = stand_in
    hub._history_per_phone = 5
    ids = [
        client.post(GRAPH_PATH, json=text_payload(body=f"m{i}"), headers=AUTH).json()["messages"][0]["id"]
        for i in range(8)
    ]
    assert [m.id for m in hub.history(PATIENT)] == ids[-5:]
    assert hub.get(ids[0]) is None


def test_when_a_number_is_made_undeliverable_then_sends_are_accepted_and_reported_failed_131026(stand_in):
    client, hub, captured = stand_in
    assert client.put(f"/simulator/api/patients/{PATIENT}/deliverability", json={"undeliverable": True}).json() == {
        "undeliverable": True
    }
    response = client.post(GRAPH_PATH, json=text_payload(), headers=AUTH)
    assert response.status_code == 200  # Meta accepts, then reports the failure by webhook
    client.portal.call(hub.drain)
    [(body, headers)] = captured.deliveries
    assert signed_ok(body, headers)
    [status] = json.loads(body)["entry"][0]["changes"][0]["value"]["statuses"]
    assert status["status"] == "failed" and status["errors"][0]["code"] == 131026
    assert client.get(f"/simulator/api/chats/{PATIENT}").json()["undeliverable"] is True
