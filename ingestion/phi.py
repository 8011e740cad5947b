"""PHI check at ingestion: each chunk goes through the guardrails (direction "retrieval") before indexing.

Clinic documents legitimately carry the clinic's contact details, address, staff names and dates, so those
entity types are not findings; identifiers and health facts of a person (NIF/NIE, health card, IBAN, date
of birth, "diagnosticada de…") are. A chunk the policy refuses (instructions aimed at the assistant) is a
finding too: it must not reach patients without a human looking at it.
"""

from __future__ import annotations

from collections.abc import Sequence

from agent.ports import GuardrailPolicy

NOT_PHI_IN_DOCUMENTS = frozenset(
    {
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
        "ADDRESS",
        "POSTAL_CODE",
        "LOCATION",
        "ORGANIZATION",
        "DATE",
        "DATE_TIME",
        "PROFESSION",
        "PROFESSIONAL_ID",
        "PERSON",
        "URL",
        "NRP",
    }
)


def phi_flags(policy: GuardrailPolicy, texts: Sequence[str], languages: Sequence[str]) -> list[bool]:
    """One flag per chunk: True when it holds personal data or is refused by the retrieval guardrail."""
    flags = []
    for text, language in zip(texts, languages, strict=True):
        decision = policy.check(text, direction="retrieval", language=language)
        personal = any(entity.type not in NOT_PHI_IN_DOCUMENTS for entity in decision.entities)
        flags.append(personal or decision.action == "refuse")
    return flags
