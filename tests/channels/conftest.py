"""Fixtures of the channel tests: a fake Graph API on loopback and Services wired to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from channels.whatsapp.settings import WhatsAppSettings
from service.composition import Services, build_services
from service.routes import webhooks
from service.settings import Settings
from tests.channels.fake_graph import FakeGraph
from tests.channels.support import APP_SECRET, PHONE_NUMBER_ID, ScriptedEngine


@pytest.fixture(scope="session")
def graph_server() -> Iterator[FakeGraph]:
    server = FakeGraph().start()
    yield server
    server.stop()


@pytest.fixture
def fake_graph(graph_server: FakeGraph) -> FakeGraph:
    graph_server.reset()
    return graph_server


def with_fake_graph(settings: Settings, fake_graph: FakeGraph) -> Settings:
    whatsapp = WhatsAppSettings(
        app_secret=SecretStr(APP_SECRET),
        verify_token=SecretStr("verify-me"),
        phone_number_id=PHONE_NUMBER_ID,
        graph_base_url=fake_graph.url,
        send_timeout_seconds=0.5,
        max_body_bytes=20_000,
        rate_limit_per_second=1000.0,
    )
    return settings.model_copy(update={"whatsapp": whatsapp})


@pytest.fixture
def channel_settings(settings: Settings, fake_graph: FakeGraph) -> Settings:
    """Settings on SQLite and PostgreSQL (parametrized), Graph calls going to the fake."""
    return with_fake_graph(settings, fake_graph)


@pytest.fixture
def sqlite_channel_settings(sqlite_settings: Settings, fake_graph: FakeGraph) -> Settings:
    return with_fake_graph(sqlite_settings, fake_graph)


@pytest.fixture
def engine() -> ScriptedEngine:
    return ScriptedEngine()


@pytest.fixture
def services(channel_settings: Settings, engine: ScriptedEngine) -> Iterator[Services]:
    services = build_services(channel_settings)
    # cached_property: a value in __dict__ replaces the real engine (agent/engine.py) for these tests.
    services.__dict__["conversation_engine"] = engine
    yield services
    services.close()


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    app = FastAPI()
    app.state.services = services
    app.include_router(webhooks.router)
    with TestClient(app) as test_client:
        yield test_client
