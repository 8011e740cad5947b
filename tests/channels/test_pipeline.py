"""process_inbound and run_turn: one transaction per turn, redacted text only, replies queued exactly once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from agent.turn import TurnResult
from channels.messages import TextMessage
from service.composition import Services
from service.pipeline import process_inbound, run_turn
from store.models import Contact, Job, Message
from tests.channels.support import batch, example, signed, sqlite_only, text_update

URL = "/webhooks/whatsapp"


def _deliver(client: TestClient, body: dict[str, Any]) -> Any:
    raw, headers = signed(body)
    response = client.post(URL, content=raw, headers=headers)
    assert response.status_code == 200
    return response


def _inbound(services: Services) -> Sequence[Message]:
    with services.sessions() as session:
        return session.scalars(select(Message).where(Message.direction == "inbound").order_by(Message.id)).all()


def _outbound(services: Services) -> Sequence[Message]:
    with services.sessions() as session:
        return session.scalars(select(Message).where(Message.direction == "outbound").order_by(Message.id)).all()


def _jobs(services: Services, kind: str) -> Sequence[Job]:
    with services.sessions() as session:
        return session.scalars(select(Job).where(Job.kind == kind).order_by(Job.id)).all()


def test_when_a_message_is_processed_then_only_redacted_text_stays_and_replies_are_queued(client, services, engine):
    engine.replies = 2
    _deliver(client, text_update("wamid.A", body="Mi DNI es 12345678Z"))
    (message,) = _inbound(services)
    process_inbound(services, {"message_id": message.id})
    (stored,) = _inbound(services)
    assert stored.text == "Mi DNI es <ID>"
    assert stored.payload is None and stored.processed_at is not None and stored.status == "processed"
    with services.sessions() as session:  # purged for real: SQL NULL, not a JSON null
        assert session.scalar(select(func.count()).where(Message.id == message.id, Message.payload.is_(None))) == 1
    replies = _outbound(services)
    assert [(r.idempotency_key, r.status, r.sender, r.reply_to_id) for r in replies] == [
        (f"reply:{message.id}:0", "queued", "bot", message.id),
        (f"reply:{message.id}:1", "queued", "bot", message.id),
    ]
    assert [j.dedupe_key for j in _jobs(services, "send_outbound")] == [f"send:{r.id}" for r in replies]


@sqlite_only
def test_when_the_engine_runs_then_it_gets_text_type_and_first_contact(client, services, engine):
    _deliver(client, text_update("wamid.A", body="Hola"))
    _deliver(client, example("callback_selection.json", "description"))
    _deliver(client, text_update("wamid.B", body="¿Y los sábados?"))
    for message in _inbound(services):
        process_inbound(services, {"message_id": message.id})
    first, tapped, second = engine.turns
    assert (first.text, first.message_type, first.is_first_contact) == ("Hola", "text", True)
    assert (tapped.text, tapped.button_id, tapped.message_type) == ("title", "callback_data", "interactive")
    assert (second.text, second.is_first_contact) == ("¿Y los sábados?", False)
    assert first.conversation_id == second.conversation_id


@sqlite_only
def test_when_a_template_quick_reply_arrives_then_its_payload_is_the_button_id(client, services, engine):
    _deliver(client, example("callback_button.json", "quick_reply"))
    process_inbound(services, {"message_id": _inbound(services)[0].id})
    assert (engine.turns[0].button_id, engine.turns[0].text) == ("callback_data", "title")


def test_when_processing_runs_twice_then_the_turn_happens_once(client, services, engine):
    _deliver(client, text_update("wamid.A"))
    message_id = _inbound(services)[0].id
    process_inbound(services, {"message_id": message_id})
    process_inbound(services, {"message_id": message_id})
    assert len(engine.turns) == 1
    assert len(_outbound(services)) == 1 and len(_jobs(services, "send_outbound")) == 1


def test_when_the_engine_crashes_mid_turn_then_nothing_is_kept_and_a_rerun_processes_once(client, services, engine):
    _deliver(client, text_update("wamid.A", body="Hola"))
    message_id = _inbound(services)[0].id
    engine.fail_next = 1
    with pytest.raises(RuntimeError):
        process_inbound(services, {"message_id": message_id})
    (message,) = _inbound(services)
    assert message.processed_at is None and message.payload is not None and _outbound(services) == []
    process_inbound(services, {"message_id": message_id})
    assert len(_outbound(services)) == 1 and _inbound(services)[0].processed_at is not None


@sqlite_only
def test_when_a_message_is_processed_then_it_is_marked_read_with_typing(client, services, fake_graph):
    _deliver(client, text_update("wamid.A"))
    process_inbound(services, {"message_id": _inbound(services)[0].id})
    assert [r.json for r in fake_graph.reads] == [
        {
            "messaging_product": "whatsapp",
            "status": "read",
            "message_id": "wamid.A",
            "typing_indicator": {"type": "text"},
        }
    ]


@sqlite_only
def test_when_mark_read_fails_then_the_turn_still_runs(client, services, engine, fake_graph):
    from tests.channels.fake_graph import Answer

    fake_graph.script(Answer(status=500, body={}))
    _deliver(client, text_update("wamid.A"))
    process_inbound(services, {"message_id": _inbound(services)[0].id})
    assert len(engine.turns) == 1 and len(_outbound(services)) == 1


@sqlite_only
def test_when_engine_returns_no_inbound_decision_then_no_text_is_stored(client, services, engine):
    engine.handle = lambda session, turn: TurnResult(replies=[])
    _deliver(client, text_update("wamid.A", body="texto sin decisión"))
    process_inbound(services, {"message_id": _inbound(services)[0].id})
    (message,) = _inbound(services)
    assert message.text is None and message.payload is None


def test_when_run_turn_is_used_then_an_api_contact_gets_captured_replies_and_graph_is_never_called(
    services, engine, fake_graph
):
    result = run_turn(services, text="¿Cuál es el horario?", from_id="eval-7")
    again = run_turn(services, text="gracias", from_id="eval-7")
    assert (
        isinstance(result.replies[0], TextMessage)
        and result.replies[0].text == "Respuesta 1"
        and again.intent == "question"
    )
    with services.sessions() as session:
        contact = session.scalars(select(Contact)).one()
        assert (contact.channel, contact.api_id, contact.wa_id) == ("api", "eval-7", None)
    assert [m.status for m in _outbound(services)] == ["captured", "captured"]
    assert [m.text for m in _inbound(services)] == ["¿Cuál es el horario?", "gracias"]
    assert _jobs(services, "send_outbound") == [] and fake_graph.requests == []
    assert engine.turns[0].is_first_contact and not engine.turns[1].is_first_contact


@sqlite_only
def test_when_run_turn_carries_a_button_id_then_the_engine_sees_a_button_reply(services, engine):
    run_turn(services, text="Pedir cita", from_id="u1", button_id="book")
    turn = engine.turns[0]
    assert (turn.message_type, turn.button_id, turn.text) == ("interactive", "book", "Pedir cita")


@sqlite_only
def test_when_different_callers_use_run_turn_then_each_has_its_own_conversation(services, engine):
    run_turn(services, text="hola", from_id="a")
    run_turn(services, text="hola", from_id="b")
    assert len({t.conversation_id for t in engine.turns}) == 2
    with services.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 2


def test_when_a_turn_is_processed_then_its_guardrail_decisions_are_recorded_without_text(services):
    from store.models.guardrails import GuardrailDecisionRecord

    run_turn(services, text="mi numero es 600111222", from_id="audit")
    with services.sessions() as session:
        rows = list(session.scalars(select(GuardrailDecisionRecord)))
    assert [(r.direction, r.action, r.message_id is not None) for r in rows] == [("inbound", "redact", True)]
    assert "600111222" not in repr([vars(r) for r in rows])


def test_when_a_later_message_is_processed_first_then_the_earlier_one_is_answered_before_it(client, services, engine):
    _deliver(client, batch(text_update("wamid.FIRST", body="primero"), text_update("wamid.SECOND", body="segundo")))
    first, second = _inbound(services)
    process_inbound(services, {"message_id": second.id})
    assert [turn.text for turn in engine.turns] == ["primero", "segundo"]
    process_inbound(services, {"message_id": first.id})  # its own job arrives later: nothing twice
    assert len(engine.turns) == 2
    replies = _outbound(services)
    assert [r.reply_to_id for r in replies] == [first.id, second.id]
