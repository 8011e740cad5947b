"""The PHI analyzer as callers use it: offsets, merging, languages, long notes, Unicode, and no PHI in logs."""

from __future__ import annotations

import logging

import pytest

from guardrails import entities as types
from guardrails.analyzer import PHIAnalyzer, build_analyzer, resolve_overlaps
from guardrails.decision import Entity
from guardrails.settings import GuardrailSettings
from tests.conftest import SHARED_DIR

MEDDOCAN_DEV = SHARED_DIR / "data" / "meddocan" / "dev"


@pytest.fixture(scope="module")
def analyzer() -> PHIAnalyzer:
    return build_analyzer(GuardrailSettings())


def spans(text: str, found: list[Entity]) -> list[tuple[str, str]]:
    return [(e.type, text[e.start : e.end]) for e in found]


def test_build_analyzer_is_cached_per_process():
    assert build_analyzer(GuardrailSettings()) is build_analyzer(GuardrailSettings())


def test_when_message_has_several_identifiers_then_all_found_sorted_with_offsets(analyzer):
    text = "hola soy maria garcia, mi dni es 12345678Z y mi movil 612 34 56 78"
    found = analyzer.analyze(text, "es")
    assert spans(text, found) == [
        (types.PERSON, "maria garcia"),
        (types.ES_NIF, "12345678Z"),
        (types.PHONE_NUMBER, "612 34 56 78"),
    ]
    assert all(0 <= e.start < e.end <= len(text) and 0 <= e.score <= 1 for e in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@pytest.mark.parametrize("language", ["es", "en", None])
def test_when_language_given_or_not_then_identifiers_found_the_same(analyzer, language):
    text = "My name is John Smith, card 4111 1111 1111 1111, email john@example.com"
    assert spans(text, analyzer.analyze(text, language)) == [
        (types.PERSON, "John Smith"),
        (types.CREDIT_CARD, "4111 1111 1111 1111"),
        (types.EMAIL_ADDRESS, "john@example.com"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "hola, quería pedir cita para el lunes por la tarde",
        "¿A qué hora abrís el sábado?",
        "I need to cancel my appointment on Monday",
        "¿tenéis consulta de diabetes en Madrid?",
        "gracias! 😊",
        "",
        "   \n ",
    ],
)
def test_when_message_has_no_phi_then_nothing_found(analyzer, text):
    assert analyzer.analyze(text) == []


def test_when_text_has_emoji_and_decomposed_accents_then_offsets_still_cover_the_value(analyzer):
    # "José" written as "Jose" + U+0301 (combining acute), after emoji outside the BMP.
    text = "👋🏽 hola 😀 me llamo Jose\u0301 Garci\u0301a, dni 12345678Z 🙏"
    found = analyzer.analyze(text)
    assert spans(text, found) == [(types.PERSON, "Jose\u0301 Garci\u0301a"), (types.ES_NIF, "12345678Z")]


def test_when_records_types_requested_then_places_and_dates_are_phi_too(analyzer):
    text = "Paciente de 70 años, natural de Sevilla, ingresa el 12/12/2016 en el Hospital Clínico de Madrid."
    chat = {e.type for e in analyzer.analyze(text)}
    record = {e.type for e in analyzer.analyze(text, types_=types.ALL_TYPES)}
    assert chat == {types.AGE}
    assert {types.AGE, types.DATE, types.LOCATION, types.ORGANIZATION} <= record


def test_when_whole_clinical_note_analysed_then_names_ids_and_address_found(analyzer):
    note = (MEDDOCAN_DEV / "S0004-06142006000500012-1.txt").read_text(encoding="utf-8")
    assert len(note) > 1500
    found = analyzer.analyze(note, "es", types_=types.ALL_TYPES)
    found_types = {e.type for e in found}
    assert {types.PERSON, types.DATE} <= found_types
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_resolve_overlaps_merges_into_one_span_typed_by_the_best():
    merged = resolve_overlaps(
        [
            Entity(type="A", start=0, end=5, score=0.6),
            Entity(type="B", start=3, end=10, score=0.9),
            Entity(type="C", start=12, end=14, score=0.5),
        ]
    )
    assert merged == [Entity(type="B", start=0, end=10, score=0.9), Entity(type="C", start=12, end=14, score=0.5)]


def test_when_phi_analysed_with_debug_logging_then_no_value_reaches_the_logs(analyzer, caplog):
    planted = ["maria garcia", "12345678Z", "612 34 56 78", "maria@example.com", "Perro123!", "sintrom"]
    text = (
        "hola soy maria garcia, dni 12345678Z, movil 612 34 56 78, correo maria@example.com, "
        "mi contraseña es Perro123! y estoy tomando sintrom"
    )
    with caplog.at_level(logging.DEBUG):
        found = analyzer.analyze(text)
    assert len(found) == len(planted)
    logged = "\n".join([r.getMessage() for r in caplog.records] + [str(r.__dict__) for r in caplog.records])
    assert caplog.records  # the analyzer did log (ids and counts)
    for value in planted:
        assert value not in logged


def test_when_network_is_unreachable_then_engine_builds_and_analyzes(monkeypatch):
    import socket

    from guardrails.analyzer import build_engine

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    offline = PHIAnalyzer(build_engine())
    text = "soy maria garcia, correo maria@example.com"
    assert [e.type for e in offline.analyze(text)] == [types.PERSON, types.EMAIL_ADDRESS]
