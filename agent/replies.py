"""Fixed phrases of the assistant in Spanish and English, and the reply buttons it offers.

Everything here is templated: the only facts it states come from settings (clinic name, emergency number,
portal link, office hours), never from a model.
"""

from __future__ import annotations

from channels.messages import INTERACTIVE_BODY_MAX, TEXT_MAX, Button, ButtonsMessage, OutboundMessage, TextMessage
from guardrails.decision import Team

PHRASES: dict[str, dict[str, str]] = {
    "welcome": {
        "es": "¡Hola! Soy el asistente de WhatsApp de *{clinic}*. Puedo ayudarte con horarios, citas, "
        "servicios, seguros y tarifas, y decirte cómo ver tus resultados en el portal del paciente. "
        "No doy consejo médico. Si es una urgencia, llama al *{emergency}*.",
        "en": "Hi! I'm the WhatsApp assistant of *{clinic}*. I can help with opening hours, appointments, "
        "services, insurance and prices, and tell you how to see your results in the patient portal. "
        "I don't give medical advice. In an emergency, call *{emergency}*.",
    },
    "source": {"es": "Fuente: «{title}»", "en": "Source: «{title}»"},
    "other_language": {"es": "Según nuestra guía (en {lang}):", "en": "From our guide (in {lang}):"},
    "lang_es": {"es": "español", "en": "Spanish"},
    "lang_en": {"es": "inglés", "en": "English"},
    "dont_know": {
        "es": "Lo siento, no tengo esa información en los documentos de la clínica y prefiero no "
        "inventarla. ¿Quieres que te atienda una persona del equipo?",
        "en": "Sorry, I don't have that information in the clinic's documents and I'd rather not guess. "
        "Would you like a person from our team to help you?",
    },
    "out_of_scope": {
        "es": "Con eso no puedo ayudarte por aquí: solo respondo dudas sobre la clínica (horarios, citas, "
        "servicios, seguros y tarifas, resultados en el portal). ¿Quieres hablar con una persona?",
        "en": "I can't help with that here: I only answer questions about the clinic (hours, appointments, "
        "services, insurance and prices, results in the portal). Would you like to talk to a person?",
    },
    "booking": {
        "es": "Por aquí todavía no puedo reservar, cambiar ni anular citas, pero recepción sí puede.",
        "en": "I can't book, change or cancel appointments here yet, but our reception team can.",
    },
    "results": {
        "es": "Por privacidad, los resultados y documentos médicos nunca se envían por WhatsApp: cuando "
        "estén listos los verás en el portal seguro del paciente: {portal}",
        "en": "For your privacy, results and medical documents are never sent over WhatsApp: when they are "
        "ready you will find them in the secure patient portal: {portal}",
    },
    "billing": {
        "es": "Si tu consulta es sobre una factura o un cobro concreto, el equipo de facturación puede "
        "revisarlo contigo.",
        "en": "If your question is about a specific invoice or charge, our billing team can look into it.",
    },
    "thanks": {
        "es": "¡De nada! Aquí estoy si necesitas algo más. 😊",
        "en": "You're welcome! I'm here if you need anything else. 😊",
    },
    "spam": {
        "es": "Este canal es solo para pacientes de la clínica.",
        "en": "This channel is only for the clinic's patients.",
    },
    "misunderstood": {
        "es": "Perdona, parece que no te he entendido bien. ¿Puedes decírmelo con otras palabras, o "
        "prefieres hablar con una persona?",
        "en": "Sorry, it seems I didn't understand you. Could you put it another way, or would you rather "
        "talk to a person?",
    },
    "handoff_open_hours": {
        "es": "He pasado tu conversación a {team}. Una persona te responderá por aquí en breve, dentro "
        "del horario de atención ({hours}).",
        "en": "I've passed your conversation to {team}. A person will reply here shortly, within office "
        "hours ({hours}).",
    },
    "waiting_after_hours": {
        "es": "Tu conversación sigue con nuestro equipo. Ahora estamos fuera del horario de atención; una persona "
        "te responderá por aquí a partir del {next_open}.",
        "en": "Your conversation is still with our team. We're outside office hours now; a person will reply here "
        "from {next_open}.",
    },
    "handoff_after_hours": {
        "es": "He pasado tu conversación a {team}. Ahora estamos fuera del horario de atención; una "
        "persona te responderá por aquí a partir del {next_open}.",
        "en": "I've passed your conversation to {team}. We're outside office hours now; a person will "
        "reply here from {next_open}.",
    },
    "handoff_emergency_note": {
        "es": "Si es una urgencia, llama al *{emergency}*.",
        "en": "If it's an emergency, call *{emergency}*.",
    },
    "handoff_already": {
        "es": "Tu conversación ya está con {team}; una persona te responderá por aquí.",
        "en": "Your conversation is already with {team}; a person will reply here.",
    },
    "team_reception": {"es": "recepción", "en": "reception"},
    "team_billing": {"es": "facturación", "en": "billing"},
    "team_nurse_line": {"es": "enfermería", "en": "the nurse line"},
    "sensitive_not_here": {
        "es": "Por seguridad, no compartas documentos de identidad, números de tarjeta ni datos médicos por "
        "WhatsApp; para eso usa el portal del paciente: {portal}",
        "en": "For your safety, please don't share ID, card numbers or medical details over WhatsApp; use "
        "the patient portal instead: {portal}",
    },
    "footer": {
        "es": "Sin consejo médico · Urgencias: {emergency}",
        "en": "No medical advice · Emergencies: {emergency}",
    },
    "booking_how_query": {"es": "¿Cómo pido una cita?", "en": "How do I book an appointment?"},
    "billing_contact_query": {
        "es": "¿Cómo contacto con el departamento de facturación?",
        "en": "How do I contact the billing department?",
    },
    "safe_fallback": {
        "es": "Perdona, no puedo responder a eso por aquí. ¿Quieres hablar con una persona?",
        "en": "Sorry, I can't answer that here. Would you like to talk to a person?",
    },
}

