"""Offline spaCy pipelines for Presidio: blank tokenizers plus a lowercase, accent-free lemma for context words."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

LEMMA_COMPONENT = "recepta_lowercase_lemma"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase and strip accents ("Clínica" -> "clinica"), so chat spelling matches context words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@Language.component(LEMMA_COMPONENT)
def lowercase_lemma(doc: Doc) -> Doc:
    # Presidio's context enhancer compares lemmas; blank pipelines have none, so we give it folded text.
    for token in doc:
        token.lemma_ = fold(token.text)
    return doc


def blank_pipeline(language: str) -> Language:
    """A blank spaCy pipeline (no weights, nothing downloaded) with the lemma component."""
    nlp = spacy.blank(language)
    nlp.add_pipe(LEMMA_COMPONENT)
    return nlp


class OfflineNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine over blank pipelines: never tries to download a model."""

    def __init__(self, languages: Sequence[str] = ("es", "en")) -> None:
        super().__init__(
            models=[{"lang_code": lang, "model_name": f"blank:{lang}"} for lang in languages],
            ner_model_configuration=NerModelConfiguration(model_to_presidio_entity_mapping={}),
        )
        self.languages = tuple(languages)

    def load(self) -> None:
        self.nlp = {lang: blank_pipeline(lang) for lang in self.languages}  # type: ignore[assignment]

    def get_supported_entities(self) -> list[str]:
        # Names and addresses come from our own NER recognizer, not from spaCy's entity ruler.
        return []
