"""The extractive answerer on a few real approved paragraphs, embedded with the real embedder in Chroma."""

from agent.answering import Answering
from agent.extractive import ExtractiveAnswerer, compose
from agent.language import detect_language
from agent.replies import BUTTONS, PHRASES
from tests.agent.corpus import DOCUMENTS

APPROVED = " ".join(chunk for doc in DOCUMENTS for chunk in doc["chunks"])


def _answer(retriever, cache, question, language="es"):
    return Answering(retriever, cache).answer(question, language=language)


def test_when_question_is_covered_then_reply_has_the_fact_and_its_source(retriever, cache):
    outcome = _answer(retriever, cache, "a q hora abris los sabados")
    assert outcome.answered
    assert "9:00 a 14:00" in outcome.text
    assert "Horarios y contacto" in outcome.text
    assert outcome.citations[0].source == "horarios.html"


def test_when_question_is_english_on_spanish_text_then_the_quote_says_its_language(retriever, cache):
    outcome = _answer(retriever, cache, "how many hours of fasting for a blood test?", language="en")
    assert outcome.answered
    assert "8 horas" in outcome.text
    assert outcome.text.startswith("From our guide (in Spanish):")
    assert "\n> " in outcome.text
    assert detect_language(outcome.text) == "en"


def test_every_answer_sentence_is_approved_text(retriever, cache):
    for question in ("como llego en metro", "cuanto antes hay que cancelar", "do you speak English?"):
        answer = ExtractiveAnswerer(retriever, cache).answer(question)
        assert answer.answered
        for _chunk, sentence in answer.parts:
            assert sentence.text in APPROVED


def test_when_a_price_is_asked_and_none_is_written_then_nothing_is_answered(retriever, cache):
    outcome = _answer(retriever, cache, "cuanto cuesta una resonancia magnetica")
    assert not outcome.answered
    assert "€" not in outcome.text


def test_when_question_is_far_from_the_documents_then_nothing_is_answered(retriever, cache):
    assert not _answer(retriever, cache, "what's the best pizza topping in Naples?", language="en").answered


def test_compose_uses_only_fixed_phrases_around_the_sentences(retriever, cache):
    answer = ExtractiveAnswerer(retriever, cache).answer("metro")
    text = compose(answer.parts, "es")
    body = [line for line in text.splitlines() if line and not line.startswith("_Fuente")]
    assert all(line.lstrip("•> ") in APPROVED for line in body)


def test_templates_exist_in_both_languages_and_buttons_fit_whatsapp():
    assert all({"es", "en"} <= set(table) for table in PHRASES.values())
    assert all(len(title) <= 20 for table in BUTTONS.values() for title in table.values())


def test_when_an_english_question_names_what_no_spanish_chunk_names_then_nothing_is_answered(retriever, cache):
    outcome = _answer(retriever, cache, "how much is a session with the nutritionist?", language="en")
    assert not outcome.answered
    assert "€" not in outcome.text


def test_when_a_duration_is_asked_about_one_thing_a_duration_of_another_does_not_answer(retriever, cache):
    outcome = _answer(retriever, cache, "cuanto dura la consulta de dermatologia")
    assert not outcome.answered


def test_when_the_question_names_something_no_retrieved_chunk_mentions_then_nothing_is_answered(retriever, cache):
    outcome = _answer(retriever, cache, "can i bring my parrot to the visit?", language="en")
    assert not outcome.answered


def _chunk(text: str, *, section: str, title: str = "Guía", language: str = "es", score: float = 0.7):
    from knowledge.types import RetrievedChunk

    return RetrievedChunk(
        chunk_id=f"{title}:{section}", text=text, score=score, document_id=1, version=1, title=title,
        source="guia.pdf", section=section, language=language,
    )  # fmt: skip


def test_when_a_message_adds_context_around_its_question_then_the_question_is_answered(retriever, cache):
    outcome = _answer(retriever, cache, "a q hora abris los sabados? es q me han dicho q cambia segun la epoca")
    assert outcome.answered
    assert "9:00 a 14:00" in outcome.text


def test_when_the_key_word_of_a_chatty_question_is_unknown_then_nothing_is_answered(retriever, cache):
    question = "how much do you charge for botox? thinking about it for a while"
    outcome = _answer(retriever, cache, question, language="en")
    assert not outcome.answered
    assert "€" not in outcome.text


def test_salience_ranks_the_word_the_question_is_about_above_its_chat_words(embedder):
    from agent.salience import weigh

    weights = weigh(embedder, "how much do you charge for botox at the clinic", ["charge", "botox"])
    assert weights["botox"] == 1.0 > weights["charge"]
    assert weigh(embedder, "parrot", ["parrot"]) == {"parrot": 1.0}


def test_when_the_best_sentence_is_one_item_of_a_list_then_the_whole_list_answers(retriever, cache):
    items = "- DNI, NIE o pasaporte.\n- La tarjeta de su seguro médico.\n- Informes anteriores."
    chunks = [
        _chunk(items, section="Qué traer"),
        _chunk("Los domingos la clínica permanece cerrada.", section="Horario", score=0.5),
    ]
    answerer = ExtractiveAnswerer(retriever, cache)
    answer = answerer.answer("q papeles tengo q traer a la cita", chunks=chunks, language="es")
    assert answer.answered
    assert [s.text for _, s in answer.parts][:3] == [
        "DNI, NIE o pasaporte.", "La tarjeta de su seguro médico.", "Informes anteriores.",
    ]  # fmt: skip


def test_when_the_answer_says_what_is_not_done_then_its_paragraph_says_what_to_do_instead(retriever, cache):
    text = "Results are only available in the secure patient portal. We never send results by WhatsApp or email."
    chunks = [_chunk(text, section="Test results", title="International", language="en")]
    answer = ExtractiveAnswerer(retriever, cache).answer("can i get my results by email", chunks=chunks, language="en")
    assert answer.answered
    assert "portal" in compose(answer.parts, "en")


def test_when_the_answer_depends_on_which_section_is_meant_each_part_is_labelled(retriever, cache):
    chunks = [
        _chunk("Acuda en ayunas de 8 horas.", section="Análisis de sangre", title="Preparación"),
        _chunk("Ayuno de 6 horas antes de la prueba.", section="Ecografía abdominal", title="Preparación"),
    ]
    answer = ExtractiveAnswerer(retriever, cache).answer("tengo q ir en ayunas?", chunks=chunks, language="es")
    assert answer.answered and answer.by_section
    text = compose(answer.parts, "es", by_section=True)
    assert "*Análisis de sangre*: Acuda en ayunas de 8 horas." in text
    assert "*Ecografía abdominal*: Ayuno de 6 horas antes de la prueba." in text
    # A question that names the section gets that section's answer only.
    named = ExtractiveAnswerer(retriever, cache).answer("ayunas para analisis de sangre", chunks=chunks, language="es")
    assert not named.by_section
