"""Redaction with typed placeholders: offsets, overlaps, Unicode and idempotence."""

from __future__ import annotations

import pytest

from guardrails.analyzer import PHIAnalyzer, build_analyzer
from guardrails.anonymizer import redact
from guardrails.decision import Entity
from guardrails.settings import GuardrailSettings


@pytest.fixture(scope="module")
def analyzer() -> PHIAnalyzer:
    return build_analyzer(GuardrailSettings())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "hola soy maria garcia, mi dni es 12345678Z",
            "hola soy <PERSON>, mi dni es <ES_NIF>",
        ),
        (
            "😀 my SSN is 536-22-1234 🙏 and my email is a@b.com",
            "😀 my SSN is <US_SSN> 🙏 and my email is <EMAIL_ADDRESS>",
        ),
        (
            "me llamo Jose\u0301 Garci\u0301a y vivo en calle mayor 12",
            "me llamo <PERSON> y vivo en <ADDRESS>",
        ),
        (
            "tengo diabetes y estoy tomando metformina",
            "<HEALTH_INFO> y <HEALTH_INFO>",
        ),
        ("¿a qué hora abrís?", "¿a qué hora abrís?"),
    ],
)
def test_when_text_redacted_then_values_become_typed_placeholders(analyzer, text, expected):
    assert redact(text, analyzer.analyze(text)) == expected


def test_when_redacted_again_then_nothing_changes(analyzer):
    text = "soy maria garcia, iban ES91 2100 0418 4502 0005 1332, naci el 3 de marzo de 1980 👍"
    once = redact(text, analyzer.analyze(text))
    assert analyzer.analyze(once) == []
    assert redact(once, analyzer.analyze(once)) == once


def test_when_entities_overlap_then_one_placeholder_covers_both():
    text = "abcdefghij"
    entities = [Entity(type="X", start=1, end=5, score=0.5), Entity(type="Y", start=3, end=8, score=0.9)]
    assert redact(text, entities) == "a<Y>ij"


def test_when_entity_offsets_are_outside_the_text_then_they_are_ignored():
    assert redact("abc", [Entity(type="X", start=2, end=9, score=1.0)]) == "abc"
