"""Group commit of webhook deliveries: one writer thread stores many deliveries per transaction.

Under load, one transaction per delivery spends most of its time opening, committing and (on SQLite)
waiting for the single write lock. Here request handlers hand their parsed delivery to a writer thread and
wait for its commit, so "200 only after persisting" still holds, while N deliveries share one transaction.
If a shared transaction fails, each delivery of the group is retried alone so one bad row cannot sink the rest.
"""

from __future__ import annotations

import logging
import queue
import threading
import weakref
from concurrent.futures import Future
from typing import TYPE_CHECKING

from channels.whatsapp import webhook
from channels.whatsapp.payloads import WebhookBody, iter_events
from channels.whatsapp.webhook import Events, IngestResult, record

if TYPE_CHECKING:
    from service.composition import Services

log = logging.getLogger("recepta.channels.whatsapp")

MAX_GROUP = 64
# The writer thread exits after this long without work (and restarts on demand): nothing to shut down.
IDLE_SECONDS = 5.0

Item = tuple[WebhookBody, Events, "Future[IngestResult]"]


class GroupCommitter:
    def __init__(self, services: Services, *, max_group: int = MAX_GROUP, idle_seconds: float = IDLE_SECONDS):
        self.services = services
        self.max_group = max_group
        self.idle_seconds = idle_seconds
        self._queue: queue.Queue[Item] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, body: WebhookBody) -> Future[IngestResult]:
        """Queue a delivery; the future resolves once it is committed. Raises WebhookError if malformed."""
        events = list(iter_events(body))  # validate in the caller: a bad body never reaches the writer
        future: Future[IngestResult] = Future()
        self._queue.put((body, events, future))
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="recepta-webhook-writer", daemon=True)
                self._thread.start()
        return future

    def _run(self) -> None:
        while True:
            try:
                first = self._queue.get(timeout=self.idle_seconds)
            except queue.Empty:
                with self._lock:
                    if self._queue.empty():
                        self._thread = None
                        return
                continue
            group = [first]
            while len(group) < self.max_group:
                try:
                    group.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._commit(group)

    def _commit(self, group: list[Item]) -> None:
        try:
            with self.services.sessions() as session, session.begin():
                results = [webhook.store_events(session, self.services, events) for _, events, _ in group]
        except Exception as exc:  # noqa: BLE001 - retried one by one below, each failure goes to its caller
            log.warning(
                "group commit failed; storing deliveries one by one",
                extra={"group": len(group), "error": type(exc).__name__},
            )
            for body, events, future in group:
                self._commit_one(body, events, future)
            return
        for (body, _, future), result in zip(group, results, strict=True):
            record(result, body)
            future.set_result(result)

    def _commit_one(self, body: WebhookBody, events: Events, future: Future[IngestResult]) -> None:
        try:
            with self.services.sessions() as session, session.begin():
                result = webhook.store_events(session, self.services, events)
        except Exception as exc:  # noqa: BLE001 - handed to the waiting request, which answers 500
            future.set_exception(exc)
            return
        record(result, body)
        future.set_result(result)


_committers: weakref.WeakKeyDictionary[Services, GroupCommitter] = weakref.WeakKeyDictionary()
_committers_lock = threading.Lock()


def committer_for(services: Services) -> GroupCommitter:
    """The writer of this Services (one per database), created on first use."""
    with _committers_lock:
        found = _committers.get(services)
        if found is None:
            found = _committers[services] = GroupCommitter(services)
        return found
