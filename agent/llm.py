"""The LLM port's OpenAI-compatible adapter (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp servers).

``build_llm`` returns None for the embedded default ("extractive"): Recepta answers without any model then.
Errors never carry prompt text: a failed call raises ``LLMUnavailable`` naming only the error class.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from agent.settings import LLMSettings
from service.errors import ConfigurationError, ReceptaError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

log = logging.getLogger("recepta.agent.llm")


class LLMUnavailable(ReceptaError):
    """The chat endpoint failed (down, timeout, 5xx after retries, bad response): callers fall back."""


def to_messages(messages: Sequence[dict[str, str]]) -> list[BaseMessage]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[m["role"]](content=m["content"]) for m in messages]


class OpenAIChatLLM:
    """A ChatOpenAI client with explicit timeouts and retries; ``chat_model`` is used for tool calling."""

    def __init__(self, settings: LLMSettings) -> None:
        from langchain_openai import ChatOpenAI

        if not settings.base_url:
            raise ConfigurationError("RECEPTA_LLM__BASE_URL is required when RECEPTA_LLM__PROVIDER=openai")
        self.model_id = settings.model
        self.settings = settings
        self.chat_model: BaseChatModel = ChatOpenAI(
            model=settings.model,
            base_url=settings.base_url,
            # Local servers (llama.cpp, vLLM) accept any key; the client refuses an empty one.
            api_key=settings.api_key.get_secret_value() or "not-needed",  # type: ignore[arg-type]
            timeout=settings.timeout_seconds,
            max_retries=settings.max_retries,
            temperature=settings.temperature,
        )

    def complete(self, messages: Sequence[dict[str, str]], *, max_tokens: int = 512) -> str:
        try:
            reply = self.chat_model.invoke(to_messages(messages), max_tokens=max_tokens)
        except Exception as exc:  # noqa: BLE001 - any client failure means: fall back
            raise unavailable(exc) from exc
        return str(reply.content)

    def stream(self, messages: Sequence[dict[str, str]], *, max_tokens: int = 512) -> Iterator[str]:
        try:
            for chunk in self.chat_model.stream(to_messages(messages), max_tokens=max_tokens):
                if chunk.content:
                    yield str(chunk.content)
        except Exception as exc:  # noqa: BLE001
            raise unavailable(exc) from exc

    def invoke_with_tools(
        self, messages: list[BaseMessage], tools: Sequence[Any], *, max_tokens: int = 512
    ) -> BaseMessage:
        """One tool-calling round trip; the caller runs the tools and loops."""
        try:
            return self.chat_model.bind_tools(list(tools)).invoke(messages, max_tokens=max_tokens)
        except Exception as exc:  # noqa: BLE001
            raise unavailable(exc) from exc


def unavailable(exc: Exception) -> LLMUnavailable:
    log.warning("llm call failed", extra={"error": type(exc).__name__})
    return LLMUnavailable(f"chat endpoint failed: {type(exc).__name__}")


def build_llm(settings: LLMSettings) -> OpenAIChatLLM | None:
    if settings.provider == "extractive":
        return None
    return OpenAIChatLLM(settings)
