"""Chat text normaliser for the detectors: lowercase, no accents, squashed repeats, leetspeak, abbreviations."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Chat abbreviations of Spanish and English WhatsApp text, expanded token by token.
ABBREVIATIONS: dict[str, str] = {
    "q": "que",
    "k": "que",
    "ke": "que",
    "qe": "que",
    "xq": "porque",
    "pq": "porque",
    "xk": "porque",
    "porq": "porque",
    "tb": "tambien",
    "tmb": "tambien",
    "tbn": "tambien",
    "pls": "please",
    "plz": "please",
    "plis": "please",
    "porfa": "por favor",
    "xfa": "por favor",
    "xfavor": "por favor",
    "tng": "tengo",
    "tngo": "tengo",
    "kiero": "quiero",
    "qiero": "quiero",
    "toy": "estoy",
    "nd": "nada",
    "dnd": "donde",
    "cdo": "cuando",
    "cnd": "cuando",
    "msj": "mensaje",
    "dr": "doctor",
    "dra": "doctora",
    "u": "you",
    "ur": "your",
    "r": "are",
    "pl": "please",
    "thx": "thanks",
    "ty": "thanks",
    "cannot": "cant",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
}

# Leetspeak-lite: a digit counts as a letter only when letters surround it ("k1ll", "su1cid10" stays numeric).
# Courtesy words patients add in either language ("gracias", "please"): they carry neither a request nor the
# message's language (agent.language, the spam detector's keyboard-mash check).
COURTESY_WORDS = frozenset("gracias por favor porfa vale ok okay please pls thanks thank thx cheers".split())
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_LEET_RE = re.compile(r"(?<=[a-z])[013457@$](?=[a-z0-9@$]*[a-z])")
_APOSTROPHES = re.compile(r"['’`´]")
_TOKEN = re.compile(r"[a-z0-9]+")
# Three or more of the same letter are one letter ("holaaa", "heeelp"); doubles stay ("llamar", "need").
_REPEATS = re.compile(r"([a-z])\1{2,}")


@dataclass(frozen=True)
class Normalized:
    """A text as the detectors see it: ``tokens`` and their space-joined ``text``."""

    tokens: tuple[str, ...]
    text: str


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _leet(token: str) -> str:
    return _LEET_RE.sub(lambda m: _LEET[m.group(0)], token)


@lru_cache(maxsize=4096)
def normalize(text: str) -> Normalized:
    """Lowercase, strip accents and apostrophes, undo leetspeak, squash repeats, expand abbreviations."""
    flat = _APOSTROPHES.sub("", strip_accents(text).lower())
    tokens: list[str] = []
    for raw in flat.split():
        for token in _TOKEN.findall(_leet(raw)):
            token = _REPEATS.sub(r"\1", token)
            tokens.extend(ABBREVIATIONS.get(token, token).split())
    return Normalized(tokens=tuple(tokens), text=" ".join(tokens))
