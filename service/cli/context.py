"""Helpers shared by CLI commands: settings and services built once per invocation."""

from __future__ import annotations

from service.composition import Services, build_services
from service.logging_setup import configure_logging
from service.settings import Settings


def cli_services() -> Services:
    settings = Settings()
    configure_logging(settings.log_level)
    return build_services(settings)
