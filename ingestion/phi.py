"""PHI check at ingestion: each chunk goes through the guardrails (direction "retrieval") before indexing.

Clinic documents legitimately carry the clinic's phone numbers, e-mail, address, dates and staff names, so
those entity types are not findings; identifiers of a person (NIF/NIE, health card, IBAN, record numbers…) are.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent.ports import GuardrailPolicy
    from service.composition import Services

logger = logging.getLogger("recepta.ingestion")

NOT_PHI_IN_DOCUMENTS = frozenset(
    {
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
        "URL",
        "DATE_TIME",
        "LOCATION",
        "ADDRESS",
        "ORGANIZATION",
        "NRP",
        "PERSON",
        "ES_PHONE",
        "CLINIC_CONTACT",
    }
)

# Used only while the guardrails policy is unavailable: Spanish DNI/NIE with a valid control letter.
_DNI = re.compile(r"\b([XYZ]?)(\d{7,8})[- ]?([A-Z])\b", re.IGNORECASE)
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def policy_or_none(services: Services) -> GuardrailPolicy | None:
    """The guardrails policy, or None when the guardrails package is not installed in this build."""
    try:
        return services.guardrails
    except ImportError:
        logger.debug("guardrails policy unavailable; ingestion falls back to the built-in NIF/NIE check")
        return None


def phi_flags(policy: GuardrailPolicy | None, texts: Sequence[str], languages: Sequence[str]) -> list[bool]:
    """One flag per text: True when it holds an identifier of a person."""
    if policy is None:
        return [_has_valid_dni(text) for text in texts]
    flags = []
    for text, language in zip(texts, languages, strict=True):
        decision = policy.check(text, direction="retrieval", language=language)
        flags.append(any(entity.type not in NOT_PHI_IN_DOCUMENTS for entity in decision.entities))
    return flags


def _has_valid_dni(text: str) -> bool:
    for prefix, digits, letter in _DNI.findall(text):
        number = int(str("XYZ".index(prefix.upper())) + digits if prefix else digits)
        if len(digits) == (7 if prefix else 8) and _DNI_LETTERS[number % 23] == letter.upper():
            return True
    return False
