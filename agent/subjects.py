"""What a question names (its subject) and whether a text names it too, across Spanish and English.

Subject words are a question's words minus those that ask for a kind of fact ("cuánto", "when"), everyday chat
words and the clinic's own vocabulary; each is compared as a glossary concept or cognate stem (agent.glossary).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from agent.answer_types import holds, is_type_word
from agent.glossary import cognate_fold, concept
from agent.sentences import Sentence
from agent.text import STOPWORDS, tokens
from guardrails.detectors.phrases import osa_distance
from knowledge.types import RetrievedChunk


def concepts(text: str) -> set[str]:
    """Meaning-bearing words as glossary concepts or cognate stems: "pido" meets "pedir", "refund" "reembolso"."""
    return set(text_concepts(text))


@lru_cache(maxsize=32768)
def text_concepts(text: str) -> frozenset[str]:
    return frozenset(concept(w) for w in tokens(text) if w not in STOPWORDS and (len(w) > 2 or w.isdigit()))


# Words that name no subject: what kind of fact is asked, or the clinic itself.
_GENERIC = frozenset(
    "cuesta cuestan cuanto cuanta precio precios sale vale tarda tardan dura hora horas dias tiempo clinica "
    "consulta teneis tienen haceis hacen hay puedo podeis quiero necesito sabe saber decir "
    "much cost costs price does have there clinic visit want need know tell get long time "
    # When-words ("entre semana", "weekdays") ask for a time, whatever the chunk calls the days.
    "entre semana finde fin laborables laborable weekdays weekday weekend weekends "
    # Chat fillers that name nothing, politeness included ("perdona la molestia", "gracias de antemano").
    "perdona perdone perdon disculpa disculpe molestia molestias molestar antemano adelantado saludos "
    "sorry bother bothering advance kindly regards "
    "ahi aqui alli alla pasa pasan llevar traer mio mia eso esto esta estan pueden puede via por "
    # The clinic's everyday words ("consultation", "appointment") and verbs of going, seeing, working.
    "consultation consultations appointment appointments cita citas visita visitas visit visits "
    "voy vas va vamos ir go goes going see get gets got trabajan trabaja work works working "
    "any some near nearby cerca before after antes despues also too tambien then luego "
    # Everyday verbs, adverbs and adjectives of chat questions (English and Spanish): they never name a service.
    "take takes taking took make makes made happen happens use used come comes coming bring brings put give "
    "gives find found look looking keep say said tell ask asked let try want wants wanted like need needed "
    "able allowed possible usually normally still already again really just only much many more less long "
    "soon late early quick quickly fast same other another next last new old big small good bad best right "
    "wrong ok okay sure thing things way stuff someone somebody something anything everything anyone "
    "hacer hace hacen hago haceis tener tengo tiene tienen teneis ir venir vengo viene vienen dar doy dan "
    "poner pongo decir dices dice dicen saber se sabeis sabes querer quiero quieres necesitar necesito "
    "necesita necesitan usar pasar paso pasa pasan ocurre suele suelen normalmente siempre todavia ya "
    "mucho mucha muchos muchas mas menos pronto rapido mismo misma otro otra otros nuevo nueva bueno buena "
    "mejor peor cosa cosas algo alguien nada nadie todo todos toda todas "
    # Function words the shared stopword list leaves out.
    "about what which whom whose into onto over under than then they them their these those because while "
    "during between without within but not yes each every such own very now been being had has having did "
    "doing were she him her his hers our ours mine yours also there here "
    "sobre tras hasta desde entre hacia segun durante mediante contra algun alguna ningun ninguna quien "
    "quienes nosotros ellos ellas nos vuestro vuestra vuestros nuestro nuestra tuyo suyo ese esa esos esas "
    "estos estas aquel aquella cual "
    # Time words and chat fillers that ask about timing or manner, never name a service.
    "min mins minute minutes ready today tomorrow yesterday tonight until till free done somewhere offer "
    "running first second kiero quiero igual verdad vale pilla pillar echar mandar mandais hoy manana ayer "
    "primera primer segundo vais deja dejar problema problemas problem problems issue issues "
    # Asking when something starts or ends asks for a date.
    "end ends ending start starts begin begins finish finishes empieza empiezan termina terminan acaba acaban "
    # What one wears is a manner, not a service ("wear deodorant"); "seeing" a doctor is visiting one.
    "wear wearing ver vea vean veo ves verme verle seeing "
    # Every document is about seeing a doctor: "a normal doctor's visit", "el médico" name no service by themselves.
    "doctor doctora doctors doctores medico medica medicos medicas "
    # "Al final", "in the end": how a message goes on, not what it asks about.
    "final finalmente end "
    # Numbers count things ("two appointments"); the thing counted is the subject.
    "one two three four five six seven eight nine ten uno una dos tres cuatro cinco seis siete ocho nueve diez".split()
)


# Typos of generic and question words ("cuanro", "abireto") are recognised from this length.
_TYPO_MIN = 5
_GENERIC_BY_LENGTH: dict[int, list[str]] = {}
for _word in _GENERIC | {w for w in STOPWORDS if len(w) >= _TYPO_MIN}:
    for _length in (len(_word) - 1, len(_word), len(_word) + 1):
        _GENERIC_BY_LENGTH.setdefault(_length, []).append(_word)

# Redaction placeholders ("<ES_NIF>") and the words that label them ("mi dni es") stand for the patient's
# data, not for a subject of the question.
_PLACEHOLDER = re.compile(r"(?:[^\s<>]+\s+){0,3}<[A-Z_]+>")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def asked_part(message: str) -> str:
    """The questions of a message that also says other things: "which days is the trauma doctor in? hurt my knee
    skiing" asks about the doctor's days; the rest is context (retrieval still reads the whole message)."""
    parts = [p.strip() for p in _SENTENCE_END.split(message) if p.strip()]
    questions = [p for p in parts if p.endswith("?")]
    return " ".join(questions) if questions and len(questions) < len(parts) else message


