"""The demo clinic, ingested once per test session with the default embedder, for eval runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.composition import Services, build_services
from service.settings import Settings
from store.db import make_engine
from store.migrate import upgrade
from tests.knowledge.conftest import use_embedder  # noqa: F401 - shared session fixture

DEMO_CLINIC = Path(__file__).resolve().parents[2] / "demo" / "clinic"


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data_dir = tmp_path_factory.mktemp("demo-clinic")
    settings = Settings(environment="test", data_dir=data_dir)
    settings.ensure_dirs()
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    engine.dispose()
    return settings


@pytest.fixture(scope="session")
def demo_services(demo_settings: Settings) -> Iterator[Services]:
    """Services on the demo clinic's approved knowledge (what `make run` serves)."""
    from ingestion.workflow import add_source

    services = build_services(demo_settings)
    with services.sessions() as session, session.begin():
        results = add_source(session, services, str(DEMO_CLINIC), added_by="tests", approve=True)
    assert results and all(r.status == "approved" for r in results)
    yield services
    services.close()
