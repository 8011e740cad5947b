"""Robustness generators: mutate cases the way patients really type, to see how stable each metric is."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

from evals.suites import Case, Suite

Mutator = Callable[[str, random.Random], str]

_KEYBOARD_NEIGHBOURS = {
    "a": "qsz",
    "e": "wrd",
    "i": "uok",
    "o": "ipl",
    "u": "yij",
    "s": "adw",
    "n": "bm",
    "r": "et",
    "t": "ry",
    "l": "kñ",
    "c": "xv",
    "d": "sf",
    "m": "n",
}
_EMOJIS = ["🙏", "😊", "👍", "😅", "🤔", "❤️"]
_POLITE = {
    "es": ("Hola buenas, perdona la molestia, ", " Muchas gracias de antemano!"),
    "en": ("Hi there, sorry to bother you, ", " Thanks so much in advance!"),
}
_SWITCH = {"es": ["please", "ok", "thanks"], "en": ["por favor", "vale", "gracias"]}


def typos(text: str, rng: random.Random) -> str:
    chars = list(text)
    letters = [i for i, c in enumerate(chars) if c.isalpha()]
    for i in rng.sample(letters, k=min(len(letters), max(1, len(letters) // 15))):
        op = rng.choice(("swap", "drop", "neighbour"))
        if op == "swap" and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif op == "drop":
            chars[i] = ""
        else:
            chars[i] = rng.choice(_KEYBOARD_NEIGHBOURS.get(chars[i].lower(), chars[i]))
    return "".join(chars)


def no_accents(text: str, _rng: random.Random) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("¿", "").replace("¡", "")


def casing(text: str, rng: random.Random) -> str:
    return text.upper() if rng.random() < 0.3 else text.lower()


def emojis(text: str, rng: random.Random) -> str:
    return f"{text} {rng.choice(_EMOJIS)}{rng.choice(_EMOJIS)}"


def code_switch(text: str, rng: random.Random, language: str = "es") -> str:
    return f"{text} {rng.choice(_SWITCH.get(language, _SWITCH['es']))}"


def politeness(text: str, _rng: random.Random, language: str = "es") -> str:
    before, after = _POLITE.get(language, _POLITE["es"])
    return f"{before}{text[:1].lower()}{text[1:]}{after}"


MUTATORS: dict[str, Callable[..., str]] = {
    "typos": typos,
    "no_accents": no_accents,
    "casing": casing,
    "emojis": emojis,
    "code_switch": code_switch,
    "politeness": politeness,
}


def mutate_case(case: Case, kind: str, rng: random.Random) -> Case:
    mutator = MUTATORS[kind]
    turns = []
    for text in case.turns:
        if kind in ("code_switch", "politeness"):
            turns.append(mutator(text, rng, case.language))
        else:
            turns.append(mutator(text, rng))
    return case.model_copy(update={"id": f"{case.id}~{kind}", "turns": turns, "tags": [*case.tags, f"mutated:{kind}"]})


def mutate_suites(suites: list[Suite], kinds: list[str], *, seed: int = 7) -> list[Suite]:
    """One extra suite per original suite and mutation kind, named ``<suite>~<kind>``."""
    unknown = set(kinds) - set(MUTATORS)
    if unknown:
        raise ValueError(f"unknown mutation kinds: {sorted(unknown)}; known: {sorted(MUTATORS)}")
    rng = random.Random(seed)
    mutated = []
    for suite in suites:
        for kind in kinds:
            cases = [mutate_case(c, kind, rng) for c in suite.cases]
            mutated.append(suite.model_copy(update={"suite": f"{suite.suite}~{kind}", "cases": cases}))
    return mutated
