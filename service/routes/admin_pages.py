"""Staff web pages: sign-in (sets the ``recepta_token`` cookie) and the documents admin page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from service.auth import COOKIE_NAME, presented_token, token_matches
from service.deps import ServicesDep

router = APIRouter(tags=["admin"], include_in_schema=False)
TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parents[1] / "templates")
DEFAULT_NEXT = "/admin/documents"
SESSION_SECONDS = 12 * 3600
# Staff pages load only their own scripts and styles; nothing may frame them (clickjacking on approve).
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect would let a phishing link land signed-in staff anywhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return DEFAULT_NEXT
    return target


@router.get("/admin", response_class=RedirectResponse)
def admin_home() -> RedirectResponse:
    return RedirectResponse(DEFAULT_NEXT, status_code=303)


@router.get("/admin/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(
        request, "admin/login.html", {"next": safe_next(next), "error": None, "signed_in": False}, headers=PAGE_HEADERS
    )


@router.post("/admin/login", response_model=None)
def login(
    request: Request, services: ServicesDep, token: Annotated[str, Form()], next: Annotated[str | None, Form()] = None
) -> Response:
    target = safe_next(next)
    if not token_matches(request, token):
        return TEMPLATES.TemplateResponse(
            request,
            "admin/login.html",
            {"next": target, "error": "That token is not valid.", "signed_in": False},
            status_code=401,
            headers=PAGE_HEADERS,
        )
    response = RedirectResponse(target, status_code=303)
    # SameSite=Strict keeps the cookie off cross-site requests: the admin API accepts it, so this is the CSRF guard.
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=services.settings.public_url.startswith("https://"),
        path="/",
    )
    return response


@router.post("/admin/logout", response_class=RedirectResponse)
def logout() -> RedirectResponse:
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


@router.get("/admin/documents", response_model=None)
def documents_page(request: Request) -> Response:
    if not token_matches(request, presented_token(request)):
        return RedirectResponse("/admin/login?next=/admin/documents", status_code=303)
    context = {"section": "documents", "signed_in": True}
    return TEMPLATES.TemplateResponse(request, "admin/documents.html", context, headers=PAGE_HEADERS)
