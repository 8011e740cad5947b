"""Typo-tolerant phrase matching over normalised tokens, shared by the rule-based detectors.

A phrase is written as plain words (normalised like the text), where ``*`` is a gap of up to
``MAX_GAP`` arbitrary tokens and a trailing ``~`` on a word makes it a prefix (``suicid~``).
Words of 5+ letters tolerate one edit (insert, delete, substitute, swap), 8+ letters two, 4 letters a
swap only; shorter words must match exactly, because one edit turns most short words into other words.
Two words typed together ("nopuedo") are split when both halves are phrase words. Real words listed in
``protected_words.txt`` are never corrected into another word ("precio" is not a misspelt "premio").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

import regex

from guardrails.detectors.normalize import Normalized, normalize

MAX_GAP = 3
_CACHE_LIMIT = 50_000
PROTECTED_PATH = Path(__file__).parent / "protected_words.txt"


def _load_protected() -> frozenset[str]:
    lines = PROTECTED_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


# Real words never typo-corrected into another word ("precio" is not a misspelt "premio").
PROTECTED = _load_protected()


def allowed_edits(word: str) -> int:
    if len(word) >= 8:
        return 2
    return 1 if len(word) >= 4 else 0


def _close(token: str, word: str) -> bool:
    limit = allowed_edits(word)
    if osa_distance(token, word, limit) > limit:
        return False
    # Four-letter words only forgive a swap ("pian" for "pain"): any other edit makes another word.
    return len(word) > 4 or sorted(token) == sorted(word)


def osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, cut off at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


class PhraseSet:
    """Named phrases; ``find(text)`` returns the names whose phrase occurs (fuzzily) in the text."""

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        # name -> list of token patterns; vocabulary words index their delete-neighbourhood (SymSpell).
        self._patterns: dict[str, list[tuple[str, ...]]] = {}
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        self._gap_first: list[tuple[str, tuple[str, ...]]] = []
        self._vocab: set[str] = set()
        self._prefixes: set[str] = set()
        for name, items in phrases.items():
            for phrase in items:
                pattern = tuple(self._pattern_tokens(phrase))
                if not pattern:
                    continue
                self._patterns.setdefault(name, []).append(pattern)
                first = pattern[0]
                if first == "*":
                    self._gap_first.append((name, pattern))
                else:
                    self._by_first[first].append((name, pattern))
                for word in pattern:
                    if word.endswith("~"):
                        self._prefixes.add(word[:-1])
                    elif word != "*":
                        self._vocab.add(word)
        self._neighbours: dict[str, set[str]] = defaultdict(set)
        for word in self._vocab:
            for variant in _deletes(word, allowed_edits(word)):
                self._neighbours[variant].add(word)
        self._cache: dict[str, frozenset[str]] = {}

    @staticmethod
    def _pattern_tokens(phrase: str) -> list[str]:
        out: list[str] = []
        for raw in phrase.split():
            if raw == "*":
                out.append("*")
            elif raw.endswith("~"):
                out.extend(t + "~" for t in normalize(raw[:-1]).tokens)
            else:
                out.extend(normalize(raw).tokens)
        return out

    def canonical(self, token: str) -> frozenset[str]:
        """Every vocabulary word (or ``prefix~``) that this text token may stand for."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        found: set[str] = set()
        if token in self._vocab:
            found.add(token)
        if len(token) >= 4 and token not in PROTECTED:
            depth = 2 if len(token) >= 7 else 1
            for variant in _deletes(token, depth):
                for word in self._neighbours.get(variant, ()):
                    if word not in found and _close(token, word):
                        found.add(word)
        for prefix in self._prefixes:
            if token.startswith(prefix):
                found.add(prefix + "~")
            elif len(prefix) >= 5 and len(token) >= len(prefix) - 1:
                head = token[: len(prefix) + 1]
                if any(osa_distance(head[:n], prefix, 1) <= 1 for n in (len(prefix) - 1, len(prefix), len(head))):
                    found.add(prefix + "~")
        result = frozenset(found)
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[token] = result
        return result

    def _match_at(self, forms: list[frozenset[str]], start: int, pattern: tuple[str, ...]) -> bool:
        if not pattern:
            return True
        word, rest = pattern[0], pattern[1:]
        if word == "*":
            return any(
                self._match_at(forms, start + skip, rest) for skip in range(MAX_GAP + 1) if start + skip <= len(forms)
            )
        if start >= len(forms) or word not in forms[start]:
            return False
        return self._match_at(forms, start + 1, rest)

    def _split(self, token: str) -> tuple[str, ...]:
        """``token`` itself, or two phrase words typed without the space between them."""
        if len(token) < 5 or token in self._vocab:
            return (token,)
        for cut in range(2, len(token) - 1):
            head, tail = token[:cut], token[cut:]
            if head in self._vocab and (tail in self._vocab or (len(tail) >= 5 and self.canonical(tail))):
                return (head, tail)
        return (token,)

    def find(self, text: Normalized) -> set[str]:
        return {name for name, _ in self.find_starts(text)}

    def find_starts(self, text: Normalized) -> set[tuple[str, int]]:
        """(name, index of the text token where a phrase of that name starts), for every match."""
        forms: list[frozenset[str]] = []
        origin: list[int] = []  # index into text.tokens of each form (split tokens share one)
        for index, token in enumerate(text.tokens):
            for part in self._split(token):
                forms.append(self.canonical(part))
                origin.append(index)
        found: set[tuple[str, int]] = set()
        for start, options in enumerate(forms):
            for form in options:
                for name, pattern in self._by_first.get(form, ()):
                    if self._match_at(forms, start + 1, pattern[1:]):
                        found.add((name, origin[start]))
            for name, pattern in self._gap_first:
                if self._match_at(forms, start, pattern):
                    found.add((name, origin[start]))
        return found


