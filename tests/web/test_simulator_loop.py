"""The whole loop in a browser: page → signed webhook → pipeline job → engine → sender → Graph stand-in → page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from agent.turn import InboundTurn, TurnResult
from channels.messages import Button, ButtonsMessage, TextMessage
from channels.simulator.loopback import free_port, serve_in_thread
from service.app import create_app
from service.composition import build_services
from service.settings import Settings
from store.db import make_engine
from store.migrate import upgrade
from store.models.messaging import Message

pytestmark = pytest.mark.browser


class ScriptedEngine:
    """A conversation engine that offers two buttons, then names the button the patient tapped."""

    def __init__(self) -> None:
        self.turns: list[InboundTurn] = []

    def handle(self, session: Session, turn: InboundTurn) -> TurnResult:  # noqa: ARG002
        self.turns.append(turn)
        if turn.button_id:
            return TurnResult(replies=[TextMessage(text=f"Perfecto, ha elegido *{turn.button_id}*.")])
        return TurnResult(
            replies=[
                ButtonsMessage(
                    text="¿En qué puedo ayudarle?",
                    buttons=[Button(id="book", title="Pedir cita"), Button(id="hours", title="Horarios")],
                )
            ]
        )


@pytest.fixture
def recepta(tmp_path: Path) -> Iterator[tuple[str, ScriptedEngine, Settings]]:
    url = f"sqlite:///{tmp_path / 'recepta.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    port = free_port()
    # public_url is where the sender finds the Graph stand-in: this very server.
    settings = Settings(
        environment="test", data_dir=tmp_path / "data", database_url=url, public_url=f"http://127.0.0.1:{port}"
    )
    services = build_services(settings)
    scripted = ScriptedEngine()
    services.__dict__["conversation_engine"] = scripted
    app = create_app(settings, services=services, start_jobs=True)
    try:
        with serve_in_thread(app, port) as base_url:
            yield base_url, scripted, settings
    finally:
        services.close()


@pytest.fixture
def page(browser: Browser, recepta: tuple[str, ScriptedEngine, Settings]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="es-ES")
    page = context.new_page()
    page.goto(recepta[0] + "/simulator")
    yield page
    context.close()


def test_when_the_patient_writes_then_recepta_answers_through_the_real_webhook_and_sender(page, recepta):
    _, scripted, settings = recepta
    page.get_by_label("Mensaje", exact=True).fill("Hola, quiero información")
    page.get_by_role("button", name="Enviar").click()
    mine = page.locator(".bubble-row.mine").first
    expect(page.locator(".bubble-row.bot .reply-button", has_text="Pedir cita")).to_be_visible(timeout=20_000)
    # The pipeline marked the message read through the stand-in: blue ticks.
    expect(mine.locator(".ticks")).to_have_attribute("data-status", "read")
    assert scripted.turns[0].text == "Hola, quiero información"

    page.locator(".reply-button", has_text="Pedir cita").click()
    expect(page.locator(".bubble-row.bot strong", has_text="book")).to_be_visible(timeout=20_000)
    assert scripted.turns[1].button_id == "book"

    # The stand-in reported sent → delivered → read back through the signed webhook: the rows know it.
    engine = make_engine(settings.resolved_database_url)
    try:
        statuses: list[str] = []
        for _ in range(200):  # status webhooks are processed by background jobs: poll, bounded
            with Session(engine) as session:
                statuses = list(session.scalars(select(Message.status).where(Message.direction == "outbound")))
            if statuses == ["read", "read"]:
                break
            page.wait_for_timeout(100)
        assert statuses == ["read", "read"]
    finally:
        engine.dispose()


def test_when_the_patient_number_is_undeliverable_then_the_reply_row_fails_with_131026(page, recepta):
    _, _, settings = recepta
    with page.expect_response("**/deliverability"):
        page.get_by_label("Número no entregable").check()
    page.get_by_label("Mensaje", exact=True).fill("Hola")
    page.get_by_role("button", name="Enviar").click()
    expect(page.locator(".bubble-row.bot.undelivered")).to_be_visible()
    engine = make_engine(settings.resolved_database_url)
    try:
        rows: list[tuple[str, int | None]] = []
        for _ in range(200):  # the failed status is applied by a background job: poll, bounded
            with Session(engine) as session:
                query = select(Message.status, Message.error_code).where(Message.direction == "outbound")
                rows = [(status, code) for status, code in session.execute(query)]
            if rows == [("failed", 131026)]:
                break
            page.wait_for_timeout(100)
        assert rows == [("failed", 131026)]
    finally:
        engine.dispose()
