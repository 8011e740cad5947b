"""Spanish phone numbers written as people write them: ``612 34 56 78``, ``+34 612.345.678``, ``0034 912345678``.

Spanish numbers have nine digits; mobiles start with 6 or 7, landlines with 8 or 9 (Plan Nacional de
Numeración, https://avancedigital.mineco.gob.es/es-es/Servicios/Numeracion/Paginas/Plan.aspx). No checksum.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer

_SEP = r"[\s.\-]?"


class EsPhoneRecognizer(RegexRecognizer):
    ENTITY = entities.PHONE_NUMBER
    PATTERNS = [
        Pattern(
            "es_phone",
            rf"(?<![\w+.\-/])(?:(?:\+|00)\s?34{_SEP})?[6789]\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?![\w.\-/]\d|\w)",
            0.6,
        ),
        Pattern(
            "es_phone_2_3_2_2",
            rf"(?<![\w+.\-/])(?:(?:\+|00)\s?34{_SEP})?[89]\d{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?![\w.\-/]\d|\w)",
            0.6,
        ),
        Pattern(
            "es_phone_3_3_3",
            rf"(?<![\w+.\-/])(?:(?:\+|00)\s?34{_SEP})?[6789]\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{3}}(?![\w.\-/]\d|\w)",
            0.6,
        ),
    ]
    CONTEXT = ["telefono", "movil", "tlf", "tel", "llamar", "llamadme", "whatsapp", "numero", "phone", "call"]
