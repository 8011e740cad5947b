"""Language of one chat message (es/en): lingua restricted to Spanish and English plus chat-word evidence."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from agent.text import tokens
from guardrails.detectors.normalize import COURTESY_WORDS

Lang = Literal["es", "en"]
# Titles and quotations: «…» and “…” hold someone else's words.
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”")

# Words that almost only occur in one of the two languages in clinic chats (normalised: no accents).
_ES = frozenset(
    "hola buenas buenos dias tardes noches gracias que quiero necesito tengo cita citas horario horarios "
    "cuando donde cuanto cuanta cuesta como puedo podria sabado sabados domingo domingos lunes martes "
    "miercoles jueves viernes manana hoy por favor porque tambien vale adios hasta luego y el la los las "
    "del de en con para mi mis su es son esta estan hay abris abren cerrais cierran consulta resultados "
    "analisis pedir cambiar cancelar anular medico medica enfermera persona humano hablar precio seguro "
    "factura pago tarjeta si no pero muchas perfecto genial claro ayuda tienen teneis hacen haceis "
    "vacuna gripe ayunas prueba pruebas urgencias llamar telefono direccion llegar aparcamiento".split()
)
_EN = frozenset(
    "hi hello hey thanks thank you what when where how much do does can could would the is are my your "
    "i im appointment appointments book booking open opening hours saturday saturdays sunday monday "
    "tuesday wednesday thursday friday today tomorrow please bye goodbye great perfect cheers need want "
    "nearest near agent "
    "have has get results test tests doctor nurse person human talk speak price cost insurance invoice "
    "pay card yes no but and or on at of for with to it this that there vaccine flu fasting emergency "
    "call phone address parking time times which who there they we our".split()
)
_CAPITAL = r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ]*"
_PROPER_NAME = re.compile(rf"\b{_CAPITAL}(?:\s+(?:(?:de|del|la|las|los|y|of|the)\s+)*{_CAPITAL})+")
# Words in both sets (e.g. "no") carry no evidence.
_ES_ONLY = _ES - _EN
_EN_ONLY = _EN - _ES


@lru_cache(maxsize=1)
def _detector() -> object:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.SPANISH, Language.ENGLISH).build()


def _lingua_spanish_share(text: str) -> float:
    from lingua import Language

    detector = _detector()
    values = detector.compute_language_confidence_values(text)  # type: ignore[attr-defined]
    return next((v.value for v in values if v.language == Language.SPANISH), 0.5)


def detect_language(text: str, *, default: Lang = "es") -> Lang:
    """``default`` (the conversation's language) wins for texts with no evidence, like "ok" or "👍".

    Quoted lines ("> …", WhatsApp's quote) are someone else's words: a message is in the language of its own.
    """
    own = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    if own and len(own) < len(text.splitlines()):
        text = "\n".join(own)
    text = _QUOTED.sub(" ", text)
    # Names of places and institutions ("Calle de la Demostración", "Clínica Demo Recepta") keep their
    # language inside a sentence of the other one.
    unnamed = _PROPER_NAME.sub(" ", text)
    if len(tokens(unnamed)) >= 3:
        text = unnamed
    words = tokens(text)
    if not words:
        return default
    # "price for x-ray por favor", "teneis parking? please": a courtesy word in the other language is
    # code-switching; the rest of the message says which language it is in.
    content = [w for w in words if w not in COURTESY_WORDS]
    if (len(content) >= 2 or sum(len(w) for w in content) >= 5) and len(content) < len(words):
        words, text = content, " ".join(content)
    es_hits = sum(w in _ES_ONLY for w in words)
    en_hits = sum(w in _EN_ONLY for w in words)
    if es_hits and en_hits and len(content) < 2:
        # Only pleasantries in both languages ("thanks! gracias", "hola, thanks"): the first one is the patient's.
        return "es" if next(w for w in words if w in _ES_ONLY or w in _EN_ONLY) in _ES_ONLY else "en"
    letters = sum(len(w) for w in words if not w.isdigit())
    # lingua is unreliable on one or two short words, so its vote grows with the length of the text.
    weight = min(letters / 12.0, 2.0)
    score = 1.5 * (es_hits - en_hits)
    if letters >= 3:
        score += weight * (2.0 * _lingua_spanish_share(text) - 1.0)
    if abs(score) < 0.6:
        return default
    return "es" if score > 0 else "en"
