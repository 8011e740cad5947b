"""Train the PHI CRF on MEDDOCAN train (+ chat-style augmentation), select on dev, write the artefact.

    python -m guardrails.ner.train [--data /work/shared/data/meddocan] [--iterations 120]

Reproducible: fixed seed; prints dev token-level scores. Data: MEDDOCAN, CC-BY-4.0 (see models/MODEL_CARD.md).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path

import pycrfsuite

from guardrails.ner.corpus import Document, bio_labels, bio_lines, chat_examples, chatify, read_brat
from guardrails.ner.features import sentence_features, tokenize
from guardrails.ner.model import MODEL_PATH, CrfTagger
from guardrails.nlp import fold
from guardrails.recognizers import names_gazetteer
from guardrails.recognizers.names_gazetteer import GAZETTEER_PATH

logger = logging.getLogger("recepta.guardrails.ner")
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "meddocan"
SEED = 13
PARTICLES = {"de", "del", "la", "las", "los", "y"}


def build_gazetteer(docs: list[Document]) -> dict[str, list[str]]:
    """First names and surnames seen in train person spans (relation words excluded)."""
    first: set[str] = set()
    last: set[str] = set()
    for doc in docs:
        for span in doc.spans:
            if span.type != "PERSON":
                continue
            words = [fold(w.text) for w in tokenize(span.text) if w.text.isalpha()]
            words = [w for w in words if len(w) > 1 and w not in PARTICLES | names_gazetteer.RELATION_WORDS]
            if words:
                first.add(words[0])
                last.update(words[1:])
    return {"first_names": sorted(first), "surnames": sorted(last)}


def _drop(feats: list[list[str]], rng: random.Random, rate: float) -> list[list[str]]:
    # Gazetteer dropout: train names are all in the gazetteer, unseen ones are not; don't let the model rely on it.
    gaz = ("first", "last")
    return [[f for f in fs if not (f.endswith(gaz) and rng.random() < rate)] for fs in feats]


def train(
    data: Path,
    out: Path,
    *,
    iterations: int = 150,
    chat_count: int = 4000,
    c1: float = 0.05,
    c2: float = 0.01,
    gazetteer_out: Path = GAZETTEER_PATH,
) -> None:
    rng = random.Random(SEED)
    docs = read_brat(data / "train")
    learned = build_gazetteer(docs)
    gazetteer_out.write_text(json.dumps(learned, ensure_ascii=False, indent=0), encoding="utf-8")
    # The same lists the shipped gazetteer() returns at run time: hand-written plus learned.
    first = frozenset(names_gazetteer.FIRST_NAMES | set(learned["first_names"])) - names_gazetteer.RELATION_WORDS
    last = frozenset(names_gazetteer.SURNAMES | set(learned["surnames"])) - names_gazetteer.RELATION_WORDS
    trainer = pycrfsuite.Trainer(verbose=False)
    sequences = 0
    for doc in docs:
        for line, tokens, labels in bio_lines(doc):
            trainer.append(_drop(sentence_features(tokens, first, last, line), rng, 0.3), labels)
            chat_line = chatify(line)
            chat_tokens = tokenize(chat_line)
            if len(chat_tokens) == len(tokens):
                trainer.append(_drop(sentence_features(chat_tokens, first, last, chat_line), rng, 0.3), labels)
            sequences += 2
    for text, spans in chat_examples(docs, rng, chat_count):
        tokens = tokenize(text)
        trainer.append(_drop(sentence_features(tokens, first, last, text), rng, 0.3), bio_labels(tokens, spans))
        sequences += 1
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    started = time.perf_counter()
    trainer.train(str(out))
    print(f"trained on {sequences} sequences in {time.perf_counter() - started:.0f} s -> {out}")  # noqa: T201 - a CLI script reports to stdout
    names_gazetteer.gazetteer.cache_clear()  # a new gazetteer file may have been written
    evaluate(CrfTagger(out), read_brat(data / "dev"))


def evaluate(tagger: CrfTagger, docs: list[Document]) -> None:
    """Token-level binary PHI scores on whole documents, for a few decision thresholds."""
    for threshold in (0.2, 0.3, 0.35, 0.4, 0.5):
        tagger.threshold = threshold
        tp = fp = fn = 0
        for doc in docs:
            predicted = tagger.tag(doc.text)
            for token in tokenize(doc.text):
                gold = any(s.start < token.end and token.start < s.end for s in doc.spans)
                pred = any(s.start < token.end and token.start < s.end for s in predicted)
                tp += gold and pred
                fp += pred and not gold
                fn += gold and not pred
        precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        print(f"dev threshold={threshold:.2f} precision={precision:.4f} recall={recall:.4f} f1={f1:.4f}")  # noqa: T201 - a CLI script reports to stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--chat", type=int, default=4000)
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    args = parser.parse_args()
    train(args.data, args.out, iterations=args.iterations, chat_count=args.chat, c1=args.c1, c2=args.c2)


if __name__ == "__main__":
    main()
