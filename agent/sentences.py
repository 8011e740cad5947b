"""Sentences of approved chunks and their embeddings (cached: approved text changes rarely)."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from knowledge.ports import Embedder

Vector = npt.NDArray[np.float32]

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'(¿¡A-ZÁÉÍÓÚÑ0-9*])")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)]|#{1,6})\s+")
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Sentence:
    text: str
    chunk_index: int
    position: int
    # A line that introduces a list ("El horario es:") is answered by the items that follow it.
    introduces_list: bool = False
    is_item: bool = False
    # Index of the line (paragraph or list item) the sentence is on, within its chunk.
    paragraph: int = 0


def split_sentences(text: str, chunk_index: int = 0) -> list[Sentence]:
    """Lines first (lists, headings), then sentence boundaries inside each line; markup stripped."""
    out: list[Sentence] = []
    for paragraph, raw in enumerate(_unwrap(text.splitlines())):
        is_item = bool(_BULLET.match(raw))
        line = _SPACES.sub(" ", _BULLET.sub("", raw)).strip().strip("*").strip()
        if not line:
            continue
        for part in _SPLIT.split(line):
            part = part.strip()
            words = part.split()
            # A lone word is noise, except as a list item ("- Bizum."): then it is one of the answers.
            if len(words) < 2 and not any(c.isdigit() for c in part) and not (is_item and len(part) > 2):
                continue
            out.append(Sentence(part, chunk_index, len(out), part.endswith(":"), is_item, paragraph))
    return out


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (PDF text): a line that ends mid-sentence continues on a lowercase line."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        ends_sentence = bool(out) and out[-1].rstrip().endswith((".", "!", "?", ":"))
        if out and stripped and stripped[0].islower() and not _BULLET.match(line) and not ends_sentence:
            out[-1] = f"{out[-1].rstrip()} {stripped}"
        else:
            out.append(line)
    return out


class MemoEmbedder:
    """Wraps an embedder so the same query is embedded once per turn (retrieval and sentence scoring
    both need it; a query embedding costs tens of milliseconds)."""

    def __init__(self, inner: Embedder, *, max_items: int = 256) -> None:
        self.inner = inner
        self.id = inner.id
        self.dimension = inner.dimension
        self._queries: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_items = max_items

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            if text in self._queries:
                self._queries.move_to_end(text)
                return self._queries[text]
        vector = self.inner.embed_query(text)
        with self._lock:
            self._queries[text] = vector
            while len(self._queries) > self.max_items:
                self._queries.popitem(last=False)
        return vector


class EmbeddingCache:
    """Embeds texts once: sentences of approved chunks repeat across questions."""

    def __init__(self, embedder: Embedder, *, max_items: int = 50_000) -> None:
        self.embedder = embedder
        self.max_items = max_items
        self._vectors: OrderedDict[str, Vector] = OrderedDict()

    def documents(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for text, vector in zip(missing, self.embedder.embed_documents(missing), strict=True):
                self._vectors[text] = _unit(vector)
            while len(self._vectors) > self.max_items:
                self._vectors.popitem(last=False)
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

    def query(self, text: str) -> Vector:
        return _unit(self.embedder.embed_query(text))


def _unit(vector: Sequence[float]) -> Vector:
    array = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(array))
    return array / norm if norm else array
