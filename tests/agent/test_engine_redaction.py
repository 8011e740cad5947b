"""What the engine reads: redacted text whatever the action, no placeholders or politeness taken for requests."""

from __future__ import annotations

import json

from agent.answering import Answering
from agent.engine import Engine
from guardrails.decision import Entity, GuardrailDecision
from tests.agent.conftest import Chat
from tests.agent.fakes import RecordingPolicy


class NamePolicy(RecordingPolicy):
    """Redacts the name "Rosa" as a PERSON on top of the scripted policy."""

    def check(self, text, *, direction, language=None) -> GuardrailDecision:
        decision = super().check(text, direction=direction, language=language)
        start = decision.redacted.find("Rosa")
        if start < 0:
            return decision
        entity = Entity(type="PERSON", start=start, end=start + 4, score=0.9)
        redacted = decision.redacted.replace("Rosa", "<PERSON>")
        action = "redact" if decision.action == "allow" else decision.action
        return decision.model_copy(update={"redacted": redacted, "action": action, "entities": [entity]})


def test_when_a_refused_message_carries_an_identifier_then_memory_keeps_it_redacted(chat):
    chat.send("mi dni es 12345678Z, cuanto ibuprofeno me tomo?")
    memory = json.dumps(chat.conversation().memory, ensure_ascii=False)
    assert "12345678Z" not in memory


def test_when_a_name_is_redacted_then_the_placeholder_does_not_ask_for_a_person(settings, retriever, cache, sessions):
    engine = Engine(settings, NamePolicy(), Answering(retriever, cache))
    result = Chat(engine, sessions).send("Hola, soy Rosa, que horario teneis el sabado?")
    assert result.intent == "question"
    assert result.handoff is None


def test_when_a_question_comes_wrapped_in_politeness_then_it_is_still_answered(chat):
    result = chat.send("Hola buenas, perdona la molestia, a q hora abris los sabados? Muchas gracias de antemano!")
    assert result.intent == "question"
    assert result.handoff is None
