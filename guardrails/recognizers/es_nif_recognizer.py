"""Spanish DNI/NIF: eight digits and a control letter.

The letter is ``"TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]`` (Real Decreto 1553/2005, art. 11; see
https://www.interior.gob.es/opencms/es/servicios-al-ciudadano/tramites-y-gestiones/dni/calculo-del-digito-de-control-del-nif-nie/).
Chat users write it lowercase, with dots or a dash: ``12.345.678-z``.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer, digits

CONTROL_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def nif_letter(number: int) -> str:
    return CONTROL_LETTERS[number % 23]


class EsNifRecognizer(RegexRecognizer):
    ENTITY = entities.ES_NIF
    PATTERNS = [
        Pattern("nif", r"(?<![\w.-])\d{8}[\s-]?[A-Z](?!\w)", 0.5),
        Pattern("nif_dotted", r"(?<![\w.-])\d{1,2}\.\d{3}\.\d{3}[\s-]?[A-Z](?!\w)", 0.5),
    ]
    CONTEXT = ["dni", "nif", "documento", "identidad", "identificacion", "id"]

    def validate_result(self, pattern_text: str) -> bool:
        number = digits(pattern_text)
        return len(number) == 8 and pattern_text.strip()[-1].upper() == nif_letter(int(number))
