"""Templated training messages for the clinical-advice classifier: clinical requests vs desk questions (es/en).

The slot values and templates live in ``models/clinical_templates.yaml``. Held-out evaluation never uses them
(tests/guardrails/data/clinical_heldout.jsonl is hand-written; evals/data/clinical_advice.jsonl is never trained on).
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import yaml

TEMPLATES_PATH = Path(__file__).parent / "models" / "clinical_templates.yaml"


@lru_cache(maxsize=1)
def load() -> dict[str, list[str]]:
    data: dict[str, list[str]] = yaml.safe_load(TEMPLATES_PATH.read_text(encoding="utf-8"))
    return data


def _fill(template: str, rng: random.Random, lang: str) -> str:
    t = load()

    def slot(name: str) -> list[str]:
        return t[f"{name}_{lang}"]

    pick = rng.choice
    drug = pick(slot("drugs"))
    drug2 = pick([d for d in slot("drugs") if d != drug])
    symptoms = slot("symptoms")
    symptom = pick(symptoms)
    return template.format(
        drug=drug,
        drug2=drug2,
        symptom=symptom,
        symptom2=pick([s for s in symptoms if s != symptom]),
        condition=pick(slot("conditions")),
        result=pick(slot("results")),
        body=pick(slot("body")),
        spec=pick(slot("specialties")),
        test=pick(slot("tests")),
        day=pick(slot("days")),
        insurer=pick(t["insurers"]),
        n=rng.randint(2, 9),
        **_identifiers(rng),
    )


def _identifiers(rng: random.Random) -> dict[str, str]:
    """Fake identifiers (format only) for the messages that carry them."""
    pick = rng.choice
    return {
        "dni": f"{rng.randint(10**7, 10**8 - 1)}{pick('TRWAGMYFPDXBNJZSQVHLCKE')}",
        "phone": f"6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
        "email": f"{pick(['ana', 'luis', 'maria', 'john', 'sarah'])}{rng.randint(1, 99)}@mail.test",
        "street": pick(["alcala", "mayor", "gran via", "princesa", "oak", "high"]),
        "postal": f"280{rng.randint(10, 99)}",
        "name": pick(["ana garcia", "luis perez", "maria lopez", "john smith", "sarah jones", "jose luis martin"]),
        "nss": f"28 {rng.randint(10**7, 10**8 - 1)} {rng.randint(10, 99)}",
        "card": f"BBBB{rng.randint(10**11, 10**12 - 1)}",
    }


def _typo(text: str, rng: random.Random) -> str:
    """One dropped or swapped letter, the commonest chat typos."""
    if len(text) < 6:
        return text
    i = rng.randrange(1, len(text) - 2)
    if rng.random() < 0.5:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def generate(per_template: int, seed: int) -> list[tuple[str, int]]:
    """(text, label) pairs: label 1 for a clinical request, 0 for a desk question."""
    rng = random.Random(seed)
    t = load()
    out: list[tuple[str, int]] = []
    for kind, lang, label in (
        ("other", "es", 0),
        ("other", "en", 0),
        ("clinical", "es", 1),
        ("clinical", "en", 1),
        ("admin", "es", 0),
        ("admin", "en", 0),
    ):
        for template in t[f"{kind}_{lang}"]:
            for _ in range(per_template):
                text = _fill(template, rng, lang)
                out.append((_typo(text, rng) if rng.random() < 0.3 else text, label))
    return out
