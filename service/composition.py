"""The composition root: one place that picks every adapter from settings.

Heavy adapters (embedders, Chroma, Presidio, LLM clients) are built lazily on first use, so that
commands that don't need them start fast.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from service.settings import Settings
from store.db import make_engine, make_session_factory

if TYPE_CHECKING:
    from agent.ports import LLM, ConversationEngine, GuardrailPolicy, Retriever
    from channels.ports import Sender
    from knowledge.ports import Embedder, VectorStore
    from service.jobs.ports import JobRunner


class Services:
    """Everything the app, the CLI and the workers use, built from one Settings."""

    def __init__(self, settings: Settings, *, engine: Engine | None = None) -> None:
        self.settings = settings
        settings.ensure_dirs()
        self.engine = engine or make_engine(settings.resolved_database_url)
        self.sessions: sessionmaker[Session] = make_session_factory(self.engine)

    @cached_property
    def embedder(self) -> Embedder:
        from agent.sentences import MemoEmbedder
        from knowledge.embeddings import build_embedder

        return MemoEmbedder(build_embedder(self.settings.embeddings))

    @cached_property
    def vector_store(self) -> VectorStore:
        from knowledge.chroma_store import build_vector_store

        return build_vector_store(self.settings, self.embedder)

    @cached_property
    def retriever(self) -> Retriever:
        from knowledge.retrieval import build_retriever

        return build_retriever(self)

    @cached_property
    def guardrails(self) -> GuardrailPolicy:
        from guardrails.policy import build_policy

        return build_policy(self.settings)

    @cached_property
    def conversation_engine(self) -> ConversationEngine:
        from agent.engine import build_engine

        return build_engine(self)

    @cached_property
    def sender(self) -> Sender:
        from channels.whatsapp.sender import build_sender

        return build_sender(self.settings)

    @cached_property
    def llm(self) -> LLM | None:
        """The configured chat model, or None for the embedded extractive default."""
        from agent.llm import build_llm

        return build_llm(self.settings.llm)

    @cached_property
    def jobs(self) -> JobRunner:
        from service.jobs.factory import build_job_runner

        return build_job_runner(self)

    def close(self) -> None:
        if "jobs" in self.__dict__:
            self.jobs.stop()
        if "sender" in self.__dict__:
            self.sender.close()
        self.engine.dispose()


def build_services(settings: Settings, *, engine: Engine | None = None) -> Services:
    return Services(settings, engine=engine)
