"""Properties of the policy on arbitrary text: never raises, always sets redacted, offsets stay inside the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrails.detectors.normalize import normalize
from guardrails.policy import Policy, build_policy
from service.settings import Settings

DIRECTIONS = ["inbound", "retrieval", "outbound-bot", "outbound-staff"]


@pytest.fixture(scope="module")
def policy() -> Policy:
    return build_policy(Settings(environment="test"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), direction=st.sampled_from(DIRECTIONS))
def test_any_unicode_text_gets_a_decision_with_offsets_inside_it(policy, text, direction):
    decision = policy.check(text, direction=direction)
    assert decision.action in ("allow", "redact", "refuse", "escalate")
    assert isinstance(decision.redacted, str)
    assert all(0 <= e.start < e.end <= len(text) for e in decision.entities)
    if not decision.entities:
        assert decision.redacted == text


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_normalized_text_is_lowercase_ascii_words(text):
    normalized = normalize(text)
    assert normalized.text == " ".join(normalized.tokens)
    assert all(token.isascii() and token.isalnum() and token == token.lower() for token in normalized.tokens)
