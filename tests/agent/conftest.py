"""Agent fixtures: the real embedder (once per session), a Chroma index of a tiny corpus, engines on both DBs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from agent.answering import Answering
from agent.engine import Engine
from agent.sentences import EmbeddingCache
from agent.turn import InboundTurn, TurnResult
from service.settings import Settings
from store.db import make_engine, make_session_factory
from store.models import Contact, Conversation
from tests.agent.corpus import DOCUMENTS
from tests.agent.fakes import ChromaRetriever, RecordingPolicy

# A Tuesday at 10:00 in Madrid (office hours) and a Sunday night.
OFFICE_HOURS = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
AFTER_HOURS = datetime(2026, 11, 29, 21, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def embedder() -> Any:
    from knowledge.embeddings.local import E5UseEmbedder

    return E5UseEmbedder()


@pytest.fixture(scope="session")
def retriever(embedder: Any, tmp_path_factory: pytest.TempPathFactory) -> ChromaRetriever:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from knowledge.chroma_store import ChromaVectorStore

    path = tmp_path_factory.mktemp("chroma")
    client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
    found = ChromaRetriever(ChromaVectorStore(client, embedder, prefix="agenttest"))
    found.index(DOCUMENTS)
    return found


@pytest.fixture(scope="session")
def cache(embedder: Any) -> EmbeddingCache:
    return EmbeddingCache(embedder)


@pytest.fixture
def policy() -> RecordingPolicy:
    return RecordingPolicy()


@pytest.fixture
def engine(settings: Settings, policy: RecordingPolicy, retriever: ChromaRetriever, cache: EmbeddingCache) -> Engine:
    return Engine(settings, policy, Answering(retriever, cache))


class Chat:
    """One patient's conversation driven turn by turn through the engine, each turn its own transaction."""

    def __init__(self, engine: Engine, sessions: Any, *, now: datetime = OFFICE_HOURS) -> None:
        self.engine = engine
        self.sessions = sessions
        self.now = now
        with sessions() as session, session.begin():
            contact = Contact(wa_id=None, profile_name=None)
            session.add(contact)
            session.flush()
            conversation = Conversation(contact_id=contact.id, memory={})
            session.add(conversation)
            session.flush()
            self.conversation_id = conversation.id
        self.turns = 0

    def send(self, text: str | None = None, *, button_id: str | None = None) -> TurnResult:
        with self.sessions() as session, session.begin():
            result = self.engine.handle(
                session,
                InboundTurn(
                    conversation_id=self.conversation_id,
                    text=text,
                    button_id=button_id,
                    received_at=self.now,
                    is_first_contact=self.turns == 0,
                ),
            )
        self.turns += 1
        return result

    def conversation(self) -> Conversation:
        with self.sessions() as session:
            found = session.get(Conversation, self.conversation_id)
            assert found is not None
            session.expunge(found)
            return found

    def session(self) -> Session:
        return self.sessions()


@pytest.fixture
def sessions(database_url: str) -> Iterator[Any]:
    db = make_engine(database_url)
    yield make_session_factory(db)
    db.dispose()


@pytest.fixture
def chat(engine: Engine, sessions: Any) -> Chat:
    return Chat(engine, sessions)


def reply_text(result: TurnResult) -> str:
    return " ".join(r.text for r in result.replies if hasattr(r, "text"))


def button_ids(result: TurnResult) -> list[str]:
    return [b.id for r in result.replies for b in getattr(r, "buttons", [])]


ROOT = Path(__file__).resolve().parents[2]
