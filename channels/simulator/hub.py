"""The simulator's memory and event bus: chats per simulated phone, live page subscribers, status webhooks.

Everything here runs on the server's event loop (the routes are async), so no locks are needed. The hub
never blocks: webhooks to Recepta are awaited in tasks, and page subscribers get bounded queues.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from typing import Any

from channels.simulator.graph_payloads import SendInteractive, SendTemplate, SendText
from channels.simulator.records import SimMessage, message_from_graph, new_wamid
from channels.simulator.webhook_payloads import BusinessNumber, encode, inbound_message, status_update
from channels.whatsapp.signature import sign

log = logging.getLogger("recepta.channels.simulator")

# Posts a signed webhook body to Recepta and returns the HTTP status it answered.
WebhookPoster = Callable[[bytes, dict[str, str]], Awaitable[int]]
Event = dict[str, Any]


class SimulatorHub:
    """Simulated phones talking to Recepta through the same webhook and Graph API shapes as Meta's."""

    def __init__(
        self,
        *,
        number: BusinessNumber,
        app_secret: str,
        poster: WebhookPoster,
        history_per_phone: int = 200,
        max_phones: int = 200,
        sent_delay: float = 0.3,
        delivered_delay: float = 0.5,
        subscriber_queue: int = 500,
    ) -> None:
        self.number = number
        self._secret = app_secret
        self._poster = poster
        # Where the poster delivers webhooks (tests point it at a capturing route).
        self.webhook_path = "/webhooks/whatsapp"
        self._history_per_phone = history_per_phone
        self._max_phones = max_phones
        self.sent_delay = sent_delay
        self.delivered_delay = delivered_delay
        self._subscriber_queue = subscriber_queue
        self._chats: OrderedDict[str, deque[SimMessage]] = OrderedDict()
        self._by_id: dict[str, SimMessage] = {}
        self._subscribers: set[asyncio.Queue[Event]] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        # Simulated phones that cannot receive: sends are accepted, then reported failed (131026), as Meta does.
        self.undeliverable: set[str] = set()

    # --- memory -------------------------------------------------------------------------------------

    def history(self, phone: str) -> list[SimMessage]:
        return list(self._chats.get(phone, ()))

    def phones(self) -> list[str]:
        return list(self._chats)

    def get(self, message_id: str) -> SimMessage | None:
        return self._by_id.get(message_id)

    def forget_all(self) -> None:
        """Drop every simulated chat (a fresh start for demos and tests)."""
        self._chats.clear()
        self._by_id.clear()
        self.undeliverable.clear()

    def _remember(self, message: SimMessage) -> None:
        chat = self._chats.get(message.phone)
        if chat is None:
            chat = self._chats[message.phone] = deque()
            while len(self._chats) > self._max_phones:
                _, evicted = self._chats.popitem(last=False)
                for old in evicted:
                    self._by_id.pop(old.id, None)
        self._chats.move_to_end(message.phone)
        if len(chat) >= self._history_per_phone:
            self._by_id.pop(chat.popleft().id, None)
        chat.append(message)
        self._by_id[message.id] = message

    # --- page subscribers (Server-Sent Events) -----------------------------------------------------

    def subscribe(self) -> asyncio.Queue[Event]:
        queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=self._subscriber_queue)
        self._subscribers.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[Event]) -> None:
        self._subscribers.discard(queue)

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def _publish(self, event: Event) -> None:
        for queue in list(self._subscribers):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                # A page that stopped reading is dropped rather than growing memory; it reloads history.
                self._subscribers.discard(queue)

    def _publish_message(self, message: SimMessage) -> None:
        self._publish({"event": "message", "data": message.as_json()})

    def _publish_status(self, message: SimMessage) -> None:
        self._publish({"event": "status", "data": {"phone": message.phone, "id": message.id, "status": message.status}})

    # --- Graph API side: Recepta sends to a simulated phone ------------------------------------------

    def accept_send(self, request: SendText | SendInteractive | SendTemplate) -> SimMessage:
        """Record a message Recepta sent, show it on open pages, then report sent and delivered."""
        message = message_from_graph(request, new_wamid("SIM"))
        self._remember(message)
        self._publish_message(message)
        self._spawn(self._deliver(message))
        return message

    def mark_read(self, message_id: str, *, typing: bool) -> SimMessage | None:
        """Recepta read a patient's message (blue ticks) and maybe started typing."""
        message = self._by_id.get(message_id)
        if message is None or message.direction != "in":
            return None
        if message.advance("read"):
            self._publish_status(message)
        if typing:
            self._publish({"event": "typing", "data": {"phone": message.phone}})
        return message

    async def _deliver(self, message: SimMessage) -> None:
        await asyncio.sleep(self.sent_delay)
        if message.phone in self.undeliverable:
            await self._report(message, "failed")
            return
        await self._report(message, "sent")
        await asyncio.sleep(self.delivered_delay)
        await self._report(message, "delivered")
        if message.read_requested:
            await self._report(message, "read")

    async def _report(self, message: SimMessage, status: str) -> None:
        if not message.advance(status):
            return
        self._publish_status(message)
        await self._post(status_update(self.number, message, status), kind=f"status_{status}")

    # --- phone side: the simulated patient writes, taps and reads -----------------------------------

    async def patient_sends(
        self,
        *,
        phone: str,
        name: str,
        text: str | None = None,
        reply: dict[str, str] | None = None,
        reply_kind: str | None = None,
        context_id: str | None = None,
    ) -> SimMessage:
        """Post what the patient typed (or the button / row they tapped) to Recepta's webhook, signed."""
        kind = "text" if reply is None else (reply_kind or "button_reply")
        shown = text if reply is None else reply["title"]
        message = SimMessage(
            id=new_wamid("SIMIN"),
            phone=phone,
            direction="in",
            type=kind,
            text=shown or "",
            status="sent",
            name=name,
            reply_to=context_id,
        )
        self._remember(message)
        self._publish_message(message)
        code = await self._post(inbound_message(self.number, message, reply), kind="message")
        # 200 means Recepta stored it: two grey ticks, as when WhatsApp reaches the recipient.
        if message.advance("delivered" if code == 200 else "failed"):
            self._publish_status(message)
        return message

    async def patient_reads(self, phone: str, message_ids: list[str]) -> int:
        """The page showed these bot messages: report them read (after delivered, as Meta does)."""
        count = 0
        for message_id in message_ids:
            message = self._by_id.get(message_id)
            if message is None or message.direction != "out" or message.phone != phone:
                continue
            message.read_requested = True
            if message.status == "delivered":
                await self._report(message, "read")
            count += 1
        return count

    # --- plumbing -----------------------------------------------------------------------------------

    async def _post(self, payload: dict[str, Any], *, kind: str) -> int:
        body = encode(payload)
        headers = {"content-type": "application/json", "x-hub-signature-256": sign(body, self._secret)}
        try:
            code = await self._poster(body, headers)
        except Exception as exc:  # noqa: BLE001 - the webhook failing must not break the simulated phone
            log.warning("simulator.webhook_error", extra={"kind": kind, "error": type(exc).__name__})
            return 0
        if code != 200:
            log.warning("simulator.webhook_refused", extra={"kind": kind, "status_code": code})
        return code

    def _spawn(self, coro: Awaitable[None]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait for pending status webhooks (tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
