"""Fixtures for job tests: services whose runner knows the test handlers, and the executions table."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from service.composition import Services, build_services
from service.jobs.settings import JobSettings
from service.settings import Settings
from tests.jobs import support


def wait_for(predicate: Callable[[], bool], *, timeout: float = 30.0, what: str = "condition") -> None:
    """Poll until ``predicate`` holds; fail (not flake) with a clear message after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def job_settings(**overrides: object) -> JobSettings:
    values: dict[str, object] = {
        "handler_modules": [support.MODULE],
        "poll_interval_seconds": 0.05,
        "backoff_base_seconds": 0.05,
        "backoff_max_seconds": 0.2,
        "stop_timeout_seconds": 10.0,
    }
    values.update(overrides)
    return JobSettings.model_validate(values)


@pytest.fixture
def make_services(settings: Settings) -> Iterator[Callable[..., Services]]:
    built: list[Services] = []

    def make(**job_overrides: object) -> Services:
        services = build_services(settings.model_copy(update={"jobs": job_settings(**job_overrides)}))
        built.append(services)
        return services

    yield make
    for services in built:
        services.close()


@pytest.fixture
def runs(db_engine):
    with support.runs_table(db_engine) as table:
        yield table
