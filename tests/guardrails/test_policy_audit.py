"""Decisions are recorded with types, offsets, verdicts and escalation only; the trace and logs carry no PHI."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from guardrails.audit import record_decision
from guardrails.policy import Policy, build_policy
from service.settings import Settings
from store.models import Contact, Conversation, Message
from store.models.guardrails import GuardrailDecisionRecord

PLANTED = "soy maria garcia lopez, mi dni es 12345678Z, mi tarjeta 4111 1111 1111 1111 y me duele el pecho"
SECRETS = ("maria", "garcia", "12345678Z", "4111", "pecho")


@pytest.fixture(scope="module")
def policy() -> Policy:
    return build_policy(Settings(environment="test"))


def test_recorded_decision_keeps_types_offsets_and_escalation_but_no_text(policy, db_engine):
    decision = policy.check(PLANTED, direction="inbound")
    with Session(db_engine) as session:
        contact = Contact(wa_id="34600000001")
        conversation = Conversation(contact=contact)
        message = Message(conversation=conversation, direction="inbound", type="text", status="received")
        session.add_all([contact, conversation, message])
        session.flush()
        row = record_decision(session, decision, message_id=message.id, conversation_id=conversation.id)
        session.commit()
        row_id = row.id
    with Session(db_engine) as session:
        stored = session.scalars(select(GuardrailDecisionRecord).where(GuardrailDecisionRecord.id == row_id)).one()
        assert (stored.direction, stored.action) == ("inbound", "escalate")
        assert (stored.escalation_team, stored.escalation_priority) == ("nurse_line", "urgent")
        assert {e["type"] for e in stored.entities} >= {"ES_NIF", "CREDIT_CARD"}
        assert all(set(e) == {"type", "start", "end", "score"} for e in stored.entities)
        assert "emergency" in {v["name"] for v in stored.verdicts}
        dump = session.execute(text("SELECT * FROM guardrail_decisions")).all()
    for secret in SECRETS:
        assert secret not in str(dump)


def test_decision_without_message_or_conversation_can_be_recorded(policy, db_engine):
    decision = policy.check("a que hora abris", direction="inbound")
    with Session(db_engine) as session:
        row = record_decision(session, decision)
        session.commit()
        assert row.id is not None and row.escalation_team is None and row.entities == []


def test_planted_phi_never_reaches_logs_even_with_the_trace_on(caplog):
    settings = Settings(environment="test")
    settings.guardrails.trace = True
    traced = build_policy(settings)
    with caplog.at_level(logging.DEBUG):
        for direction in ("inbound", "retrieval", "outbound-bot", "outbound-staff"):
            traced.check(PLANTED, direction=direction)
    trace = [r for r in caplog.records if r.name == "recepta.guardrails.trace"]
    assert len(trace) == 4
    assert trace[0].decision["entities"]  # types and offsets are traced
    logged = " ".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)
    for secret in SECRETS:
        assert secret not in logged
