"""The Graph sender over real HTTP on loopback: request shapes, auth, and every failure mapped to its class."""

import pytest

from channels.messages import (
    Button,
    ButtonsMessage,
    ListMessage,
    ListRow,
    ListSection,
    TemplateMessage,
    TextMessage,
)
from channels.whatsapp.errors import (
    GraphUnavailableError,
    InvalidParameterError,
    ReengagementRequiredError,
    ThrottledError,
    TokenExpiredError,
    UndeliverableError,
    error_from_response,
)
from channels.whatsapp.sender import build_sender
from tests.channels.fake_graph import Answer
from tests.channels.support import PHONE_NUMBER_ID


@pytest.fixture
def sender(sqlite_channel_settings):
    sender = build_sender(sqlite_channel_settings)
    yield sender
    sender.close()


def test_when_sending_text_then_graph_gets_the_cloud_api_shape_with_bearer_token(sender, fake_graph):
    wamid = sender.send("34600111222", TextMessage(text="Hola"))
    (request,) = fake_graph.requests
    assert wamid.startswith("wamid.FAKE")
    assert request.path == f"/v23.0/{PHONE_NUMBER_ID}/messages"
    assert request.headers["authorization"] == "Bearer dev-access-token"
    assert request.json == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "34600111222",
        "type": "text",
        "text": {"body": "Hola", "preview_url": False},
    }


def test_when_sending_buttons_then_each_is_a_reply_button(sender, fake_graph):
    message = ButtonsMessage(
        text="¿Qué desea?",
        footer="Clínica",
        buttons=[Button(id="book", title="Pedir cita"), Button(id="human", title="Hablar con persona")],
    )
    sender.send("34600111222", message)
    interactive = fake_graph.requests[0].json["interactive"]
    assert interactive == {
        "type": "button",
        "body": {"text": "¿Qué desea?"},
        "footer": {"text": "Clínica"},
        "action": {
            "buttons": [
                {"type": "reply", "reply": {"id": "book", "title": "Pedir cita"}},
                {"type": "reply", "reply": {"id": "human", "title": "Hablar con persona"}},
            ]
        },
    }


def test_when_sending_a_list_then_sections_and_rows_keep_their_ids(sender, fake_graph):
    message = ListMessage(
        text="Elija",
        button="Ver opciones",
        header="Menú",
        sections=[
            ListSection(
                title="Citas",
                rows=[
                    ListRow(id="new", title="Nueva cita", description="Primera visita"),
                    ListRow(id="cancel", title="Anular cita"),
                ],
            )
        ],
    )
    sender.send("34600111222", message)
    interactive = fake_graph.requests[0].json["interactive"]
    assert interactive["type"] == "list" and interactive["header"] == {"type": "text", "text": "Menú"}
    assert interactive["action"] == {
        "button": "Ver opciones",
        "sections": [
            {
                "title": "Citas",
                "rows": [
                    {"id": "new", "title": "Nueva cita", "description": "Primera visita"},
                    {"id": "cancel", "title": "Anular cita"},
                ],
            }
        ],
    }


def test_when_sending_a_template_then_name_language_and_components_are_sent(sender, fake_graph):
    components = [{"type": "body", "parameters": [{"type": "text", "text": "10:30"}]}]
    sender.send(
        "34600111222",
        TemplateMessage(name="appointment_reminder", language="es", components=components, preview="Recordatorio"),
    )
    request = fake_graph.requests[0].json
    assert request["type"] == "template"
    assert request["template"] == {"name": "appointment_reminder", "language": {"code": "es"}, "components": components}


def test_when_marking_read_then_typing_indicator_is_requested(sender, fake_graph):
    sender.mark_read("wamid.IN1")
    assert fake_graph.requests[0].json == {
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": "wamid.IN1",
        "typing_indicator": {"type": "text"},
    }


@pytest.mark.parametrize(
    ("answer", "expected", "transient"),
    [
        pytest.param(Answer(status=500, body={}), GraphUnavailableError, True, id="http-500"),
        pytest.param(Answer(status=503, body={"error": {"code": 2}}), GraphUnavailableError, True, id="http-503"),
        pytest.param(Answer.graph_error(130429, 429, **{"retry-after": "7"}), ThrottledError, True, id="130429"),
        pytest.param(Answer.graph_error(4, 400), ThrottledError, True, id="app-rate-limit-4"),
        pytest.param(Answer.graph_error(190, 401), TokenExpiredError, False, id="token-expired-190"),
        pytest.param(Answer.graph_error(131047), ReengagementRequiredError, False, id="window-131047"),
        pytest.param(Answer.graph_error(131026), UndeliverableError, False, id="undeliverable-131026"),
        pytest.param(Answer.graph_error(100), InvalidParameterError, False, id="invalid-parameter-100"),
        pytest.param(Answer(status=503, body={}, delay=1.5), GraphUnavailableError, True, id="timeout"),
    ],
)
def test_when_graph_fails_then_the_error_class_says_whether_to_retry(sender, fake_graph, answer, expected, transient):
    fake_graph.script(answer)
    with pytest.raises(expected) as info:
        sender.send("34600111222", TextMessage(text="Hola"))
    assert info.value.is_transient is transient
    assert "Hola" not in str(info.value) and "34600111222" not in str(info.value)


def test_when_throttled_with_retry_after_then_the_delay_is_kept(sender, fake_graph):
    fake_graph.script(Answer.graph_error(130429, 429, **{"retry-after": "7"}))
    with pytest.raises(ThrottledError) as info:
        sender.send("34600111222", TextMessage(text="Hola"))
    assert info.value.retry_after == 7.0


def test_when_graph_is_unreachable_then_the_error_is_transient(sqlite_channel_settings):
    base = sqlite_channel_settings
    settings = base.model_copy(
        update={"whatsapp": base.whatsapp.model_copy(update={"graph_base_url": "http://127.0.0.1:9"})}
    )
    sender = build_sender(settings)
    try:
        with pytest.raises(GraphUnavailableError):
            sender.send("34600111222", TextMessage(text="Hola"))
    finally:
        sender.close()


@pytest.mark.parametrize(
    ("code", "transient"),
    [
        (4, True),
        (80007, True),
        (130429, True),
        (131048, True),
        (131056, True),
        (133016, True),
        (131026, False),
        (131047, False),
        (131051, False),
        (131009, False),
        (100, False),
        (190, False),
    ],
)
def test_when_graph_returns_a_known_code_then_transience_follows_the_table(code, transient):
    assert error_from_response(400, {"error": {"code": code}}).is_transient is transient


def test_when_an_unknown_code_comes_with_a_4xx_then_it_is_permanent():
    assert not error_from_response(400, {"error": {"code": 999999}}).is_transient
