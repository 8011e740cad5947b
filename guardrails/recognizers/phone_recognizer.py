"""International phone numbers (E.164 and national formats) found and validated by ``phonenumbers``.

Uses libphonenumber's metadata (https://github.com/google/libphonenumber) with the VALID leniency: the
number must be a valid, assigned range for its country, not merely digits.
"""

from __future__ import annotations

import phonenumbers
import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails import entities
from guardrails.recognizers.base import make_result

# Numbers written nationally are read as Spanish or US ones; any number with "+" or "00" parses anyway.
REGIONS = ("ES", "US")
INTERNATIONAL = regex.compile(r"(?<![\w+\-/.])(?:\+|00)[1-9]\d{0,2}(?:[\s.\-]?\(?\d{1,4}\)?){2,6}(?![\w-])")


class PhoneRecognizer(LocalRecognizer):
    SCORE = 0.6
    CONTEXT = ["phone", "telefono", "movil", "mobile", "cell", "call", "llamar", "numero", "number", "whatsapp"]

    def __init__(self, supported_language: str = "es") -> None:
        self.regions = REGIONS
        super().__init__(
            supported_entities=[entities.PHONE_NUMBER],
            supported_language=supported_language,
            context=list(self.CONTEXT),
            name=f"PhoneRecognizer_{supported_language}",
        )

    def load(self) -> None:
        """Nothing to load: libphonenumber metadata ships with the package."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        del entities, nlp_artifacts  # one entity type; no NLP features needed
        results: list[RecognizerResult] = []
        if sum(ch.isdigit() for ch in text) < 7:  # no phone number anywhere has fewer digits
            return results
        for region in self.regions:
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
                results.append(make_result(self, match.start, match.end, self.SCORE))
        # Numbers with an international prefix that libphonenumber cannot validate (new or reserved ranges)
        # are still phone numbers in a chat.
        for match in INTERNATIONAL.finditer(text):
            if 8 <= sum(ch.isdigit() for ch in match.group()) <= 15:  # E.164: at most 15 digits
                results.append(make_result(self, match.start(), match.end(), self.SCORE))
        return self.remove_duplicates(results)
