"""Health information tied to a person: a first-person (or "my son…") statement about a condition,
a medication or a procedure ("tengo diabetes", "estoy tomando sintrom", "me operaron de la rodilla",
"my results show…").

A bare term is not PHI ("¿tenéis consulta de diabetes?"); with a speaker it is health information about an
identifiable person (HIPAA "individually identifiable health information", 45 CFR 160.103).
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers import health_lexicon
from guardrails.recognizers.base import RegexRecognizer

_ACCENTS = {"a": "[aáà]", "e": "[eéè]", "i": "[iíï]", "o": "[oóò]", "u": "[uúü]", "n": "[nñ]"}


def accent_insensitive(term: str) -> str:
    """A regex for a folded term that also matches its accented spellings."""
    return "".join(_ACCENTS.get(ch, regex.escape(ch)) for ch in term).replace(r"\ ", r"\s+")


def _alternation(terms: list[str]) -> str:
    unique = sorted(set(terms), key=len, reverse=True)
    return "(?:" + "|".join(accent_insensitive(t) for t in unique) + ")"


_TERMS = _alternation(
    health_lexicon.CONDITIONS
    + health_lexicon.SYMPTOMS
    + health_lexicon.MULTIWORD_CONDITIONS
    + health_lexicon.MEDICATIONS
    + health_lexicon.MULTIWORD_MEDICATIONS
    + health_lexicon.PROCEDURES
    + health_lexicon.MULTIWORD_PROCEDURES
)
_RELATIVE = (
    r"(?:mi|my)\s+(?:hij[oa]|madre|padre|mam[aá]|pap[aá]|marido|mujer|espos[oa]|pareja|herman[oa]|abuel[oa]|beb[eé]|"
    r"son|daughter|mother|mom|mum|father|dad|husband|wife|partner|brother|sister|baby|grandmother|grandfather)"
)
_FIRST_PERSON = (
    r"(?:tengo|ten[ií]a|he\s+tenido|padezco|sufro(?:\s+de)?|me\s+(?:han\s+)?diagnosticad[oa]|me\s+diagnosticaron|"
    r"diagnosticad[oa]\s+(?:de|con)|estoy\s+(?:tomando|con|en\s+tratamiento|embarazada|operad[oa])|tomo|me\s+tomo|"
    r"me\s+(?:han\s+)?(?:operad[oa]|intervenid[oa]|recetad[oa]|hecho|puesto|quitado)|me\s+(?:operaron|intervinieron|"
    r"recetaron|hicieron|pusieron|quitaron)|me\s+(?:pongo|inyecto)|soy|he\s+dado\s+positivo|di\s+positivo|"
    r"me\s+dio\s+positivo|me\s+sali[oó]|mi\s+(?:diagn[oó]stico|enfermedad|tratamiento|medicaci[oó]n)|"
    r"i\s+have|i've\s+got|i\s+got|i've\s+had|i\s+had|i\s+suffer\s+from|i\s+was\s+diagnosed|i'm\s+diagnosed|"
    r"i\s+am\s+(?:taking|on|diabetic|pregnant)|i'm\s+(?:taking|on|diabetic|pregnant)|i\s+take|i\s+took|"
    r"i\s+was\s+prescribed|i\s+tested\s+positive|i'm\s+being\s+treated|my\s+(?:diagnosis|condition|medication|treatment)|"
    rf"{_RELATIVE}(?:\s+[\w']+){{0,4}}?\s+\K(?:tiene|ten[ií]a|padece|sufre|toma|est[aá]\s+tomando|has|had|takes|"
    r"is\s+taking|was\s+diagnosed))"
)
# Words between the speaker and the term, but not admin words ("tengo cita para la vacuna" is a booking).
_GAP = (
    r"(?:\s+(?!(?:cita|consulta|turno|hora|appointment|booking|una\s+pregunta|a\s+question|duda)\b)"
    r"(?:[^\W\d_][\w'-]*|(?<=(?:tipo|type)\s+)[12])){0,4}?"
)
# Statements that are health information by themselves, whatever follows.
_STATE = (
    r"(?:estoy\s+embarazada|embarazada\s+de\s+\d+|i'?m\s+pregnant|i\s+am\s+pregnant|\d+\s+weeks\s+pregnant|"
    r"me\s+(?:han\s+)?operad[oa]|me\s+operaron|me\s+van\s+a\s+operar|me\s+intervinieron|"
    r"i\s+had\s+(?:\w+\s+)?surgery|i'm\s+having\s+surgery|soy\s+(?:diab[eé]tic|hipertens|cel[ií]ac|asm[aá]tic|"
    r"epil[eé]ptic|al[eé]rgic|seropositiv|bipolar|insulinodependiente)[oa]?|i'?m\s+(?:diabetic|epileptic|asthmatic|"
    r"hiv\s+positive|allergic\s+to\s+\w+)|i'?m\s+type\s+[12]\s+diabetic)"
)
_RESULTS = (
    r"(?:mis|my|los|the)\s+(?:resultados|results|an[aá]lisis|anal[ií]tica|blood\s+tests?|lab\s+results|test\s+results|"
    r"pruebas)\s+(?:show|showed|say|said|came\s+back|muestran|salieron|dieron|dicen|indican|marcan)"
)


class HealthInfoRecognizer(RegexRecognizer):
    ENTITY = entities.HEALTH_INFO
    NEEDS_DIGIT = False
    PATTERNS = [
        Pattern("speaker_then_term", rf"\b{_FIRST_PERSON}{_GAP}\s+{_TERMS}(?:e?s)?(?!\w)", 0.75),
        Pattern("health_state", rf"\b{_STATE}(?:\s+de\s+(?:la\s+|el\s+)?[^\W\d_]+)?", 0.75),
        Pattern("results_statement", rf"\b{_RESULTS}[^.!?\n]{{0,80}}", 0.75),
        Pattern("positive_for", r"\b(?:positivo\s+(?:en|de|para)|positive\s+for)\s+[\w-]+", 0.75),
    ]
    CONTEXT = ["tengo", "tomo", "have", "taking"]
