"""POST /api/v1/chat and the staff handoff API, through the real app, pipeline and database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from agent.answering import Answering
from agent.engine import Engine
from service.app import create_app
from service.composition import build_services
from store.models import Conversation, ConversationState, Message
from store.models.guardrails import GuardrailDecisionRecord

AUTH = {"Authorization": "Bearer changeme"}


@pytest.fixture
def client(settings, policy, retriever, cache) -> Iterator[TestClient]:
    services = build_services(settings)
    services.__dict__["guardrails"] = policy
    services.__dict__["conversation_engine"] = Engine(settings, policy, Answering(retriever, cache))
    with TestClient(create_app(services=services, start_jobs=False)) as test_client:
        test_client.services = services  # type: ignore[attr-defined]
        yield test_client
    services.close()


def _chat(client, text, sender="p1", **extra):
    response = client.post("/api/v1/chat", json={"text": text, "from": sender, **extra}, headers=AUTH)
    assert response.status_code == 200, response.text
    return response.json()


def test_chat_returns_the_documented_turn_json(client):
    body = _chat(client, "a q hora abris los sabados")
    assert set(body) >= {"replies", "intent", "language", "citations", "handoff", "guardrails", "action"}
    assert body["intent"] == "question" and body["language"] == "es"
    assert "9:00 a 14:00" in body["replies"][0]["text"]
    assert body["citations"][0] == {
        "title": "Horarios y contacto",
        "source": "horarios.html",
        "page_or_section": "Horarios y contacto",
    }
    assert [g["direction"] for g in body["guardrails"]] == ["inbound", "outbound-bot"]
    assert all("redacted" not in g for g in body["guardrails"])


def test_chat_needs_a_staff_token(client):
    assert client.post("/api/v1/chat", json={"text": "hola", "from": "x"}).status_code == 401


def test_chat_keeps_one_conversation_per_sender(client):
    _chat(client, "a q hora abris entre semana", sender="a")
    assert "9:00 a 14:00" in _chat(client, "y los sabados?", sender="a")["replies"][0]["text"]
    other = _chat(client, "y los sabados?", sender="b")
    assert other["intent"] != "greeting"


def _handoff_id(client, text="quiero hablar con una persona", sender="p1"):
    body = _chat(client, text, sender=sender)
    assert body["handoff"]["team"] == "reception"
    [row] = [h for h in client.get("/api/v1/handoffs", headers=AUTH).json() if h["status"] == "open"]
    return row


def test_staff_lists_claims_replies_and_resolves_a_handoff(client):
    row = _handoff_id(client)
    assert client.get("/api/v1/handoffs", params={"team": "billing"}, headers=AUTH).json() == []
    assert client.get("/api/v1/handoffs", params={"status": "open"}, headers=AUTH).json()[0]["id"] == row["id"]

    claimed = client.post(f"/api/v1/handoffs/{row['id']}/claim", headers={**AUTH, "X-Recepta-User": "ana"})
    assert claimed.status_code == 200 and claimed.json()["claimed_by"] == "ana"
    quiet = _chat(client, "hola?")
    assert quiet["replies"] == [] and quiet["action"] == "quiet"

    sent = client.post(
        f"/api/v1/handoffs/{row['id']}/reply",
        json={"text": "Hola, soy Ana de recepción."},
        headers={**AUTH, "X-Recepta-User": "ana"},
    )
    assert sent.status_code == 201, sent.text
    services = client.services  # type: ignore[attr-defined]
    with services.sessions() as session:
        message = session.get(Message, sent.json()["message_id"])
        assert message is not None and (message.sender, message.direction) == ("staff", "outbound")
        conversation = session.get(Conversation, row["conversation_id"])
        assert conversation is not None and conversation.state == ConversationState.HUMAN_ACTIVE.value

    resolved = client.post(f"/api/v1/handoffs/{row['id']}/resolve", headers=AUTH)
    assert resolved.json()["status"] == "resolved"
    assert "9:00 a 14:00" in _chat(client, "a q hora abris los sabados")["replies"][0]["text"]


def test_staff_reply_with_phi_is_refused_with_a_reason_and_no_echo(client):
    row = _handoff_id(client)
    response = client.post(
        f"/api/v1/handoffs/{row['id']}/reply", json={"text": "Su DNI 12345678Z está mal"}, headers=AUTH
    )
    assert response.status_code == 422
    assert "ES_NIF" in response.text and "12345678Z" not in response.text
    services = client.services  # type: ignore[attr-defined]
    with services.sessions() as session:
        staff = session.scalars(select(Message).where(Message.sender == "staff")).all()
        assert staff == []
        audit = session.scalars(select(GuardrailDecisionRecord)).all()
        refused = [r for r in audit if r.direction == "outbound-staff"]
        assert [r.action for r in refused] == ["refuse"]
        assert "12345678Z" not in repr([vars(r) for r in refused])


def test_a_handoff_claimed_by_someone_else_cannot_be_claimed(client):
    row = _handoff_id(client)
    client.post(f"/api/v1/handoffs/{row['id']}/claim", headers={**AUTH, "X-Recepta-User": "ana"})
    other = client.post(f"/api/v1/handoffs/{row['id']}/claim", headers={**AUTH, "X-Recepta-User": "luis"})
    assert other.status_code == 409
    assert client.post("/api/v1/handoffs/999999/claim", headers=AUTH).status_code == 404


def test_billing_requests_for_a_person_go_to_billing(client):
    body = _chat(client, "quiero hablar con alguien de facturacion")
    assert body["handoff"]["team"] == "billing"
