"""The embedded default answerer: sentences copied from the top approved chunks, with their source. No LLM.

Every sentence of an answer is approved text; the only other words are fixed phrases ("Fuente: …").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from agent.answer_types import asked_types, asks_offer, holds, states_offer
from agent.language import detect_language
from agent.ports import Retriever
from agent.replies import phrase
from agent.salience import weigh
from agent.sentences import EmbeddingCache, Sentence, split_sentences
from agent.subjects import (
    answers_kind,
    asked_part,
    concepts,
    counted,
    missing_words,
    names,
    subject_concepts,
    subject_covered,
    subject_words,
    text_concepts,
    unheard_of,
)
from agent.text import strip_accents
from agent.turn import Citation
from knowledge.types import RetrievedChunk

MAX_ANSWER_CHARS = 600
MAX_SENTENCES = 3
# Above this sentence score the match is clear enough without the subject-word check.
SURE_SCORE = 0.90
# Bonus of a sentence that holds the kind of fact asked for.
TYPE_BOOST = 0.12
# Bonus of a sentence in the patient's language: an equally good one in the other language is only quoted.
LANGUAGE_BOOST = 0.05
# Bonus of a sentence saying what the clinic offers, when that is asked ("do you do mammograms?").
OFFER_BOOST = 0.08
# Bonus of the sentences of a section whose heading names all the question's words.
SECTION_BOOST = 0.06
# Penalty of a sentence about the document itself ("Esta guía explica…"): it introduces, it never answers.
META_PENALTY = 0.15
_META = re.compile(
    r"^(?:este|esta) (?:documento|guia|pagina|folleto|seccion|apartado) (?:explica|recoge|resume|describe|contiene|"
    r"reune|informa)|^this (?:page|guide|document|leaflet|section) (?:explains|describes|covers|sets out|lists|"
    r"summarises|summarizes|gives)"
)
# Relative salience (agent.salience) below which a word is context, not what the question asks about …
MINOR_WORD = 0.5
# … and above which it is the question's key word: if no retrieved chunk names it, the answer is "I don't know".
KEY_WORD = 0.9
# Sentences this close to the best one, from different sections of one document that the question does not
# choose between, make an "it depends" answer (at most this many sections).
DEPENDS_MARGIN = 0.08
DEPENDS_MAX = 3
CLOSE_IN_SECTION = 0.05
# When the best sentences hold no fact of the kind asked for, a sentence that does may answer instead if it
# scores this close to the best one.
TYPE_FALLBACK_MARGIN = 0.45


@dataclass(frozen=True)
class Thresholds:
    """Calibrated on the eval set (agent/bench_agent.py): below these, "I don't know" + handoff offer."""

    min_chunk_score: float = 0.30
    min_sentence_score: float = 0.52
    # Extra sentences must score this close to the best one.
    close_margin: float = 0.06


@dataclass
class Answer:
    answered: bool
    confidence: float = 0.0
    # The chosen sentences with the chunk each comes from, in reading order.
    parts: list[tuple[RetrievedChunk, Sentence]] = field(default_factory=list)
    chunks: list[RetrievedChunk] = field(default_factory=list)
    # The answer depends on which of several sections the patient means: each part is labelled with its section.
    by_section: bool = False

    @property
    def citations(self) -> list[Citation]:
        unique = {c.chunk_id: c for c, _ in self.parts}
        return [citation_of(c) for c in unique.values()]


def _lexical(query_words: set[str], text: str, weights: dict[str, float] | None = None) -> float:
    """Share of the question's words the text holds; with ``weights``, rare words count more ("bizum")."""
    if not query_words:
        return 0.0
    held = query_words & text_concepts(text)
    if weights is None:
        return len(held) / len(query_words)
    return sum(weights[w] for w in held) / sum(weights[w] for w in query_words)


def _share(words: set[str], named: frozenset[str]) -> float:
    """Share of the question's words a section heading names (1.0: the section is about exactly that)."""
    return len(words & named) / len(words) if words else 0.0


def _rarity(words: set[str], contexts: Sequence[str]) -> dict[str, float]:
    """Inverse frequency of each word among the candidate sentences: a word every sentence shares
    ("cita" in the appointments guide) tells them apart less than one only a few hold."""
    held = [text_concepts(c) for c in contexts]
    return {w: math.log(1.0 + len(held) / (1.0 + sum(w in h for h in held))) for w in words}


