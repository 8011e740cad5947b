"""Intent routing and language detection on chat text: typos, missing accents, code-switching."""

import pytest

from agent.intents import Intent, classify
from agent.language import detect_language
from agent.text import normalize, word_matches


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hola", Intent.GREETING),
        ("Hola buenas!!", Intent.GREETING),
        ("good morning", Intent.GREETING),
        ("gracias", Intent.THANKS),
        ("vale gracias, hasta luego", Intent.THANKS),
        ("ok thx bye", Intent.THANKS),
        ("quiero hablar con un humano", Intent.HUMAN),
        ("quiero hablar con un umano", Intent.HUMAN),
        ("kiero ablar con una persona", Intent.HUMAN),
        ("PERSONA", Intent.HUMAN),
        ("operater please", Intent.HUMAN),
        ("I want a humna", Intent.HUMAN),
        ("pasame con recepcion porfa", Intent.HUMAN),
        ("quiero pedir cita", Intent.BOOKING),
        ("kiero pedir sita", Intent.BOOKING),
        ("necesito cancelar mi cita del martes", Intent.BOOKING),
        ("need to reschedule my appointment on friday", Intent.BOOKING),
        ("quiero una cita with the dermatologist", Intent.BOOKING),
        ("ya estan mis analisis?", Intent.RESULTS),
        ("can you send me my blood test results", Intent.RESULTS),
        ("me habeis cobrado dos veces la consulta", Intent.BILLING),
        ("you charged me twice", Intent.BILLING),
        ("a q hora abris el sabado", Intent.QUESTION),
        ("cuanto cuesta la consulta de dermatologia", Intent.QUESTION),
        ("how late can i cancel", Intent.QUESTION),
        ("cuanto tardan los resultados de sangre", Intent.QUESTION),
        ("asdfghjkl", Intent.SPAM),
        ("GANA DINERO con bitcoin http://x.example", Intent.SPAM),
        ("no me entiendes", Intent.MISUNDERSTOOD),
    ],
)
def test_when_patient_writes_then_intent_is_recognised(text, intent):
    assert classify(text) == intent


@pytest.mark.parametrize("word", ["personal", "datos personales", "agenda"])
def test_when_a_word_only_looks_like_a_keyword_then_it_is_not_a_human_request(word):
    assert classify(word) != Intent.HUMAN


def test_when_a_button_is_tapped_then_its_id_decides_the_intent():
    assert classify("Pedir cita", button_id="menu:book") == Intent.BOOKING
    assert classify("Hablar con persona", button_id="menu:reception") == Intent.HUMAN


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("a q hora abris", "es"),
        ("gracias", "es"),
        ("y los sabados?", "es"),
        ("thanks", "en"),
        ("and on saturdays?", "en"),
        ("what time do you open el sabado", "en"),
        ("quiero hablar con un humano", "es"),
        ("I need to talk to a human", "en"),
        # A courtesy word in the other language is code-switching: the rest decides.
        ("price for x-ray por favor", "en"),
        ("my son is 14 can he go alone gracias", "en"),
        ("teneis parking propio? please", "es"),
        ("thanks! gracias", "en"),
        ("hola, thanks", "es"),
        # Names of places keep their language inside a sentence of the other one.
        (
            "Clínica Demo Recepta is a private medical centre in Madrid (Calle de la Demostración 14, 28010 Madrid).",
            "en",
        ),
        ("Los sábados abrimos de 9:00 a 14:00 en la Clínica Demo Recepta.", "es"),
    ],
)
def test_when_message_has_evidence_then_its_language_is_detected(text, language):
    assert detect_language(text, default="es") == language
    assert detect_language(text, default="en") == language


@pytest.mark.parametrize("text", ["ok", "👍", "..."])
def test_when_message_has_no_evidence_then_conversation_language_is_kept(text):
    assert detect_language(text, default="es") == "es"
    assert detect_language(text, default="en") == "en"


def test_when_a_reply_quotes_another_language_then_its_own_words_decide():
    reply = "From our guide (in Spanish):\n> Los sábados abrimos de 9:00 a 14:00.\n\n_Source: «Horarios y contacto»_"
    assert detect_language(reply) == "en"


def test_normalise_strips_accents_repeats_and_chat_abbreviations():
    assert normalize("Holaaaa, ¿Q tal? Xq no abrís") == "hola que tal porque no abris"
    assert word_matches("resepcion", "recepcion")


def test_a_message_in_capitals_is_read_in_lower_case_placeholders_kept():
    from agent.text import calm_case

    assert calm_case("LA DIRECCION PORFA") == "la direccion porfa"
    assert calm_case("MI DNI ES <ES_NIF> Y QUIERO CITA") == "mi dni es <ES_NIF> y quiero cita"
    assert calm_case("Hola, a que hora abris el Sábado") == "Hola, a que hora abris el Sábado"
    assert calm_case("OK") == "OK"
