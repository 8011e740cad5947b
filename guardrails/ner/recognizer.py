"""Presidio integration of the learned NER (placeholder until the CRF artefact is trained)."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer


def build_ner_recognizers(language: str) -> list[EntityRecognizer]:
    del language
    return []
