"""The simulator page in headless Chromium: bubbles, ticks, typing, reply buttons, lists and safe markup."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import Request
from fastapi.responses import JSONResponse
from playwright.sync_api import Browser, Page, expect

from channels.simulator.hub import SimulatorHub
from channels.simulator.loopback import free_port, serve_in_thread
from channels.whatsapp.signature import verify_signature
from service.settings import Settings
from store.db import make_engine
from store.migrate import upgrade
from tests.web.support import (
    AUTH,
    GRAPH_PATH,
    app_with_capture,
    buttons_payload,
    list_payload,
    template_payload,
)

pytestmark = pytest.mark.browser
BOT_PATH = "/test/scripted-bot"


class ScriptedBot:
    """Stands in for Recepta's pipeline: checks the signature, then answers over the real Graph stand-in."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.base_url = ""
        self.inbound: list[dict[str, Any]] = []
        self.tasks: set[asyncio.Task[None]] = set()

    async def webhook(self, request: Request) -> JSONResponse:
        body = await request.body()
        if not verify_signature(body, request.headers.get("x-hub-signature-256"), self.secret):
            return JSONResponse({"detail": "bad signature"}, status_code=401)
        value = json.loads(body)["entry"][0]["changes"][0]["value"]
        for message in value.get("messages", []):
            self.inbound.append(message)
            task = asyncio.ensure_future(self.answer(message))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
        return JSONResponse({})

    async def answer(self, message: dict[str, Any]) -> None:
        async with httpx.AsyncClient(base_url=self.base_url, headers=AUTH, timeout=10) as graph:
            await graph.post(
                GRAPH_PATH,
                json={
                    "messaging_product": "whatsapp",
                    "status": "read",
                    "message_id": message["id"],
                    "typing_indicator": {"type": "text"},
                },
            )
            await asyncio.sleep(0.15)  # long enough to see the typing indicator
            to = message["from"]
            if message["type"] == "interactive":
                reply = message["interactive"].get("button_reply") or message["interactive"]["list_reply"]
                answer = {
                    "messaging_product": "whatsapp",
                    "to": to,
                    "type": "text",
                    "text": {"body": f"Has elegido: *{reply['title']}*"},
                }
            elif "horario" in message["text"]["body"]:
                answer = {**list_payload(3), "to": to}
            elif "recordatorio" in message["text"]["body"]:
                answer = {**template_payload(), "to": to}
            elif "html" in message["text"]["body"]:
                answer = {
                    "messaging_product": "whatsapp",
                    "to": to,
                    "type": "text",
                    "text": {
                        "body": '<img src=x onerror="window.pwned=1"> *negrita* y _cursiva_ en https://example.org/a?b=1'
                    },
                }
            else:
                answer = {**buttons_payload(["Pedir cita", "Horarios"]), "to": to}
            await graph.post(GRAPH_PATH, json=answer)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, ScriptedBot, SimulatorHub]]:
    """One live app for the module; each test starts from an empty simulator (see ``live``)."""
    tmp = tmp_path_factory.mktemp("simulator")
    url = f"sqlite:///{tmp / 'recepta.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    settings = Settings(environment="test", data_dir=tmp / "data", database_url=url)
    app, hub, _ = app_with_capture(settings)
    bot = ScriptedBot(settings.whatsapp.app_secret.get_secret_value())
    app.add_api_route(BOT_PATH, bot.webhook, methods=["POST"])
    hub.webhook_path = BOT_PATH
    hub.sent_delay = hub.delivered_delay = 0.05
    with serve_in_thread(app, free_port()) as base_url:
        bot.base_url = base_url
        yield base_url, bot, hub


@pytest.fixture
def live(server: tuple[str, ScriptedBot, SimulatorHub]) -> tuple[str, ScriptedBot]:
    base_url, bot, hub = server
    bot.inbound.clear()
    hub.forget_all()
    return base_url, bot


@pytest.fixture
def page(browser: Browser, live: tuple[str, ScriptedBot]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="es-ES")
    page = context.new_page()
    page.goto(live[0] + "/simulator")
    yield page
    context.close()


def send(page: Page, text: str) -> None:
    page.get_by_label("Mensaje", exact=True).fill(text)
    page.get_by_role("button", name="Enviar").click()


def test_when_the_patient_types_then_the_bubble_gets_ticks_and_a_bot_reply_with_buttons_arrives(page, live):
    _, bot = live
    send(page, "Hola, buenos días")
    mine = page.locator(".bubble-row.mine").first
    expect(mine).to_contain_text("Hola, buenos días")
    # Recepta marked it read (the scripted bot does it like the pipeline): blue ticks.
    expect(mine.locator(".ticks")).to_have_attribute("data-status", "read")
    expect(page.locator(".bubble-row.bot .reply-button", has_text="Pedir cita")).to_be_visible()
    assert bot.inbound[0]["type"] == "text" and bot.inbound[0]["text"]["body"] == "Hola, buenos días"
    assert bot.inbound[0]["from"] == "34600111001"


