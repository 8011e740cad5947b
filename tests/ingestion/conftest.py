"""Ingestion fixtures: the session's embedders and services (from the knowledge tests), and PDF makers."""

from tests.knowledge.conftest import (  # noqa: F401
    e5_use_embedder,
    retrieval_policy,
    services,
    use_embedder,
)
