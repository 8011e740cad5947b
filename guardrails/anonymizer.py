"""Redaction with typed placeholders ("<PERSON>", "<ES_NIF>") at the analyzer's character offsets."""

from __future__ import annotations

from collections.abc import Sequence

from guardrails.analyzer import resolve_overlaps
from guardrails.decision import Entity


def placeholder(entity_type: str) -> str:
    return f"<{entity_type}>"


def redact(text: str, entities: Sequence[Entity]) -> str:
    """``text`` with each entity replaced by its typed placeholder; overlapping entities become one.

    Idempotent: placeholders are never detected again, so redacting a redacted text changes nothing.
    """
    parts: list[str] = []
    cursor = 0
    for entity in resolve_overlaps([e for e in entities if 0 <= e.start < e.end <= len(text)]):
        parts.append(text[cursor : entity.start])
        parts.append(placeholder(entity.type))
        cursor = entity.end
    parts.append(text[cursor:])
    return "".join(parts)
