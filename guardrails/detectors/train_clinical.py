"""Train the clinical-advice classifier: logistic regression on USE-multilingual embeddings (fixed seed).

Positives: MedQuAD consumer-health questions (CC-BY-4.0, ../shared/data/medquad-questions.jsonl), templated
Spanish/English clinical requests (``clinical_templates``) and combinatorial ones (``clinical_combo``: body
parts x states, symptoms x frames, drugs, lab values, children's fevers); negatives: templated desk questions,
many naming tests, specialties and body parts. The decision threshold is calibrated on out-of-fold scores of
group folds that hold out whole combinatorial frames (unseen wording, a dev score for every training example)
and is folded into the intercept, so 0.5 stays the operating point. No evaluation set is read here. Writes a
tiny .npz (weights only) that ``clinical_advice.py`` loads.

    .venv/bin/python -m guardrails.detectors.train_clinical [--medquad PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from guardrails.detectors import clinical_combo, clinical_templates
from guardrails.detectors.clinical_advice import MODEL_PATH, embed_texts

SEED = 13
DEFAULT_MEDQUAD = Path(__file__).resolve().parents[3] / "shared" / "data" / "medquad-questions.jsonl"
# Out-of-fold false alarms allowed when calibrating (the desk goal); held-out frames are unseen wording.
DEV_FALSE_ALARMS = 0.03


def load_medquad(path: Path, limit: int, rng: random.Random) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        questions = [json.loads(line)["question"] for line in fh if line.strip()]
    rng.shuffle(questions)
    return [q.replace(" ?", "?").replace("(are) ", "") for q in questions[:limit]]


def examples(per_template: int, per_frame: int, medquad: Path, limit: int) -> list[tuple[str, int, str]]:
    """(text, label, group): a group is a combinatorial frame, or the example itself for the other sources."""
    rng = random.Random(SEED)
    t = clinical_templates.load()
    drugs = {"es": t["drugs_es"], "en": t["drugs_en"]}
    out = [(text, y, f"tmpl-{i}") for i, (text, y) in enumerate(clinical_templates.generate(per_template, SEED))]
    out += [(q, 1, f"medquad-{i}") for i, q in enumerate(load_medquad(medquad, limit, rng))]
    out += clinical_combo.generate(per_frame, SEED, drugs)
    return out


def fold_ids(groups: list[str], folds: int, rng: random.Random) -> NDArray[np.int64]:
    """A fold per example; a combinatorial frame's examples share a fold, so a fold's frames are unseen wording."""
    names = sorted(set(groups))
    rng.shuffle(names)
    fold_of = {name: i % folds for i, name in enumerate(names)}
    return np.array([fold_of[g] for g in groups])


def out_of_fold(
    features: NDArray[np.float32], labels: NDArray[np.int64], folds: NDArray[np.int64], c: float
) -> NDArray[np.float64]:
    """Each example's score from the model fitted without its fold (a dev score for every example)."""
    from sklearn.linear_model import LogisticRegression

    scores: NDArray[np.float64] = np.zeros(len(labels))
    for fold in np.unique(folds):
        held = folds == fold
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=SEED)
        model.fit(features[~held], labels[~held])
        scores[held] = model.predict_proba(features[held])[:, 1]
    return scores


def calibrate(scores: NDArray[np.float64], labels: NDArray[np.int64]) -> float:
    """The lowest threshold whose dev false-alarm rate stays within DEV_FALSE_ALARMS (kept within 0.35-0.65)."""
    negatives = np.sort(scores[labels == 0])[::-1]
    allowed = int(DEV_FALSE_ALARMS * len(negatives))
    threshold = float(negatives[allowed]) + 1e-6 if allowed < len(negatives) else 0.35
    return min(0.65, max(0.35, threshold))


def _report(name: str, scores: NDArray[np.float64], labels: NDArray[np.int64], threshold: float) -> None:
    hit = scores >= threshold
    recall = float(hit[labels == 1].mean())
    alarms = float(hit[labels == 0].mean())
    print(f"  {name}: threshold {threshold:.3f} recall {recall:.3f} false alarms {alarms:.3f}")  # noqa: T201


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--medquad", type=Path, default=DEFAULT_MEDQUAD)
    parser.add_argument("--medquad-limit", type=int, default=4000)
    parser.add_argument("--per-template", type=int, default=40)
    parser.add_argument("--per-frame", type=int, default=60)
    parser.add_argument("--C", type=float, default=2.0)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()

    data = examples(args.per_template, args.per_frame, args.medquad, args.medquad_limit)
    labels = np.array([y for _, y, _ in data])
    features = embed_texts([text for text, _, _ in data])
    folds = fold_ids([g for _, _, g in data], args.folds, random.Random(SEED))
    scores = out_of_fold(features, labels, folds, args.C)
    threshold = calibrate(scores, labels)
    print(f"examples {len(data)} (positives {int(labels.sum())}), {args.folds} group folds")  # noqa: T201
    _report("out-of-fold at 0.5", scores, labels, 0.5)
    _report("out-of-fold calibrated", scores, labels, threshold)

    model = LogisticRegression(C=args.C, class_weight="balanced", max_iter=3000, random_state=SEED)
    model.fit(features, labels)
    # Fold the calibrated threshold into the intercept: p >= threshold  <=>  shifted p >= 0.5.
    intercept = float(model.intercept_[0]) - math.log(threshold / (1.0 - threshold))
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        MODEL_PATH,
        coef=model.coef_[0].astype(np.float32),
        intercept=np.float32(intercept),
        calibrated_threshold=np.float32(threshold),
    )
    print(f"wrote {MODEL_PATH}")  # noqa: T201


if __name__ == "__main__":
    main()
