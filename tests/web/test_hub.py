"""The simulator hub: what open pages are told, bounded memory, and statuses that never go backwards."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx

from channels.simulator.graph_payloads import parse_graph_payload
from channels.simulator.hub import SimulatorHub
from channels.simulator.loopback import free_port, serve_in_thread
from channels.simulator.webhook_payloads import BusinessNumber
from service.settings import Settings
from tests.web.support import AUTH, GRAPH_PATH, PATIENT, app_with_capture, text_payload

T = TypeVar("T")
NUMBER = BusinessNumber(phone_number_id="100000000000001", display_phone_number="+34 600 000 000")


def run(scenario: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """asyncio.run in a thread of its own: Playwright's sync API may own this thread's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result(timeout=30)


def make_hub(**kwargs: Any) -> tuple[SimulatorHub, list[dict[str, Any]]]:
    posted: list[dict[str, Any]] = []

    async def poster(body: bytes, headers: dict[str, str]) -> int:  # noqa: ARG001
        posted.append(json.loads(body))
        return 200

    return SimulatorHub(number=NUMBER, app_secret="s", poster=poster, sent_delay=0, delivered_delay=0, **kwargs), posted


def test_when_recepta_sends_and_reads_then_subscribers_get_message_status_and_typing_events():
    async def scenario() -> list[str]:
        hub, _ = make_hub()
        queue = hub.subscribe()
        inbound = await hub.patient_sends(phone=PATIENT, name="Lucía", text="Hola")
        hub.mark_read(inbound.id, typing=True)
        hub.accept_send(parse_graph_payload(text_payload()))  # type: ignore[arg-type]
        await hub.drain()
        events = []
        while not queue.empty():
            event = queue.get_nowait()
            data = event["data"]
            detail = data.get("direction", "") if event["event"] == "message" else data.get("status", "")
            events.append(f"{event['event']}:{detail}")
        return events

    assert run(scenario) == [
        "message:in",
        "status:delivered",
        "status:read",
        "typing:",
        "message:out",
        "status:sent",
        "status:delivered",
    ]


def test_when_a_page_stops_reading_then_it_is_dropped_instead_of_growing_memory():
    async def scenario() -> int:
        hub, _ = make_hub(subscriber_queue=3)
        hub.subscribe()
        for i in range(5):
            hub.accept_send(parse_graph_payload(text_payload(body=f"m{i}")))  # type: ignore[arg-type]
        await hub.drain()
        return hub.subscriber_count

    assert run(scenario) == 0


def test_when_more_phones_than_the_limit_write_then_the_least_recent_chat_is_forgotten():
    async def scenario() -> list[str]:
        hub, _ = make_hub(max_phones=2)
        for phone in ("34600000001", "34600000002", "34600000003"):
            await hub.patient_sends(phone=phone, name="P", text="Hola")
        return hub.phones()

    assert run(scenario) == ["34600000002", "34600000003"]


def test_when_read_is_reported_twice_then_one_read_status_is_posted():
    async def scenario() -> list[str]:
        hub, posted = make_hub()
        message = hub.accept_send(parse_graph_payload(text_payload()))  # type: ignore[arg-type]
        await hub.drain()
        await hub.patient_reads(PATIENT, [message.id])
        await hub.patient_reads(PATIENT, [message.id])
        return [p["entry"][0]["changes"][0]["value"]["statuses"][0]["status"] for p in posted]

    assert run(scenario) == ["sent", "delivered", "read"]


def test_when_a_page_listens_on_the_event_stream_then_a_sent_message_arrives_as_an_sse_event(sqlite_settings: Settings):
    app, _, _ = app_with_capture(sqlite_settings)
    events: list[tuple[str, dict[str, Any]]] = []
    ready = threading.Event()
    with serve_in_thread(app, free_port()) as base_url:

        def listen() -> None:
            with httpx.stream("GET", base_url + "/simulator/api/events", timeout=10) as stream:
                assert stream.headers["content-type"].startswith("text/event-stream")
                name = ""
                for line in stream.iter_lines():
                    if line.startswith("event: "):
                        name = line[7:]
                    elif line.startswith("data: "):
                        events.append((name, json.loads(line[6:])))
                        ready.set()
                        if name == "message":
                            return

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        assert ready.wait(10)
        wamid = httpx.post(base_url + GRAPH_PATH, json=text_payload(), headers=AUTH).json()["messages"][0]["id"]
        listener.join(10)
    assert events[0][0] == "ready"
    assert events[1][0] == "message" and events[1][1]["id"] == wamid and events[1][1]["direction"] == "out"
