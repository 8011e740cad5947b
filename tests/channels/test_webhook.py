"""POST/GET /webhooks/whatsapp: verification, signature before parsing, bad input, persistence and dedupe."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from channels.whatsapp.payloads import parse_body
from channels.whatsapp.webhook import ingest
from service.composition import Services
from store.models import Contact, Conversation, Job, Message
from tests.channels.support import batch, example, signed, sqlite_only, text_update

URL = "/webhooks/whatsapp"


def _count(services: Services, model: type[Any], *where: Any) -> int:
    with services.sessions() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _post(client: TestClient, body: dict[str, Any] | bytes, **kwargs: Any) -> Any:
    raw, headers = signed(body)
    return client.post(URL, content=raw, headers=headers, **kwargs)


def _nothing_stored(services: Services) -> bool:
    return all(_count(services, model) == 0 for model in (Contact, Conversation, Message, Job))


# --- verification -------------------------------------------------------------------------------------------


@sqlite_only
def test_when_meta_verifies_with_the_right_token_then_the_raw_challenge_is_returned(client):
    response = client.get(
        URL, params={"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"}
    )
    assert response.status_code == 200
    assert response.text == "1158201444"
    assert response.headers["content-type"].startswith("text/plain")


@sqlite_only
@pytest.mark.parametrize(
    "params",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": "verify-me", "hub.challenge": "1"},
        {"hub.mode": "subscribe", "hub.challenge": "1"},
        {},
    ],
)
def test_when_verification_is_wrong_then_403(client, params):
    assert client.get(URL, params=params).status_code == 403


# --- refusals ------------------------------------------------------------------------------------------------


@sqlite_only
def test_when_signature_is_missing_then_401_and_nothing_is_stored(client, services):
    response = client.post(URL, content=json.dumps(text_update("wamid.A")).encode())
    assert response.status_code == 401
    assert _nothing_stored(services)


@sqlite_only
def test_when_signature_is_made_with_another_secret_then_401_and_nothing_is_stored(client, services):
    raw, headers = signed(text_update("wamid.A"), secret="not-the-app-secret")
    assert client.post(URL, content=raw, headers=headers).status_code == 401
    assert _nothing_stored(services)


@sqlite_only
def test_when_signature_is_checked_then_it_happens_before_parsing(client, services):
    # Garbage with a wrong signature is a 401, not a 400: nothing is parsed before it is authenticated.
    assert client.post(URL, content=b"{not json", headers={"X-Hub-Signature-256": "sha256=00"}).status_code == 401


@sqlite_only
def test_when_json_is_malformed_then_400(client, services):
    assert _post(client, b"{not json").status_code == 400
    assert _post(client, b"\xff\xfe").status_code == 400
    assert _nothing_stored(services)


@sqlite_only
def test_when_object_is_not_a_whatsapp_account_then_200_ignored_and_nothing_stored(client, services):
    body = text_update("wamid.A")
    body["object"] = "page"
    response = _post(client, body)
    assert response.status_code == 200 and response.json()["status"] == "ignored"
    assert _nothing_stored(services)


@sqlite_only
def test_when_fields_are_missing_then_400_names_the_field_without_any_value(client, services):
    body = text_update("wamid.A", body="Mi DNI es 12345678Z")
    del body["entry"][0]["changes"][0]["value"]["messages"][0]["type"]
    response = _post(client, body)
    assert response.status_code == 400
    assert "messages.0.type" in response.json()["detail"]
    assert "12345678Z" not in response.text and "34600111222" not in response.text
    assert _nothing_stored(services)


@sqlite_only
def test_when_one_message_of_a_batch_is_malformed_then_nothing_of_the_batch_is_stored(client, services):
    bad = text_update("wamid.B")
    del bad["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    assert _post(client, batch(text_update("wamid.A"), bad)).status_code == 400
    assert _nothing_stored(services)


@sqlite_only
def test_when_content_length_exceeds_the_limit_then_413_before_reading(client, services):
    raw, headers = signed(b"x" * 30_000)
    assert client.post(URL, content=raw, headers=headers).status_code == 413


@sqlite_only
def test_when_a_chunked_body_grows_past_the_limit_then_413(client, services):
    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"x" * 1000

    response = client.post(URL, content=chunks(), headers={"X-Hub-Signature-256": "sha256=00"})
    assert response.status_code == 413
    assert _nothing_stored(services)


# --- persistence and dedupe -----------------------------------------------------------------------------------


def test_when_a_text_arrives_then_contact_conversation_message_and_job_are_stored(client, services):
    response = _post(client, text_update("wamid.A", body="Hola, ¿abren el sábado?"))
    assert response.status_code == 200 and response.json()["messages"] == 1
    with services.sessions() as session:
        contact = session.scalars(select(Contact)).one()
        message = session.scalars(select(Message)).one()
        job = session.scalars(select(Job)).one()
        assert (contact.channel, contact.wa_id, contact.user_id) == ("whatsapp", "34600111222", "ES.34600111222")
        assert contact.last_inbound_at is not None
        assert message.conversation.contact_id == contact.id
        assert (message.direction, message.type, message.status, message.text) == ("inbound", "text", "received", None)
        assert message.payload["text"]["body"] == "Hola, ¿abren el sábado?"
        assert (job.kind, job.dedupe_key, job.payload) == (
            "process_inbound",
            f"inbound:{message.id}",
            {"message_id": message.id},
        )


def test_when_a_delivery_is_replayed_then_nothing_new_is_stored_and_200(client, services):
    body = text_update("wamid.A")
    assert _post(client, body).json()["messages"] == 1
    replay = _post(client, body)
    assert replay.status_code == 200 and replay.json() == {"status": "ok", "messages": 0, "duplicates": 1}
    assert (_count(services, Message), _count(services, Job), _count(services, Contact)) == (1, 1, 1)


def test_when_a_message_whose_processing_failed_for_good_is_redelivered_then_its_job_runs_again(client, services):
    from sqlalchemy import update

    from store.models.messaging import JobStatus

    body = text_update("wamid.FAILED")
    assert _post(client, body).json()["messages"] == 1
    with services.sessions() as session, session.begin():
        session.execute(update(Job).values(status=JobStatus.FAILED.value, attempts=5, last_error="OperationalError"))
    replay = _post(client, body)
    assert replay.json() == {"status": "ok", "messages": 0, "duplicates": 1}
    with services.sessions() as session:
        [job] = session.scalars(select(Job)).all()
        assert (job.status, job.attempts) == (JobStatus.PENDING.value, 0)
    assert _count(services, Message) == 1 and _count(services, Job) == 1


def test_when_a_retry_is_rebatched_differently_then_each_wamid_is_stored_once(client, services):
    a, b, c = text_update("wamid.A"), text_update("wamid.B"), text_update("wamid.C", wa_id="34600999888")
    assert _post(client, batch(a, b)).json()["messages"] == 2
    assert _post(client, c).json()["messages"] == 1
    regrouped = _post(client, batch(b, c, a))
    assert regrouped.json() == {"status": "ok", "messages": 0, "duplicates": 3}
    assert _count(services, Message) == 3 and _count(services, Contact) == 2 and _count(services, Job) == 3
    assert _count(services, Conversation) == 2


@sqlite_only
def test_when_the_same_patient_taps_a_button_twice_then_both_events_are_stored(client, services):
    first = example("callback_button.json", "button")
    second = example("callback_button.json", "button")
    second["entry"][0]["changes"][0]["value"]["messages"][0]["id"] = "wamid.second-tap"
    assert _post(client, first).json()["messages"] == 1
    assert _post(client, second).json()["messages"] == 1
    assert _count(services, Message) == 2 and _count(services, Conversation) == 1


def test_when_a_patient_writes_again_then_the_open_conversation_is_reused_and_window_moves(client, services):
    _post(client, text_update("wamid.A", ts=1_700_000_000))
    _post(client, text_update("wamid.B", ts=1_700_000_100))
    _post(client, text_update("wamid.OLD", ts=1_600_000_000))  # a late retry must not move the window back
    with services.sessions() as session:
        contact = session.scalars(select(Contact)).one()
        assert int(contact.last_inbound_at.timestamp()) == 1_700_000_100
    assert _count(services, Conversation) == 1


def test_when_the_user_id_is_known_and_wa_id_is_new_then_the_same_contact_is_used(client, services):
    body = example("callback_button.json", "quick_reply_without_context")
    value = body["entry"][0]["changes"][0]["value"]
    del value["contacts"][0]["wa_id"]
    del value["messages"][0]["from"]
    assert _post(client, body).json()["messages"] == 1
    later = example("message.json", "text")  # same user_id, now with a wa_id
    assert _post(client, later).json()["messages"] == 1
    with services.sessions() as session:
        contact = session.scalars(select(Contact)).one()
        assert (contact.wa_id, contact.user_id) == ("972987654321", "US.13491208655302741918")


@sqlite_only
@pytest.mark.parametrize(
    "name",
    [
        "image",
        "audio",
        "voice",
        "current_location",
        "contacts",
        "reaction",
        "unsupported_with_type",
        "order",
    ],
)
def test_when_a_non_text_type_arrives_then_it_is_stored_with_its_raw_type(client, services, name):
    body = example("message.json", name)
    assert _post(client, body).status_code == 200
    with services.sessions() as session:
        message = session.scalars(select(Message)).one()
        assert message.type == body["entry"][0]["changes"][0]["value"]["messages"][0]["type"]


def test_when_duplicate_deliveries_race_then_one_row_and_no_error(services):
    """Eight threads ingest the same delivery at once, on SQLite and PostgreSQL."""
    parsed = parse_body(batch(text_update("wamid.RACE1"), text_update("wamid.RACE2", wa_id="34600999000")))
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def deliver():
        barrier.wait()
        try:
            ingest(services, parsed)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert (_count(services, Message), _count(services, Contact), _count(services, Conversation)) == (2, 2, 2)
    assert _count(services, Job, Job.kind == "process_inbound") == 2


# --- statuses -------------------------------------------------------------------------------------------------


def _outbound(services: Services, wamid: str = "wamid.OUT1") -> None:
    _post_direct = ingest(services, parse_body(text_update("wamid.IN")))
    assert _post_direct.messages == 1
    with services.sessions() as session, session.begin():
        conversation = session.scalars(select(Conversation)).one()
        session.add(
            Message(
                conversation_id=conversation.id,
                direction="outbound",
                wamid=wamid,
                type="text",
                status="sent",
                status_history=[],
                sender="bot",
                idempotency_key="k1",
            )
        )


def _status(wamid: str, status: str, ts: int, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    body = example("message_status.json", "sent")
    item = body["entry"][0]["changes"][0]["value"]["statuses"][0]
    item.update({"id": wamid, "status": status, "timestamp": str(ts)})
    if errors:
        item["errors"] = errors
    return body


def _stored(services: Services, wamid: str = "wamid.OUT1") -> Message:
    with services.sessions() as session:
        return session.scalars(select(Message).where(Message.wamid == wamid)).one()


def test_when_statuses_arrive_out_of_order_then_status_never_moves_backwards(client, services):
    _outbound(services)
    for status, ts in [("read", 30), ("delivered", 20), ("sent", 10)]:
        assert _post(client, _status("wamid.OUT1", status, ts)).status_code == 200
    row = _stored(services)
    assert row.status == "read"
    assert [h["status"] for h in row.status_history] == ["read", "delivered", "sent"]


def test_when_a_send_fails_then_status_is_failed_with_the_error_code(client, services):
    _outbound(services)
    failed = example("message_status.json", "failed")
    failed["entry"][0]["changes"][0]["value"]["statuses"][0]["id"] = "wamid.OUT1"
    _post(client, failed)
    row = _stored(services)
    assert (row.status, row.error_code) == ("failed", 130472)


@sqlite_only
def test_when_a_failure_arrives_after_read_then_read_is_kept(client, services):
    _outbound(services)
    _post(client, _status("wamid.OUT1", "read", 30))
    _post(client, _status("wamid.OUT1", "failed", 40, errors=[{"code": 131026, "title": "x"}]))
    assert _stored(services).status == "read"


def test_when_a_status_precedes_its_message_then_it_is_applied_later_by_a_job(client, services):
    response = _post(client, _status("wamid.LATE", "delivered", 20))
    assert response.status_code == 200
    with services.sessions() as session:
        job = session.scalars(select(Job).where(Job.kind == "apply_status")).one()
        payload = job.payload
    _outbound(services, wamid="wamid.LATE")
    from channels.whatsapp.webhook import apply_status

    apply_status(services, payload)
    assert _stored(services, "wamid.LATE").status == "delivered"


@sqlite_only
def test_when_a_delivery_is_for_another_phone_number_then_nothing_is_stored_or_answered(client, services):
    body = text_update("wamid.other-number")
    body["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = "999999999999999"
    response = _post(client, body)
    assert response.status_code == 200 and response.json()["messages"] == 0
    assert (_count(services, Message), _count(services, Job), _count(services, Contact)) == (0, 0, 0)


@sqlite_only
def test_when_a_message_arrives_then_the_profile_name_is_not_stored(client, services):
    _post(client, text_update("wamid.named"))
    with services.sessions() as session:
        assert [c.profile_name for c in session.query(Contact)] == [None]
