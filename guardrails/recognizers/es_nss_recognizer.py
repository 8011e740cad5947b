"""Spanish social security number (NSS / NAF): 2-digit province, 8-digit number, 2 control digits.

Control = ``d % 97`` where ``d`` is province and number concatenated; when the number is below 10,000,000
it is ``number + province * 10,000,000`` (Tesorería General de la Seguridad Social; explained at
https://es.wikipedia.org/wiki/N%C3%BAmero_de_la_Seguridad_Social_(Espa%C3%B1a)).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer, digits


def nss_control(province: int, number: int) -> int:
    value = number + province * 10_000_000 if number < 10_000_000 else int(f"{province}{number:08d}")
    return value % 97


class EsNssRecognizer(RegexRecognizer):
    ENTITY = entities.ES_NSS
    PATTERNS = [
        Pattern("nss", r"(?<![\w/.-])\d{2}[\s/.-]?\d{8}[\s/.-]?\d{2}(?![\w/-])", 0.5),
    ]
    CONTEXT = ["seguridad", "social", "nss", "naf", "afiliacion", "ss", "nass"]

    def validate_result(self, pattern_text: str) -> bool:
        number = digits(pattern_text)
        if len(number) != 12:
            return False
        return nss_control(int(number[:2]), int(number[2:10])) == int(number[10:])
