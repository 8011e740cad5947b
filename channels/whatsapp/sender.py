"""Send messages and read receipts through the Graph API (`POST /{api_version}/{phone_number_id}/messages`)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import httpx

from channels.messages import OutboundMessage
from channels.whatsapp.errors import GraphError, GraphUnavailableError, error_from_response
from channels.whatsapp.graph_payloads import message_body, read_body
from channels.whatsapp.ratelimit import TokenBucket
from channels.whatsapp.settings import WhatsAppSettings

if TYPE_CHECKING:
    from service.settings import Settings

log = logging.getLogger("recepta.channels.whatsapp")

CONNECT_TIMEOUT_SECONDS = 5.0


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


class GraphSender:
    """The Sender port over httpx. Thread-safe: one client and one rate limiter per phone number."""

    def __init__(
        self, settings: WhatsAppSettings, *, base_url: str, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.phone_number_id = settings.phone_number_id
        self._path = f"/{settings.api_version}/{settings.phone_number_id}/messages"
        timeout = httpx.Timeout(settings.send_timeout_seconds, connect=CONNECT_TIMEOUT_SECONDS)
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            headers={"Authorization": f"Bearer {settings.access_token.get_secret_value()}"},
            transport=transport,
        )
        self._bucket = TokenBucket(settings.rate_limit_per_second)

    def _post(self, body: dict[str, Any], *, what: str) -> dict[str, Any]:
        self._bucket.acquire()
        try:
            response = self._client.post(self._path, json=body)
        except httpx.TimeoutException:
            log.warning("graph call timed out", extra={"call": what})
            raise GraphUnavailableError(None, http_status=None, title="timeout") from None
        except httpx.TransportError as exc:
            log.warning("graph call failed", extra={"call": what, "error": type(exc).__name__})
            raise GraphUnavailableError(None, http_status=None, title="connection error") from None
        try:
            data: Any = response.json()
        except ValueError:
            data = None
        if response.status_code >= 400:
            error: GraphError = error_from_response(response.status_code, data, retry_after=_retry_after(response))
            log.warning(
                "graph call refused",
                extra={
                    "call": what,
                    "http_status": response.status_code,
                    "code": error.code,
                    "error": type(error).__name__,
                },
            )
            raise error
        if not isinstance(data, dict):
            raise GraphUnavailableError(None, http_status=response.status_code, title="non-JSON response")
        return data

    def send(self, to: str, message: OutboundMessage) -> str:
        data = self._post(message_body(to, message), what="send")
        try:
            wamid = data["messages"][0]["id"]
        except (KeyError, IndexError, TypeError):
            raise GraphUnavailableError(None, http_status=200, title="response without message id") from None
        return str(wamid)

    def mark_read(self, wamid: str, *, typing: bool = True) -> None:
        self._post(read_body(wamid, typing=typing), what="mark_read")

    def close(self) -> None:
        self._client.close()


def build_sender(settings: Settings) -> GraphSender:
    """The Sender for ``service.settings.Settings`` (its graph_base_url resolves the simulator default)."""
    return GraphSender(settings.whatsapp, base_url=settings.graph_base_url)
