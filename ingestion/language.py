"""Language of documents and chunks: Spanish or English only, which keeps the detector small and fast."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_CODES = {Language.SPANISH: "es", Language.ENGLISH: "en"}


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_CODES).build()


def detect_language(text: str, *, default: str = "es") -> str:
    """ "es" or "en" from the first few thousand characters; ``default`` when there is too little text."""
    sample = text[:3000]
    if sum(ch.isalpha() for ch in sample) < 12:
        return default
    found = _detector().detect_language_of(sample)
    return _CODES.get(found, default) if found is not None else default
