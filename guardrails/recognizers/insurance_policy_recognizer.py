"""Insurance policy and member numbers ("póliza", "nº de asegurado", "policy number", "member ID").

Insurers number policies freely, so only a code with at least four digits after a context word counts.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer

_TRIGGER = (
    r"(?:p[oó]liza|n[uú]mero\s+de\s+asegurado|n[º°o.]+\s+(?:de\s+)?asegurado|asegurado|socio|"
    r"tarjeta\s+(?:de\s+)?(?:sanitas|adeslas|asisa|dkv|mapfre|muface|seguro)|"
    r"policy(?:\s+number)?|member\s+(?:id|number)|insurance\s+(?:id|number)|subscriber\s+id|group\s+number)"
)
_LINK = r"(?:\s*(?:n[º°o.]+|n[uú]mero|number|no\.?|#|:|es|is|=|de\s+(?:sanitas|adeslas|asisa|dkv|mapfre)|id)){0,3}\s*"


class InsurancePolicyRecognizer(RegexRecognizer):
    ENTITY = entities.INSURANCE_POLICY
    PATTERNS = [
        Pattern(
            "policy_after_context",
            rf"(?:\b{_TRIGGER}{_LINK})\K(?=[A-Z0-9/.-]*\d[A-Z0-9/.-]*\d[A-Z0-9/.-]*\d[A-Z0-9/.-]*\d)[A-Z0-9][A-Z0-9/.-]{{3,24}}[A-Z0-9](?![\w-])",
            0.7,
        ),
    ]
    CONTEXT = ["poliza", "asegurado", "policy", "member", "insurance", "seguro"]
