"""Spanish NIE (foreigner's number): X, Y or Z, seven digits and a control letter.

X/Y/Z stand for 0/1/2 in front of the digits, then the DNI rule applies (mod-23 letter); see
https://www.interior.gob.es/opencms/es/servicios-al-ciudadano/tramites-y-gestiones/dni/calculo-del-digito-de-control-del-nif-nie/
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer, digits
from guardrails.recognizers.es_nif_recognizer import nif_letter


class EsNieRecognizer(RegexRecognizer):
    ENTITY = entities.ES_NIE
    PATTERNS = [Pattern("nie", r"(?<![\w.-])[XYZ][\s.-]?\d{7}[\s.-]?[A-Z](?!\w)", 0.5)]
    CONTEXT = ["nie", "extranjero", "residencia", "tie", "documento", "identidad"]

    def validate_result(self, pattern_text: str) -> bool:
        text = pattern_text.strip().upper()
        number = "XYZ".index(text[0]) * 10_000_000 + int(digits(text))
        return text[-1] == nif_letter(number)
