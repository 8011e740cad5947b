"""The trained CRF tagger: loads the shipped artefact and turns token marginals into typed spans."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from guardrails.ner.features import Token, sentence_features, tokenize
from guardrails.recognizers.names_gazetteer import gazetteer

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "phi_crf.crfsuite"
# Longer runs are cut at line breaks and then into windows of this many tokens (CRF cost is linear).
MAX_TOKENS = 200


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    type: str
    start: int
    end: int
    score: float


class CrfTagger:
    """Tags PHI tokens; a token is PHI when P(not O) reaches ``threshold`` (0.30: best dev F1, recall first)."""

    def __init__(self, path: Path = MODEL_PATH, threshold: float = 0.3) -> None:
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        self.labels = [label for label in self.tagger.labels() if label != "O"]
        self.threshold = threshold

    def tag(self, text: str) -> list[TaggedSpan]:
        spans: list[TaggedSpan] = []
        first, last = gazetteer()
        offset = 0
        for line in text.split("\n"):
            tokens = tokenize(line)
            for begin in range(0, len(tokens), MAX_TOKENS):
                window = tokens[begin : begin + MAX_TOKENS]
                spans.extend(self._tag_window(line, window, first, last, offset))
            offset += len(line) + 1
        return spans

    def _tag_window(
        self, line: str, tokens: list[Token], first: frozenset[str], last: frozenset[str], offset: int
    ) -> list[TaggedSpan]:
        self.tagger.set(sentence_features(tokens, first, last, line))
        viterbi = self.tagger.tag()
        spans: list[TaggedSpan] = []
        current: list[tuple[str, float, int, int]] = []  # (type, P(PHI), start, end) of the open span
        for i, token in enumerate(tokens):
            phi = 1.0 - self.tagger.marginal("O", i)  # one marginal per token; the others only when needed
            label = viterbi[i]
            if phi >= self.threshold and label == "O":
                label = max(self.labels, key=lambda candidate: self.tagger.marginal(candidate, i))
            if phi < self.threshold:
                if current:
                    spans.append(_close(current, offset))
                    current = []
                continue
            kind = label[2:]
            if current and (label.startswith("B-") or current[-1][0] != kind):
                spans.append(_close(current, offset))
                current = []
            current.append((kind, phi, token.start, token.end))
        if current:
            spans.append(_close(current, offset))
        return spans


def _close(run: list[tuple[str, float, int, int]], offset: int) -> TaggedSpan:
    kinds = [kind for kind, _, _, _ in run]
    kind = max(set(kinds), key=kinds.count)
    score = sum(p for _, p, _, _ in run) / len(run)
    return TaggedSpan(kind, run[0][2] + offset, run[-1][3] + offset, round(min(1.0, score), 3))


@cache
def load_tagger() -> CrfTagger | None:
    """The shipped tagger, or None when the artefact is missing (patterns still work without it)."""
    return CrfTagger() if MODEL_PATH.exists() else None
