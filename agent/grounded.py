"""Grounded generation: a tool-calling agent whose only knowledge is approved retrieval.

The model gets the (redacted) question and two tools: ``search_approved_documents`` (approved chunks, each
checked by the retrieval guardrail first) and ``give_answer`` (the structured result: answer, cited chunk
numbers, action). Every sentence of the answer is then checked against the retrieved text
(agent.support); anything unsupported, a failed endpoint or a model that never answers → None, and the
caller falls back to the extractive answer or "I don't know" + handoff offer.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field, ValidationError

from agent.answering import Outcome
from agent.llm import LLMUnavailable
from agent.ports import GuardrailPolicy, Retriever
from agent.replies import phrase
from agent.sentences import EmbeddingCache
from agent.settings import LLMSettings
from agent.support import check_support
from agent.turn import Citation
from guardrails.decision import GuardrailDecision
from knowledge.types import RetrievedChunk

log = logging.getLogger("recepta.agent.grounded")

MAX_ROUNDS = 3
SYSTEM_PROMPT = (
    "You are the WhatsApp front-desk assistant of a medical clinic. Answer ONLY with facts from the clinic's "
    "approved documents, which you get from the search_approved_documents tool; never use outside knowledge. "
    "Never give medical advice, diagnoses or doses. Reply in {language_name}, in at most 3 short sentences, "
    "copying times, prices, phone numbers and names exactly as written. Finish by calling give_answer with "
    "the numbers of the chunks you used. If the documents do not contain the answer, call give_answer with "
    "action 'dont_know'; if the patient needs a person, action 'handoff'."
)


class GroundedAnswer(BaseModel):
    """The structured result of the agent: never a magic string in free text."""

    answer: str = Field(default="", description="The reply to the patient, from the documents only.")
    citations: list[int] = Field(default_factory=list, description="Numbers [n] of the chunks used.")
    action: Literal["answer", "dont_know", "handoff"] = "answer"


class SearchApprovedDocuments(BaseModel):
    """Search the clinic's approved documents; returns numbered chunks."""

    query: str = Field(description="What to look for, in any language.")


class ToolCallingLLM(Protocol):
    def invoke_with_tools(self, messages: list[Any], tools: Any, *, max_tokens: int = 512) -> Any: ...


class GroundedGenerator:
    def __init__(
        self,
        llm: Any,
        guardrails: GuardrailPolicy,
        cache: EmbeddingCache,
        retriever: Retriever,
        *,
        settings: LLMSettings,
        k: int = 4,
    ) -> None:
        self.llm: ToolCallingLLM = llm
        self.guardrails = guardrails
        self.cache = cache
        self.retriever = retriever
        self.settings = settings
        self.k = k

    def generate(
        self, query: str, *, language: str, chunks: list[RetrievedChunk], decisions: list[GuardrailDecision]
    ) -> Outcome | None:
        """``query`` is redacted text. None: fall back to the extractive answer."""
        from langchain_core.messages import HumanMessage, SystemMessage, ToolMessage

        seen: list[RetrievedChunk] = []
        self._decisions = decisions
        first = self._tool_result(chunks, seen)
        name = "Spanish" if language == "es" else "English"
        messages: list[Any] = [SystemMessage(SYSTEM_PROMPT.format(language_name=name)), HumanMessage(query)]
        # The first search is done already (the extractive path needed it): hand the model its result.
        messages.append(_search_call("prefetch", query))
        messages.append(ToolMessage(first, tool_call_id="prefetch"))
        result: GroundedAnswer | None = None
        try:
            for _ in range(MAX_ROUNDS):
                reply = self.llm.invoke_with_tools(messages, [SearchApprovedDocuments, GroundedAnswer])
                messages.append(reply)
                calls = getattr(reply, "tool_calls", None) or []
                if not calls:
                    result = GroundedAnswer(answer=str(reply.content))
                    break
                final = [c for c in calls if c["name"] == "GroundedAnswer"]
                if final:
                    result = _parse_answer(final[0]["args"])
                    break
                for call in calls:
                    found = self.retriever.retrieve(str(call["args"].get("query", query)), k=self.k)
                    messages.append(ToolMessage(self._tool_result(found, seen), tool_call_id=call["id"]))
        except LLMUnavailable:
            return None
        if result is None:
            log.info("grounded agent gave no answer", extra={"rounds": MAX_ROUNDS})
            return None
        if result.action != "answer" or not result.answer.strip():
            return Outcome(False)
        return self._verified(result, seen, language)

    def _tool_result(self, chunks: list[RetrievedChunk], seen: list[RetrievedChunk]) -> str:
        """Approved chunks as numbered text, each through the retrieval guardrail before the model sees it."""
        lines = []
        for chunk in chunks:
            decision = self.guardrails.check(chunk.text, direction="retrieval", language=chunk.language)
            self._decisions.append(decision)
            if decision.action in ("refuse", "escalate"):
                continue
            text = decision.redacted if decision.action == "redact" else chunk.text
            seen.append(chunk.model_copy(update={"text": text}))
            lines.append(f"[{len(seen)}] {chunk.title}: {text}")
        return "\n".join(lines) or "No approved document matches."

    def _verified(self, result: GroundedAnswer, seen: list[RetrievedChunk], language: str) -> Outcome | None:
        report = check_support(result.answer, [c.text for c in seen], self.cache)
        if not report.supported:
            log.info("generated answer not supported", extra={"unsupported": len(report.unsupported)})
            return None
        cited = [seen[i - 1] for i in result.citations if 1 <= i <= len(seen)] or seen[:1]
        titles = ", ".join(dict.fromkeys(c.title for c in cited))
        text = f"{result.answer.strip()}\n\n_{phrase('source', language, title=titles)}_"
        citations = [
            Citation(title=c.title, source=c.source, page_or_section=c.page_or_section, document_id=c.document_id)
            for c in cited
        ]
        return Outcome(True, text, citations, generated=True)


def _search_call(call_id: str, query: str) -> Any:
    from langchain_core.messages import AIMessage

    return AIMessage(
        content="",
        tool_calls=[{"name": "SearchApprovedDocuments", "args": {"query": query}, "id": call_id, "type": "tool_call"}],
    )


def _parse_answer(args: Any) -> GroundedAnswer | None:
    try:
        return GroundedAnswer.model_validate(json.loads(args) if isinstance(args, str) else args)
    except (ValidationError, ValueError):
        return None
