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
    "menu:reception": Intent.HUMAN,
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
def _phrases(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.replace("\n", ",").split(",") if p.strip())


HUMAN = _phrases("""
    humano, humana, persona, persona real, agente, operador, operadora, recepcionista, hablar con alguien,
    hablar con recepcion, hablar con una persona, con alguien de la clinica, pasame con, pasa me con, ponme con,
    paseme con, robot, alguien de verdad, de carne y hueso, reclamacion, reclamaciones, queja, quejarme,
    una verguenza, es una verguenza,
    agent, human, operator, real person, someone real, talk to someone, speak to someone, speak with someone,
    a person, receptionist, representative, customer service, live chat, put me through, transfer me,
    connect me, complaint, complain, not a bot
""")
# Requests about the patient's own results and documents (act on them), vs. questions about them (answer).
RESULTS_REQUEST = _phrases("""
    mis analisis, mis resultados, mi informe, mis informes, mis pruebas, mandar, mandais, me mandas, me envias,
    me enviais, pasame, descargo, descargar, donde veo, ya estan, salieron, por aqui, por whatsapp,
    send me, send them, email me, download, results back, come back, copy of my, my test, my tests, my scan
""")
RESULTS = _phrases("""
    resultado*, analitica*, informe, informes, certificado*, justificante*, historial, receta, recetas,
    result*, report, reports, certificate, sick note, prescription, x ray, xray
""")
BOOKING_REQUEST = _phrases("see a doctor, see the doctor, me das hora, dame hora, me apuntas, apuntame, apuntarme")
BOOKING = _phrases("""
    pedir cita, cita, citas, sita, zita, reservar, reserva, agendar, anular*, cancelar*, aplazar, pedir hora,
    hueco, primera visita,
    book*, appointment, appointments, appt, schedule, reschedul*, cancel*
""")
# Problems with money already charged: a person from billing must look at the account.
BILLING_PROBLEM = _phrases("""
    cobrado dos veces, dos veces, cobro indebido, no me ha llegado la devolucion, devolucion, cargo, error en,
    charged me twice, twice, where is my refund, rejected, re issue, reissue, wrong charge,
    factura a nombre de empresa, cif
""")
# Problems with the patient's own account (act on them), vs. questions about prices and payment (answer).
BILLING_REQUEST = _phrases("""
    cobrado, cobrasteis, cobrais, cargo, devolucion, devolv*, la factura, mis facturas, factura de,
    factura a nombre, pagar la consulta,
    charged me, pay my bill, bill online, invoice for my insurance, re issue, reissue, billing problem,
    my invoice
""")
BILLING = _phrases("""
    factura*, cobr*, reembols*, dinero, recibo,
    invoice*, bill, billing, refund*, receipt
""")
# A message that opens like this asks for information: answer it, whatever it mentions.
INFO_HEADS = _phrases("""
    cuanto, cuanta, cuantos, cuantas, como, con cuanto, que, cual, cuales, se puede, hay que, tengo que,
    me hacen, aceptais, puedo pagar, donde puedo,
    how, what, whats, which, when, do you, do i, does, is there, are there, can i, can you, where can i, is it
""")
INFO_ANYWHERE = _phrases("how much, cuanto cuesta, do you, email, correo, telefono, phone")
GREETING = _phrases("""
    hola, buenas, buenos dias, buenas tardes, buenas noches, saludos, ola, holi, menu, inicio, empezar,
    hey, hi, hello, good morning, good afternoon, good evening, start, hi there
""")
THANKS = _phrases("""
    gracias, muchas gracias, mil gracias, vale gracias, perfecto, genial, adios, hasta luego, hasta pronto, chao,
    chau, nos vemos, vale, de acuerdo, entendido, listo, muy amable, amable,
    thanks, thank you, thank, bye, goodbye, cheers, see you, great, perfect, ok, okay, so much
""")
MISUNDERSTOOD = _phrases("""
    no me entiendes, no me has entendido, no es eso, eso no es lo que, no me sirve, no me ayuda, no has entendido,
    inutil, that is not what, thats not what, you dont understand, not what i asked, doesnt help, not helpful,
    useless
""")
SPAM = _phrases("""
    bitcoin, crypto*, criptomoneda*, gana dinero, ganar dinero, haz clic, pulsa aqui, has ganado,
    has ganado un premio, seleccionado para un premio, responde con tus datos,
    oferta exclusiva, casino, apuesta*, inversion garantizada, reenviado muchas veces, comparte este mensaje,
    jaja*, jeje*, te quiero bb, posicionamiento seo, seguidores, oferta limitada, ofrecemos, vendemos, catalogo,
    we sell, reply for catalogue, catalogue, in bulk, per week from home, week from home,
    earn money, make money, click here, you have won, forex, seo services, followers, hot singles,
    forwarded many times, share this message, lol, haha*
""")
# Complaints and requests for billing staff go to the billing team.
BILLING_TEAM = _phrases("facturacion, facturas, factura, cobro, billing, invoice, charge, refund")
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_FILLER = frozenset(
    "y and que ok vale muchas mil muy por favor please so oh a todo todos para you the "
    "de nuevo all very much señor senor doctor".split()
)


def _only(words: list[str], phrases: tuple[str, ...]) -> bool:
    """True when the message is made of these phrases (and filler) only, e.g. "hola buenas" or "ok gracias"."""
    if not words or len(words) > 7 or not any_phrase(words, phrases):
        return False
    covered = [False] * len(words)
    for phrase in phrases:
        size = len(phrase.split())
        for start in range(len(words) - size + 1):
            if any_phrase(words[start : start + size], (phrase,)):
                covered[start : start + size] = [True] * size
    rest = [w for w, done in zip(words, covered, strict=True) if not done and w not in _FILLER]
    return len(rest) <= 1


_VOWELS = set("aeiouy")


def _gibberish(text: str, words: list[str]) -> bool:
    """Keyboard mashing, emoji or punctuation floods: no word a patient would write."""
    stripped = text.strip()
    if not words:
        return len(stripped) >= 4 and len(set(stripped)) <= 2
    if all(len(w) >= 7 and sum(c in _VOWELS for c in w) / len(w) < 0.15 for w in words):
        return True
    rows = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    return all(len(w) >= 5 and any(w in row or row.startswith(w[:5]) for row in rows) for w in words)


def _starts_with(words: list[str], phrases: tuple[str, ...]) -> bool:
    return any(any_phrase(words[: len(p.split())], (p,)) for p in phrases)


def classify(text: str, *, button_id: str | None = None) -> Intent:
    """The intent of one message. Buttons win; then human > spam > results > billing > booking."""
    if button_id and button_id in BUTTON_INTENTS:
        return BUTTON_INTENTS[button_id]
    words = tokens(text)
    if _gibberish(text, words):
        return Intent.SPAM
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
    info = _starts_with(words, INFO_HEADS) or any_phrase(words, INFO_ANYWHERE)
    if any_phrase(words, BILLING_REQUEST):
        return Intent.BILLING
    if any_phrase(words, RESULTS_REQUEST) or (not info and any_phrase(words, RESULTS)):
        return Intent.RESULTS
    if not info and any_phrase(words, BILLING):
        return Intent.BILLING
    if any_phrase(words, BOOKING_REQUEST) or (not info and any_phrase(words, BOOKING)):
        return Intent.BOOKING
    return Intent.QUESTION
