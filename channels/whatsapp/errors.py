"""Graph API errors, mapped from Meta's numeric codes to classes that say whether a retry can help.

Hierarchy::

    WhatsAppError (ReceptaError)
    ├── WebhookError                      a webhook body we refuse (bad JSON, missing fields)
    └── GraphError                        the Graph API refused or failed a call
        ├── TransientGraphError           retry with backoff (throttling, 5xx, timeouts)
        │   ├── ThrottledError            4, 80007, 130429, 131056 and HTTP 429
        │   └── GraphUnavailableError     HTTP 5xx, timeouts, connection errors, 131048, 133016
        └── PermanentGraphError           retrying cannot help
            ├── TokenExpiredError         190: the access token expired or was revoked (alert)
            ├── ReengagementRequiredError 131047: outside the 24-hour window, send a template
            ├── UndeliverableError        131026
            ├── UnsupportedTypeError      131051
            └── InvalidParameterError     100, 131009

Messages carry the code and HTTP status only: Graph's own error text can quote recipients or bodies.
"""

from __future__ import annotations

from typing import Any

from service.errors import ReceptaError


class WhatsAppError(ReceptaError):
    """Base of the WhatsApp channel's errors."""


class WebhookError(WhatsAppError):
    """A webhook body that cannot be accepted; the message names fields, never values."""


class GraphError(WhatsAppError):
    is_transient = False

    def __init__(
        self,
        code: int | None,
        *,
        http_status: int | None = None,
        title: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"Graph API error {code} (HTTP {http_status})")
        self.code = code
        self.http_status = http_status
        # Meta's short, generic title (e.g. "Message undeliverable"): stored on the row, never logged.
        self.title = title
        self.retry_after = retry_after


class TransientGraphError(GraphError):
    is_transient = True


class ThrottledError(TransientGraphError):
    pass


class GraphUnavailableError(TransientGraphError):
    pass


class PermanentGraphError(GraphError):
    pass


class TokenExpiredError(PermanentGraphError):
    pass


class ReengagementRequiredError(PermanentGraphError):
    pass


class UndeliverableError(PermanentGraphError):
    pass


class UnsupportedTypeError(PermanentGraphError):
    pass


class InvalidParameterError(PermanentGraphError):
    pass


REENGAGEMENT_CODE = 131047

ERRORS_BY_CODE: dict[int, type[GraphError]] = {
    4: ThrottledError,
    80007: ThrottledError,
    130429: ThrottledError,
    131056: ThrottledError,
    131048: GraphUnavailableError,  # spam rate limit: back off
    133016: GraphUnavailableError,  # registration/deregistration rate limit
    190: TokenExpiredError,
    REENGAGEMENT_CODE: ReengagementRequiredError,
    131026: UndeliverableError,
    131051: UnsupportedTypeError,
    131009: InvalidParameterError,
    100: InvalidParameterError,
}


def error_from_response(http_status: int, body: Any, *, retry_after: float | None = None) -> GraphError:
    """The exception for a non-2xx Graph response: numeric code first, then HTTP status."""
    error = body.get("error") if isinstance(body, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    code = code if isinstance(code, int) else None
    title = None
    if isinstance(error, dict):
        raw_title = error.get("error_user_title") or error.get("type")
        title = str(raw_title)[:256] if raw_title else None
    if code is not None and code in ERRORS_BY_CODE:
        cls = ERRORS_BY_CODE[code]
    elif http_status == 429:
        cls = ThrottledError
    elif http_status >= 500:
        cls = GraphUnavailableError
    elif http_status == 401:
        cls = TokenExpiredError
    else:
        cls = PermanentGraphError
    return cls(code, http_status=http_status, title=title, retry_after=retry_after)
