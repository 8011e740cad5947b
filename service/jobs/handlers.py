"""The job-kind registry: kind name → handler, filled with lazy imports so that importing it stays cheap."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from service.errors import ConfigurationError
from service.jobs.ports import JobHandler

if TYPE_CHECKING:
    from service.composition import Services


def _lazy(module: str, name: str) -> JobHandler:
    """A handler importing ``module.name`` on first call: model libraries load only where it runs."""

    def handler(services: Services, payload: dict[str, Any]) -> None:
        target: JobHandler = getattr(importlib.import_module(module), name)
        target(services, payload)

    handler.__qualname__ = f"lazy[{module}.{name}]"
    return handler


# One line per job kind, e.g. "process_inbound": _lazy("service.pipeline", "process_inbound").
HANDLERS: dict[str, JobHandler] = {
    "eval_run": _lazy("evals.jobs", "run_eval_job"),
    "process_inbound": _lazy("service.pipeline", "process_inbound"),
    "send_outbound": _lazy("service.outbound", "send_outbound"),
    "apply_status": _lazy("channels.whatsapp.webhook", "apply_status"),
    "ingest_document": _lazy("service.document_jobs", "ingest_document"),
}


def load_handlers(extra_modules: Iterable[str] = ()) -> dict[str, JobHandler]:
    """HANDLERS plus the ``HANDLERS`` mapping of each extra module (settings.jobs.handler_modules).

    Extra modules let a deployment (or the test suite's worker processes) add kinds without editing this file.
    """
    handlers = dict(HANDLERS)
    for module_name in extra_modules:
        extra = getattr(importlib.import_module(module_name), "HANDLERS", None)
        if not isinstance(extra, Mapping):
            raise ConfigurationError(f"job handler module {module_name} has no HANDLERS mapping")
        handlers.update(extra)
    return handlers
