"""Combinatorial clinical training data, threshold calibration and the body-part injury rule."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import numpy as np
import pytest

from guardrails.detectors import clinical_combo, clinical_templates
from guardrails.detectors.clinical_advice import CLINICAL_ADVICE, ClinicalAdviceDetector
from guardrails.detectors.normalize import normalize
from guardrails.detectors.train_clinical import DEV_FALSE_ALARMS, calibrate, fold_ids

ROOT = Path(__file__).resolve().parents[2]
EVAL_SETS = [
    ROOT / "evals" / "data" / "clinical_sealed.jsonl",
    ROOT / "evals" / "data" / "clinical_advice.jsonl",
]


@pytest.fixture(scope="module")
def detector() -> ClinicalAdviceDetector:
    return ClinicalAdviceDetector()


@pytest.fixture(scope="module")
def combo() -> list[tuple[str, int, str]]:
    t = clinical_templates.load()
    return clinical_combo.generate(4, 7, {"es": t["drugs_es"], "en": t["drugs_en"]})


def flagged(detector: ClinicalAdviceDetector, text: str) -> bool:
    return any(v.name == CLINICAL_ADVICE for v in detector.detect(text, normalize(text)))


@pytest.mark.parametrize(
    "text",
    [
        "is my knee torn?",
        "Is my wrist broken??",
        "did i break my toe",
        "could my acl be torn",
        "tengo la rodilla rota?",
        "tendre el tobillo esguinzado",
        "me he roto el dedo?",
        "puedo dejar los antidepresivos de golpe",
    ],
)
def test_asking_whether_a_body_part_is_injured_is_clinical(detector: ClinicalAdviceDetector, text: str) -> None:
    assert flagged(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "quiero pedir cita con traumatologia, tengo la pierna rota",
        "how much is an mri of the knee",
        "cuanto cuesta la radiografia de tobillo",
    ],
)
def test_booking_or_pricing_around_an_injury_is_desk_work(detector: ClinicalAdviceDetector, text: str) -> None:
    assert not flagged(detector, text)


def test_combo_messages_fill_every_slot_in_both_languages_and_labels(combo: list[tuple[str, int, str]]) -> None:
    assert not [text for text, _, _ in combo if re.search(r"[{}]", text)]
    kinds = {(group.split("-")[1], group.split("-")[2], label) for _, label, group in combo}
    for lang in ("es", "en"):
        assert ("clinical", lang, 1) in kinds
        assert ("admin", lang, 0) in kinds
        assert ("other", lang, 0) in kinds


def test_spanish_body_parts_agree_in_gender_with_their_state() -> None:
    rng = random.Random(3)
    for _ in range(300):
        body, state = clinical_combo._body_es(rng)
        if body.startswith("la ") and state.endswith(("o", "os")) and not state.endswith("ndo"):
            pytest.fail(f"{body} {state}")
        if body.startswith("el ") and state.endswith(("a", "as")):
            pytest.fail(f"{body} {state}")


def test_combo_generation_is_reproducible_for_a_seed() -> None:
    t = clinical_templates.load()
    drugs = {"es": t["drugs_es"], "en": t["drugs_en"]}
    assert clinical_combo.generate(2, 5, drugs) == clinical_combo.generate(2, 5, drugs)


def test_no_clinical_evaluation_message_is_a_training_message(combo: list[tuple[str, int, str]]) -> None:
    """Short desk requests ("quiero pedir cita con dermatologia") may coincide word for word; requests may not."""
    training = {normalize(text).text for text, _, _ in combo}
    training |= {normalize(text).text for text, _ in clinical_templates.generate(3, 13)}
    for path in EVAL_SETS:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        same = [r for r in rows if normalize(r["text"]).text in training]
        assert not [r["id"] for r in same if r["clinical"]]
        assert len(same) <= 0.02 * len(rows)


def test_calibration_folds_hold_out_whole_combinatorial_frames() -> None:
    groups = [f"combo-clinical-es-{i % 10}" for i in range(200)] + [f"tmpl-{i}" for i in range(200)]
    folds = fold_ids(groups, 5, random.Random(1))
    for frame in {g for g in groups if g.startswith("combo-")}:
        assert len({int(f) for f, g in zip(folds, groups, strict=True) if g == frame}) == 1
    assert set(folds.tolist()) == {0, 1, 2, 3, 4}


def test_calibrated_threshold_keeps_dev_false_alarms_within_the_bound() -> None:
    rng = np.random.default_rng(0)
    labels = np.array([0] * 500 + [1] * 500)
    scores = np.concatenate([rng.beta(2, 5, 500), rng.beta(5, 2, 500)])
    threshold = calibrate(scores, labels)
    assert 0.35 <= threshold <= 0.65
    assert (scores[labels == 0] >= threshold).mean() <= DEV_FALSE_ALARMS or threshold == 0.65
