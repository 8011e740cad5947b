"""Test support for web tests: an app with a capturing webhook route, and a live uvicorn server."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from channels.simulator.hub import SimulatorHub
from channels.simulator.wiring import build_hub
from service.app import create_app
from service.composition import Services
from service.settings import Settings

CAPTURE_PATH = "/test/captured-webhooks"
TOKEN = "dev-access-token"
PHONE_NUMBER_ID = "100000000000001"
GRAPH_PATH = f"/simulator/graph/v23.0/{PHONE_NUMBER_ID}/messages"
AUTH = {"authorization": f"Bearer {TOKEN}"}
PATIENT = "34600111001"


class Captured:
    """Webhook deliveries the simulator made: raw body bytes and headers, in arrival order."""

    def __init__(self) -> None:
        self.deliveries: list[tuple[bytes, dict[str, str]]] = []
        self.answer = 200


def app_with_capture(
    settings: Settings, *, services: Services | None = None, capture: bool = True
) -> tuple[FastAPI, SimulatorHub, Captured]:
    """The real app; the simulator's webhooks optionally go to a capturing route instead of the real one."""
    app = create_app(settings, services=services, start_jobs=False)
    captured = Captured()

    async def capture_route(request: Request) -> JSONResponse:
        captured.deliveries.append((await request.body(), dict(request.headers)))
        return JSONResponse({}, status_code=captured.answer)

    app.add_api_route(CAPTURE_PATH, capture_route, methods=["POST"])
    hub = build_hub(app, app.state.services.settings)
    hub.sent_delay = hub.delivered_delay = 0.0
    if capture:
        hub.webhook_path = CAPTURE_PATH
    app.state.simulator_hub = hub
    return app, hub, captured


def text_payload(body: str = "Hola, soy el asistente de la clínica.", to: str = PATIENT) -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": "text",
        "text": {"body": body, "preview_url": False},
    }


def buttons_payload(titles: list[str]) -> dict[str, Any]:
    buttons = [{"type": "reply", "reply": {"id": f"b{i}", "title": t}} for i, t in enumerate(titles)]
    return {
        "messaging_product": "whatsapp",
        "to": PATIENT,
        "type": "interactive",
        "interactive": {"type": "button", "body": {"text": "¿Qué desea hacer?"}, "action": {"buttons": buttons}},
    }


def list_payload(rows: int) -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "to": PATIENT,
        "type": "interactive",
        "interactive": {
            "type": "list",
            "header": {"type": "text", "text": "Citas"},
            "body": {"text": "Elija un horario"},
            "footer": {"text": "Clínica Demo"},
            "action": {
                "button": "Ver horarios",
                "sections": [
                    {
                        "title": "Martes",
                        "rows": [
                            {"id": f"slot{i}", "title": f"{9 + i}:00", "description": "Dra. López"} for i in range(rows)
                        ],
                    }
                ],
            },
        },
    }


def template_payload() -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "to": PATIENT,
        "type": "template",
        "template": {
            "name": "appointment_reminder",
            "language": {"code": "es"},
            "components": [
                {
                    "type": "body",
                    "parameters": [{"type": "text", "text": "martes 3"}, {"type": "text", "text": "10:30"}],
                }
            ],
        },
    }


def signed_ok(body: bytes, headers: dict[str, str], secret: str = "dev-app-secret") -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers["x-hub-signature-256"], expected)
