"""Pick the job runner named by settings.jobs.runner."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from service.jobs.ports import JobRunner

if TYPE_CHECKING:
    from service.composition import Services

# setting value → (module, class); imported on demand so the in-process default never imports Celery.
RUNNERS: dict[str, tuple[str, str]] = {
    "inprocess": ("service.jobs.inprocess", "InProcessJobRunner"),
    "celery": ("service.jobs.celery_runner", "CeleryJobRunner"),
}


def build_job_runner(services: Services) -> JobRunner:
    module_name, class_name = RUNNERS[services.settings.jobs.runner]
    runner: JobRunner = getattr(importlib.import_module(module_name), class_name)(services)
    return runner
