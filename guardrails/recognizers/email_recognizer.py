"""E-mail addresses (RFC 5322 local part simplified, a dotted domain with an alphabetic top-level label).

Presidio's own e-mail recognizer validates the domain with tldextract, which fetches the public-suffix
list at run time; this one needs no network: https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer


class EmailRecognizer(RegexRecognizer):
    ENTITY = entities.EMAIL_ADDRESS
    NEEDS_DIGIT = False
    PATTERNS = [
        Pattern(
            "email",
            r"(?<![\w.+-])[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*@(?:[\w-]+\.)+[^\W\d_]{2,24}(?![\w-])",
            0.9,
        ),
    ]
    CONTEXT = ["email", "correo", "mail"]
