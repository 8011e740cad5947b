"""Guardrail settings (RECEPTA_GUARDRAILS__*)."""

from __future__ import annotations

from pydantic import BaseModel


class GuardrailSettings(BaseModel):
    enabled: bool = True
    # Minimum Presidio score for an entity to count as PHI.
    score_threshold: float = 0.5
    # Log each decision's trace (entity types and offsets only, never text) on logger recepta.guardrails.trace.
    trace: bool = False
