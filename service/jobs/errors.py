"""Errors a job handler raises to steer the runner: retry later, or give up for good.

ReceptaError
├── JobError
│   ├── RetryLater         transient failure: run again after ``delay_seconds`` (an attempt, not a crash)
│   └── PermanentJobError  the job can never succeed: mark it failed, do not retry
"""

from __future__ import annotations

from service.errors import ReceptaError


class JobError(ReceptaError):
    """Base of the errors that job handlers raise on purpose."""


class RetryLater(JobError):
    """A transient failure (rate limit, upstream 5xx): reschedule the job after ``delay_seconds``.

    It is logged as an expected retry, not as a crash; it still uses one of ``max_attempts`` so that an
    upstream that never recovers ends in ``failed`` instead of retrying forever.
    """

    def __init__(self, delay_seconds: float = 30.0, reason: str = "transient") -> None:
        # ``reason`` is a short code (e.g. "graph_429"), never user text: it is stored in jobs.last_error.
        super().__init__(f"retry in {delay_seconds:.0f}s ({reason})")
        self.delay_seconds = max(0.0, float(delay_seconds))
        self.reason = reason


class PermanentJobError(JobError):
    """The job cannot succeed (bad payload, refused by policy): mark it failed without retrying."""

    def __init__(self, reason: str = "permanent") -> None:
        super().__init__(reason)
        self.reason = reason
