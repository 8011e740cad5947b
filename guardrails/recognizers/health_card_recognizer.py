"""Spanish health card codes (CIP / CIP-SNS / TSI) and European Health Insurance Card (EHIC) numbers.

Autonomic CIP formats vary (Madrid and others: four letters of the surnames and birth data, e.g.
``GRMR550312002``; Andalusia ``AN0123456789``; CIP-SNS ``BBBBBBBBBB123456``, 16 characters; see
https://www.sanidad.gob.es/profesionales/hcdsns/TarjetaSanitaria/home.htm). There is no public checksum,
so codes count only after context words ("tarjeta sanitaria", "CIP", "TSI"). The EHIC card number is
20 digits starting with the ISO numeric country code (Spain ``80724…``).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer

_TRIGGER = (
    r"(?:tarjeta\s+(?:sanitaria|sanitària|individual|europea|de\s+la\s+seguridad\s+social)|"
    r"c[oó]digo\s+(?:de\s+)?(?:la\s+)?tarjeta|cip(?:-sns|\s+auton[oó]mico)?|tsi|ehic|"
    r"health\s+(?:insurance\s+)?card|tarjeta\s+de\s+salud)"
)
_LINK = r"(?:\s*(?:n[º°o.]+|n[uú]mero|number|no\.?|code|c[oó]digo|#|:|es|is|=)){0,3}\s*"


class HealthCardRecognizer(RegexRecognizer):
    ENTITY = entities.HEALTH_CARD
    PATTERNS = [
        Pattern(
            "cip_after_context",
            rf"(?:\b{_TRIGGER}{_LINK})\K"
            r"(?!(?:es|is|el|la|de|n[º°o]|numero|number|code|codigo)\b)"
            r"(?=[A-Z0-9 -]*\d{4})[A-Z0-9]{2,}(?:[ -]?[A-Z0-9]+){0,4}",
            0.7,
        ),
        Pattern("cip_sns", r"\b[A-Z]{4}\d{12}\b", 0.3),
        Pattern("ehic", r"(?<!\d)80\d{3}[ ]?\d{5}[ ]?\d{5}[ ]?\d{5}(?!\d)", 0.5),
    ]
    CONTEXT = ["tarjeta", "sanitaria", "cip", "tsi", "ehic", "card"]