class ExtractiveAnswerer:
    def __init__(
        self, retriever: Retriever, cache: EmbeddingCache, *, k: int = 4, thresholds: Thresholds | None = None
    ) -> None:
        self.retriever = retriever
        self.cache = cache
        self.k = k
        self.thresholds = thresholds or Thresholds()

    def answer(
        self,
        query: str,
        *,
        focus: str | None = None,
        chunks: Sequence[RetrievedChunk] | None = None,
        language: str | None = None,
    ) -> Answer:
        """``focus`` (a follow-up's own words) weighs more in the lexical match; ``language`` is the patient's."""
        found = list(chunks) if chunks is not None else self.retriever.retrieve(query, k=self.k)
        if not found:
            return Answer(False)
        scored = self.rank(query, found, focus=focus, language=language)
        if scored and scored[0][0] < SURE_SCORE:
            asked = focus or asked_part(query)
            weights = self._salience(asked, found)
            # Chunks that never name what is asked about ("botox", "nutritionist", "christmas eve") do not
            # answer it, in either language (glossary concepts and cognates bridge the two). Words that barely
            # change the question's meaning ("es por curiosidad") are not asked about.
            minor = frozenset(w for w, weight in weights.items() if weight < MINOR_WORD)
            eligible = [i for i, c in enumerate(found) if subject_covered(asked, [c], minor)]
            scored = [(score, s) for score, s in scored if s.chunk_index in eligible]
            # In a short question (two things named) both are key: "farmacia de guardia", "hiring nurses".
            short = len(subject_concepts(asked)) <= 2
            minor_for_scope = frozenset() if short else frozenset(w for w, x in weights.items() if x < KEY_WORD)
            if unheard_of(asked, found, minor_for_scope):
                # The thing the question is most about, mentioned by none of the retrieved chunks ("dog",
                # "guardia"): the clinic's documents most likely don't cover it.
                scored = []
        if not scored:
            return Answer(False, chunks=found)
        best_score = scored[0][0]
        top_chunk = max(c.score for c in found)
        if top_chunk < self.thresholds.min_chunk_score or best_score < self.thresholds.min_sentence_score:
            return Answer(False, best_score, chunks=found)
        chosen, pool = self._choose(scored, found), scored
        kinds = asked_types(focus or asked_part(query)) or asked_types(query)
        subject = [*subject_words(focus or asked_part(query)), *counted(focus or asked_part(query))]
        if kinds and not answers_kind(chosen, kinds, subject, found):
            # Asked for a price, a day, a name… of something: the best sentence that states one about it (in
            # its own words or its section's) answers, if it is close. "45 minutos" of physiotherapy does not
            # say how long a dermatology visit lasts.
            typed = [(score, s) for score, s in scored if answers_kind([s], kinds, subject, found)]
            if not typed or best_score - typed[0][0] > TYPE_FALLBACK_MARGIN:
                return Answer(False, best_score, chunks=found)
            if typed[0][0] < self.thresholds.min_sentence_score:
                return Answer(False, typed[0][0], chunks=found)
            chosen, pool = self._choose(typed, found), typed
            best_score = typed[0][0]
        depends = _per_section(pool, found, subject) if not focus else []
        if depends:
            return Answer(True, best_score, depends, found, by_section=True)
        return Answer(True, best_score, [(found[s.chunk_index], s) for s in chosen], found)

    def _salience(self, query: str, chunks: Sequence[RetrievedChunk]) -> dict[str, float]:
        """Salience of the subject words the chunks do not all name (agent.salience); the others need none."""
        words = subject_words(query)
        if len(set(words)) < 2 or not missing_words(query, chunks):
            return {}
        return weigh(self.cache.embedder, query, words)

    def rank(
        self,
        query: str,
        chunks: Sequence[RetrievedChunk],
        *,
        focus: str | None = None,
        language: str | None = None,
    ) -> list[tuple[float, Sentence]]:
        sentences = [s for i, c in enumerate(chunks) for s in split_sentences(c.text, i)]
        if not sentences:
            return []
        vectors = self.cache.documents([s.text for s in sentences])
        similarity = vectors @ self.cache.query(query)
        if focus:
            # A follow-up's own words say what is new ("and on sundays?"), across languages too.
            similarity = 0.5 * similarity + 0.5 * (vectors @ self.cache.query(focus))
        # What the question names weighs in the lexical match, not its fillers ("need", "usually").
        query_words = subject_concepts(asked_part(query)) or concepts(query)
        focus_words = (subject_concepts(focus) or concepts(focus)) if focus else set()
        top_chunk = max(c.score for c in chunks)
        kinds = asked_types(focus or query) or asked_types(query)
        offer = asks_offer(focus or query)
        contexts = [f"{chunks[s.chunk_index].section or ''} {s.text}" for s in sentences]
        weights = _rarity(query_words | focus_words, contexts)
        scored = []
        for index, sentence in enumerate(sentences):
            chunk = chunks[sentence.chunk_index]
            context = contexts[index]
            score = (
                float(similarity[index])
                + 0.25 * _lexical(query_words, context, weights)
                + 0.35 * _lexical(focus_words, context, weights)
                # Sentences of the best-retrieved chunk are more likely on topic.
                - 0.3 * max(0.0, top_chunk - chunk.score)
                # A sentence holding the kind of fact asked for (a day, a price, a phone…) answers it.
                + TYPE_BOOST * sum(holds(sentence.text, kind) for kind in kinds)
                + (OFFER_BOOST if offer and states_offer(sentence.text) else 0.0)
                + (LANGUAGE_BOOST if language is not None and chunk.language == language else 0.0)
                # A section whose heading names what is asked ("Cómo pedir una cita") is about exactly that.
                + SECTION_BOOST * _share(query_words, text_concepts(chunk.section or ""))
                - (META_PENALTY if _META.match(strip_accents(sentence.text.lower())) else 0.0)
            )
            scored.append((score, sentence))
        scored.sort(key=lambda item: -item[0])
        return scored

    def _choose(self, scored: list[tuple[float, Sentence]], chunks: Sequence[RetrievedChunk]) -> list[Sentence]:
        best_score, best = scored[0]
        chosen = [best]
        for score, sentence in scored[1:]:
            if len(chosen) >= MAX_SENTENCES or best_score - score > self.thresholds.close_margin:
                break
            if sentence.text not in {c.text for c in chosen}:
                chosen.append(sentence)
        if _NEGATIVE.search(strip_accents(best.text.lower())):
            # "We never send results by email." comes with what to do instead, in the same short paragraph
            # ("Results are only available in the portal.").
            chosen[1:1] = [s for s in _paragraph_of(best, chunks) if s not in chosen]
        if best.is_item:
            # One item of a list ("• La tarjeta de su seguro") answers with its list: the line introducing it (its
            # items follow below), or, when the chunk starts with the list (its heading is the section's), the items.
            intro = _intro_of(best, chunks)
            around = [intro] if intro is not None else _list_around(best, chunks)
            chosen = around + [s for s in chosen[1:] if s not in around]
        # A chosen line that introduces a list ("Puede pedir cita por estos canales:") is answered by its items.
        for intro in [s for s in chosen if s.introduces_list]:
            chosen += [item for item in _following_items(intro, chunks) if item not in chosen]
        # Read in document order, as written.
        chosen.sort(key=lambda s: (s.chunk_index != best.chunk_index, s.chunk_index, s.position))
        length, kept = 0, list[Sentence]()
        for sentence in chosen:
            length += len(sentence.text) + 1
            if kept and length > MAX_ANSWER_CHARS:
                break
            kept.append(sentence)
        return kept


def compose(parts: Sequence[tuple[RetrievedChunk, Sentence]], language: str, *, by_section: bool = False) -> str:
    """Sentences as written, then the source. Text in the other language is quoted ("> ") under a fixed
    phrase that says so: no machine translation is available offline, and nothing is invented. ``by_section``:
    each sentence under its section's heading (an answer that depends on which test or service is meant)."""
    lines: list[str] = []
    quoting = False
    for chunk, sentence in parts:
        source_language = chunk.language or detect_language(chunk.text, default="es")
        if by_section and chunk.section:
            line = f"• *{chunk.section}*: {sentence.text}"
        else:
            line = f"• {sentence.text}" if sentence.is_item else sentence.text
        if source_language != language:
            if not quoting:
                lines.append(phrase("other_language", language, lang=phrase(f"lang_{source_language}", language)))
            quoting = True
            line = f"> {line}"
        else:
            quoting = False
        lines.append(line)
    titles = ", ".join(dict.fromkeys(chunk.title for chunk, _ in parts))
    return "\n".join(lines) + f"\n\n_{phrase('source', language, title=titles)}_"


def _per_section(
    scored: Sequence[tuple[float, Sentence]], chunks: Sequence[RetrievedChunk], subject: Sequence[str]
) -> list[tuple[RetrievedChunk, Sentence]]:
    """When the best sentences come from several sections of one document (one per test, per service) and the
    question names none of them ("¿tengo que ir en ayunas?"), the answer depends on which one is meant: the best
    sentence of each, labelled. Empty when one section answers."""
    best = scored[0][0]
    per_section: dict[str, list[tuple[float, Sentence]]] = {}
    for score, sentence in scored:
        if best - score > DEPENDS_MARGIN:
            break
        section = chunks[sentence.chunk_index].section
        if section:
            per_section.setdefault(section, []).append((score, sentence))
    found = []
    for index, (section, candidates) in enumerate(list(per_section.items())[:DEPENDS_MAX]):
        top = candidates[0][0]
        if index == 0:
            # The best match of all stays as it is.
            found.append((chunks[candidates[0][1].chunk_index], candidates[0][1]))
            continue
        # Of another section's close sentences, the first written: its rule comes before its exceptions
        # ("Acuda en ayunas… 8 horas" before "En los niños…").
        close = [
            s for score, s in scored if chunks[s.chunk_index].section == section and top - score <= CLOSE_IN_SECTION
        ]
        first = min(close, key=lambda s: (s.chunk_index, s.position))
        found.append((chunks[first.chunk_index], first))
    if len(found) < 2 or len({c.document_id for c, _ in found}) > 1:
        return []
    if any(names(chunk.section or "", word) for chunk, _ in found for word in subject):
        return []
    return found


def _intro_of(item: Sentence, chunks: Sequence[RetrievedChunk]) -> Sentence | None:
    """The line introducing the list ``item`` belongs to, when the list is introduced in the same chunk."""
    before = [s for s in split_sentences(chunks[item.chunk_index].text, item.chunk_index) if s.position < item.position]
    for sentence in reversed(before):
        if not sentence.is_item:
            return sentence if sentence.introduces_list else None
    return None


# A sentence saying what the clinic does not do ("no realizamos", "we never send", "is not accepted").
_NEGATIVE = re.compile(r"\b(?:no|nunca|never|not|cannot|can't|don't|doesn't|won't)\b")


def _paragraph_of(sentence: Sentence, chunks: Sequence[RetrievedChunk]) -> list[Sentence]:
    """The other sentences of a short paragraph (up to three sentences) ``sentence`` is in."""
    lines = split_sentences(chunks[sentence.chunk_index].text, sentence.chunk_index)
    same = [s for s in lines if s.paragraph == sentence.paragraph]
    return [s for s in same if s.position != sentence.position] if len(same) <= 3 else []


def _list_around(item: Sentence, chunks: Sequence[RetrievedChunk]) -> list[Sentence]:
    """The run of list items ``item`` belongs to (at most six, ``item`` among them), in document order."""
    lines = split_sentences(chunks[item.chunk_index].text, item.chunk_index)
    at = next(i for i, s in enumerate(lines) if s.position == item.position)
    start = at
    while start > 0 and lines[start - 1].is_item:
        start -= 1
    end = at
    while end + 1 < len(lines) and lines[end + 1].is_item:
        end += 1
    start = max(start, min(at, end - 5))
    return lines[start : min(end + 1, start + 6)]


def _following_items(intro: Sentence, chunks: Sequence[RetrievedChunk]) -> list[Sentence]:
    items = split_sentences(chunks[intro.chunk_index].text, intro.chunk_index)
    out = []
    for sentence in [s for s in items if s.position > intro.position][:6]:
        if not sentence.is_item:
            break
        out.append(sentence)
    return out


def citation_of(chunk: RetrievedChunk) -> Citation:
    return Citation(
        title=chunk.title, source=chunk.source, page_or_section=chunk.page_or_section, document_id=chunk.document_id
    )
