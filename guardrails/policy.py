"""The guardrail policy: one place that decides allow / redact / refuse / escalate for every direction.

Inbound (patient text), retrieval (chunks, and documents at ingestion), outbound-bot and outbound-staff.
Decisions carry entity types, offsets and verdict names; the redacted text and the safe reply are for the
caller only (``GuardrailDecision.record()`` drops them). Nothing here logs text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from guardrails import entities as types
from guardrails.decision import Action, Direction, Entity, Escalation, GuardrailDecision, Priority, Team, Verdict
from guardrails.detectors import Detector, distress, emergency, human_request, injection, outbound, sales, spam
from guardrails.detectors import clinical_advice as clinical
from guardrails.detectors.normalize import Normalized, normalize
from guardrails.public_values import clinic_public_values
from guardrails.replies import guess_language, reply

if TYPE_CHECKING:
    from service.settings import Settings

trace_logger = logging.getLogger("recepta.guardrails.trace")

PHI = "phi"
SENSITIVE_IDENTIFIER = "sensitive_identifier"
HEALTH_DOCUMENT = "health_document"
# A patient offering to send a medical document or a photo of one: reports and results never travel by WhatsApp.
_OFFERS_DOCUMENT = re.compile(
    r"\b(?:te|os|les)?\s*(?:mando|envio|paso|adjunto|mandare|enviare|subo|send(?:ing)?|attach(?:ing)?|upload(?:ing)?)\b"
    r".{0,40}\b(?:fotos?|informes?|resultados?|analiticas?|radiografias?|resonancias?|ecografias?|pdf|documentos?|"
    r"photos?|pictures?|reports?|results?|scans?|x-?rays?|documents?)\b"
)
_PRIORITY_RANK: dict[Priority, int] = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


class Analyzer(Protocol):
    def analyze(self, text: str, language: str | None = None) -> list[Entity]: ...


class Redactor(Protocol):
    def __call__(self, text: str, entities: Sequence[Entity]) -> str: ...


@dataclass(frozen=True)
class Rule:
    """What an inbound verdict leads to; the first rule that fires (table order) decides the action."""

    verdict: str
    action: Action
    reply: str
    team: Team | None = None
    priority: Priority | None = None


INBOUND_RULES: tuple[Rule, ...] = (
    Rule(emergency.SELF_HARM, "escalate", "self_harm", "nurse_line", "urgent"),
    Rule(emergency.EMERGENCY, "escalate", "emergency", "nurse_line", "urgent"),
    Rule(injection.DATA_EXTRACTION, "refuse", "data_extraction"),
    Rule(injection.PROMPT_INJECTION, "refuse", "prompt_injection"),
    # Refused, with a nurse-line handoff offered through the escalation.
    Rule(clinical.CLINICAL_ADVICE, "refuse", "clinical_advice", "nurse_line", "normal"),
    Rule(sales.SALES, "refuse", "sales"),
    Rule(distress.DISTRESS, "escalate", "distress", "nurse_line", "high"),
    Rule(distress.COMPLAINT, "escalate", "complaint", "reception", "high"),
    Rule(human_request.BILLING_REQUEST, "escalate", "billing_request", "billing", "normal"),
    Rule(human_request.HUMAN_REQUEST, "escalate", "human_request", "reception", "normal"),
    Rule(spam.SPAM, "refuse", "spam"),
)


class Policy:
    """Implements agent.ports.GuardrailPolicy over a PHI analyzer, a redactor and the safety detectors."""

    def __init__(
        self,
        settings: Settings,
        *,
        analyzer: Analyzer,
        redactor: Redactor,
        detectors: Sequence[Detector] | None = None,
    ) -> None:
        self.settings = settings
        self.analyzer = analyzer
        self.redactor = redactor
        g = settings.guardrails
        self.inbound_detectors: list[Detector] = (
            list(detectors)
            if detectors is not None
            else [
                emergency.EmergencyDetector(),
                injection.InjectionDetector(),
                clinical.ClinicalAdviceDetector(g.clinical_threshold, g.clinical_weak_threshold),
                sales.SalesDetector(),
                distress.DistressDetector(),
                human_request.HumanRequestDetector(),
                spam.SpamDetector(),
            ]
        )
        self.injection = injection.InjectionDetector()
        self.outbound = outbound.OutboundDetector()
        self.public = clinic_public_values(settings)
        self._values = {
            "emergency_number": settings.clinic.emergency_number,
            "portal_url": settings.clinic.portal_url,
            "clinic_name": settings.clinic.name,
        }

    # -- entry point ---------------------------------------------------------------------------------
    def check(self, text: str, *, direction: Direction, language: str | None = None) -> GuardrailDecision:
        entities = self._entities(text, language)
        redacted = self.redactor(text, entities) if entities else text
        norm = normalize(text)
        lang = language if language in ("es", "en") else guess_language(norm, self.settings.clinic.default_language)
        if not self.settings.guardrails.enabled:
            # Detectors and refusals off (development only); PHI is still redacted before anything is stored.
            decision = GuardrailDecision(direction=direction, action="allow", entities=entities, redacted=redacted)
        elif direction == "inbound":
            decision = self._inbound(text, norm, entities, redacted, lang)
        elif direction == "retrieval":
            decision = self._retrieval(text, norm, entities, redacted)
        elif direction == "outbound-bot":
            decision = self._outbound_bot(text, norm, entities, redacted, lang)
        else:
            decision = self._outbound_staff(text, norm, entities, redacted, lang)
        if self.settings.guardrails.trace:
            trace_logger.info("guardrail decision", extra={"decision": decision.record()})
        return decision

    def _entities(self, text: str, language: str | None) -> list[Entity]:
        found = self.analyzer.analyze(text, language if language in ("es", "en") else None)
        return [e for e in found if not self.public.covers(text[e.start : e.end])]

    def _reply(self, key: str, language: str, **extra: str) -> str:
        return reply(key, language, **self._values, **extra)

    # -- directions -----------------------------------------------------------------------------------
    def _inbound(
        self, text: str, norm: Normalized, entities: list[Entity], redacted: str, lang: str
    ) -> GuardrailDecision:
        verdicts: list[Verdict] = []
        for detector in self.inbound_detectors:
            verdicts.extend(detector.detect(text, norm))
        sensitive = [e for e in entities if e.type in types.SENSITIVE_IDENTIFIERS]
        if sensitive:
            verdicts.append(Verdict(name=SENSITIVE_IDENTIFIER))
        if entities:
            verdicts.append(Verdict(name=PHI))
        offers_document = bool(_OFFERS_DOCUMENT.search(norm.text))
        if offers_document:
            verdicts.append(Verdict(name=HEALTH_DOCUMENT))
        names = {v.name for v in verdicts}
        if human_request.HUMAN_REQUEST in names and not any(
            v.name == clinical.CLINICAL_ADVICE and v.score >= clinical.RULE_SCORE for v in verdicts
        ):
            # "humano ok": a patient asking for a person gets one; the classifier's doubt alone (no rule of the
            # clinical detector fired) does not turn that into a refusal.
            names.discard(clinical.CLINICAL_ADVICE)
            verdicts = [v for v in verdicts if v.name != clinical.CLINICAL_ADVICE]
        fired = [rule for rule in INBOUND_RULES if rule.verdict in names]
        replies: list[str] = []
        escalation: Escalation | None = None
        if fired:
            main = fired[0]
            action: Action = main.action
            replies.append(self._reply(main.reply, lang))
            escalation = _highest_escalation(fired)
        else:
            # An offered document is handled like shared PHI: the patient is told, before anything else.
            action = "redact" if entities or offers_document else "allow"
        if sensitive:
            replies.append(self._reply("sensitive_identifier", lang))
        elif offers_document:
            replies.append(self._reply("health_document", lang))
        return GuardrailDecision(
            direction="inbound",
            action=action,
            entities=entities,
            verdicts=verdicts,
            escalation=escalation,
            redacted=redacted,
            safe_reply="\n\n".join(replies) or None,
        )

    def _retrieval(self, text: str, norm: Normalized, entities: list[Entity], redacted: str) -> GuardrailDecision:
        # Documents may well talk about "other patients' data"; only instructions aimed at the model matter here.
        verdicts = [v for v in self.injection.detect(text, norm) if v.name == injection.PROMPT_INJECTION]
        if entities:
            verdicts.append(Verdict(name=PHI))
        action: Action = (
            "refuse"
            if any(v.name == injection.PROMPT_INJECTION for v in verdicts)
            else ("redact" if entities else "allow")
        )
        return GuardrailDecision(
            direction="retrieval", action=action, entities=entities, verdicts=verdicts, redacted=redacted
        )

    def _outbound_bot(
        self, text: str, norm: Normalized, entities: list[Entity], redacted: str, lang: str
    ) -> GuardrailDecision:
        verdicts = self.outbound.detect(text, norm)
        names = {v.name for v in verdicts}
        if entities:
            verdicts.append(Verdict(name=PHI))
        key = None
        if outbound.ASKS_FOR_SECRET in names:
            key = "never_ask_secret"
        elif outbound.RESULT_VALUES in names:
            key = "results_portal"
        elif entities:
            key = "outbound_refused"
        elif outbound.ADVICE_PHRASING in names:
            key = "clinical_advice"
        return GuardrailDecision(
            direction="outbound-bot",
            action="refuse" if key else "allow",
            entities=entities,
            verdicts=verdicts,
            redacted=redacted,
            safe_reply=self._reply(key, lang) if key else None,
        )

    def _outbound_staff(
        self, text: str, norm: Normalized, entities: list[Entity], redacted: str, lang: str
    ) -> GuardrailDecision:
        verdicts = [v for v in self.outbound.detect(text, norm) if v.name != outbound.ADVICE_PHRASING]
        names = {v.name for v in verdicts}
        allowed = set(self.settings.guardrails.staff_allowed_types)
        blocking = [e for e in entities if e.type not in allowed]
        if blocking:
            verdicts.append(Verdict(name=PHI))
        key = None
        extra: dict[str, str] = {}
        if outbound.ASKS_FOR_SECRET in names:
            key = "staff_secret"
        elif blocking:
            key = "staff_phi"
            extra["types"] = ", ".join(sorted({e.type for e in blocking}))
        elif outbound.RESULT_VALUES in names:
            key = "staff_results"
        return GuardrailDecision(
            direction="outbound-staff",
            action="refuse" if key else "allow",
            entities=entities,
            verdicts=verdicts,
            redacted=redacted,
            safe_reply=self._reply(key, lang, **extra) if key else None,
        )


def _highest_escalation(fired: Sequence[Rule]) -> Escalation | None:
    """The most urgent escalation among the fired rules (the first rule wins a tie)."""
    with_team = [r for r in fired if r.team and r.priority]
    if not with_team:
        return None
    best = min(with_team, key=lambda r: _PRIORITY_RANK[r.priority or "low"])
    assert best.team and best.priority
    return Escalation(team=best.team, priority=best.priority, reason=best.verdict)


def build_policy(settings: Settings) -> Policy:
    """The policy with the process-wide PHI analyzer (heavy: build once per process or command)."""
    from guardrails.analyzer import build_analyzer
    from guardrails.anonymizer import redact

    return Policy(settings, analyzer=build_analyzer(settings.guardrails), redactor=redact)
