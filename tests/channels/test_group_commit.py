"""Group commit: deliveries share transactions, each caller learns its own outcome, a bad one sinks no other."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future

import pytest
from sqlalchemy import func, select

from channels.whatsapp import webhook
from channels.whatsapp.group_commit import GroupCommitter, Item
from channels.whatsapp.payloads import iter_events, parse_body
from channels.whatsapp.webhook import IngestResult
from service.composition import Services
from store.models import Message
from tests.channels.support import text_update


def _messages(services: Services) -> int:
    with services.sessions() as session:
        return session.scalar(select(func.count()).select_from(Message)) or 0


def test_when_deliveries_arrive_together_then_each_is_stored_before_its_future_resolves(services):
    committer = GroupCommitter(services)
    bodies = [parse_body(text_update(f"wamid.G{i}", wa_id=f"3460000{i:04d}")) for i in range(24)]
    futures: list[Future[IngestResult]] = []
    lock = threading.Lock()

    def submit(body):
        future = committer.submit(body)
        with lock:
            futures.append(future)

    threads = [threading.Thread(target=submit, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results = [future.result(timeout=30) for future in futures]
    assert [r.messages for r in results] == [1] * 24
    assert _messages(services) == 24


def test_when_the_same_delivery_is_in_one_group_twice_then_the_second_is_a_duplicate(services):
    committer = GroupCommitter(services)
    body = parse_body(text_update("wamid.TWICE"))
    items: list[Item] = [(body, list(iter_events(body)), Future()) for _ in range(2)]
    committer._commit(items)
    assert [(f.result().messages, f.result().duplicates) for _, _, f in items] == [(1, 0), (0, 1)]
    assert _messages(services) == 1


def test_when_one_delivery_of_a_group_fails_then_the_others_are_still_stored(services, monkeypatch):
    real = webhook.store_events

    def store_or_fail(session, services_, events):
        if events[0].message.id == "wamid.BAD":
            raise RuntimeError("database refused this row")
        return real(session, services_, events)

    monkeypatch.setattr(webhook, "store_events", store_or_fail)
    committer = GroupCommitter(services)
    bodies = [
        parse_body(text_update(w, wa_id=f"34600{i}")) for i, w in enumerate(["wamid.OK1", "wamid.BAD", "wamid.OK2"])
    ]
    items: list[Item] = [(body, list(iter_events(body)), Future()) for body in bodies]
    committer._commit(items)
    ok1, bad, ok2 = (future for _, _, future in items)
    assert ok1.result().messages == 1 and ok2.result().messages == 1
    with pytest.raises(RuntimeError):
        bad.result()
    assert _messages(services) == 2


def test_when_the_writer_is_idle_then_it_stops_and_restarts_on_demand(services):
    committer = GroupCommitter(services, idle_seconds=0.05)
    assert committer.submit(parse_body(text_update("wamid.I1"))).result(timeout=30).messages == 1
    deadline = time.monotonic() + 10
    while committer._thread is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert committer._thread is None
    assert committer.submit(parse_body(text_update("wamid.I2"))).result(timeout=30).messages == 1