def subject_words(query: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    """The words that name what a question is about, without those that ask for a kind of fact (nor ``ignore``:
    words that do not carry the question's meaning, see agent.salience)."""
    said = tokens(_PLACEHOLDER.sub(" ", query))
    # "¿Hace falta volante?" asks whether something is needed: "falta" is no absence there.
    said = [w for i, w in enumerate(said) if not (w == "falta" and i and said[i - 1] in ("hace", "hacen"))]
    return [
        w
        for w in said
        if len(w) >= 3
        and w not in ignore
        and w not in STOPWORDS
        and not _generic(w)
        and not w.isdigit()
        and not is_type_word(w)
        and not _chat_verb(w)
        and not _adverb(w)
    ]


def subject_concepts(query: str, ignore: frozenset[str] = frozenset()) -> set[str]:
    """What a question names (glossary concepts or cognate stems), without the words that ask for a kind of fact."""
    return {concept(w) for w in subject_words(query, ignore)}


@lru_cache(maxsize=16384)
def _generic(word: str) -> bool:
    """A generic word, an English "-ing" form of one ("letting", "taking"), or a typo of one ("yiempo", "cuanro")."""
    if word in _GENERIC:
        return True
    if word.endswith("ing") and len(word) >= 6:
        stem = word[:-3]
        if stem in _GENERIC or f"{stem}e" in _GENERIC or (stem[-1:] == stem[-2:-1] and stem[:-1] in _GENERIC):
            return True
    return (
        len(word) >= _TYPO_MIN
        and concept(word)[0] != "="
        and any(
            osa_distance(word, w, 1) <= 1
            for w in _GENERIC_BY_LENGTH.get(len(word), ())
            if w[0] == word[0] or w[1:] == word[1:]
        )
    )


def _adverb(word: str) -> bool:
    """ "exactamente", "exactly": how something is asked, not what about."""
    return (word.endswith("mente") and len(word) > 7) or (word.endswith("ly") and len(word) > 4)


def _chat_verb(word: str) -> bool:
    """A "vosotros" verb form ("sacais", "teneis", "abris") the glossary does not know: it asks, it names nothing."""
    return word.endswith(("ais", "eis", "is")) and len(word) >= 5 and concept(word)[0] != "="


def missing_words(query: str, chunks: Sequence[RetrievedChunk], ignore: frozenset[str] = frozenset()) -> list[str]:
    """The subject words none of the chunks names, as a glossary concept, cognate stem or a cognate one or two
    letters apart ("deodorant" is named by "desodorante", "vaccination" by "vacunación")."""
    words = subject_words(query, ignore)
    if not words:
        return []
    texts = [_full_text(c) for c in chunks]
    missing = [w for w in dict.fromkeys(words) if not any(names(text, w) for text in texts)]
    if missing:
        vocabulary = frozenset().union(*(_folded_words(_full_text(c)) for c in chunks))
        missing = [w for w in missing if not _has_cognate(w, vocabulary)]
    return missing


def missing_concepts(query: str, chunks: Sequence[RetrievedChunk], ignore: frozenset[str] = frozenset()) -> set[str]:
    """What the question names that none of the chunks names (see missing_words), as concepts."""
    return {concept(w) for w in missing_words(query, chunks, ignore)}


def subject_covered(query: str, chunks: Sequence[RetrievedChunk], ignore: frozenset[str] = frozenset()) -> bool:
    """At least half of what the question names (glossary concepts or cognate stems) occurs in the chunks."""
    subject = subject_concepts(query, ignore)
    return not subject or len(missing_concepts(query, chunks, ignore)) * 2 <= len(subject)


def unheard_of(query: str, chunks: Sequence[RetrievedChunk], ignore: frozenset[str] = frozenset()) -> bool:
    """The question names two or more things and one of them occurs in none of the chunks."""
    return len(subject_concepts(query, ignore)) >= 2 and bool(missing_concepts(query, chunks, ignore))


def _full_text(chunk: RetrievedChunk) -> str:
    return f"{chunk.title} {chunk.section or ''} {chunk.text}"


# Shorter words differ by two letters too often by chance ("wear"~"leer"): cognates are matched from this length.
_COGNATE_MIN = 5


@lru_cache(maxsize=4096)
def _folded_words(text: str) -> frozenset[str]:
    return frozenset(cognate_fold(w) for w in tokens(text) if len(w) >= _COGNATE_MIN)


def _has_cognate(word: str, vocabulary: frozenset[str]) -> bool:
    if len(word) < _COGNATE_MIN or concept(word).startswith("="):
        # Glossary words are matched by their group; a near-spelling of one may be another word.
        return False
    folded = cognate_fold(word)
    limit = 2 if len(folded) >= 8 else 1
    return any(v[0] == folded[0] and osa_distance(folded, v, limit) <= limit for v in vocabulary)


_HOW_MANY = frozenset({"cuantos", "cuantas", "many"})


def counted(query: str) -> list[str]:
    """What "how many …" counts ("cuántos médicos" → médicos), generic word or not: "N médicos" answers it."""
    words = [w for w in tokens(query) if w not in STOPWORDS]
    return [words[i + 1] for i, w in enumerate(words[:-1]) if w in _HOW_MANY]


@lru_cache(maxsize=4096)
def _stem_words(text: str) -> dict[str, frozenset[str]]:
    """The text's words by concept key, each folded (agent.glossary.cognate_fold). Read only: it is cached."""
    found: dict[str, set[str]] = {}
    for w in tokens(text):
        if w not in STOPWORDS and (len(w) > 2 or w.isdigit()):
            found.setdefault(concept(w), set()).add(cognate_fold(w))
    return {key: frozenset(words) for key, words in found.items()}


# Words sharing this many first letters are one word in two forms ("renovar"/"renovación", "vacunarse"/"vacuna").
_SAME_PREFIX = 6


def _same_word(a: str, b: str) -> bool:
    """Two folded words with one cognate stem are the same word unless they part early and differ a lot
    ("concertado" is not "concepto"; "fisio" is "fisioterapia", "alergias" is "allergy")."""
    if a.startswith(b) or b.startswith(a) or a[:_SAME_PREFIX] == b[:_SAME_PREFIX]:
        return True
    limit = max(2, min(len(a), len(b)) // 4)
    return osa_distance(a, b, limit) <= limit


def names(text: str, word: str) -> bool:
    """``text`` names ``word``: the same glossary concept, or a form of the same word (not merely its stem)."""
    key = concept(word)
    found = _stem_words(text).get(key)
    if found is None:
        return False
    return key.startswith("=") or any(_same_word(cognate_fold(word), other) for other in found)


def _counts(text: str, subject: set[str]) -> bool:
    """A number followed closely by a word the question names ("3 fisioterapeutas", "two nurses")."""
    words = tokens(text)
    return any(
        w.isdigit() or w in _NUMBER_WORDS
        for i, w in enumerate(words)
        if any(concept(n) in subject for n in words[i + 1 : i + 4])
    )


_NUMBER_WORDS = frozenset(
    "dos tres cuatro cinco seis siete ocho nueve diez two three four five six seven eight nine ten".split()
)


def answers_kind(
    sentences: Sequence[Sentence], kinds: Sequence[str], subject: Sequence[str], chunks: Sequence[RetrievedChunk]
) -> bool:
    """One of ``sentences`` holds a fact of an asked kind and names (with its section) part of the subject
    (``subject``: the question's subject words)."""
    keys = {concept(w) for w in subject}
    for sentence in sentences:
        if kinds == ["count"] and keys and not _counts(sentence.text, keys):
            # "How many doctors" is answered by "N doctors", not by any number near the word.
            continue
        if any(holds(sentence.text, kind) for kind in kinds):
            context = f"{chunks[sentence.chunk_index].section or ''} {sentence.text}"
            if not subject or any(names(context, w) for w in subject):
                return True
    return False
