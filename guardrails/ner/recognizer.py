"""Presidio integration of the learned CRF: names, addresses and the other MEDDOCAN PHI categories."""

from __future__ import annotations

import threading
from collections import OrderedDict

from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails import entities as types
from guardrails.ner.model import CrfTagger, TaggedSpan, load_tagger
from guardrails.recognizers.base import make_result

NER_TYPES = [
    types.PERSON,
    types.ADDRESS,
    types.LOCATION,
    types.DATE,
    types.AGE,
    types.SEX,
    types.MEDICAL_RECORD,
    types.INSURANCE_POLICY,
    types.PROFESSIONAL_ID,
    types.EMAIL_ADDRESS,
    types.PHONE_NUMBER,
    types.ORGANIZATION,
    types.PROFESSION,
    types.OTHER_PHI,
]


# The model's types carry a prefix so that Presidio never de-duplicates them against a pattern's finding
# (the analyzer treats the two differently and strips the prefix).
NER_TYPE_PREFIX = "NER_"


class CrfNerRecognizer(LocalRecognizer):
    """Runs the CRF once per text (the analyzer asks per language; the model is language-independent)."""

    def __init__(self, tagger: CrfTagger, supported_language: str = "es") -> None:
        self.tagger = tagger
        super().__init__(
            supported_entities=[NER_TYPE_PREFIX + t for t in NER_TYPES],
            supported_language=supported_language,
            name=f"CrfNerRecognizer_{supported_language}",
        )

    def load(self) -> None:
        """The tagger is loaded by ``load_tagger`` and shared by both languages."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        del nlp_artifacts
        wanted = set(entities) if entities else set(self.supported_entities)
        results: list[RecognizerResult] = []
        for span in self._spans(text):
            if NER_TYPE_PREFIX + span.type in wanted:
                result = make_result(self, span.start, span.end, span.score)
                result.entity_type = NER_TYPE_PREFIX + span.type
                results.append(result)
        return results

    def _spans(self, text: str) -> list[TaggedSpan]:
        # Both language instances see the same text in a row: tag once. The lock also serialises the
        # tagger, which is not thread-safe.
        with _LOCK:
            key = (id(self.tagger), text)
            if key in _RECENT:
                _RECENT.move_to_end(key)
                return _RECENT[key]
            spans = self.tagger.tag(text)
            _RECENT[key] = spans
            if len(_RECENT) > 8:
                _RECENT.popitem(last=False)
            return spans


_LOCK = threading.Lock()
_RECENT: OrderedDict[tuple[int, str], list[TaggedSpan]] = OrderedDict()


def build_ner_recognizers(language: str) -> list[EntityRecognizer]:
    """One recognizer per language sharing a tagger; empty when the model artefact is not shipped."""
    tagger = load_tagger()
    if tagger is None:
        return []
    return [CrfNerRecognizer(tagger, supported_language=language)]
