"""The WhatsApp simulator: a Graph API stand-in under /simulator/graph and a phone-like chat page.

Not served in production, nor when a real Graph base URL is set: the page can post webhooks signed with the
app secret on anyone's behalf.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field, model_validator

from channels.simulator.graph_errors import invalid_parameter, invalid_token, unknown_object
from channels.simulator.graph_payloads import GraphPayloadError, MarkRead, parse_graph_payload
from channels.simulator.hub import SimulatorHub
from channels.simulator.wiring import build_hub
from service.deps import ServicesDep

API_VERSION = re.compile(r"v[0-9]{1,3}\.[0-9]{1,2}")
TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parents[1] / "templates")

# Bot text is rendered as markup in the page: the policy is the second line of defence against injected HTML.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'",
    "Referrer-Policy": "no-referrer",
}

# Fictitious patients preset on the page (numbers in Spain's 600 range reserved for the simulator).
DEMO_PATIENTS = (
    {"phone": "34600111001", "name": "Lucía Martín"},
    {"phone": "34600111002", "name": "Javier Ruiz"},
    {"phone": "34600111003", "name": "Emma Wilson"},
)


def _not_in_production(services: ServicesDep) -> None:
    # Served only while Graph itself is simulated: once a real Graph URL is set, a page that signs webhooks
    # "from" any number would let anyone make the bot message real patients.
    settings = services.settings
    if settings.environment == "production" or settings.whatsapp.graph_base_url:
        raise HTTPException(404, "Not Found")


router = APIRouter(tags=["simulator"], dependencies=[Depends(_not_in_production)])


def get_hub(request: Request) -> SimulatorHub:
    hub: SimulatorHub | None = getattr(request.app.state, "simulator_hub", None)
    if hub is None:
        hub = build_hub(request.app, request.app.state.services.settings)
        request.app.state.simulator_hub = hub
    return hub


HubDep = Annotated[SimulatorHub, Depends(get_hub)]


# --- Graph API stand-in ---------------------------------------------------------------------------


@router.post("/simulator/graph/{api_version}/{phone_number_id}/messages", include_in_schema=False)
async def graph_messages(
    api_version: str,
    phone_number_id: str,
    request: Request,
    services: ServicesDep,
    hub: HubDep,
) -> JSONResponse:
    """What Recepta's sender calls instead of graph.facebook.com when no Graph base URL is configured."""
    settings = services.settings.whatsapp
    if not API_VERSION.fullmatch(api_version):
        return JSONResponse(invalid_parameter("api_version: expected vNN.N"), status_code=400)
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if not hmac.compare_digest(token.encode(), settings.access_token.get_secret_value().encode()):
        return JSONResponse(invalid_token(), status_code=401)
    if phone_number_id != settings.phone_number_id:
        return JSONResponse(unknown_object(phone_number_id), status_code=400)
    try:
        data = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        return JSONResponse(invalid_parameter("body: not valid JSON"), status_code=400)
    try:
        payload = parse_graph_payload(data)
    except GraphPayloadError as exc:
        return JSONResponse(invalid_parameter(exc.details), status_code=400)
    if isinstance(payload, MarkRead):
        hub.mark_read(payload.message_id, typing=payload.typing_indicator is not None)
        return JSONResponse({"success": True})
    message = hub.accept_send(payload)
    return JSONResponse(
        {
            "messaging_product": "whatsapp",
            "contacts": [{"input": payload.to, "wa_id": message.phone}],
            "messages": [{"id": message.id}],
        }
    )


# --- the phone page -------------------------------------------------------------------------------


@router.get("/simulator", response_class=HTMLResponse, include_in_schema=False)
async def simulator_page(request: Request, services: ServicesDep) -> HTMLResponse:
    settings = services.settings
    context = {
        "clinic_name": settings.clinic.name,
        "display_phone": settings.whatsapp.display_phone_number,
        "patients": list(DEMO_PATIENTS),
    }
    return TEMPLATES.TemplateResponse(request, "simulator.html", context, headers=PAGE_HEADERS)


class ReplyBody(BaseModel):
    kind: Literal["button_reply", "list_reply", "button"]
    id: str = Field(min_length=1, max_length=256)
    title: str = Field(min_length=1, max_length=80)
    description: str | None = Field(default=None, max_length=72)
    context_id: str = Field(min_length=1, max_length=256)


class SendBody(BaseModel):
    phone: str = Field(pattern=r"^[0-9]{6,15}$")
    name: str = Field(min_length=1, max_length=64)
    text: str | None = Field(default=None, min_length=1, max_length=4096)
    reply: ReplyBody | None = None

    @model_validator(mode="after")
    def _one_of(self) -> SendBody:
        if (self.text is None) == (self.reply is None):
            raise ValueError("send either text or reply")
        if self.text is not None and not self.text.strip():
            raise ValueError("text is blank")
        return self


class ReadBody(BaseModel):
    phone: str = Field(pattern=r"^[0-9]{6,15}$")
    ids: list[str] = Field(max_length=200)


@router.post("/simulator/api/send")
async def simulator_send(body: SendBody, hub: HubDep) -> dict[str, Any]:
    """The simulated patient writes or taps: a signed webhook goes to Recepta's real webhook route."""
    reply: dict[str, str] | None = None
    if body.reply is not None:
        reply = {"id": body.reply.id, "title": body.reply.title}
        if body.reply.kind == "list_reply" and body.reply.description:
            reply["description"] = body.reply.description
    message = await hub.patient_sends(
        phone=body.phone,
        name=body.name,
        text=body.text,
        reply=reply,
        reply_kind=body.reply.kind if body.reply else None,
        context_id=body.reply.context_id if body.reply else None,
    )
    return {"id": message.id, "status": message.status}


@router.post("/simulator/api/read")
async def simulator_read(body: ReadBody, hub: HubDep) -> dict[str, int]:
    return {"read": await hub.patient_reads(body.phone, body.ids)}


class DeliverabilityBody(BaseModel):
    undeliverable: bool


@router.put("/simulator/api/patients/{phone}/deliverability")
async def simulator_deliverability(phone: str, body: DeliverabilityBody, hub: HubDep) -> dict[str, bool]:
    """Make a simulated number unreachable, to watch how Recepta handles failed deliveries."""
    if not phone.isdigit():
        raise HTTPException(422, "phone must be digits")
    if body.undeliverable:
        hub.undeliverable.add(phone)
    else:
        hub.undeliverable.discard(phone)
    return {"undeliverable": phone in hub.undeliverable}


@router.get("/simulator/api/chats/{phone}")
async def simulator_chat(phone: str, hub: HubDep) -> dict[str, Any]:
    return {
        "phone": phone,
        "undeliverable": phone in hub.undeliverable,
        "messages": [m.as_json() for m in hub.history(phone)],
    }


@router.get("/simulator/api/events", response_class=EventSourceResponse)
async def simulator_events(hub: HubDep) -> AsyncIterator[ServerSentEvent]:
    """Live bubbles, ticks and typing for open pages (FastAPI inserts keep-alive comments)."""
    queue = hub.subscribe()
    try:
        yield ServerSentEvent(event="ready", data={"phones": hub.phones()})
        while True:
            event = await queue.get()
            yield ServerSentEvent(event=event["event"], data=event["data"])
    finally:
        hub.unsubscribe(queue)
