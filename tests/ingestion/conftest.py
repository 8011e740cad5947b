"""Ingestion fixtures: the session's embedders and services (from the knowledge tests), and PDF makers."""

from tests.knowledge.conftest import e5_use_embedder, services, use_embedder  # noqa: F401