class CharFuzzy:
    """A second, character-level pass for phrases whose short words were mistyped ("t obe alive", "o fpills").

    Spaces are dropped from phrase and text, and a phrase of 10+ letters may match with one edit per eight
    letters (``regex`` fuzzy matching, in C). It costs a few milliseconds, so it runs only when the text holds
    one of the ``anchors`` (content words of the phrases, typo-tolerant through ``PhraseSet.canonical``).
    """

    MIN_LETTERS = 10
    WINDOW = 7
    # Chat-sized texts only: on a clinical note anchors are everywhere and the pass would take a second.
    MAX_TOKENS = 200

    def __init__(self, phrases: Iterable[str], anchors: PhraseSet, anchor_words: Iterable[str]) -> None:
        keys = sorted({normalize(p).text.replace(" ", "") for p in phrases if "*" not in p and "~" not in p})
        by_budget: dict[int, list[str]] = defaultdict(list)
        for key in keys:
            if len(key) >= self.MIN_LETTERS:
                by_budget[max(1, len(key) // 8)].append(key)
        self._patterns = [
            regex.compile("(?:" + "|".join(regex.escape(k) for k in ks) + f"){{e<={budget}}}")
            for budget, ks in sorted(by_budget.items())
        ]
        self._anchors = anchors
        self._anchor_words = frozenset(anchor_words)

    def find(self, text: Normalized) -> bool:
        tokens = text.tokens
        if len(tokens) > self.MAX_TOKENS:
            return False
        hits = [i for i, t in enumerate(tokens) if self._anchor_words & self._anchors.canonical(t)]
        # Search only around anchors (a phrase spans a few words), so long notes stay cheap.
        segments: list[tuple[int, int]] = []
        for i in hits:
            start, end = max(0, i - self.WINDOW), min(len(tokens), i + self.WINDOW + 1)
            if segments and start <= segments[-1][1]:
                segments[-1] = (segments[-1][0], end)
            else:
                segments.append((start, end))
        return any(p.search("".join(tokens[start:end])) for start, end in segments for p in self._patterns)


def phrase_list(text: str) -> list[str]:
    """Comma-separated phrases written as one wrapped block (the lists are data, read like prose)."""
    return [p.strip() for p in " ".join(text.split()).split(",") if p.strip()]
