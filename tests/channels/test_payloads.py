"""Webhook payloads: every example shape parses, every message and status is visited, nothing is assumed [0]."""

import json
from typing import Any

import pytest

from channels.whatsapp.errors import WebhookError
from channels.whatsapp.payloads import (
    InboundEvent,
    StatusEvent,
    button_id,
    iter_events,
    message_text,
    parse_body,
)
from tests.channels.support import SHAPES_DIR, batch, example, text_update

MESSAGE_EXAMPLES = sorted(json.loads((SHAPES_DIR / "message.json").read_text()))
STATUS_EXAMPLES = sorted(json.loads((SHAPES_DIR / "message_status.json").read_text()))


def _events(body: Any) -> list[Any]:
    return list(iter_events(parse_body(body)))


@pytest.mark.parametrize("name", MESSAGE_EXAMPLES)
def test_when_a_real_message_shape_arrives_then_it_parses_with_its_raw_type(name):
    body = example("message.json", name)
    events = _events(body)
    raw = body["entry"][0]["changes"][0]["value"]["messages"]
    assert [e.message.type for e in events] == [m["type"] for m in raw]
    assert all(isinstance(e, InboundEvent) and e.raw == m for e, m in zip(events, raw, strict=True))


@pytest.mark.parametrize("name", STATUS_EXAMPLES)
def test_when_a_real_status_shape_arrives_then_it_parses(name):
    body = example("message_status.json", name)
    events = _events(body)
    raw = body["entry"][0]["changes"][0]["value"]["statuses"]
    assert [(e.status.id, e.status.status) for e in events if isinstance(e, StatusEvent)] == [
        (s["id"], s["status"]) for s in raw
    ]


@pytest.mark.parametrize(
    ("file", "name", "text", "tapped"),
    [
        ("message.json", "text", "Body Text", None),
        ("message.json", "reply", "replied text", None),
        ("callback_button.json", "button", "title", "callback_data"),
        ("callback_button.json", "quick_reply", "title", "callback_data"),
        ("callback_selection.json", "description", "title", "callback_data"),
        ("message.json", "image", None, None),
        ("message.json", "reaction", None, None),
        ("message.json", "unsupported_with_type", None, None),
    ],
)
def test_when_message_is_read_then_text_and_button_id_come_from_the_right_field(file, name, text, tapped):
    (event,) = _events(example(file, name))
    assert message_text(event.message) == text
    assert button_id(event.message) == tapped


def test_when_media_has_a_caption_then_the_caption_is_the_text():
    body = example("message.json", "image")
    body["entry"][0]["changes"][0]["value"]["messages"][0]["image"]["caption"] = "mi receta"
    (event,) = _events(body)
    assert message_text(event.message) == "mi receta"


def test_when_message_replies_to_another_then_context_is_kept():
    (event,) = _events(example("message.json", "reply"))
    assert event.message.context is not None and event.message.context.id == "wamid.xyzxyz=="


def test_when_contact_has_wa_id_and_user_id_then_both_identify_the_sender():
    (event,) = _events(example("message.json", "text"))
    assert (event.identity.wa_id, event.identity.user_id) == ("972987654321", "US.13491208655302741918")
    assert event.identity.profile_name == "Test Name"


def test_when_wa_id_is_absent_then_the_business_scoped_user_id_identifies_the_sender():
    body = example("callback_button.json", "quick_reply_without_context")
    value = body["entry"][0]["changes"][0]["value"]
    del value["contacts"][0]["wa_id"]
    del value["messages"][0]["from"]
    (event,) = _events(body)
    assert (event.identity.wa_id, event.identity.user_id) == (None, "US.13491208655302741918")


def test_when_a_delivery_holds_several_entries_changes_and_messages_then_all_are_visited():
    first, second, third = (text_update(f"wamid.{i}", wa_id=f"3460000000{i}") for i in range(3))
    second_value = second["entry"][0]["changes"][0]["value"]
    second_value["messages"].append({**second_value["messages"][0], "id": "wamid.1b"})
    body = batch(first, second)
    body["entry"].append(third["entry"][0])
    body["entry"][1:1] = [example("message_status.json", "read")["entry"][0]]
    ids = [e.message.id if isinstance(e, InboundEvent) else e.status.id for e in _events(body)]
    assert ids == ["wamid.0", "wamid.1", "wamid.1b", "wamid.xyzxyz", "wamid.2"]


def test_when_a_change_is_not_about_messages_then_it_is_skipped():
    body = example("message.json", "text")
    body["entry"][0]["changes"].insert(0, {"field": "message_template_status_update", "value": {"event": "x"}})
    assert len(_events(body)) == 1


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("entry", 0, "changes", 0, "value", "messages", 0, "id"), "messages.0.id: missing"),
        (("entry", 0, "changes", 0, "value", "metadata"), "value.metadata: missing"),
        (("entry", 0, "changes"), "entry.0.changes: missing"),
        (("object",), "object: missing"),
    ],
)
def test_when_a_required_field_is_missing_then_the_error_names_the_field_and_no_value(path, expected):
    body = example("message.json", "text")
    target = body
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    with pytest.raises(WebhookError) as info:
        _events(body)
    assert expected in str(info.value)
    assert "Body Text" not in str(info.value) and "972987654321" not in str(info.value)


def test_when_a_message_has_no_sender_at_all_then_it_is_refused():
    body = example("message.json", "text")
    value = body["entry"][0]["changes"][0]["value"]
    value["contacts"] = []
    del value["messages"][0]["from"]
    with pytest.raises(WebhookError, match="no sender"):
        _events(body)


def test_when_body_is_not_an_object_then_it_is_refused():
    with pytest.raises(WebhookError):
        parse_body(["not", "an", "object"])
