"""Web test fixtures: one headless Chromium per session, and the knowledge tests' embedder and services."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.knowledge.conftest import services, use_embedder  # noqa: F401
from tests.web.browser import chromium


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched
