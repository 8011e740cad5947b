"""Combinatorial clinical/desk training messages (body parts x states, symptoms x frames, drugs, lab values).

Slots and frames live in ``models/clinical_combo.yaml``; every message gets WhatsApp-style noise (chat
abbreviations, greetings, missing question marks, one typo) so the classifier sees the spelling patients use.
Each message carries its frame's id, so a dev split can hold out whole frames (unseen wording, not unseen slots).
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

import yaml

from guardrails.detectors import clinical_templates

COMBO_PATH = Path(__file__).parent / "models" / "clinical_combo.yaml"
_SLOT = re.compile(r"\{(\w+)\}")
_CHAT_ES = {"que": ("q", "k", "ke"), "porque": ("xq", "pq"), "por que": ("xq", "pq"), "tengo": ("tngo",)}
_CHAT_EN = {"you": ("u",), "are": ("r",), "im": ("i'm", "Im"), "please": ("pls", "plz"), "what": ("wat", "wht")}
_GREETINGS = {
    "es": ("hola ", "hola, ", "buenas, ", "buenos dias, ", "perdona, ", "una pregunta, "),
    "en": ("hi ", "hello, ", "hey, ", "morning, ", "sorry, ", "quick question, "),
}


@lru_cache(maxsize=1)
def load() -> dict[str, list[str]]:
    data: dict[str, list[str]] = yaml.safe_load(COMBO_PATH.read_text(encoding="utf-8"))
    return data


def _slot_value(name: str, lang: str, rng: random.Random, drugs: list[str]) -> str:
    t = load()
    if name == "n":
        return str(rng.randint(2, 9))
    if name == "drug":
        return rng.choice(drugs)
    if name == "drug2":
        return rng.choice(drugs[::-1])
    if name == "insurer":
        return rng.choice(("sanitas", "adeslas", "dkv", "asisa", "mapfre", "axa", "bupa", "cigna"))
    if name == "bodyart":
        return _body_es(rng)[0]
    if name == "state_es_any":
        return rng.choice(t["state_es"]).split("|")[0]
    if name == "condition":
        return rng.choice(clinical_templates.load()[f"conditions_{lang}"])
    if name in ("temp", "value"):
        return rng.choice(t[name])
    return rng.choice(t[f"{name}_{lang}"])


def _body_es(rng: random.Random) -> tuple[str, str]:
    """A Spanish body part with an adjective in its gender: "la rodilla rota", "el tobillo hinchado"."""
    t = load()
    body, gender = rng.choice(t["body_es"]).split("|")
    masc, fem = rng.choice(t["state_es"]).split("|")
    return body, fem if gender == "f" else masc


def fill(frame: str, lang: str, rng: random.Random, drugs: list[str]) -> str:
    """One frame with its slots filled; slot values may hold slots themselves ("mi hijo de {n} anos")."""
    if "{bodyart}" in frame and "{state}" in frame and lang == "es":
        body, state = _body_es(rng)
        frame = frame.replace("{bodyart}", body).replace("{state}", state)
    for _ in range(2):
        frame = _SLOT.sub(lambda m: _slot_value(m.group(1), lang, rng, drugs), frame)
    return frame


def chat_noise(text: str, lang: str, rng: random.Random) -> str:
    """WhatsApp spelling: abbreviations, a greeting, no or doubled question marks, capitals, one typo."""
    table = _CHAT_ES if lang == "es" else _CHAT_EN
    for word, forms in table.items():
        if rng.random() < 0.35:
            text = re.sub(rf"\b{word}\b", rng.choice(forms), text)
    if rng.random() < 0.25:
        text = rng.choice(_GREETINGS[lang]) + text
    roll = rng.random()
    if roll < 0.3:
        text = text.rstrip("?")
    elif roll < 0.45:
        text = text.rstrip("?") + "??"
    if lang == "es" and rng.random() < 0.2 and text.endswith("?"):
        text = "¿" + text
    if rng.random() < 0.2:
        text = text[:1].upper() + text[1:]
    if rng.random() < 0.25 and len(text) > 8:
        i = rng.randrange(1, len(text) - 2)
        text = text[:i] + text[i + 1 :] if rng.random() < 0.5 else text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text


def generate(per_frame: int, seed: int, drugs: dict[str, list[str]]) -> list[tuple[str, int, str]]:
    """(text, label, frame id) triples: label 1 for a clinical request, 0 for a desk question."""
    rng = random.Random(seed)
    t = load()
    out: list[tuple[str, int, str]] = []
    for kind, label in (("clinical", 1), ("admin", 0), ("other", 0)):
        for lang in ("es", "en"):
            for i, frame in enumerate(t[f"{kind}_{lang}"]):
                seen: set[str] = set()
                for _ in range(per_frame):
                    text = chat_noise(fill(frame, lang, rng, drugs[lang]), lang, rng)
                    if text not in seen:
                        seen.add(text)
                        out.append((text, label, f"combo-{kind}-{lang}-{i}"))
    return out
