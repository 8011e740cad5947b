"""US Social Security number: AAA-GG-SSSS.

No checksum exists; the SSA never issues area 000, 666 or 900-999, group 00 or serial 0000
(https://www.ssa.gov/employer/randomization.html). Undashed nine digits need context.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer, digits


class UsSsnRecognizer(RegexRecognizer):
    ENTITY = entities.US_SSN
    PATTERNS = [
        Pattern("ssn_dashed", r"(?<![\w-])\d{3}[-\s.]\d{2}[-\s.]\d{4}(?![\w-])", 0.6),
        Pattern("ssn_plain", r"(?<![\w-])\d{9}(?![\w-])", 0.1),
    ]
    CONTEXT = ["ssn", "social", "security", "seguro"]

    def invalidate_result(self, pattern_text: str) -> bool:
        number = digits(pattern_text)
        area, group, serial = number[:3], number[3:5], number[5:]
        return area in {"000", "666"} or area[0] == "9" or group == "00" or serial == "0000"
