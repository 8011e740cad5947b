"""A pattern recognizer whose patterns, context words and entity are class data, as in Presidio's own."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE
# Upper bound for one pattern on one text; a pathological input must not stall the inbound check.
REGEX_TIMEOUT_S = 1.0


class RegexRecognizer(PatternRecognizer):
    """Subclasses set ENTITY, PATTERNS and CONTEXT (folded: lowercase, no accents) and may add checks.

    Matching is Presidio's (validate_result / invalidate_result, context words), in a leaner loop: patterns
    are compiled once per class and skipped outright when the text cannot contain the identifier.
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]] = []
    # Most identifiers contain digits; a chat message without any is skipped without running the patterns.
    NEEDS_DIGIT: ClassVar[bool] = True
    _compiled: ClassVar[list[tuple[Pattern, regex.Pattern[str]]]]

    def __init__(self, supported_language: str = "es") -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=[Pattern(p.name, p.regex, p.score) for p in self.PATTERNS],
            context=list(self.CONTEXT),
            supported_language=supported_language,
            name=f"{type(self).__name__}_{supported_language}",
        )
        if "_compiled" not in type(self).__dict__:
            type(self)._compiled = [(p, regex.compile(p.regex, FLAGS)) for p in self.PATTERNS]

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        del entities, nlp_artifacts, regex_flags  # one entity type, one set of flags
        if self.NEEDS_DIGIT and not any(ch.isdigit() for ch in text):
            return []
        results: list[RecognizerResult] = []
        for pattern, compiled in self._compiled:
            try:
                matches = list(compiled.finditer(text, timeout=REGEX_TIMEOUT_S))
            except TimeoutError:
                continue
            for match in matches:
                start, end = match.span()
                if start == end:
                    continue
                value = text[start:end]
                score = pattern.score
                valid = self.validate_result(value)
                if valid is not None:
                    score = self.MAX_SCORE if valid else self.MIN_SCORE
                if self.invalidate_result(value):
                    score = self.MIN_SCORE
                if score > self.MIN_SCORE:
                    results.append(make_result(self, start, end, score))
        return EntityRecognizer.remove_duplicates(results)


def digits(text: str) -> str:
    """Only the ASCII digits of ``text`` (separators such as spaces, dots and dashes dropped)."""
    return "".join(ch for ch in text if "0" <= ch <= "9")


def make_result(recognizer: EntityRecognizer, start: int, end: int, score: float) -> RecognizerResult:
    """A result with the explanation and metadata Presidio's context enhancer expects."""
    return RecognizerResult(
        entity_type=recognizer.supported_entities[0],
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(
            recognizer=type(recognizer).__name__, original_score=score, textual_explanation=""
        ),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: str(getattr(recognizer, "name", "")),
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )
