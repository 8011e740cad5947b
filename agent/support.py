"""Is each sentence of a generated answer supported by the retrieved approved text?

A sentence is supported when it is semantically close to some source sentence (same embedder as retrieval)
AND every number and every name-like token in it also occurs in the sources: similarity alone lets a wrong
time or price through ("abrimos a las 8" vs "abrimos a las 9").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from agent.sentences import EmbeddingCache, split_sentences
from agent.text import normalize

_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_NAME = re.compile(r"(?<![.!?¿¡]\s)(?<!^)\b[A-ZÁÉÍÓÚÑ][\wáéíóúñ]{2,}")
_URL_OR_MAIL = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+")

DEFAULT_MIN_SIMILARITY = 0.72


@dataclass(frozen=True)
class SupportReport:
    supported: bool
    unsupported: list[int]  # indexes of unsupported answer sentences (never their text: it may be logged)


def _numbers(text: str) -> set[str]:
    return {n.replace(",", ".").rstrip(".:") for n in _NUMBER.findall(text)}


def _anchors(text: str) -> set[str]:
    """Names, URLs and e-mails, normalised: these must be copied from the sources, never made up."""
    names = {normalize(m) for m in _NAME.findall(text)}
    links = {m.rstrip(".,)").lower() for m in _URL_OR_MAIL.findall(text)}
    return names | links


def check_support(
    answer: str,
    sources: Sequence[str],
    cache: EmbeddingCache,
    *,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    ignore: Sequence[str] = (),
) -> SupportReport:
    """``ignore``: templated phrases of ours that may appear in the answer (e.g. the emergency number)."""
    answer_sentences = [s.text for s in split_sentences(answer)]
    if not answer_sentences:
        return SupportReport(False, [])
    source_text = "\n".join(sources)
    source_sentences = [s.text for s in split_sentences(source_text)] or [source_text]
    known_numbers = _numbers(source_text) | {n for text in ignore for n in _numbers(text)}
    normalized_source = normalize(source_text) + " " + " ".join(normalize(t) for t in ignore)
    source_links = source_text.lower()
    answer_vectors = cache.documents(answer_sentences)
    source_vectors = cache.documents(source_sentences)
    best = (answer_vectors @ source_vectors.T).max(axis=1)
    unsupported = []
    for index, sentence in enumerate(answer_sentences):
        if float(best[index]) < min_similarity or not _numbers(sentence) <= known_numbers:
            unsupported.append(index)
            continue
        for anchor in _anchors(sentence):
            if anchor not in normalized_source and anchor not in source_links:
                unsupported.append(index)
                break
    return SupportReport(not unsupported, unsupported)
