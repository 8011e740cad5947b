"""X-Hub-Signature-256: HMAC-SHA256 of the raw webhook body with the app secret, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Hub-Signature-256"
_PREFIX = "sha256="


def sign(body: bytes, app_secret: str) -> str:
    """The header value Meta sends for ``body``: ``sha256=<lowercase hex>``."""
    return _PREFIX + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, header_value: str | None, app_secret: str) -> bool:
    """True only when ``header_value`` is the signature of exactly these bytes."""
    if not header_value or not header_value.startswith(_PREFIX) or not app_secret:
        return False
    # compare_digest on bytes: a str with non-ASCII characters would raise instead of returning False.
    return hmac.compare_digest(sign(body, app_secret).encode(), header_value.strip().encode("utf-8", "replace"))
