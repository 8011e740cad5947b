"""send_outbound: sent once, retried on transient Graph errors, failed on permanent ones, 24-hour window kept."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from channels.messages import OutboundMessage, TemplateMessage, TextMessage
from channels.whatsapp import metrics
from channels.whatsapp.payloads import parse_body
from channels.whatsapp.webhook import ingest
from service.composition import Services
from service.jobs.errors import RetryLater
from service.outbound import in_service_window, queue_reply, send_outbound
from store.models import Contact, Conversation, Job, Message
from tests.channels.fake_graph import Answer
from tests.channels.support import sqlite_only, text_update


def _queue(
    services: Services,
    message: OutboundMessage | None = None,
    *,
    key: str = "reply:x:0",
    last_inbound: datetime | None = None,
) -> int:
    ingest(services, parse_body(text_update("wamid.IN")))
    with services.sessions() as session, session.begin():
        conversation = session.scalars(select(Conversation)).one()
        if last_inbound is not None:
            session.scalars(select(Contact)).one().last_inbound_at = last_inbound
        row = queue_reply(
            session,
            services,
            conversation_id=conversation.id,
            message=message or TextMessage(text="Abrimos a las 8"),
            sender="bot",
            idempotency_key=key,
        )
        return row.id


def _row(services: Services, message_id: int) -> Message:
    with services.sessions() as session:
        row = session.get(Message, message_id)
        assert row is not None
        return row


def test_when_a_queued_reply_is_sent_then_wamid_and_status_are_stored(services, fake_graph):
    message_id = _queue(services)
    send_outbound(services, {"message_id": message_id})
    row = _row(services, message_id)
    assert row.wamid == fake_graph.sends[0].response["messages"][0]["id"]
    assert row.status == "sent" and [h["status"] for h in row.status_history] == ["queued", "sent"]
    assert fake_graph.sends[0].json["to"] == "34600111222"
    assert fake_graph.sends[0].json["text"]["body"] == "Abrimos a las 8"


def test_when_the_send_job_runs_again_then_the_row_is_not_sent_twice(services, fake_graph):
    message_id = _queue(services)
    send_outbound(services, {"message_id": message_id})
    send_outbound(services, {"message_id": message_id})
    assert len(fake_graph.sends) == 1


def test_when_queue_reply_is_called_twice_with_one_key_then_one_row_and_one_job(services):
    first = _queue(services)
    with services.sessions() as session, session.begin():
        conversation = session.scalars(select(Conversation)).one()
        again = queue_reply(
            session,
            services,
            conversation_id=conversation.id,
            message=TextMessage(text="otra"),
            sender="staff",
            idempotency_key="reply:x:0",
        )
        assert again.id == first
    with services.sessions() as session:
        assert len(session.scalars(select(Job).where(Job.kind == "send_outbound")).all()) == 1


@sqlite_only
@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(Answer(status=500, body={}), id="graph-500"),
        pytest.param(Answer.graph_error(130429, 429), id="graph-429"),
        # Graph stalls past our timeout without accepting. (A timeout after Graph accepted cannot be told
        # apart from this one: such a send may repeat; see service/outbound.py.)
        pytest.param(Answer(status=503, body={}, delay=1.5), id="timeout"),
    ],
)
def test_when_graph_fails_transiently_then_the_message_is_kept_retried_and_sent_once(services, fake_graph, failure):
    message_id = _queue(services)
    fake_graph.script(failure)
    with pytest.raises(RetryLater) as info:
        send_outbound(services, {"message_id": message_id})
    assert info.value.delay_seconds == services.settings.whatsapp.send_retry_base_seconds
    row = _row(services, message_id)
    assert row.status == "queued" and row.wamid is None
    send_outbound(services, {"message_id": message_id})
    assert _row(services, message_id).status == "sent"
    assert len(fake_graph.sends) == 1


@sqlite_only
def test_when_graph_asks_to_retry_after_then_that_delay_is_used(services, fake_graph):
    message_id = _queue(services)
    fake_graph.script(Answer.graph_error(130429, 429, **{"retry-after": "42"}))
    with pytest.raises(RetryLater) as info:
        send_outbound(services, {"message_id": message_id})
    assert info.value.delay_seconds == 42


@sqlite_only
def test_when_transient_failures_repeat_then_backoff_grows_and_the_row_ends_failed(services, fake_graph):
    message_id = _queue(services)
    attempts = services.settings.whatsapp.send_max_attempts
    fake_graph.script(*[Answer(status=503, body={}) for _ in range(attempts)])
    delays = []
    for _ in range(attempts - 1):
        with pytest.raises(RetryLater) as info:
            send_outbound(services, {"message_id": message_id})
        delays.append(info.value.delay_seconds)
    send_outbound(services, {"message_id": message_id})
    assert delays == [2.0, 4.0, 8.0, 16.0]
    assert _row(services, message_id).status == "failed" and fake_graph.sends == []


@sqlite_only
def test_when_the_token_expired_then_failed_with_190_an_alert_is_logged_and_counted(services, fake_graph, caplog):
    message_id = _queue(services)
    before = metrics.snapshot().get("whatsapp.token_expired", 0)
    fake_graph.script(Answer.graph_error(190, 401))
    with caplog.at_level(logging.INFO, logger="recepta"):
        send_outbound(services, {"message_id": message_id})
    row = _row(services, message_id)
    assert (row.status, row.error_code) == ("failed", 190)
    alerts = [r for r in caplog.records if r.levelno == logging.ERROR and r.getMessage() == "whatsapp.token_expired"]
    assert len(alerts) == 1
    assert metrics.snapshot()["whatsapp.token_expired"] == before + 1
    send_outbound(services, {"message_id": message_id})
    assert len(fake_graph.requests) == 1  # never retried


@sqlite_only
@pytest.mark.parametrize("code", [131026, 131051, 131009, 100, 131047])
def test_when_graph_refuses_permanently_then_failed_with_code_and_no_retry(services, fake_graph, code):
    message_id = _queue(services)
    fake_graph.script(Answer.graph_error(code))
    send_outbound(services, {"message_id": message_id})
    send_outbound(services, {"message_id": message_id})
    row = _row(services, message_id)
    assert (row.status, row.error_code) == ("failed", code)
    assert len(fake_graph.requests) == 1


@sqlite_only
def test_when_the_24_hour_window_closed_then_free_form_is_refused_without_calling_graph(services, fake_graph):
    message_id = _queue(services, last_inbound=datetime.now(UTC) - timedelta(hours=25))
    send_outbound(services, {"message_id": message_id})
    row = _row(services, message_id)
    assert (row.status, row.error_code) == ("failed", 131047)
    assert fake_graph.requests == []


@sqlite_only
def test_when_the_window_closed_then_a_template_is_still_sent(services, fake_graph):
    template = TemplateMessage(name="appointment_reminder", language="es", preview="Recordatorio de cita")
    message_id = _queue(services, template, last_inbound=datetime.now(UTC) - timedelta(days=3))
    send_outbound(services, {"message_id": message_id})
    assert _row(services, message_id).status == "sent"
    assert fake_graph.sends[0].json["type"] == "template"


@pytest.mark.parametrize(
    ("age", "open_"),
    [(timedelta(hours=23, minutes=59), True), (timedelta(hours=24), False), (None, False)],
)
def test_when_checking_the_window_then_24_hours_after_the_last_inbound_it_closes(age, open_):
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    last = None if age is None else (now - age).replace(tzinfo=None)  # SQLite hands back naive UTC
    assert in_service_window(last, now=now) is open_


@sqlite_only
def test_when_a_reply_is_for_an_unknown_conversation_then_it_is_refused(services):
    from service.errors import ConflictError

    with services.sessions() as session, session.begin(), pytest.raises(ConflictError):
        queue_reply(
            session, services, conversation_id=999, message=TextMessage(text="x"), sender="bot", idempotency_key="k"
        )
