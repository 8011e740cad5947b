"""Web test fixtures: the knowledge tests' session embedder and services (documents need embeddings)."""

from tests.knowledge.conftest import services, use_embedder  # noqa: F401
