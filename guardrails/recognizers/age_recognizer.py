"""Ages stated about a person: "tengo 45 años", "45 yo", "age 45", "paciente de 70 años", "edad: 70".

An age is a quasi-identifier (HIPAA Safe Harbor singles out ages over 89); a bare number of years is not
("hace 5 años"), so each pattern carries its own first-person or patient context.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer

_YEARS = r"\d{1,3}\s*(?:años|anos|a\.|meses|semanas|d[ií]as)(?:\s+y\s+\d{1,2}\s+meses)?"
_PERSON = (
    r"(?:paciente|ni[nñ][oa]|hij[oa]|var[oó]n|mujer|hombre|beb[eé]|se[nñ]ora?|madre|padre|abuel[oa]|"
    r"chic[oa]|nieto|nieta|marido|esposa?|lactante|adolescente|anciano|anciana)"
)


class AgeRecognizer(RegexRecognizer):
    ENTITY = entities.AGE
    PATTERNS = [
        Pattern("tengo_n_anos", rf"(?:\b(?:tengo|cumpl[ií]|cumplo|cumplir[eé])\s+)\K{_YEARS}", 0.8),
        Pattern(
            "person_de_n_anos",
            rf"(?:\b{_PERSON}(?:\s+[^\W\d_]+){{0,2}}?\s+(?:de|tiene|cumple|cumpli[oó])\s+)\K{_YEARS}",
            0.8,
        ),
        Pattern("edad_n", r"(?:\b(?:edad|age|aged)\s*[:=]?\s*)\K\d{1,3}(?:\s*(?:años|anos|years?))?\b", 0.8),
        Pattern("n_de_edad", r"\b\d{1,3}\s*(?:años|anos)(?=\s+de\s+edad\b)", 0.8),
        Pattern("n_years_old", r"\b\d{1,3}[\s-]*(?:years?[\s-]*old|yrs?[\s-]*old|y/?o|yo)\b", 0.8),
        Pattern(
            "i_am_n",
            r"(?:\b(?:i\s*am|i'm|im|he\s+is|she\s+is|he's|she's|(?:my|our)\s+(?:son|daughter|kid|child|baby|boy|girl)\s+is)\s+)\K"
            r"\d{1,3}(?=\s*(?:[,.!?]|$|and|y))",
            0.6,
        ),
    ]
    CONTEXT = ["edad", "age", "anos", "years"]
