"""Tokenization and CRF token features shared by training and inference (they must never diverge)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from guardrails.nlp import fold

# Digits, letter runs and single symbols: stable on chat text, e-mails, dates and codes alike.
TOKEN = regex.compile(r"\d+|[^\W\d_]+(?:['’][^\W\d_]+)?|[^\s]", regex.UNICODE)
STREET_TYPES = frozenset(
    "calle c cl avda avd av avenida plaza pza pl paseo ronda camino carretera ctra travesia glorieta pasaje "
    "urbanizacion urb bulevar rambla carrer rua via street st avenue ave road rd lane drive".split()
)
RELATIVES = frozenset(
    "madre padre hijo hija hijos hijas hermano hermana hermanos hermanas abuelo abuela tio tia primo prima "
    "esposo esposa marido mujer pareja familia padres nieto nieta sobrino sobrina".split()
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def shape(word: str) -> str:
    """Word shape with runs collapsed: "García" -> "Xx", "28016" -> "d", "a@b" -> "x@x"."""
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


def _word_features(prefix: str, token: Token, first: frozenset[str], last: frozenset[str]) -> list[str]:
    word = token.text
    low = fold(word)
    feats = [f"{prefix}w={low}", f"{prefix}sh={shape(word)}"]
    if low in first:
        feats.append(f"{prefix}first")
    if low in last:
        feats.append(f"{prefix}last")
    if low in STREET_TYPES:
        feats.append(f"{prefix}street")
    if low in RELATIVES:
        feats.append(f"{prefix}rel")
    return feats


def sentence_features(
    tokens: Sequence[Token], first: frozenset[str], last: frozenset[str], text: str
) -> list[list[str]]:
    """One feature list per token: the word itself, its neighbours (±2), and the line's field label."""
    del text  # offsets are enough; kept in the signature for callers that pass the raw line
    per_word = [_word_features("", t, first, last) for t in tokens]
    result: list[list[str]] = []
    field = "none"
    for i, token in enumerate(tokens):
        word = token.text
        low = fold(word)
        feats = ["bias", *per_word[i], f"p3={low[:3]}", f"s3={low[-3:]}", f"s2={low[-2:]}", f"len={min(len(word), 9)}"]
        if word[:1].isupper():
            feats.append("title")
        if word.isupper() and len(word) > 1:
            feats.append("upper")
        if i == 0:
            feats.append("BOS")
        if i == len(tokens) - 1:
            feats.append("EOS")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(tokens):
                feats.extend(f"{offset}:{f}" for f in per_word[j])
        if i > 0:
            feats.append(f"bigram={fold(tokens[i - 1].text)}|{low}")
        # "Nombre: X", "Domicilio: Y": the label before the last colon on the line names the field.
        if i > 0 and tokens[i - 1].text == ":" and i > 1:
            field = fold(tokens[i - 2].text)
        feats.append(f"field={field}")
        result.append(feats)
    return result
