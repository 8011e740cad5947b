"""Concept co-occurrence rules: two ideas close together ("pecho" near "oprimido") instead of exact phrases.

Exact phrases miss new wordings of an emergency; a body part next to a danger sign generalises better.
Each rule names two concept lists (phrases, typo-tolerant through ``PhraseSet``) that must start within
``window`` tokens of each other, in either order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from guardrails.detectors.normalize import Normalized
from guardrails.detectors.phrases import PhraseSet


@dataclass(frozen=True)
class Concept:
    name: str
    phrases: Sequence[str]


@dataclass(frozen=True)
class ConceptRule:
    verdict: str
    first: Concept
    second: Concept
    window: int = 6


class ConceptRules:
    """Fires ``rule.verdict`` when both concepts of a rule start within its window."""

    def __init__(self, rules: Sequence[ConceptRule]) -> None:
        self._rules = list(rules)
        concepts = {c.name: c.phrases for r in rules for c in (r.first, r.second)}
        self._phrases = PhraseSet(concepts)

    def find(self, text: Normalized) -> set[str]:
        starts: dict[str, list[int]] = {}
        for name, start in self._phrases.find_starts(text):
            starts.setdefault(name, []).append(start)
        found: set[str] = set()
        for rule in self._rules:
            firsts, seconds = starts.get(rule.first.name, []), starts.get(rule.second.name, [])
            if any(abs(a - b) <= rule.window for a in firsts for b in seconds):
                found.add(rule.verdict)
        return found
