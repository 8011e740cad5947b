"""Street addresses: a street type ("calle", "c/", "avda.", "plaza", "street") with a name and a number.

Follows the Spanish street-type abbreviations of the INE street directory
(https://www.ine.es/ss/Satellite?c=Page&cid=1259952026632) and light US/UK forms ("221B Baker Street").
The learned model finds the addresses these patterns miss.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer

_STREET_TYPE = (
    r"(?:(?:calle|avenida|plaza|paseo|ronda|camino|carretera|traves[ií]a|glorieta|pasaje|urbanizaci[oó]n|bulevar|"
    r"rambla|carrer|r[uú]a)\s|(?:c/|c\.|cl\.|avda\.?|avd\.|av\.|pza\.|pl\.|p[º°]\.?|ctra\.|urb\.)\s*)"
)
_NAME = r"(?:\s*(?:de\s+la\s+|de\s+los\s+|de\s+las\s+|del\s+|de\s+)?[^\W\d_][\w'ªº.-]*){1,5}"
_NUMBER = r",?\s*(?:n[º°o]\.?\s*|num\.?\s*|número\s*)?\d{1,4}(?!\d)(?:[A-Z](?!\w))?(?:[-/]\d{1,4})?"
_FLOOR = (
    r"(?:,?\s*(?:\d{1,2}\s?[º°ª]\s?(?:izquierda|derecha|izq(?:da)?\.?|dcha\.?|[A-Z](?!\w))?|"
    r"bajo|[áa]tico|piso\s+\d+|puerta\s+\d+))*"
)
_EN_TYPE = (
    r"(?:street|st\.?|avenue|ave\.?|road|rd\.?|lane|ln\.?|drive|dr\.?|boulevard|blvd\.?|court|ct\.?|"
    r"place|way|terrace|close|crescent)"
)
_LIVE_AT = r"(?:vivo\s+en|mi\s+direcci[oó]n\s+es|i\s+live\s+(?:at|on)|my\s+address\s+is)"
_WORDS = r"(?:(?:la|el)\s+)?[^\W\d_][\w.'ºª-]*(?:\s+[^\W\d_][\w.'ºª-]*){0,5}"


class AddressRecognizer(RegexRecognizer):
    ENTITY = entities.ADDRESS
    PATTERNS = [
        Pattern("es_street_number", rf"(?<!\w){_STREET_TYPE}{_NAME}{_NUMBER}{_FLOOR}", 0.7),
        Pattern("en_number_street", rf"\b\d{{1,5}}[A-Z]?(?:\s+[A-Z][a-z]+){{1,3}}\s+{_EN_TYPE}(?!\w)", 0.6),
        Pattern(
            "vivo_en",
            rf"(?:\b{_LIVE_AT}\s+)\K{_WORDS},?\s*\d{{1,4}}\b",
            0.7,
        ),
    ]
    CONTEXT = ["direccion", "domicilio", "vivo", "calle", "address", "street"]
