"""Web test fixtures: headless Chromium per module, one embedder and one guardrails policy per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from knowledge.embeddings import build_embedder
from knowledge.settings import EmbeddingSettings
from service.composition import Services, build_services
from service.settings import Settings
from tests.web.browser import chromium

# The machine running CI is shared and often loaded: give pages time before an expectation fails.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Module scope: Playwright's sync API holds an event loop on this thread while open, which would break
    # asyncio.run in tests that run after it.
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def web_embedder() -> object:
    """The light USE embedder (pure numpy), loaded once: documents need real embeddings."""
    return build_embedder(EmbeddingSettings(provider="use"))


@pytest.fixture(scope="session")
def web_policy() -> object:
    """The real guardrails policy (ingestion's PHI check), built once."""
    from guardrails.policy import build_policy

    return build_policy(Settings(environment="test"))


def services_for(settings: Settings, embedder: object, policy: object) -> Services:
    services = build_services(settings.model_copy(update={"embeddings": EmbeddingSettings(provider="use")}))
    # cached_property slots: reuse the session's loaded models instead of loading them per test.
    services.__dict__["embedder"] = embedder
    services.__dict__["guardrails"] = policy
    return services


@pytest.fixture
def services(settings: Settings, web_embedder: object, web_policy: object) -> Iterator[Services]:
    """Services on SQLite and on PostgreSQL (the ``settings`` fixture's backends)."""
    built = services_for(settings, web_embedder, web_policy)
    yield built
    built.close()


@pytest.fixture
def sqlite_services(sqlite_settings: Settings, web_embedder: object, web_policy: object) -> Iterator[Services]:
    built = services_for(sqlite_settings, web_embedder, web_policy)
    yield built
    built.close()
