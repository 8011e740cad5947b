"""Glossary concepts and cognates: how the answerer tells whether a chunk names what a question names."""

from agent.answer_types import asked_types, holds
from agent.glossary import cognate_stem, concept
from agent.subjects import concepts, subject_concepts


def test_spanish_and_english_words_of_one_group_share_a_concept():
    assert concept("refund") == concept("reembolso") == concept("devolución".replace("ó", "o"))
    assert concept("ultrasound") == concept("ecografia")
    assert concept("vacunarme") == concept("vaccine")


def test_cognates_fold_english_spelling_onto_spanish():
    assert cognate_stem("allergy") == cognate_stem("alergia")
    assert cognate_stem("nutritionist") == cognate_stem("nutricionista")
    assert cognate_stem("Fisioterapia") == cognate_stem("physiotherapy")


def test_subject_leaves_out_question_words_clinic_words_and_placeholders():
    assert subject_concepts("how much is a consultation with the nutritionist") == {cognate_stem("nutritionist")}
    assert subject_concepts("a q hora sacais sangre") == {concept("sangre")}
    assert "<" not in "".join(subject_concepts("mi dni es <ES_NIF>, a q hora abris"))
    assert subject_concepts("q teneis el sabado") == {concept("sabado")}


def test_a_question_in_english_meets_the_spanish_text_that_names_it():
    assert subject_concepts("can i pay with bizum") <= concepts("Aceptamos pago con tarjeta, efectivo y Bizum.")
    assert not subject_concepts("do you treat with IVF") <= concepts("Revisiones ginecológicas y citologías.")


def test_when_is_answered_by_a_date_or_a_delay_and_112_is_a_phone():
    assert "when" in asked_types("when will i get my refund")
    assert holds("La devolución se hace en un plazo de 10 días.", "when")
    assert holds("La campaña va hasta el 31 de enero.", "when")
    assert holds("Ante una urgencia llame al 112.", "phone")


def test_a_one_word_list_item_is_kept_as_an_answer():
    from agent.sentences import split_sentences

    texts = [s.text for s in split_sentences("Aceptamos:\n- Efectivo.\n- Bizum.\n- Tarjeta de débito.")]
    assert "Bizum." in texts and "Efectivo." in texts


def test_adverbs_opening_words_and_chat_abbreviations_are_not_subjects():
    assert subject_concepts("donde estais exactamente") == set()
    assert subject_concepts("hasta q hora estais abiertos") == set()
    assert subject_concepts("cual es el tlf") == {concept("telefono")}


def test_a_do_you_offer_question_prefers_sentences_saying_what_the_clinic_does():
    from agent.answer_types import asks_offer, states_offer

    assert asks_offer("do u do mammograms") and asks_offer("haceis fisioterapia?")
    assert not asks_offer("cuanto cuesta una mamografia")
    assert states_offer("Realizamos radiografía simple y mamografía.")
    assert states_offer("No disponemos de aparcamiento propio.")
    assert not states_offer("Traiga las mamografías anteriores.")


def test_durations_written_in_words_are_durations():
    assert holds("Para especialistas el plazo habitual es de una a dos semanas.", "duration")
    assert not holds("Puede recibirla el mismo día.", "duration")
