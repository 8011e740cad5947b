"""Safety detectors: each reads a message (raw and normalised) and returns named verdicts, never text."""

from __future__ import annotations

from typing import Protocol

from guardrails.decision import Verdict
from guardrails.detectors.normalize import Normalized


class Detector(Protocol):
    def detect(self, raw: str, text: Normalized) -> list[Verdict]:
        """The verdicts this detector finds in one message (empty when none)."""
        ...
