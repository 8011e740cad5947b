"""Which words of a question carry its meaning: how far the question's embedding moves when a word is left out.

"What time do you close in august? heard it's different in summer" means much the same without "heard";
"how much is the botox" means nothing without "botox". The vocabulary gates of the extractive answerer
(agent.subjects) then ask only about the words that matter, so chatty context ("es por curiosidad", "for my
boss") does not turn an answerable question into "I don't know", while a missing key word still does.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from agent.text import tokens
from knowledge.ports import Embedder

# At most this many words are weighed (one embedding each, in one batch): questions are short.
MAX_WORDS = 8


def weigh(embedder: Embedder, query: str, words: Sequence[str]) -> dict[str, float]:
    """Each of ``words`` (normalised tokens of ``query``) with its salience relative to the most salient one:
    1.0 for the word whose absence changes the question most, near 0 for one that changes nothing."""
    unique = tuple(dict.fromkeys(words))[:MAX_WORDS]
    if len(unique) < 2:
        return dict.fromkeys(unique, 1.0)
    said = tokens(query)
    texts = [" ".join(said), *(" ".join(t for t in said if t != w) for w in unique)]
    vectors = np.asarray(embedder.embed_documents(texts), dtype=np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    drops = np.clip(1.0 - vectors[1:] @ vectors[0], 0.0, None)
    top = float(drops.max())
    return {w: (float(d) / top if top > 0 else 1.0) for w, d in zip(unique, drops, strict=True)}
