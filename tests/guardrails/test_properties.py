"""Hypothesis properties of the analyzer and the anonymizer (kept small: each example runs the full analyzer)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrails import entities as types
from guardrails.analyzer import PHIAnalyzer, build_analyzer
from guardrails.anonymizer import redact
from guardrails.recognizers.credit_card_recognizer import luhn_is_valid
from guardrails.recognizers.es_nif_recognizer import nif_letter
from guardrails.recognizers.es_nss_recognizer import nss_control
from guardrails.settings import GuardrailSettings

FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def analyzer() -> PHIAnalyzer:
    return build_analyzer(GuardrailSettings())


def _nif(n: int) -> str:
    return f"{n:08d}{nif_letter(n)}"


def _nie(prefix: str, n: int) -> str:
    return f"{prefix}{n:07d}{nif_letter('XYZ'.index(prefix) * 10_000_000 + n)}"


def _iban_es(bban: int) -> str:
    account = f"{bban:020d}"
    check = 98 - int(account + "142800") % 97  # "ES" -> 14 28, check digits "00" while computing
    return f"ES{check:02d}{account}"


def _card(body: int) -> str:
    partial = f"4{body:014d}"
    return next(partial + d for d in "0123456789" if luhn_is_valid(partial + d))


def _nss(province: int, number: int) -> str:
    return f"{province:02d}{number:08d}{nss_control(province, number):02d}"


IDENTIFIERS = st.one_of(
    st.integers(0, 99_999_999).map(lambda n: (types.ES_NIF, _nif(n))),
    st.tuples(st.sampled_from("XYZ"), st.integers(0, 9_999_999)).map(lambda a: (types.ES_NIE, _nie(*a))),
    st.integers(0, 10**20 - 1).map(lambda n: (types.IBAN_CODE, _iban_es(n))),
    st.integers(0, 10**14 - 1).map(lambda n: (types.CREDIT_CARD, _card(n))),
    st.tuples(st.integers(1, 52), st.integers(0, 99_999_999)).map(lambda a: (types.ES_NSS, _nss(*a))),
)
WORDS = st.lists(
    st.sampled_from(
        [
            "hola",
            "mi",
            "numero",
            "es",
            "por",
            "favor",
            "gracias",
            "the",
            "please",
            "cita",
            "ok",
            "¿",
            "?",
            "😀",
            "vale",
            "number",
            "mañana",
            "clínica",
            "lunes",
            "de",
            "el",
            ",",
            ".",
        ]
    ),
    max_size=8,
).map(" ".join)


@FEW
@given(before=WORDS, identifier=IDENTIFIERS, after=WORDS)
def test_a_valid_identifier_inside_text_is_always_found(analyzer, before, identifier, after):
    kind, value = identifier
    text = f"{before} {value} {after}"
    start = len(before) + 1
    found = analyzer.analyze(text)
    assert any(e.type == kind and e.start <= start and start + len(value) <= e.end for e in found)


PHI_PIECES = st.sampled_from(
    [
        "soy maria garcia",
        "me llamo jose luis",
        "my name is John Smith",
        "tel 612 34 56 78",
        "dni 12345678Z",
        "tengo diabetes",
        "naci el 3 de marzo de 1980",
        "vivo en calle mayor 12",
        "mi contraseña es Perro123!",
        "email ana@example.com",
        "IBAN ES91 2100 0418 4502 0005 1332",
        "tengo 45 años",
        "NHC: 368503",
    ]
)
MESSAGES = st.lists(st.one_of(PHI_PIECES, WORDS), min_size=1, max_size=5).map(" ".join)


@FEW
@given(text=MESSAGES)
def test_redaction_is_idempotent_and_redacted_text_reanalyses_clean(analyzer, text):
    once = redact(text, analyzer.analyze(text))
    assert analyzer.analyze(once) == []
    assert redact(once, analyzer.analyze(once)) == once


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), language=st.sampled_from(["es", "en", None, "fr"]))
def test_analyze_never_raises_and_offsets_stay_inside_the_text(analyzer, text, language):
    found = analyzer.analyze(text, language)
    assert all(0 <= e.start < e.end <= len(text) for e in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    redact(text, found)
