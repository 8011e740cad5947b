"""One simulator hub per app, posting its signed webhooks to the app's own webhook route in-process."""

from __future__ import annotations

import httpx
from starlette.types import ASGIApp

from channels.simulator.hub import SimulatorHub
from channels.simulator.webhook_payloads import BusinessNumber
from service.settings import Settings

# How long an in-process webhook may take before the simulated phone shows a failure.
WEBHOOK_TIMEOUT_SECONDS = 30.0


def build_hub(app: ASGIApp, settings: Settings) -> SimulatorHub:
    """A hub whose webhooks go through ``app``'s real route (signature check included), not around it."""

    async def post(body: bytes, headers: dict[str, str]) -> int:
        # ASGI transport: the request runs through the whole app in this process, without a socket, so
        # it works whatever public_url says and whichever port the server bound.
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://simulator.internal", timeout=WEBHOOK_TIMEOUT_SECONDS
        ) as client:
            response = await client.post(hub.webhook_path, content=body, headers=headers)
            return response.status_code

    number = BusinessNumber(
        phone_number_id=settings.whatsapp.phone_number_id, display_phone_number=settings.whatsapp.display_phone_number
    )
    hub = SimulatorHub(number=number, app_secret=settings.whatsapp.app_secret.get_secret_value(), poster=post)
    return hub
