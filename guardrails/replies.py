"""Safe replies the policy sends instead of (or before) anything else, in Spanish and English."""

from __future__ import annotations

from guardrails.detectors.normalize import Normalized

REPLIES: dict[str, dict[str, str]] = {
    "emergency": {
        "es": "Si es una emergencia, llama ahora al {emergency_number}: no esperes una respuesta por WhatsApp. "
        "He avisado a nuestro equipo de enfermería.",
        "en": "If this is an emergency, call {emergency_number} now: do not wait for a reply on WhatsApp. "
        "I have alerted our nursing team.",
    },
    "self_harm": {
        "es": "Siento mucho que estés pasando por esto y me alegra que lo hayas escrito. Si estás en peligro o "
        "piensas hacerte daño, llama ahora al {emergency_number}. He avisado a nuestro equipo de enfermería "
        "para que una persona te contacte.",
        "en": "I am very sorry you are going through this, and I am glad you wrote. If you are in danger or "
        "thinking of hurting yourself, call {emergency_number} now. I have alerted our nursing team so that "
        "a person contacts you.",
    },
    "health_document": {
        "es": "Por favor, no envíes informes, resultados ni fotos de documentos médicos por WhatsApp. Puedes "
        "compartirlos de forma segura en el portal del paciente: {portal_url}",
        "en": "Please do not send medical reports, results or photos of medical documents on WhatsApp. You can "
        "share them safely in the patient portal: {portal_url}",
    },
    "sensitive_identifier": {
        "es": "Por tu seguridad, no envíes por WhatsApp tu DNI/NIE, número de la Seguridad Social, tarjetas, "
        "cuentas bancarias ni contraseñas: no lo hemos guardado. Para gestiones con tus datos usa el portal "
        "del paciente: {portal_url}",
        "en": "For your safety, please do not send ID, social security, card or bank numbers or passwords on "
        "WhatsApp: we have not stored it. For anything involving your personal data, use the patient portal: "
        "{portal_url}",
    },
    "clinical_advice": {
        "es": "No puedo dar consejo médico por este chat (diagnósticos, tratamientos o dosis). Puedo pasar tu "
        "consulta a nuestro equipo de enfermería. Si es urgente, llama al {emergency_number}.",
        "en": "I cannot give medical advice in this chat (diagnoses, treatments or doses). I can pass your "
        "question to our nursing team. If it is urgent, call {emergency_number}.",
    },
    "prompt_injection": {
        "es": "Solo puedo ayudarte con gestiones de {clinic_name}: citas, horarios, precios y documentos.",
        "en": "I can only help with {clinic_name} matters: appointments, opening hours, prices and documents.",
    },
    "data_extraction": {
        "es": "No puedo compartir información de otras personas. Tus propios datos y resultados están en el "
        "portal del paciente: {portal_url}",
        "en": "I cannot share information about other people. Your own data and results are in the patient "
        "portal: {portal_url}",
    },
    "sales": {
        "es": "En este chat no vendemos ni recomendamos medicamentos ni productos. Para recetas o medicación, "
        "pide cita con tu médico.",
        "en": "We do not sell or recommend medicines or products in this chat. For prescriptions or "
        "medication, book an appointment with your doctor.",
    },
    "spam": {
        "es": "Este chat es solo para pacientes de {clinic_name}.",
        "en": "This chat is only for patients of {clinic_name}.",
    },
    "distress": {
        "es": "Siento que estés pasando un mal momento. Aviso a nuestro equipo para que una persona te atienda "
        "cuanto antes. Si es una emergencia, llama al {emergency_number}.",
        "en": "I am sorry you are having a hard time. I am asking our team to have a person get back to you as "
        "soon as possible. If it is an emergency, call {emergency_number}.",
    },
    "complaint": {
        "es": "Siento las molestias. Paso tu mensaje a recepción para que una persona lo revise y te responda.",
        "en": "I am sorry about this. I am passing your message to reception so that a person reviews it and replies.",
    },
    "human_request": {
        "es": "De acuerdo, te paso con una persona de recepción. Te responderán en cuanto puedan.",
        "en": "Sure, I am passing you to a person at reception. They will reply as soon as they can.",
    },
    "billing_request": {
        "es": "De acuerdo, te paso con una persona de facturación. Te responderán en cuanto puedan.",
        "en": "Sure, I am passing you to a person in billing. They will reply as soon as they can.",
    },
    "outbound_refused": {
        "es": "No puedo compartir esa información por WhatsApp. Puedes consultarla en el portal del paciente: "
        "{portal_url}",
        "en": "I cannot share that information on WhatsApp. You can find it in the patient portal: {portal_url}",
    },
    "results_portal": {
        "es": "Por privacidad, los resultados y documentos solo se consultan en el portal del paciente: {portal_url}",
        "en": "For your privacy, results and documents are only available in the patient portal: {portal_url}",
    },
    "never_ask_secret": {
        "es": "Por seguridad, nunca te pediremos por WhatsApp contraseñas ni números completos de tarjeta o de la "
        "Seguridad Social. Para esas gestiones usa el portal del paciente: {portal_url}",
        "en": "For your security, we never ask for passwords or full card or social security numbers on "
        "WhatsApp. Use the patient portal for that: {portal_url}",
    },
    "staff_phi": {
        "es": "No enviado: el mensaje contiene datos personales o de salud ({types}). Compártelos a través del "
        "portal del paciente, nunca por WhatsApp.",
        "en": "Not sent: the message contains personal or health data ({types}). Share it through the patient "
        "portal, never on WhatsApp.",
    },
    "staff_secret": {
        "es": "No enviado: no pidas contraseñas ni números completos de tarjeta o de la Seguridad Social por WhatsApp.",
        "en": "Not sent: do not ask for passwords or full card or social security numbers on WhatsApp.",
    },
    "staff_results": {
        "es": "No enviado: los resultados solo se comunican con un enlace al portal del paciente, nunca sus "
        "valores por WhatsApp.",
        "en": "Not sent: results are only announced with a link to the patient portal, never their values on WhatsApp.",
    },
}

# Frequent chat words that tell Spanish from English (accents already stripped by the normaliser).
_ES = frozenset(
    "que de la el en y a los las por para con una un es no mi me tengo quiero hola gracias cita puedo como "
    "cuando donde cuanto esta estoy buenas buenos dias tardes favor necesito hay teneis tiene pedir".split()
)
_EN = frozenset(
    "the and to of is i my you your a an in for with can do have what when where how much please thanks "
    "hello hi appointment need want am are it this on at".split()
)


def guess_language(text: Normalized, default: str) -> str:
    """``es`` or ``en`` from frequent words; ``default`` when neither clearly wins."""
    es = sum(t in _ES for t in text.tokens)
    en = sum(t in _EN for t in text.tokens)
    if es == en:
        return default
    return "es" if es > en else "en"


def reply(key: str, language: str, **values: str) -> str:
    texts = REPLIES[key]
    return texts.get(language, texts["es"]).format(**values)