def test_when_a_reply_button_is_clicked_then_a_button_reply_with_context_reaches_the_webhook(page, live):
    _, bot = live
    send(page, "Hola")
    button = page.locator(".bubble-row.bot .reply-button", has_text="Pedir cita")
    button.click()
    expect(page.locator(".bubble-row.bot", has_text="Has elegido: Pedir cita")).to_be_visible()
    expect(page.locator(".bubble-row.bot strong", has_text="Pedir cita")).to_be_visible()
    bot_message_id = page.locator(".bubble-row.bot[data-type='buttons']").get_attribute("data-id")
    tapped = bot.inbound[1]
    assert tapped["interactive"] == {"type": "button_reply", "button_reply": {"id": "b0", "title": "Pedir cita"}}
    assert tapped["context"]["id"] == bot_message_id


def test_when_a_list_row_is_picked_from_the_sheet_then_a_list_reply_goes_through(page, live):
    _, bot = live
    send(page, "¿Qué horarios tenéis?")
    page.get_by_role("button", name="Ver horarios").click()
    sheet = page.get_by_role("dialog")
    expect(sheet).to_be_visible()
    expect(sheet).to_contain_text("Martes")
    sheet.get_by_role("button", name="10:00").click()
    expect(sheet).to_be_hidden()
    expect(page.locator(".bubble-row.bot", has_text="Has elegido: 10:00")).to_be_visible()
    assert bot.inbound[1]["interactive"]["list_reply"] == {"id": "slot1", "title": "10:00", "description": "Dra. López"}


def test_when_the_bot_text_has_markup_and_html_then_markup_renders_and_html_stays_text(page):
    send(page, "muéstrame html")
    bubble = page.locator(".bubble-row.bot", has_text="negrita")
    expect(bubble.locator("strong")).to_have_text("negrita")
    expect(bubble.locator("em")).to_have_text("cursiva")
    expect(bubble.locator("a")).to_have_attribute("href", "https://example.org/a?b=1")
    expect(bubble).to_contain_text("<img src=x")
    assert bubble.locator("img").count() == 0
    assert page.evaluate("window.pwned === undefined")


def test_when_another_patient_is_chosen_then_it_is_a_separate_conversation(page, live):
    _, bot = live
    send(page, "Hola desde Lucía")
    expect(page.locator(".bubble-row.bot[data-type='buttons']")).to_be_visible()
    page.get_by_role("button", name="Javier Ruiz").click()
    expect(page.locator("#current-patient")).to_have_text("Javier Ruiz")
    expect(page.locator(".bubble-row")).to_have_count(0)
    send(page, "Hola desde Javier")
    expect(page.locator(".bubble-row.bot[data-type='buttons']")).to_be_visible()
    assert [m["from"] for m in bot.inbound] == ["34600111001", "34600111002"]
    page.get_by_role("button", name="Lucía Martín").click()
    expect(page.locator(".bubble-row.mine .bubble-text")).to_have_text(["Hola desde Lucía"])


def test_when_a_new_patient_is_added_then_messages_go_out_with_their_number_and_name(page, live):
    _, bot = live
    page.get_by_label("Nombre").fill("Ana López")
    page.get_by_label("Teléfono (con prefijo, solo dígitos)").fill("34600111009")
    page.get_by_role("button", name="Añadir").click()
    expect(page.locator("#current-patient")).to_have_text("Ana López")
    send(page, "Hola")
    expect(page.locator(".bubble-row.bot")).to_have_count(1)
    assert bot.inbound[0]["from"] == "34600111009"


def test_when_recepta_sends_a_template_then_its_name_and_parameters_are_shown(page):
    send(page, "mándame el recordatorio")
    bubble = page.locator(".bubble-row.bot[data-type='template']")
    expect(bubble.locator(".template-name")).to_have_text("Plantilla · appointment_reminder")
    expect(bubble.locator(".bubble-text")).to_have_text("martes 3 · 10:30")


def test_when_the_number_is_undeliverable_then_replies_show_as_not_delivered(page):
    with page.expect_response("**/deliverability"):
        page.get_by_label("Número no entregable").check()
    send(page, "Hola")
    expect(page.locator(".bubble-row.bot.undelivered .undelivered-note")).to_have_text("No entregado (error 131026)")
