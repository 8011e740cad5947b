"""Graph-API-shaped error bodies, as the Cloud API answers them (``{"error": {...}}``)."""

from __future__ import annotations

import secrets
from typing import Any


def graph_error(
    code: int,
    message: str,
    *,
    error_subcode: int | None = None,
    details: str | None = None,
    error_type: str = "OAuthException",
) -> dict[str, Any]:
    error: dict[str, Any] = {
        "message": message,
        "type": error_type,
        "code": code,
        "fbtrace_id": "SIM" + secrets.token_urlsafe(12),
    }
    if error_subcode is not None:
        error["error_subcode"] = error_subcode
    if details is not None:
        error["error_data"] = {"messaging_product": "whatsapp", "details": details}
    return {"error": error}


def invalid_token() -> dict[str, Any]:
    return graph_error(190, "Invalid OAuth access token - Cannot parse access token")


def invalid_parameter(details: str) -> dict[str, Any]:
    return graph_error(100, "(#100) Invalid parameter", details=details)


def unknown_object(object_id: str) -> dict[str, Any]:
    # Only a numeric id is echoed back: anything else in the path could be arbitrary text.
    shown = object_id[:32] if object_id.isdigit() else "?"
    return graph_error(
        100,
        f"Unsupported post request. Object with ID '{shown}' does not exist, cannot be loaded due "
        "to missing permissions, or does not support this operation.",
        error_subcode=33,
        error_type="GraphMethodException",
    )
