"""Chat-text normalisation and fuzzy keyword matching, robust to typos, missing accents and chat spelling."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from guardrails.detectors.phrases import osa_distance

_WORD = re.compile(r"[a-z0-9ñ]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")
# Chat abbreviations patients really type; expanded so keywords match whole words.
_ABBREVIATIONS = {
    "q": "que",
    "k": "que",
    "xq": "porque",
    "pq": "porque",
    "porq": "porque",
    "tb": "tambien",
    "tmb": "tambien",
    "x": "por",
    "d": "de",
    "xfa": "por favor",
    "porfa": "por favor",
    "pls": "please",
    "plz": "please",
    "u": "you",
    "ur": "your",
    "r": "are",
    "thx": "thanks",
    "ty": "thank you",
    "tnx": "thanks",
    "msg": "mensaje",
    "finde": "fin de semana",
    "info": "informacion",
    "dr": "doctor",
    "dra": "doctora",
    "bn": "bien",
    "hr": "hora",
    "hrs": "horas",
    "appt": "appointment",
}


def strip_accents(text: str) -> str:
    # Keep ñ: it separates words ("año"/"ano") that patients do type correctly.
    decomposed = unicodedata.normalize("NFD", text.replace("ñ", "\0").replace("Ñ", "\1"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return stripped.replace("\0", "ñ").replace("\1", "ñ")


def normalize(text: str) -> str:
    """Lowercase, no accents, letters repeated 3+ times collapsed, chat abbreviations expanded."""
    lowered = strip_accents(text.lower())
    lowered = _REPEATS.sub(r"\1", lowered)
    return " ".join(_ABBREVIATIONS.get(w, w) for w in _WORD.findall(lowered))


def tokens(text: str) -> list[str]:
    return normalize(text).split()


@lru_cache(maxsize=65536)
def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (Levenshtein + adjacent swaps), capped at ``limit + 1``; cached."""
    return osa_distance(a, b, limit)


_INFLECTIONS = frozenset({"s", "es", "os", "as", "a", "o"})


# Real words one typo away from a keyword: never "corrected" ("perdona la molestia" is not "persona").
NEVER_CORRECTED = frozenset("perdona perdone perdon perdonad".split())


def word_matches(word: str, keyword: str) -> bool:
    """Exact for short words; one typo from 5 letters, two from 9 (keyword already normalised)."""
    if word == keyword:
        return True
    if word in NEVER_CORRECTED:
        return False
    if len(keyword) < 5 or len(word) < 4:
        return False
    # A longer word that merely starts with the keyword is another word ("personal" is not "persona").
    if word.startswith(keyword) and word[len(keyword) :] not in _INFLECTIONS:
        return False
    # A different first letter is allowed only for longer words ("umano" for "humano").
    if word[:1] != keyword[:1] and len(keyword) < 6:
        return False
    limit = 1 if len(keyword) < 9 else 2
    return _distance(word, keyword, limit) <= limit


def find_phrase(words: Sequence[str], phrase: str, *, fuzzy: bool = True) -> bool:
    """True when the normalised ``phrase`` occurs as consecutive (fuzzy) words; ``*`` ends a prefix word."""
    parts = phrase.split()
    n = len(parts)
    for start in range(len(words) - n + 1):
        if all(_part_matches(words[start + i], part, fuzzy) for i, part in enumerate(parts)):
            return True
    return False


def _part_matches(word: str, part: str, fuzzy: bool = True) -> bool:
    if part.endswith("*"):
        stem = part[:-1]
        return word.startswith(stem) or (fuzzy and len(stem) >= 5 and word_matches(word[: len(stem)], stem))
    return word_matches(word, part) if fuzzy else word == part


def any_phrase(words: Sequence[str], phrases: Iterable[str], *, fuzzy: bool = True) -> bool:
    return any(find_phrase(words, p, fuzzy=fuzzy) for p in phrases)


STOPWORDS = frozenset(
    "a al algo como con cual cuales cuando de del donde el en es esta estan este hay la las le lo los me mi "
    "mis muy no o os para pero por que se si sin su sus te tengo tiene tienen tu un una uno unos y ya yo "
    "puedo puede hola buenas buenos dias tardes gracias favor vosotros usted ustedes ser estar hacer "
    "the a an and are at be can could do does for from have how i in is it its me my of on or please "
    "should that the there this to was what when where which who will with would you your hi hello thanks".split()
)


def content_words(text: str) -> list[str]:
    """Normalised words that carry meaning (no stopwords), cut to a 5-letter stem for cheap matching."""
    return [w[:5] for w in tokens(text) if w not in STOPWORDS and (len(w) > 2 or w.isdigit())]


_PLACEHOLDER_OR_TEXT = re.compile(r"(<[A-Z_]+>)|([^<]+|<)")


def calm_case(text: str) -> str:
    """A message typed in capitals ("LA DIRECCION PORFA") in lower case, redaction placeholders kept: the
    sentence embeddings read capitals as another text."""
    letters = [c for c in _PLACEHOLDER_OR_TEXT.sub(lambda m: m.group(2) or "", text) if c.isalpha()]
    if len(letters) < 4 or sum(c.isupper() for c in letters) < 0.6 * len(letters):
        return text
    return _PLACEHOLDER_OR_TEXT.sub(lambda m: m.group(1) or m.group(2).lower(), text)
