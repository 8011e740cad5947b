"""Medical record numbers: NHC ("número de historia clínica"), MRN, patient id — digits after context words.

Each hospital numbers its own records, so there is no format or checksum to check; the number counts
only after a context word.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer

_TRIGGER = (
    r"(?:historia\s+cl[ií]nica|historial(?:\s+m[eé]dico)?|n[uú]mero\s+de\s+historia|n[º°o]\s+de\s+historia|n\.?\s?h\.?\s?c\.?|mrn|medical\s+record(?:\s+number)?|"
    r"expediente|patient\s+(?:id|number)|id\s+(?:de\s+|del\s+)?paciente|n[uú]mero\s+de\s+paciente|"
    r"c[oó]digo\s+de\s+paciente|record\s+number|chart\s+number)"
)
_LINK = r"(?:\s*(?:n[º°o.]+|n[uú]mero|number|no\.?|#|:|es|is|=|la|el|mi)){0,3}\s*"


class MedicalRecordRecognizer(RegexRecognizer):
    ENTITY = entities.MEDICAL_RECORD
    PATTERNS = [
        Pattern(
            "record_after_context",
            rf"(?:\b{_TRIGGER}{_LINK})\K"
            r"(?:[A-Z]{1,3}[-/]?)?\d[\d.\-/]{2,14}\d(?![\w-])",
            0.75,
        ),
    ]
    CONTEXT = ["historia", "nhc", "mrn", "record", "expediente", "paciente"]
