"""WhatsApp Cloud API webhook: GET verification, POST signed deliveries (persist first, then 200).

Status codes, chosen for Meta's at-least-once delivery (non-200 is retried for up to 7 days):
413 body over ``max_body_bytes``; 401 missing/bad signature (nothing is read further or stored);
400 malformed JSON or missing fields (the detail names fields, never values);
200 for a signed body whose ``object`` is not a WhatsApp Business Account (logged and ignored: retrying it
cannot help), for duplicates, and for everything stored.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse

from channels.whatsapp.errors import WebhookError
from channels.whatsapp.group_commit import committer_for
from channels.whatsapp.payloads import WHATSAPP_OBJECT, parse_body
from channels.whatsapp.signature import SIGNATURE_HEADER, verify_signature
from service.composition import Services
from service.deps import ServicesDep

log = logging.getLogger("recepta.webhooks")

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.get("/whatsapp", response_class=PlainTextResponse)
def verify_subscription(
    services: ServicesDep,
    mode: Annotated[str | None, Query(alias="hub.mode")] = None,
    token: Annotated[str | None, Query(alias="hub.verify_token")] = None,
    challenge: Annotated[str | None, Query(alias="hub.challenge")] = None,
) -> PlainTextResponse:
    expected = services.settings.whatsapp.verify_token.get_secret_value()
    if (
        mode == "subscribe"
        and token is not None
        and challenge is not None
        and hmac.compare_digest(token.encode(), expected.encode())
    ):
        return PlainTextResponse(challenge)
    log.warning("webhook verification refused")
    raise HTTPException(status_code=403, detail="verification failed")


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            too_big = int(declared) > limit
        except ValueError:
            raise HTTPException(status_code=400, detail="invalid Content-Length") from None
        if too_big:
            raise HTTPException(status_code=413, detail="body too large")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:  # a chunked body that lied about (or omitted) its length
            raise HTTPException(status_code=413, detail="body too large")
        chunks.append(chunk)
    return b"".join(chunks)


@router.post("/whatsapp")
async def receive(request: Request) -> JSONResponse:
    # Read directly rather than through ServicesDep: a sync dependency costs a threadpool hop per delivery.
    services: Services = request.app.state.services
    settings = services.settings.whatsapp
    body = await _read_body(request, settings.max_body_bytes)
    if not verify_signature(body, request.headers.get(SIGNATURE_HEADER), settings.app_secret.get_secret_value()):
        log.warning("webhook signature refused", extra={"bytes": len(body)})
        raise HTTPException(status_code=401, detail="invalid signature")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(status_code=400, detail="malformed JSON") from None
    try:
        parsed = parse_body(data)
        if parsed.object != WHATSAPP_OBJECT:
            log.info("webhook for another object ignored", extra={"object_len": len(parsed.object)})
            return JSONResponse({"status": "ignored"})
        # Persisted before we answer: the writer thread commits this delivery (grouped with concurrent ones).
        result = await asyncio.wrap_future(committer_for(services).submit(parsed))
    except WebhookError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    log.info(
        "webhook stored",
        extra={
            "messages": result.messages,
            "duplicates": result.duplicates,
            "statuses": result.statuses,
            "deferred_statuses": result.deferred_statuses,
        },
    )
    return JSONResponse({"status": "ok", "messages": result.messages, "duplicates": result.duplicates})
