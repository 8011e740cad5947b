"""Webhook → durable job → engine → Graph, with the real in-process job runner; crashes; no PHI in logs."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from service.composition import Services, build_services
from service.jobs.identity import HOST
from service.logging_setup import JsonFormatter
from service.routes import webhooks
from store.models import Job, Message
from tests.channels.fake_graph import Answer
from tests.channels.support import ScriptedEngine, example, signed, sqlite_only, text_update

URL = "/webhooks/whatsapp"


def _app(services: Services) -> FastAPI:
    app = FastAPI()
    app.state.services = services
    app.include_router(webhooks.router)
    return app


def _wait_for(condition: Callable[[], bool], what: str, seconds: float = 20.0) -> None:
    """Bounded wait for background work (not a timing assertion: the bound only stops a hung test)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def _messages(services: Services, direction: str) -> Sequence[Message]:
    with services.sessions() as session:
        return session.scalars(select(Message).where(Message.direction == direction).order_by(Message.id)).all()


def test_when_a_patient_writes_then_the_reply_reaches_graph_through_the_job_runner(services, engine, fake_graph):
    services.jobs.start()
    with TestClient(_app(services)) as client:
        raw, headers = signed(text_update("wamid.E2E", body="¿Qué horario tienen?"))
        assert client.post(URL, content=raw, headers=headers).status_code == 200
        _wait_for(lambda: len(fake_graph.sends) == 1, "the reply send")
        _wait_for(lambda: _messages(services, "outbound")[0].status == "sent", "the sent status")
    (inbound,) = _messages(services, "inbound")
    (reply,) = _messages(services, "outbound")
    assert inbound.processed_at is not None and inbound.payload is None
    assert reply.wamid == fake_graph.sends[0].response["messages"][0]["id"]
    assert [r.json["message_id"] for r in fake_graph.reads] == ["wamid.E2E"]


@sqlite_only
def test_when_graph_fails_then_the_runner_retries_and_the_reply_is_sent_once(channel_settings, fake_graph):
    fast = channel_settings.whatsapp.model_copy(update={"send_retry_base_seconds": 0.05})
    services = build_services(channel_settings.model_copy(update={"whatsapp": fast}))
    services.__dict__["conversation_engine"] = ScriptedEngine()
    fake_graph.script(Answer(), Answer(status=500, body={}), Answer.graph_error(130429, 429))  # read ok, 2 fails
    try:
        services.jobs.start()
        with TestClient(_app(services)) as client:
            raw, headers = signed(text_update("wamid.RETRY"))
            assert client.post(URL, content=raw, headers=headers).status_code == 200
            _wait_for(lambda: len(fake_graph.sends) == 1, "the reply after two failures")
            _wait_for(lambda: _messages(services, "outbound")[0].status == "sent", "the sent status")
        (reply,) = _messages(services, "outbound")
        assert [h["status"] for h in reply.status_history] == ["queued", "retry", "retry", "sent"]
        assert [r.status for r in fake_graph.requests if r.json.get("type") == "text"] == [500, 429, 200]
    finally:
        services.close()


@pytest.mark.parametrize("crash", ["before-processing", "while-processing"])
def test_when_the_process_dies_after_persisting_then_a_fresh_runner_processes_once(channel_settings, fake_graph, crash):
    first = build_services(channel_settings)
    first.__dict__["conversation_engine"] = ScriptedEngine()
    with TestClient(_app(first)) as client:  # jobs never started: the process "dies" right after the 200
        raw, headers = signed(text_update("wamid.CRASH"))
        assert client.post(URL, content=raw, headers=headers).status_code == 200
    if crash == "while-processing":
        with first.sessions() as session, session.begin():
            # Claimed by an earlier life of this process (another boot nonce) that never finished.
            session.execute(
                update(Job).values(
                    status="running",
                    attempts=1,
                    locked_at=datetime.now(UTC),
                    locked_by=f"{HOST}:{os.getpid()}:deadboot:thread-0",
                )
            )
    first.close()
    assert fake_graph.requests == []

    second = build_services(channel_settings)
    engine = ScriptedEngine()
    second.__dict__["conversation_engine"] = engine
    try:
        second.jobs.start()
        _wait_for(lambda: len(fake_graph.sends) == 1, "the reply after restart")
        _wait_for(lambda: _messages(second, "outbound")[0].status == "sent", "the sent status")
        second.jobs.stop()
        assert len(engine.turns) == 1
        assert len(_messages(second, "outbound")) == 1 and len(fake_graph.sends) == 1
    finally:
        second.close()


@sqlite_only
def test_when_phi_flows_through_the_channel_then_no_text_phone_or_name_reaches_the_logs(
    services, engine, fake_graph, caplog
):
    phi = ["Juana Pérez Gómez", "12345678Z", "612 345 678", "34612345678", "Mi DNI es"]
    update_body = text_update("wamid.PHI", wa_id="34612345678", body="Mi DNI es 12345678Z, llamadme al 612 345 678")
    update_body["entry"][0]["changes"][0]["value"]["contacts"][0]["profile"]["name"] = "Juana Pérez Gómez"
    bad = json.loads(json.dumps(update_body))
    del bad["entry"][0]["changes"][0]["value"]["messages"][0]["timestamp"]
    failed_status = example("message_status.json", "failed")
    failed_status["entry"][0]["changes"][0]["value"]["statuses"][0]["recipient_id"] = "34612345678"
    caplog.set_level(logging.DEBUG)
    services.jobs.start()
    with TestClient(_app(services)) as client:
        for body in (update_body, bad, failed_status):
            raw, headers = signed(body)
            client.post(URL, content=raw, headers=headers)
        client.post(URL, content=json.dumps(update_body).encode(), headers={"X-Hub-Signature-256": "sha256=0"})
        _wait_for(lambda: len(fake_graph.sends) == 1, "the reply send")
    services.jobs.stop()
    formatter = JsonFormatter()
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    assert "webhook stored" in logged and "inbound processed" in logged  # the flow was logged at all
    for secret in phi:
        assert secret not in logged
