"""Postal codes: Spanish five-digit codes (01000-52999, the first two digits are the province) and US ZIP
codes, after "CP", "código postal", "zip" or "postcode"; UK postcodes by their documented shape.

Correos: https://www.correos.es/es/es/herramientas/codigos-postales ; UK: BS 7666 postcode format.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer

_CP = r"(?:0[1-9]|[1-4]\d|5[0-2])\d{3}"
# Province capitals and large cities: a five-digit code right before one is a postal code.
_CITIES = (
    r"(?:madrid|barcelona|valencia|sevilla|zaragoza|m[aá]laga|murcia|palma|bilbao|alicante|c[oó]rdoba|valladolid|"
    r"vigo|gij[oó]n|granada|a\s+coru[nñ]a|vitoria|elche|oviedo|badajoz|salamanca|cartagena|pamplona|"
    r"santander|burgos|le[oó]n|c[aá]diz|huelva|ja[eé]n|almer[ií]a|toledo|albacete|castell[oó]n|logro[nñ]o|"
    r"tarragona|lleida|girona|huesca|teruel|soria|segovia|[aá]vila|cuenca|guadalajara|c[aá]ceres|zamora|palencia|"
    r"lugo|ourense|pontevedra|san\s+sebasti[aá]n|donostia|getafe|m[oó]stoles|alcal[aá]|legan[eé]s|fuenlabrada|"
    r"alcorc[oó]n|las\s+palmas|santa\s+cruz|ceuta|melilla)"
)


class PostalCodeRecognizer(RegexRecognizer):
    ENTITY = entities.POSTAL_CODE
    PATTERNS = [
        Pattern(
            "es_cp_after_context",
            r"(?:\b(?:c\.?\s?p\.?|c[oó]digo\s+postal|postal\s+code|zip(?:\s+code)?|postcode)\s*[:.]?\s*)\K(?:0[1-9]|[1-4]\d|5[0-2])\d{3}\b",
            0.8,
        ),
        Pattern("es_cp_before_city", rf"(?<![\w.,/-]){_CP}(?=\)?,?\s+{_CITIES}\b)", 0.7),
        # After the floor of a street address: "4ºA, 28012", "3ºD (28045)".
        Pattern("es_cp_after_floor", rf"(?:\d\s?[º°ª]\s?[A-Z]?\s*,?\s*\(?)\K{_CP}(?![\w/-])", 0.7),
        Pattern("es_cp_bare", r"(?<![\w.,/-])(?:0[1-9]|[1-4]\d|5[0-2])\d{3}(?![\w.,/-])", 0.05),
        Pattern("uk_postcode", r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b", 0.4),
    ]
    CONTEXT = ["cp", "postal", "zip", "postcode", "codigo"]
