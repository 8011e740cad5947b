"""Staff authentication: a bearer token (API) or the same token in a cookie (admin and inbox pages)."""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request, status

COOKIE_NAME = "recepta_token"


def token_matches(request: Request, presented: str | None) -> bool:
    expected = request.app.state.services.settings.admin_token.get_secret_value()
    return presented is not None and hmac.compare_digest(presented.encode(), expected.encode())


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.cookies.get(COOKIE_NAME)


def require_staff(request: Request) -> str:
    """Return the staff identity (``staff`` for the shared admin token) or answer 401."""
    if token_matches(request, presented_token(request)):
        return request.headers.get("x-recepta-user", "staff")[:64]
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, "staff token required", headers={"WWW-Authenticate": "Bearer"})
