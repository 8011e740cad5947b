"""The clinic's own public details (address, phone numbers, portal, emergency number): never a patient's PHI.

Shared by the policy (which drops such spans before redacting) and the eval runner (which must not count an
answer's "Madrid" as an echo of the patient's PHI when the analyzer took the city for a name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from service.settings import Settings

# A span shorter than this is never taken for a part of a public value (postcode 28010 is; "112" is not).
MIN_PUBLIC_PART = 5


def canonical(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.casefold())


class PublicValues:
    def __init__(self, values: Iterable[str]) -> None:
        self._values = [c for c in (canonical(v) for v in values) if len(c) >= 3]

    def covers(self, span: str) -> bool:
        """True when the span is one of the clinic's own details (or a part of one), never a patient's.

        Never "a public value inside the span": the emergency number 112 sits inside many a DNI or phone.
        """
        value = canonical(span)
        if len(value) < 3:
            return False
        for public in self._values:
            if value == public or (len(value) >= MIN_PUBLIC_PART and value in public):
                return True
            # The clinic's phone written with its country code: +34 911 234 567 / 0034 911 234 567.
            if value.isdigit() and public.isdigit() and value[: -len(public)] in ("34", "0034"):
                if value.endswith(public) and len(public) >= 9:
                    return True
        return False


def clinic_public_values(settings: Settings) -> PublicValues:
    clinic = settings.clinic
    return PublicValues([*settings.guardrails.public_values, clinic.portal_url, clinic.emergency_number])
