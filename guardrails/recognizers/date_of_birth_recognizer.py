"""Dates of birth: a date after "nací", "fecha de nacimiento", "DOB", "born" and similar.

A date alone is not PHI in a chat ("¿hay cita el 12/03?"); after a birth context word it identifies the
patient (HIPAA Safe Harbor lists birth dates, 45 CFR 164.514(b)(2)(i)(C)).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer

_MONTHS = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"ene|feb|mar|abr|jun|jul|ago|sep|sept|oct|nov|dic|jan|apr|aug|dec)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}|"
    rf"\d{{1,2}}(?:º|st|nd|rd|th)?\s+(?:de\s+|of\s+)?{_MONTHS}(?:,?\s+(?:de\s+|del\s+)?\d{{4}})?|"
    rf"{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
    rf"(?:en\s+|in\s+)?(?:19|20)\d{{2}})"
)
_TRIGGER = (
    r"(?:nac[ií]\b|nacid[oa]\b|naci[oó]\b|fecha\s+de\s+nacimiento|f\.?\s?nac\.?|f\.\s?de\s?n\.?|nacimiento|"
    r"cumplea[nñ]os|dob|d\.o\.b\.?|date\s+of\s+birth|birth\s?date|birthday|born)"
)
_LINK = r"(?:\s*(?:el|on|en|in|:|es|is|=|-|el\s+d[ií]a|yo))*\s*"


class DateOfBirthRecognizer(RegexRecognizer):
    ENTITY = entities.DATE_OF_BIRTH
    PATTERNS = [Pattern("date_after_birth_word", rf"(?:\b{_TRIGGER}{_LINK})\K{_DATE}(?!\w)", 0.85)]
    CONTEXT = ["naci", "nacimiento", "dob", "born", "birth"]
