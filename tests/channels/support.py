"""Test helpers: a scripted conversation engine, signed webhook bodies built from Meta's real shapes."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from agent.turn import InboundTurn, TurnResult
from channels.messages import Button, ButtonsMessage, TextMessage
from channels.whatsapp.signature import sign
from guardrails.decision import GuardrailDecision

SHAPES_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "whatsapp" / "pywa-updates"
APP_SECRET = "test-app-secret"
PHONE_NUMBER_ID = "1122334455667"


def example(file: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHAPES_DIR / file).read_text())[name]
    return copy.deepcopy(data)


def text_update(
    wamid: str, *, wa_id: str = "34600111222", body: str = "Hola", user_id: str | None = None, ts: int | None = None
) -> dict[str, Any]:
    """A real ``message.json``/``text`` delivery with our own ids."""
    update = example("message.json", "text")
    value = update["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["wa_id"] = wa_id
    value["contacts"][0]["user_id"] = user_id or f"ES.{wa_id}"
    message = value["messages"][0]
    message.update(
        {"from": wa_id, "id": wamid, "text": {"body": body}, "timestamp": str(ts or int(datetime.now(UTC).timestamp()))}
    )
    return update


def batch(*updates: dict[str, Any]) -> dict[str, Any]:
    """Re-batch several deliveries into one body: one entry, one change per original change."""
    changes = [c for u in updates for e in u["entry"] for c in e["changes"]]
    return {"object": "whatsapp_business_account", "entry": [{"id": "1234567890987654321", "changes": changes}]}


def signed(body: dict[str, Any] | bytes, secret: str = APP_SECRET) -> tuple[bytes, dict[str, str]]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return raw, {"X-Hub-Signature-256": sign(raw, secret), "Content-Type": "application/json"}


_DIGITS = re.compile(r"\d{3,}[A-Z]?")


class ScriptedEngine:
    """A ConversationEngine for tests: redacts long digit runs, answers one text (or buttons) per turn."""

    def __init__(self, *, replies: int = 1, buttons: bool = False) -> None:
        self.turns: list[InboundTurn] = []
        self.replies = replies
        self.buttons = buttons
        self.fail_next = 0

    def handle(self, session: Session, turn: InboundTurn) -> TurnResult:
        self.turns.append(turn)
        if self.fail_next:
            self.fail_next -= 1
            raise RuntimeError("engine crashed")
        redacted = _DIGITS.sub("<ID>", turn.text or "")
        decision = GuardrailDecision(
            direction="inbound", action="redact" if redacted != turn.text else "allow", redacted=redacted
        )
        replies: list[Any] = [TextMessage(text=f"Respuesta {i + 1}") for i in range(self.replies)]
        if self.buttons:
            replies = [ButtonsMessage(text="¿Qué necesita?", buttons=[Button(id="book", title="Pedir cita")])]
        return TurnResult(replies=replies, intent="question", guardrails=[decision])


# For tests whose logic does not depend on the database dialect: run them on SQLite only (keeps CI fast).
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
