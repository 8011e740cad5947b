"""Explicit requests to talk to a person (reception), Spanish and English, typo-tolerant."""

from __future__ import annotations

from guardrails.decision import Verdict
from guardrails.detectors.normalize import Normalized
from guardrails.detectors.phrases import CharFuzzy, PhraseSet, phrase_list

HUMAN_REQUEST = "human_request"
# A person from billing rather than reception ("quiero hablar con alguien de facturacion").
BILLING_REQUEST = "billing_request"
_BILLING = "billing"
# One bare word ("PERSONA", "human") is a request only when it is (nearly) the whole message.
_BARE = "bare"
_BARE_MAX_TOKENS = 4

_PHRASES_ES = phrase_list(
    """
    hablar con una persona, hablar con alguien, hablar con un humano, hablar con humano, con una persona real,
    persona de verdad, persona real, una persona por favor, humano, humana, agente, operador, operadora,
    recepcionista, hablar con recepcion, pasame con, paseme con, me pasas con, me pase con, me puede pasar con,
    que me llame alguien, que me llamen, llamenme, llamadme, atencion al cliente, atencion personal, alguien de
    la clinica, un empleado, una persona que me atienda, quiero que me atienda una persona, no quiero hablar con
    un robot, no quiero hablar con una maquina, eres un robot, eres una maquina, hablar con el personal, alguien
    de verdad, una persona de verdad, atender alguien, me puede atender alguien, pasadme con, pasame a, con
    alguien de facturacion, hablar con facturacion, hablar con alguien
"""
)
_PHRASES_EN = phrase_list(
    """
    talk to a human, speak to a human, talk to a person, speak to a person, speak with a person, talk to
    someone, speak to someone, speak with someone, real person, real human, human, agent, live agent, operator,
    representative, receptionist, someone from the clinic, call me back, customer service, not a bot, not a
    robot, stop the bot, talk to staff, speak to staff, a person please, put me through, transfer me, connect
    me, talk to billing, speak to billing, get me a human, someone real, a real human
"""
)

_BILLING_WORDS = phrase_list(
    """
    facturacion, factura, facturas, cobro, cobros, me habeis cobrado, pago, pagos, reembolso, devolucion,
    contabilidad, billing, invoice, invoices, payment, payments, charge, charged, refund, accounts
"""
)

_PHRASES = PhraseSet(
    {
        HUMAN_REQUEST: _PHRASES_ES + _PHRASES_EN,
        _BARE: ["persona", "personal", "person", "alguien", "someone"],
        _BILLING: _BILLING_WORDS,
    }
)


# Mistyped short words ("hablar con ua persona", "put em through"): a character-level second pass.
_FUZZY = CharFuzzy(
    _PHRASES_ES + _PHRASES_EN,
    _PHRASES,
    ["hablar", "persona", "humano", "alguien", "robot", "talk", "speak", "person", "human", "through", "someone"],
)


class HumanRequestDetector:
    """Finds an explicit wish to talk to a person (``human_request``, or ``billing_request`` for billing)."""

    def detect(self, raw: str, text: Normalized) -> list[Verdict]:  # noqa: ARG002 - phrase rules only
        found = _PHRASES.find(text)
        if _BARE in found and len(text.tokens) <= _BARE_MAX_TOKENS:
            found.add(HUMAN_REQUEST)
        if HUMAN_REQUEST not in found and _FUZZY.find(text):
            found.add(HUMAN_REQUEST)
        if HUMAN_REQUEST not in found:
            return []
        return [Verdict(name=BILLING_REQUEST if _BILLING in found else HUMAN_REQUEST)]
