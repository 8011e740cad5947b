"""Train the clinical-advice classifier: logistic regression on USE-multilingual embeddings (fixed seed).

Positives: MedQuAD consumer-health questions (CC-BY-4.0, ../shared/data/medquad-questions.jsonl) plus templated
Spanish/English clinical requests; negatives: templated desk questions. Writes a tiny .npz (weights only) that
``clinical_advice.py`` loads offline with numpy.

    .venv/bin/python -m guardrails.detectors.train_clinical [--medquad PATH]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

from guardrails.detectors.clinical_advice import MODEL_PATH, embed_texts
from guardrails.detectors.clinical_templates import generate

SEED = 13
DEFAULT_MEDQUAD = Path(__file__).resolve().parents[3] / "shared" / "data" / "medquad-questions.jsonl"


def load_medquad(path: Path, limit: int, rng: random.Random) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        questions = [json.loads(line)["question"] for line in fh if line.strip()]
    rng.shuffle(questions)
    return [q.replace(" ?", "?").replace("(are) ", "") for q in questions[:limit]]


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--medquad", type=Path, default=DEFAULT_MEDQUAD)
    parser.add_argument("--medquad-limit", type=int, default=4000)
    parser.add_argument("--per-template", type=int, default=40)
    parser.add_argument("--C", type=float, default=2.0)
    args = parser.parse_args()

    rng = random.Random(SEED)
    pairs = generate(args.per_template, SEED)
    pairs += [(q, 1) for q in load_medquad(args.medquad, args.medquad_limit, rng)]
    texts = [t for t, _ in pairs]
    labels = np.array([y for _, y in pairs])
    features = embed_texts(texts)
    x_train, x_dev, y_train, y_dev = train_test_split(
        features, labels, test_size=0.15, random_state=SEED, stratify=labels
    )
    model = LogisticRegression(C=args.C, class_weight="balanced", max_iter=2000, random_state=SEED)
    model.fit(x_train, y_train)
    dev_acc = float((model.predict(x_dev) == y_dev).mean())
    print(f"examples {len(texts)} (positives {int(labels.sum())}), dev accuracy {dev_acc:.4f}")  # noqa: T201
    model.fit(features, labels)
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    np.savez(MODEL_PATH, coef=model.coef_[0].astype(np.float32), intercept=np.float32(model.intercept_[0]))
    print(f"wrote {MODEL_PATH}")  # noqa: T201


if __name__ == "__main__":
    main()
