"""Short conversation memory (redacted text only) and rewriting of elliptical follow-ups into full queries."""

from __future__ import annotations

from typing import Any

from agent.text import content_words, tokens

# Openers of a follow-up that leans on the previous question ("¿y los sábados?", "and on saturdays?").
_FOLLOWUP_OPENERS = (
    ("y",),
    ("e",),
    ("o",),
    ("and",),
    ("or",),
    ("what", "about"),
    ("how", "about"),
    ("tambien",),
    ("also",),
    ("y", "si"),
    ("pero",),
    ("but",),
    ("entonces",),
    ("then",),
)
_QUESTION_HEADS = frozenset("que como cuando donde cuanto cuanta cual quien what when where how which who".split())


def is_followup(text: str, memory: dict[str, Any]) -> bool:
    """A short message that starts like a continuation, or has too few words to stand alone."""
    if not memory.get("last_query"):
        return False
    words = tokens(text)
    if not words or len(words) > 7:
        return False
    if any(tuple(words[: len(o)]) == o for o in _FOLLOWUP_OPENERS):
        return True
    meaningful = content_words(text)
    return len(meaningful) <= 1 and words[0] not in _QUESTION_HEADS and len(words) <= 3


def rewrite_followup(text: str, memory: dict[str, Any]) -> str:
    """The previous question with the follow-up appended: retrieval sees the topic, scoring the new focus."""
    return f"{memory['last_query']} {text.strip()}"


def remember(memory: dict[str, Any], **values: Any) -> dict[str, Any]:
    """A new dict (so SQLAlchemy sees the JSON change) with ``values`` set; None removes a key."""
    updated = dict(memory)
    for key, value in values.items():
        if value is None:
            updated.pop(key, None)
        else:
            updated[key] = value
    return updated
