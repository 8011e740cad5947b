"""MEDDOCAN (BRAT) reading, label mapping to Recepta types, and chat-style augmentation for training."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from guardrails import entities as types
from guardrails.ner.features import RELATIVES, Token, tokenize
from guardrails.nlp import fold

MEDDOCAN_TO_TYPE = {
    "NOMBRE_SUJETO_ASISTENCIA": types.PERSON,
    "NOMBRE_PERSONAL_SANITARIO": types.PERSON,
    "FAMILIARES_SUJETO_ASISTENCIA": types.PERSON,  # relation words alone become OTHER_PHI below
    "CALLE": types.ADDRESS,
    "TERRITORIO": types.LOCATION,
    "PAIS": types.LOCATION,
    "FECHAS": types.DATE,
    "EDAD_SUJETO_ASISTENCIA": types.AGE,
    "SEXO_SUJETO_ASISTENCIA": types.SEX,
    "ID_SUJETO_ASISTENCIA": types.MEDICAL_RECORD,
    "ID_CONTACTO_ASISTENCIAL": types.MEDICAL_RECORD,
    "ID_ASEGURAMIENTO": types.INSURANCE_POLICY,
    "ID_TITULACION_PERSONAL_SANITARIO": types.PROFESSIONAL_ID,
    "CORREO_ELECTRONICO": types.EMAIL_ADDRESS,
    "NUMERO_TELEFONO": types.PHONE_NUMBER,
    "NUMERO_FAX": types.PHONE_NUMBER,
    "HOSPITAL": types.ORGANIZATION,
    "INSTITUCION": types.ORGANIZATION,
    "CENTRO_SALUD": types.ORGANIZATION,
    "PROFESION": types.PROFESSION,
    "OTROS_SUJETO_ASISTENCIA": types.OTHER_PHI,
}


KINSHIP = frozenset({"materno", "materna", "paterno", "paterna", "gemelo", "gemela", "mayor", "menor"})


@dataclass(frozen=True, slots=True)
class Span:
    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    spans: tuple[Span, ...]


def read_brat(directory: Path) -> list[Document]:
    docs: list[Document] = []
    for txt in sorted(directory.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        spans: list[Span] = []
        ann = txt.with_suffix(".ann")
        for line in ann.read_text(encoding="utf-8").splitlines() if ann.exists() else []:
            parts = line.split("\t")
            if not parts[0].startswith("T") or len(parts) < 3:
                continue
            label, *offsets = parts[1].replace(";", " ").split()
            start, end = int(offsets[0]), int(offsets[-1])
            kind = MEDDOCAN_TO_TYPE.get(label, types.OTHER_PHI)
            if kind == types.PERSON and not any(
                w[:1].isupper() and fold(w) not in RELATIVES | KINSHIP for w in parts[2].split()
            ):
                kind = types.OTHER_PHI  # "madre", "tío materno": a relation, not a name
            spans.append(Span(kind, start, end, text[start:end]))
        docs.append(Document(txt.stem, text, tuple(sorted(spans, key=lambda s: s.start))))
    return docs


def bio_labels(tokens: list[Token], spans: tuple[Span, ...] | list[Span], offset: int = 0) -> list[str]:
    """BIO labels for tokens (offsets relative to ``offset`` in the span coordinates)."""
    labels: list[str] = []
    previous: Span | None = None
    cursor = 0
    for tok in tokens:
        start, end = tok.start + offset, tok.end + offset
        while cursor < len(spans) and spans[cursor].end <= start:
            cursor += 1
        current = spans[cursor] if cursor < len(spans) and spans[cursor].start < end else None
        if current is None:
            labels.append("O")
        else:
            labels.append(("I-" if current is previous else "B-") + current.type)
        previous = current
    return labels


def bio_lines(doc: Document) -> Iterator[tuple[str, list[Token], list[str]]]:
    """Each non-empty line of a document as (line text, tokens, BIO labels); offsets relative to the line."""
    offset = 0
    for line in doc.text.split("\n"):
        tokens = tokenize(line)
        if tokens:
            yield line, tokens, bio_labels(tokens, doc.spans, offset)
        offset += len(line) + 1


def chatify(text: str) -> str:
    """Chat spelling: lowercase, accents dropped (length-preserving for Spanish letters)."""
    out = []
    for ch in text.lower():
        base = unicodedata.normalize("NFKD", ch)
        stripped = "".join(c for c in base if not unicodedata.combining(c))
        out.append(stripped if len(stripped) == 1 else ch)
    return "".join(out)


ES_TEMPLATES = [
    "hola soy {PERSON}, queria pedir cita",
    "buenas, me llamo {PERSON} y necesito cambiar mi cita",
    "soy {PERSON} tengo cita mañana a las 10",
    "hola! soy {PERSON}",
    "de parte de {PERSON}",
    "la cita es a nombre de {PERSON}",
    "mi madre {PERSON} tiene cita el lunes",
    "{PERSON} aqui, confirmo la cita",
    "vivo en {ADDRESS}",
    "mi direccion es {ADDRESS}, {LOCATION}",
    "enviadlo a {ADDRESS} por favor",
    "nombre: {PERSON} direccion: {ADDRESS}",
    "soy {PERSON} y vivo en {ADDRESS}",
    "hola, habla {PERSON}",
    "gracias, {PERSON}",
    "un saludo, {PERSON}",
    "mi hijo se llama {PERSON}",
    "el doctor {PERSON} me dijo que viniera",
    "quiero cita con la dra {PERSON}",
    "me atendio {PERSON} la semana pasada",
    "{PERSON}, {AGE}, de {LOCATION}",
]
EN_TEMPLATES = [
    "hi this is {PERSON}, i'd like to book an appointment",
    "my name is {PERSON}",
    "hello, {PERSON} here",
    "i'm {PERSON}, can i change my appointment?",
    "the appointment is for {PERSON}",
    "i live at {ADDRESS}",
    "my address is {ADDRESS}, {LOCATION}",
    "thanks, {PERSON}",
    "regards, {PERSON}",
    "my son {PERSON} is sick",
    "can i see dr {PERSON} on monday?",
    "{PERSON} speaking",
    "please send it to {ADDRESS}",
]
NEGATIVE_CHAT = [
    "hola queria pedir cita para el lunes",
    "a que hora abris mañana?",
    "tengo una duda sobre la factura",
    "buenos dias, se puede aparcar en la clinica?",
    "vale gracias",
    "hola buenas tardes",
    "perfecto, nos vemos",
    "necesito cambiar la cita del martes al jueves",
    "cuanto cuesta la consulta de fisioterapia?",
    "hi, what time do you open?",
    "can i book an appointment for next week?",
    "ok thanks",
    "where is the clinic?",
    "do you accept insurance?",
    "quiero hablar con una persona",
    "teneis cita para hoy por la tarde?",
    "el parking esta abierto los sabados?",
    "me podeis mandar el horario?",
    "i need to cancel my appointment",
    "hola, soy paciente nuevo",
    "hola soy nueva en la clinica",
    "buenas, llamo por lo de la cita",
]


def chat_examples(docs: list[Document], rng: random.Random, count: int) -> Iterator[tuple[str, list[Span]]]:
    """Short WhatsApp-like messages with entity strings from train inserted into templates."""
    pool: dict[str, list[str]] = {}
    for doc in docs:
        for span in doc.spans:
            if span.type in (types.PERSON, types.ADDRESS, types.LOCATION, types.AGE) and "\n" not in span.text:
                pool.setdefault(span.type, []).append(span.text.rstrip(".,;: "))
    for _ in range(count):
        if rng.random() < 0.15:
            yield chatify(rng.choice(NEGATIVE_CHAT)), []
            continue
        template = rng.choice(ES_TEMPLATES if rng.random() < 0.7 else EN_TEMPLATES)
        if any(f"{{{kind}}}" in template and kind not in pool for kind in ("PERSON", "ADDRESS", "LOCATION", "AGE")):
            continue
        lower = rng.random() < 0.7
        text, spans = "", []
        rest = template
        while "{" in rest:
            before, _, after = rest.partition("{")
            kind, _, rest = after.partition("}")
            value = rng.choice(pool[kind])
            text += chatify(before) if lower else before
            value = chatify(value) if lower else value
            spans.append(Span(kind, len(text), len(text) + len(value), value))
            text += value
        text += chatify(rest) if lower else rest
        yield text, spans
