"""Distress (fear, despair, anxiety) and complaints (bad service, claims), Spanish and English."""

from __future__ import annotations

from guardrails.decision import Verdict
from guardrails.detectors.normalize import Normalized
from guardrails.detectors.phrases import PhraseSet, phrase_list

DISTRESS = "distress"
COMPLAINT = "complaint"

_DISTRESS = phrase_list(
    """
    estoy desesperad~, desesperad~, estoy muy mal, me siento fatal, me siento muy mal, estoy muy angustiad~,
    angustiad~, angustia, tengo mucha ansiedad, ataque de ansiedad, ataque de panico, no aguanto mas, no puedo
    mas, ya no puedo mas, estoy llorando, no paro de llorar, tengo mucho miedo, estoy asustad~, muy asustad~,
    aterrad~, estoy agobiad~, muy agobiad~, estoy deprimid~, me siento sol~, me siento muy sol~, nadie me ayuda,
    estoy hundid~, estoy destrozad~, no se que hacer, estoy preocupadisim~, muy preocupad~, estoy de los
    nervios, muy nervios~, im desperate, desperate, im scared, so scared, really scared, terrified, panic
    attack, panicking, im freaking out, freaking out, very anxious, so anxious, anxiety attack, cant cope, cant
    take it anymore, cant take this anymore, overwhelmed, im crying, cant stop crying, depressed, hopeless,
    nobody helps me, no one is helping, feel awful, feel terrible, so alone, very worried, so worried, really
    worried, dont know what to do
"""
)
_COMPLAINT = phrase_list(
    """
    queja, quejarme, quiero poner una queja, reclamacion, hoja de reclamaciones, poner una reclamacion,
    denuncia~, pesimo, pesima, vergonzos~, verguenza, indignad~, inaceptable, fatal servicio, mal servicio,
    servicio horrible, muy mal atendid~, me han atendido fatal, me han tratado fatal, me trataron fatal,
    maleducad~, nadie me contesta, nadie contesta, nadie me coge, nadie coge el telefono, llevo * esperando,
    llevo horas esperando, estoy hart~, hart~ de, incompetentes, una estafa, devuelvan mi dinero, devolverme el
    dinero, quiero mi dinero, es una verguenza, un desastre, que desastre, no es normal que, abogado, complaint,
    complain, file a complaint, terrible service, awful service, horrible service, unacceptable, disgusting,
    ridiculous, rude, nobody answers, no one answers, nobody picks up, been waiting for, waiting for hours, fed
    up, sick of, incompetent, disappointed, lawyer, lawsuit, sue you, worst clinic, want my money back, a scam,
    disgrace
"""
)

_PHRASES = PhraseSet({DISTRESS: _DISTRESS, COMPLAINT: _COMPLAINT})


class DistressDetector:
    """Finds distress (``distress``, to the nurse line) and complaints (``complaint``, to reception)."""

    def detect(self, raw: str, text: Normalized) -> list[Verdict]:  # noqa: ARG002 - phrase rules only
        return [Verdict(name=name) for name in sorted(_PHRASES.find(text))]
