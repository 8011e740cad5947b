"""A pattern recognizer whose patterns, context words and entity are class data, as in Presidio's own."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult


class RegexRecognizer(PatternRecognizer):
    """Subclasses set ENTITY, PATTERNS and CONTEXT (folded: lowercase, no accents) and may add checks."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]] = []

    def __init__(self, supported_language: str = "es") -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=[Pattern(p.name, p.regex, p.score) for p in self.PATTERNS],
            context=list(self.CONTEXT),
            supported_language=supported_language,
            name=f"{type(self).__name__}_{supported_language}",
        )


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
