"""Postal codes: Spanish five-digit codes (01000-52999, the first two digits are the province) and US ZIP
codes, after "CP", "código postal", "zip" or "postcode"; UK postcodes by their documented shape.

Correos: https://www.correos.es/es/es/herramientas/codigos-postales ; UK: BS 7666 postcode format.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer


class PostalCodeRecognizer(RegexRecognizer):
    ENTITY = entities.POSTAL_CODE
    PATTERNS = [
        Pattern(
            "es_cp_after_context",
            r"(?<=\b(?:c\.?\s?p\.?|c[oó]digo\s+postal|postal\s+code|zip(?:\s+code)?|postcode)\s*[:.]?\s*)(?:0[1-9]|[1-4]\d|5[0-2])\d{3}\b",
            0.8,
        ),
        Pattern("es_cp_bare", r"(?<![\w.,/-])(?:0[1-9]|[1-4]\d|5[0-2])\d{3}(?![\w.,/-])", 0.05),
        Pattern("uk_postcode", r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b", 0.4),
    ]
    CONTEXT = ["cp", "postal", "zip", "postcode", "codigo"]
