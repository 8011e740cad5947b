"""Intent routing for one patient message: normalised text, fuzzy keyword phrases, button ids."""

from __future__ import annotations

import enum
import re

from agent.text import any_phrase, tokens


class Intent(enum.StrEnum):
    QUESTION = "question"
    BOOKING = "booking"
    RESULTS = "results"
    BILLING = "billing"
    HUMAN = "human"
    GREETING = "greeting"
    THANKS = "thanks"
    SPAM = "spam"
    MISUNDERSTOOD = "misunderstood"
    # Set from guardrail verdicts, never from keywords here.
    EMERGENCY = "emergency"
    CLINICAL_ADVICE = "clinical_advice"


# Button and list-row ids the engine emits, mapped back to what the patient chose.
BUTTON_INTENTS = {
    "menu:book": Intent.BOOKING,
    "menu:hours": Intent.QUESTION,
    "menu:human": Intent.HUMAN,
    "menu:results": Intent.RESULTS,
    "human:reception": Intent.HUMAN,
    "human:billing": Intent.HUMAN,
    "human:nurse_line": Intent.HUMAN,
}
# What a menu button asks, as a question the answerer can retrieve for.
BUTTON_QUERIES = {
    "menu:hours": {"es": "¿Cuál es el horario de la clínica?", "en": "What are the clinic's opening hours?"},
    "menu:book": {"es": "¿Cómo pido una cita?", "en": "How do I book an appointment?"},
}

# Phrases are normalised (lowercase, no accents); "*" marks a prefix. Order of checks matters (see classify).
HUMAN = (
    "humano",
    "humana",
    "persona",
    "persona real",
    "agente",
    "operador",
    "operadora",
    "recepcionista",
    "hablar con alguien",
    "hablar con recepcion",
    "hablar con una persona",
    "con alguien de la clinica",
    "agent",
    "human",
    "operator",
    "real person",
    "someone real",
    "talk to someone",
    "speak to someone",
    "speak with someone",
    "a person",
    "receptionist",
    "representative",
    "customer service",
    "live chat",
)
RESULTS = (
    "resultado*",
    "analitica*",
    "informe medico",
    "informes medicos",
    "mi informe",
    "mis informes",
    "certificado*",
    "justificante*",
    "historial",
    "mis pruebas",
    "result*",
    "lab report",
    "my report",
    "medical report",
    "medical records",
    "certificate",
    "sick note",
    "my test",
    "my tests",
    "my scan",
)
BOOKING = (
    "pedir cita",
    "pedir una cita",
    "coger cita",
    "sacar cita",
    "reservar",
    "reserva",
    "agendar",
    "quiero cita",
    "quiero una cita",
    "necesito cita",
    "necesito una cita",
    "cambiar la cita",
    "cambiar mi cita",
    "cambiar cita",
    "anular*",
    "cancelar*",
    "mover la cita",
    "mover mi cita",
    "aplazar",
    "retrasar la cita",
    "pedir hora",
    "dar cita",
    "primera visita",
    "cita",
    "sita",
    "zita",
    "citas",
    "book*",
    "appointment",
    "appointments",
    "schedule",
    "reschedul*",
    "cancel*",
    "make an appt",
)
BILLING = (
    "factura*",
    "cobr*",
    "pago",
    "pagar",
    "precio*",
    "tarifa*",
    "cuesta",
    "cuanto vale",
    "reembols*",
    "devolucion",
    "aseguradora",
    "seguro",
    "mutua",
    "tarjeta",
    "bizum",
    "recibo",
    "presupuesto",
    "invoice*",
    "bill",
    "billing",
    "charge*",
    "payment",
    "pay",
    "price*",
    "cost",
    "costs",
    "refund*",
    "insurance",
    "insurer",
    "fee",
    "fees",
    "receipt",
    "how much",
)
GREETING = (
    "hola",
    "buenas",
    "buenos dias",
    "buenas tardes",
    "buenas noches",
    "hey",
    "hi",
    "hello",
    "good morning",
    "good afternoon",
    "good evening",
    "saludos",
    "ola",
    "holi",
    "menu",
    "inicio",
    "start",
    "empezar",
)
THANKS = (
    "gracias",
    "muchas gracias",
    "mil gracias",
    "vale gracias",
    "perfecto",
    "genial",
    "adios",
    "hasta luego",
    "hasta pronto",
    "chao",
    "chau",
    "nos vemos",
    "thanks",
    "thank you",
    "thank",
    "bye",
    "goodbye",
    "cheers",
    "see you",
    "great",
    "perfect",
    "ok",
    "vale",
    "okay",
    "de acuerdo",
    "entendido",
    "listo",
    "👍",
)
MISUNDERSTOOD = (
    "no me entiendes",
    "no entiendes",
    "no es eso",
    "eso no es lo que",
    "no me sirve",
    "no me ayuda",
    "no has entendido",
    "that is not what",
    "thats not what",
    "you dont understand",
    "not what i asked",
    "doesnt help",
    "not helpful",
    "useless",
    "inutil",
)
SPAM = (
    "bitcoin",
    "crypto*",
    "criptomoneda*",
    "gana dinero",
    "ganar dinero",
    "earn money",
    "make money",
    "click here",
    "haz clic",
    "pulsa aqui",
    "premio",
    "you have won",
    "has ganado",
    "oferta exclusiva",
    "casino",
    "apuesta*",
    "forex",
    "inversion garantizada",
    "seo services",
    "followers",
)
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_FILLER = frozenset(
    "y and que ok vale muchas mil muy por favor please so oh a todo todos para you the "
    "de nuevo all very much señor senor doctor".split()
)


def _only(words: list[str], phrases: tuple[str, ...]) -> bool:
    """True when the message is made of these phrases (and filler) only, e.g. "hola buenas" or "ok gracias"."""
    if not words or not any_phrase(words, phrases):
        return False
    rest = [w for w in words if not any_phrase([w], phrases) and w not in _FILLER]
    return len(rest) <= 1 and len(words) <= 6


def classify(text: str, *, button_id: str | None = None) -> Intent:
    """The intent of one message. Buttons win; then human > spam > results > billing > booking."""
    if button_id and button_id in BUTTON_INTENTS:
        return BUTTON_INTENTS[button_id]
    words = tokens(text)
    if not words:
        return Intent.GREETING if not text.strip() else Intent.THANKS
    if any_phrase(words, HUMAN):
        return Intent.HUMAN
    if any_phrase(words, SPAM) or (_URL.search(text) and len(words) > 3):
        return Intent.SPAM
    if any_phrase(words, MISUNDERSTOOD):
        return Intent.MISUNDERSTOOD
    if _only(words, GREETING):
        return Intent.GREETING
    if _only(words, THANKS):
        return Intent.THANKS
    if any_phrase(words, RESULTS):
        return Intent.RESULTS
    if any_phrase(words, BILLING):
        return Intent.BILLING
    if any_phrase(words, BOOKING):
        return Intent.BOOKING
    return Intent.QUESTION
