"""The conversation engine: guardrails first, then routing, answering and handoff; replies checked on the way out.

State lives in ``Conversation.state`` and ``Conversation.memory`` (redacted text only), so any worker can take
the next turn.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from agent.answering import Answering
from agent.handoff import (
    QUIET_STATES,
    active_handoff,
    is_office_hours,
    next_opening,
    next_steps,
    open_handoff,
    still_waiting,
)
from agent.intents import BILLING_PROBLEM, BILLING_TEAM, BUTTON_QUERIES, Intent, classify
from agent.language import Lang, detect_language
from agent.memory import is_followup, remember, rewrite_followup
from agent.replies import HANDOFF_BUTTON, compose, phrase
from agent.text import any_phrase, tokens
from agent.turn import Citation, Handoff, InboundTurn, TurnResult
from agent.verdicts import intent_from_decision, is_emergency
from guardrails.decision import GuardrailDecision, Priority, Team
from service.errors import NotFoundError
from service.settings import Settings
from store.models import Conversation, ConversationState
from store.repositories.messaging import last_staff_reply_at

if TYPE_CHECKING:
    from agent.ports import GuardrailPolicy
    from service.composition import Services

log = logging.getLogger("recepta.agent")

_YES = frozenset(
    {
        "si",
        "sí",
        "yes",
        "vale",
        "ok",
        "okay",
        "claro",
        "por favor",
        "please",
        "yes please",
        "si por favor",
        "sure",
        "de acuerdo",
        "venga",
        "yep",
        "sip",
    }
)
DONT_KNOW_LIMIT = 2
_PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*>")
_ANSWERED_INTENTS = frozenset({Intent.QUESTION, Intent.BOOKING, Intent.RESULTS, Intent.BILLING})
MISUNDERSTOOD_LIMIT = 2


@dataclass
class Draft:
    """The reply being built for one turn."""

    text: str = ""
    buttons: list[str] = field(default_factory=list)
    action: str = "answer"
    citations: list[Citation] = field(default_factory=list)
    handoff: Handoff | None = None
    # None: memory unchanged.
    memory: dict[str, Any] | None = None


class Engine:
    def __init__(self, settings: Settings, guardrails: GuardrailPolicy, answering: Answering) -> None:
        self.settings = settings
        self.guardrails = guardrails
        self.answering = answering

    def handle(self, session: Session, turn: InboundTurn) -> TurnResult:
        conversation = session.get(Conversation, turn.conversation_id)
        if conversation is None:
            raise NotFoundError(f"conversation {turn.conversation_id} not found")
        memory = dict(conversation.memory or {})
        default: Lang = "en" if (conversation.language or memory.get("language")) == "en" else "es"
        if conversation.language is None and memory.get("language") is None:
            default = self.settings.clinic.default_language
        raw = turn.text or ""
        language = detect_language(raw, default=default) if raw.strip() else default
        language = requested_language(raw) or language
        inbound = self.guardrails.check(raw, direction="inbound", language=language)
        # Always the redacted text from here on (memory, retrieval, prompts), whatever the action.
        text = inbound.redacted
        # Placeholders are not words of the patient's: "<PERSON>" must not read as "persona" (talk to a human).
        intent = intent_from_decision(inbound) or classify(_PLACEHOLDER.sub(" ", text), button_id=turn.button_id)
        if intent in _ANSWERED_INTENTS and is_followup(text, memory) and not turn.button_id:
            # "¿y el informe de la radiografía?" continues the previous question, whatever its words.
            intent = Intent(memory.get("last_intent", intent.value))
        result = TurnResult(intent=intent.value, language=language, guardrails=[inbound])
        # Decisions on retrieved chunks, taken before any of them reached a hosted model.
        retrieval: list[GuardrailDecision] = []
        conversation.language = language

        if conversation.state in QUIET_STATES:
            draft = self._while_human(session, conversation, inbound, language, turn.received_at)
        elif inbound.action in ("escalate", "refuse"):
            draft = self._guarded(session, conversation, inbound, intent, language, turn.received_at)
        else:
            if conversation.state == ConversationState.RESOLVED.value:
                conversation.state = ConversationState.BOT_ACTIVE.value
            draft = self._route(session, conversation, memory, turn, text, intent, language, retrieval)
            if inbound.action == "redact":
                note = inbound.safe_reply or self._privacy_note(language)
                draft.text = f"{note}\n\n{draft.text}".strip()

        result.guardrails.extend(retrieval)
        kept = memory if draft.memory is None else draft.memory
        if draft.handoff is not None and not is_office_hours(self.settings.clinic, turn.received_at):
            # The handoff reply said when the team is back: the quiet period's note must not say it again.
            kept = remember(kept, told_closed_until=next_opening(self.settings.clinic, turn.received_at).isoformat())
        conversation.memory = remember(kept, language=language)
        if draft.text:
            outbound = self.guardrails.check(draft.text, direction="outbound-bot", language=language)
            result.guardrails.append(outbound)
            if outbound.action in ("refuse", "escalate"):
                log.warning(
                    "bot reply replaced by outbound guardrail",
                    extra={"conversation_id": conversation.id, "action": outbound.action},
                )
                draft = Draft(
                    outbound.safe_reply or phrase("safe_fallback", language),
                    [HANDOFF_BUTTON["reception"]],
                    "refuse",
                    handoff=draft.handoff,
                )
            footer = None
            if turn.is_first_contact and draft.action in ("answer", "handoff_offer"):
                # The first reply always says what the assistant is not (no clinical advice; emergencies → 112).
                footer = phrase("footer", language, emergency=self.settings.clinic.emergency_number)
                draft.buttons = draft.buttons or [HANDOFF_BUTTON["reception"]]
            result.replies = [compose(draft.text, draft.buttons, language, footer=footer)]
        result.citations, result.handoff, result.action = draft.citations, draft.handoff, draft.action
        log.info(
            "turn handled",
            extra={
                "conversation_id": conversation.id,
                "intent": result.intent,
                "language": language,
                "action": result.action,
                "inbound_action": inbound.action,
            },
        )
        return result

    # -- paths -------------------------------------------------------------------------------------------

    def _while_human(
        self, session: Session, conversation: Conversation, inbound: GuardrailDecision, language: str, now: datetime
    ) -> Draft:
        """A person owns the conversation: the bot stays quiet, except for emergencies, and once per closed
        period it says when the team is back (a message at night would otherwise meet silence until morning)."""
        if not is_emergency(inbound):
            clinic = self.settings.clinic
            last_staff = last_staff_reply_at(session, conversation_id=conversation.id)
            if is_office_hours(clinic, now) or (last_staff is not None and last_staff >= now - STAFF_PRESENT):
                # A person answering out of hours is there: no "we're closed" note between their messages.
                return Draft(action="quiet")
            opening = next_opening(clinic, now).isoformat()
            memory = dict(conversation.memory or {})
            if memory.get("told_closed_until") == opening:
                # Said once per closed period: with the handoff itself, or on the first message after it.
                return Draft(action="quiet")
            note = still_waiting(clinic, language=language, now=now)
            return Draft(note, action="quiet", memory=remember(memory, told_closed_until=opening))
        escalation = inbound.escalation
        team: Team = escalation.team if escalation else "nurse_line"
        handoff = self._handoff(session, conversation, team, "urgent", "emergency")
        text = inbound.safe_reply or phrase(
            "handoff_emergency_note", language, emergency=self.settings.clinic.emergency_number
        )
        return Draft(text, action="escalate", handoff=handoff)

    def _guarded(
        self,
        session: Session,
        conversation: Conversation,
        inbound: GuardrailDecision,
        intent: Intent,
        language: str,
        now: datetime,
    ) -> Draft:
        escalation = inbound.escalation
        if inbound.action == "refuse":
            text = inbound.safe_reply or phrase("spam" if intent == Intent.SPAM else "safe_fallback", language)
            buttons = [] if intent == Intent.SPAM else [HANDOFF_BUTTON[escalation.team if escalation else "reception"]]
            return Draft(text, buttons, "refuse")
        team: Team = escalation.team if escalation else "reception"
        priority: Priority = escalation.priority if escalation else "normal"
        reason = escalation.reason if escalation else intent.value
        handoff = self._handoff(session, conversation, team, priority, reason)
        steps = next_steps(self.settings.clinic, team=team, language=language, now=now, urgent=priority == "urgent")
        # For a plain request for a person, what happens next says it all.
        text = f"{inbound.safe_reply}\n\n{steps}" if inbound.safe_reply and intent != Intent.HUMAN else steps
        if inbound.entities and (not inbound.safe_reply or intent == Intent.HUMAN):
            # Personal data came with the request: say once that it should not travel over WhatsApp.
            text = f"{self._privacy_note(language)}\n\n{text}"
        return Draft(text, action="escalate", handoff=handoff, memory=_cleared(conversation))

    def _route(
        self,
        session: Session,
        conversation: Conversation,
        memory: dict[str, Any],
        turn: InboundTurn,
        text: str,
        intent: Intent,
        language: str,
        retrieval: list[GuardrailDecision],
    ) -> Draft:
        offer = memory.get("offer")
        conversation.state = ConversationState.BOT_ACTIVE.value
        if offer and text.strip().lower().strip("!.¡¿? ") in _YES and not turn.button_id:
            return self._to_human(
                session, conversation, offer, "normal", "patient_accepted_offer", language, turn.received_at
            )
        if turn.button_id and turn.button_id.startswith("human:"):
            team = turn.button_id.split(":", 1)[1]
            team = team if team in HANDOFF_BUTTON else "reception"
            return self._to_human(session, conversation, team, "normal", "human_request", language, turn.received_at)
        if intent == Intent.HUMAN:
            return self._to_human(
                session,
                conversation,
                "billing" if any_phrase(tokens(text), BILLING_TEAM) else "reception",
                "normal",
                "human_request",
                language,
                turn.received_at,
            )
        if intent == Intent.BILLING and any_phrase(tokens(text), BILLING_PROBLEM):
            return self._to_human(
                session, conversation, "billing", "normal", "billing_problem", language, turn.received_at
            )
        if intent == Intent.GREETING or (turn.is_first_contact and intent == Intent.THANKS):
            return self._welcome(language)
        if intent == Intent.THANKS:
            return Draft(phrase("thanks", language), memory=remember(memory, offer=None))
        if intent == Intent.SPAM:
            return Draft(phrase("spam", language), action="refuse")
        if intent == Intent.MISUNDERSTOOD:
            count = int(memory.get("misunderstood", 0)) + 1
            if count >= MISUNDERSTOOD_LIMIT:
                return self._to_human(
                    session,
                    conversation,
                    "reception",
                    "normal",
                    "repeated_misunderstanding",
                    language,
                    turn.received_at,
                )
            return self._offer(
                phrase("misunderstood", language), "reception", conversation, remember(memory, misunderstood=count)
            )
        draft = self._answer(conversation, memory, turn, text, intent, language, retrieval)
        if draft.action == "dont_know":
            count = int(memory.get("dont_know", 0)) + 1
            if count >= DONT_KNOW_LIMIT:
                return self._to_human(
                    session,
                    conversation,
                    "reception",
                    "normal",
                    "low_confidence",
                    language,
                    turn.received_at,
                    prefix=draft.text.split("?")[0].split(". ")[0] + ".",
                )
            draft.memory = remember(draft.memory if draft.memory is not None else memory, dont_know=count)
            draft.action = "handoff_offer"
        return draft

    def _answer(
        self,
        conversation: Conversation,
        memory: dict[str, Any],
        turn: InboundTurn,
        text: str,
        intent: Intent,
        language: str,
        retrieval: list[GuardrailDecision],
    ) -> Draft:
        query, focus = text, None
        if turn.button_id in BUTTON_QUERIES:
            query = BUTTON_QUERIES[turn.button_id][language]
        elif is_followup(text, memory):
            query, focus = rewrite_followup(text, memory), text
        also = {
            Intent.BILLING: [phrase("billing_contact_query", language)],
            Intent.BOOKING: [phrase("booking_how_query", language)],
        }.get(intent, [])
        outcome = self.answering.answer(query, language=language, focus=focus, also=also, decisions=retrieval)
        # A follow-up keeps the original question as the topic, so "y los domingos?" still means opening hours.
        topic = memory["last_query"] if focus else query
        fresh = remember(memory, last_query=topic[:500], last_intent=intent.value, offer=None)
        team: Team = "billing" if intent == Intent.BILLING else "reception"
        extra = {Intent.BOOKING: "booking", Intent.BILLING: "billing"}.get(intent)
        if intent == Intent.RESULTS:
            portal = phrase("results", language, portal=self.settings.clinic.portal_url)
            body = f"{outcome.text}\n\n{portal}" if outcome.answered and not outcome.low_confidence else portal
            return Draft(body, action="answer", citations=outcome.citations, memory=remember(fresh, dont_know=None))
        if not outcome.answered:
            key = "out_of_scope" if outcome.out_of_scope and intent == Intent.QUESTION else "dont_know"
            draft = self._offer(phrase(key, language), team, conversation, fresh)
            draft.action = "dont_know"
            return draft
        body = outcome.text
        if extra:
            body = f"{body}\n\n{phrase(extra, language)}"
            draft = self._offer(body, team, conversation, remember(fresh, dont_know=None))
            draft.citations = outcome.citations
            draft.action = "handoff_offer"
            return draft
        return Draft(
            body,
            [HANDOFF_BUTTON["reception"]] if outcome.low_confidence else [],
            "answer",
            outcome.citations,
            memory=remember(fresh, dont_know=None),
        )

    # -- building blocks ---------------------------------------------------------------------------------

    def _privacy_note(self, language: str) -> str:
        return phrase("sensitive_not_here", language, portal=self.settings.clinic.portal_url)

    def _welcome(self, language: str) -> Draft:
        text = phrase(
            "welcome", language, clinic=self.settings.clinic.name, emergency=self.settings.clinic.emergency_number
        )
        return Draft(text, ["menu:book", "menu:hours", "menu:reception"], "welcome")

    def _offer(self, text: str, team: Team, conversation: Conversation, memory: dict[str, Any]) -> Draft:
        """Offer a person (button, or "sí"): the conversation waits in a flow for the answer."""
        conversation.state = ConversationState.IN_FLOW.value
        return Draft(text, [HANDOFF_BUTTON[team]], "handoff_offer", memory=remember(memory, offer=team))

    def _handoff(
        self, session: Session, conversation: Conversation, team: Team, priority: Priority, reason: str
    ) -> Handoff:
        row, _ = open_handoff(session, conversation, team=team, priority=priority, reason=reason)
        return Handoff(team=row.team, reason=row.reason, priority=row.priority)  # type: ignore[arg-type]

    def _to_human(
        self,
        session: Session,
        conversation: Conversation,
        team: str,
        priority: Priority,
        reason: str,
        language: str,
        now: datetime,
        prefix: str = "",
    ) -> Draft:
        chosen: Team = team if team in HANDOFF_BUTTON else "reception"  # type: ignore[assignment]
        already = active_handoff(session, conversation.id) is not None
        handoff = self._handoff(session, conversation, chosen, priority, reason)
        steps = next_steps(self.settings.clinic, team=chosen, language=language, now=now, urgent=priority == "urgent")
        if already:
            steps = phrase("handoff_already", language, team=phrase(f"team_{chosen}", language))
        text = f"{prefix}\n\n{steps}" if prefix else steps
        return Draft(text, action="escalate", handoff=handoff, memory=_cleared(conversation))


# A staff reply this recent means a person is in the conversation, whatever the office hours.
STAFF_PRESENT = timedelta(hours=1)


def _cleared(conversation: Conversation) -> dict[str, Any]:
    """Memory once a person takes over: pending offers and counters no longer apply."""
    return remember(dict(conversation.memory or {}), offer=None, dont_know=None, misunderstood=None)


def build_engine(services: Services) -> Engine:
    from agent.answering import build_answering

    return Engine(services.settings, services.guardrails, build_answering(services))


# "en inglés", "in English please": the patient says which language to be answered in, whatever they wrote in.
_LANGUAGE_REQUESTS: dict[Lang, tuple[str, ...]] = {
    # Requests only: "¿el portal está en inglés?" asks about the portal, in Spanish.
    "en": (
        "en ingles por favor",
        "en ingles if possible",
        "en ingles si es posible",
        "en ingles si puede*",
        "respond* en ingles",
        "contest* en ingles",
        "in english please",
        "english please",
        "reply in english",
        "answer in english",
        "in english if possible",
    ),
    "es": (
        "en espanol por favor",
        "in spanish please",
        "spanish please",
        "respond* en espanol",
        "contest* en espanol",
        "reply in spanish",
        "answer in spanish",
        "in spanish if possible",
    ),
}


def requested_language(text: str) -> Lang | None:
    words = tokens(text)
    found = [lang for lang, phrases in _LANGUAGE_REQUESTS.items() if any_phrase(words, phrases, fuzzy=False)]
    return found[0] if len(found) == 1 else None
