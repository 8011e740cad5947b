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


def test_a_question_is_its_questions_when_the_message_also_tells_something():
    from agent.subjects import asked_part

    question = "which days is the trauma doctor in?"
    assert asked_part(f"{question} hurt my knee skiing") == question
    assert asked_part("hola. a q hora abris?") == "a q hora abris?"
    assert asked_part("a q hora abris el sabado") == "a q hora abris el sabado"


def test_chat_fillers_numbers_and_generic_verbs_name_no_subject():
    assert subject_concepts("what happens if i miss two appointments") == {concept("miss")}
    assert subject_concepts("is there a fee if i miss it without letting you know") == {concept("miss")}
    assert subject_concepts("si al final no puedo ir, cuanto antes aviso") == {concept("aviso")}


def test_a_cognate_a_letter_or_two_apart_covers_the_word():
    from agent.subjects import missing_concepts
    from knowledge.types import RetrievedChunk

    chunk = RetrievedChunk(
        chunk_id="m", text="El día de la prueba no use desodorante.", score=0.6, document_id=1, version=1,
        title="Preparación", source="prep.pdf",
    )  # fmt: skip
    assert missing_concepts("can i wear deodorant to my mammogram", [chunk]) == {concept("mammogram")}


def test_how_many_counts_the_word_after_it_even_a_generic_one():
    from agent.subjects import counted

    assert counted("cuantos medicos trabajan en la clinica") == ["medicos"]
    assert counted("how many nurses do you have") == ["nurses"]


def test_a_word_is_named_by_its_own_forms_not_by_another_word_with_its_stem():
    from agent.subjects import names

    assert names("Le pedimos que renueve la receta en consulta.", "renueve")
    assert names("La renovación de recetas requiere consulta.", "renovar")
    assert names("Sesiones de fisioterapia.", "fisio")
    assert names("Tratamiento de alergias.", "allergy")
    assert not names("Podemos cobrar 20 € en concepto de ausencia.", "concertado")


def test_asked_kinds_read_the_way_a_patient_means_them():
    assert "email" not in asked_types("can i get my results by email")
    assert "email" in asked_types("whats your email address")
    assert asked_types("how many hours do i need to fast") == ["duration"]
    assert "phone" not in asked_types("does anyone speak english if i call")
    assert "phone" in asked_types("what number do i call to book")
    assert holds("Certificates are usually ready within 5 working days.", "duration")
    assert not holds("Sesiones individuales de 45 minutos.", "when")
    assert holds("Le responderemos en un plazo de 10 días.", "when")
