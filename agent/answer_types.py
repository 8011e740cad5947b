"""What kind of fact a question asks for (days, times, prices, durations, contacts, places) and whether a
sentence holds one: a sentence with the right kind of fact answers better than one that merely shares words."""

from __future__ import annotations

import re
from functools import lru_cache

from agent.text import any_phrase, strip_accents, tokens
from guardrails.detectors.phrases import osa_distance

_WEEKDAY = (
    r"lunes|martes|miercoles|jueves|viernes|sabados?|domingos?"
    r"|monday|tuesday|wednesday|thursday|friday|saturdays?|sundays?"
)
_MONTH = (
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    r"|january|february|march|april|june|july|august|september|october|november|december"
)
_UNIT = r"dias?|horas?|semanas?|minutos?|mes|meses|days?|hours?|weeks?|minutes?|months?"
_NUMBER_WORD = (
    r"un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|quince|veinte|treinta"
    r"|an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty"
)
_TYPES: dict[str, tuple[tuple[str, ...], re.Pattern[str]]] = {
    "days": (
        ("que dias", "que dia", "dias", "which days", "what days", "which day"),
        re.compile(rf"\b(?:{_WEEKDAY})\b"),
    ),
    # "When" is answered by a day, a date, a time or a delay ("en 10 días").
    "when": (
        ("cuando", "when", "hasta cuando", "desde cuando"),
        # A delay is "in/within N days"; a bare length ("sesiones de 45 minutos") says how long, not when.
        re.compile(
            rf"\b(?:{_WEEKDAY}|{_MONTH})\b|\b\d{{1,2}}[:.]\d{{2}}\b"
            rf"|\b(?:en|in|within|dentro de|tras|after|plazo de|antes de|before) (?:unos |unas |about )?"
            rf"(?:\d+|{_NUMBER_WORD}) ?(?:{_UNIT})\b"
        ),
    ),
    "time": (
        ("hora", "horario", "horarios", "abr*", "abiert*", "cierr*", "what time", "hours", "open", "opening", "close"),
        # "Closed" answers a "what time" question too.
        re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2} ?h\b|\bcerrad[oa]s?\b|\bclosed\b"),
    ),
    "price": (
        (
            "cuesta",
            "cuestan",
            "precio*",
            "cuanto vale",
            "cuanto sale",
            "tarifa*",
            "how much",
            "price*",
            "cost",
            "costs",
            "fee",
            "fees",
        ),
        re.compile(r"€|\beuros?\b|\beur\b"),
    ),
    "duration": (
        (
            "cuanto tarda*",
            "cuanto dura",
            "cuanto tiempo",
            "plazo",
            "how long",
            "how quickly",
            "how soon",
            "how many days",
            "antelacion",
            "notice",
            "margen",
        ),
        # "de una a dos semanas": durations are written in words too.
        re.compile(rf"\b(?:\d+|{_NUMBER_WORD}) ?(?:working |business |calendar )?(?:{_UNIT})\b"),
    ),
    "phone": (
        # "If I call, …" is not asking for the number; "what number do I call", "llamar al" is.
        (
            "telefono",
            "numero",
            "phone",
            "number",
            "call you",
            "call to",
            "to call",
            "do i call",
            "llamaros",
            "llamar al",
            "llamar a",
            "llamar para",
            "llamo al",
            "llamo a",
        ),
        re.compile(r"\b\d{3} ?\d{3} ?\d{3}\b|\b112\b"),
    ),
    # "By email" / "por correo" asks about a way of doing something, not for an address: see asked_types.
    "email": (("email", "e mail", "correo", "mail"), re.compile(r"@")),
    "name": (
        ("como se llama", "nombre del", "nombre de la", "quien es", "name of", "whats the name", "who is"),
        re.compile(r"\b(?:dr|dra|doctor|doctora)\.? [A-ZÁÉÍÓÚ]"),
    ),
    "count": (
        ("cuantos", "cuantas", "how many"),
        re.compile(r"\b\d+\b|\b(?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|two|three|four|five)\b"),
    ),
    "place": (
        ("direccion", "donde esta*", "donde estais", "address", "where are you", "located", "location"),
        re.compile(r"\b(?:calle|c/|avenida|avda|plaza|paseo|street)\b"),
    ),
}


_BY_EMAIL = ("by email", "by e mail", "via email", "por email", "por correo", "por mail", "through email", "by mail")


# "How many hours/days…" asks how long, not at what time nor how many of something.
_HOW_MANY_UNITS = tuple(
    f"{ask} {unit}"
    for ask in ("how many", "cuantas", "cuantos")
    for unit in ("hours", "days", "minutes", "weeks", "months", "horas", "dias", "minutos", "semanas", "meses")
)


def asked_types(query: str) -> list[str]:
    words = tokens(query)
    kinds = [name for name, (phrases, _) in _TYPES.items() if any_phrase(words, phrases, fuzzy=False)]
    if "email" in kinds and any_phrase(words, _BY_EMAIL, fuzzy=False):
        kinds.remove("email")
    if any_phrase(words, _HOW_MANY_UNITS, fuzzy=False):
        kinds = ["duration", *(k for k in kinds if k not in ("duration", "time", "count"))]
    return kinds


def holds(sentence: str, kind: str) -> bool:
    if kind == "name":
        return bool(_TYPES[kind][1].search(sentence))
    text = strip_accents(sentence.lower())
    return bool(_TYPES[kind][1].search(text))


_TYPE_WORDS = frozenset(w.rstrip("*") for phrases, _ in _TYPES.values() for p in phrases for w in p.split())


_TYPE_PREFIXES = tuple(w[:-1] for phrases, _ in _TYPES.values() for p in phrases for w in p.split() if w.endswith("*"))


@lru_cache(maxsize=16384)
def is_type_word(word: str) -> bool:
    """Words that ask for a kind of fact ("hora", "abiertos", "price") rather than name a subject, typos of
    five letters and more forgiven ("abireto", "precoi")."""
    if word in _TYPE_WORDS or word.startswith(_TYPE_PREFIXES):
        return True
    if len(word) < 5:
        return False
    return any(osa_distance(word, w, 1) <= 1 for w in _TYPE_WORDS if len(w) >= 5) or any(
        osa_distance(word[: len(p)], p, 1) <= 1 for p in _TYPE_PREFIXES if len(p) >= 5
    )


# "Do you do mammograms?", "¿hacéis análisis?": a sentence saying what the clinic does (or does not) offer
# answers better. Only a ranking hint: unlike the kinds above, its absence is no reason to say "I don't know".
_OFFER_ASKED = (
    "haceis",
    "teneis",
    "ofreceis",
    "realizais",
    "atendeis",
    "hay servicio",
    "do you do",
    "do you offer",
    "do you have",
    "do you provide",
    "do you treat",
    "do you see",
    "do you accept",
    "aceptais",
)
_OFFER = re.compile(
    r"\b(?:realizamos|ofrecemos|hacemos|atendemos|disponemos|tenemos|aceptamos|trabajamos con|contamos con"
    r"|we (?:offer|do|have|provide|accept|see|treat)|we don't|we do not)\b"
)


def asks_offer(query: str) -> bool:
    return any_phrase(tokens(query), _OFFER_ASKED, fuzzy=False)


def states_offer(sentence: str) -> bool:
    return bool(_OFFER.search(strip_accents(sentence.lower())))