# Button titles: at most 20 code points (WhatsApp). "Hablar con enfermería" would be 21.
BUTTONS: dict[str, dict[str, str]] = {
    "menu:book": {"es": "Pedir cita", "en": "Book appointment"},
    "menu:hours": {"es": "Horarios", "en": "Opening hours"},
    "menu:reception": {"es": "Hablar con persona", "en": "Talk to a person"},
    "human:reception": {"es": "Hablar con recepción", "en": "Talk to reception"},
    "human:billing": {"es": "Equipo facturación", "en": "Billing team"},
    "human:nurse_line": {"es": "Contactar enfermería", "en": "Nurse line"},
}
HANDOFF_BUTTON = {"reception": "human:reception", "billing": "human:billing", "nurse_line": "human:nurse_line"}


def phrase(key: str, language: str, **values: str) -> str:
    table = PHRASES[key]
    return table.get(language, table["es"]).format(**values)


def button(button_id: str, language: str) -> Button:
    return Button(id=button_id, title=BUTTONS[button_id].get(language, BUTTONS[button_id]["es"]))


def team_name(team: Team, language: str) -> str:
    return phrase(f"team_{team}", language)


def compose(text: str, button_ids: list[str], language: str, *, footer: str | None = None) -> OutboundMessage:
    """One WhatsApp message: plain text, or text with reply buttons when there are choices."""
    if not button_ids:
        return TextMessage(text=fit(text, TEXT_MAX))
    return ButtonsMessage(
        text=fit(text, INTERACTIVE_BODY_MAX), buttons=[button(b, language) for b in button_ids], footer=footer
    )


def fit(text: str, limit: int) -> str:
    """``text`` within WhatsApp's ``limit``: whole lines are dropped from the end of the first paragraph block
    (the answer), keeping what follows the last blank line (its source); a single over-long line is cut."""
    if len(text) <= limit:
        return text
    body, _, trailer = text.rpartition("\n\n")
    if not body:
        body, trailer = text, ""
    lines = body.split("\n")
    tail = f"\n\n{trailer}" if trailer else ""
    while len(lines) > 1 and len("\n".join(lines)) + len(tail) > limit:
        lines.pop()
    kept = "\n".join(lines) + tail
    return kept if len(kept) <= limit else kept[: limit - 1].rstrip() + "…"
