"""Explicit requests to talk to a person (reception), Spanish and English, typo-tolerant."""

from __future__ import annotations

from guardrails.decision import Verdict
from guardrails.detectors.normalize import Normalized
from guardrails.detectors.phrases import PhraseSet, phrase_list

HUMAN_REQUEST = "human_request"

_PHRASES_ES = phrase_list(
    """
    hablar con una persona, hablar con alguien, hablar con un humano, hablar con humano, con una persona real,
    persona de verdad, persona real, una persona por favor, humano, humana, agente, operador, operadora,
    recepcionista, hablar con recepcion, pasame con, paseme con, me pasas con, me pase con, me puede pasar con,
    que me llame alguien, que me llamen, llamenme, llamadme, atencion al cliente, atencion personal, alguien de
    la clinica, un empleado, una persona que me atienda, quiero que me atienda una persona, no quiero hablar con
    un robot, no quiero hablar con una maquina, eres un robot, eres una maquina, hablar con el personal
"""
)
_PHRASES_EN = phrase_list(
    """
    talk to a human, speak to a human, talk to a person, speak to a person, speak with a person, talk to
    someone, speak to someone, speak with someone, real person, real human, human, agent, live agent, operator,
    representative, receptionist, someone from the clinic, call me back, customer service, not a bot, not a
    robot, stop the bot, talk to staff, speak to staff, a person please
"""
)

_PHRASES = PhraseSet({HUMAN_REQUEST: _PHRASES_ES + _PHRASES_EN})


class HumanRequestDetector:
    """Finds an explicit wish to talk to a person (``human_request``)."""

    def detect(self, raw: str, text: Normalized) -> list[Verdict]:  # noqa: ARG002 - phrase rules only
        return [Verdict(name=name) for name in sorted(_PHRASES.find(text))]
