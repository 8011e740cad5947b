"""URLs that carry an identifier: query parameters such as ``id``, ``token``, ``patient`` or ``dni``.

Such links (portal deep links, results links, password resets) can grant access or point to one person's
record, so they are treated as PHI; a plain https://clinic.example/horarios is not.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer

_ID_PARAMS = (
    r"(?:[\w-]*id|token|access_token|auth|key|apikey|api_key|session|sid|code|otp|patient|paciente|nhc|dni|nie|"
    r"email|mail|phone|telefono|user|usuario|record|historia|result|resultado|ticket|hash|sig|signature|reset)"
)


class UrlWithIdRecognizer(RegexRecognizer):
    ENTITY = entities.URL_WITH_ID
    NEEDS_DIGIT = False
    PATTERNS = [
        Pattern(
            "url_with_id_param",
            rf"\b(?:https?://|www\.)[^\s<>\"']+?[?&#;]{_ID_PARAMS}=[^\s<>\"']*[^\s<>\"'.,;:!?)]",
            0.8,
        ),
        Pattern(
            "url_with_long_token",
            r"\b(?:https?://|www\.)[^\s<>\"'?]+/(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}(?:[/?][^\s<>\"']*)?",
            0.6,
        ),
    ]
    CONTEXT = ["enlace", "link", "url", "portal"]
