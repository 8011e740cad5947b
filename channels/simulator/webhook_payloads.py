"""Cloud-API-shaped webhook bodies: inbound messages and delivery statuses, as Meta sends them."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from channels.simulator.records import SimMessage

# What Meta reports for a number that cannot receive messages (the simulator's only failure).
UNDELIVERABLE = {
    "code": 131026,
    "title": "Message undeliverable",
    "message": "Message undeliverable",
    "error_data": {"details": "Message Undeliverable."},
    "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
}
# The simulated WhatsApp Business Account id (Meta puts the WABA id in entry[].id).
SIMULATED_WABA_ID = "100000000000000"


@dataclass(frozen=True)
class BusinessNumber:
    """The business phone number the simulated patients write to."""

    phone_number_id: str
    display_phone_number: str

    @property
    def digits(self) -> str:
        return "".join(ch for ch in self.display_phone_number if ch.isdigit())

    def metadata(self) -> dict[str, str]:
        return {"display_phone_number": self.digits, "phone_number_id": self.phone_number_id}


def _envelope(number: BusinessNumber, value: dict[str, Any]) -> dict[str, Any]:
    value = {"messaging_product": "whatsapp", "metadata": number.metadata(), **value}
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": SIMULATED_WABA_ID, "changes": [{"value": value, "field": "messages"}]}],
    }


def inbound_message(number: BusinessNumber, message: SimMessage, reply: dict[str, str] | None = None) -> dict[str, Any]:
    """The webhook for a message the patient typed or a button / list row they tapped."""
    body: dict[str, Any] = {"from": message.phone, "id": message.id, "timestamp": str(message.timestamp)}
    if message.reply_to:
        body["context"] = {"from": number.digits, "id": message.reply_to}
    if message.type == "text":
        body |= {"type": "text", "text": {"body": message.text}}
    elif message.type in ("button_reply", "list_reply"):
        assert reply is not None
        body |= {"type": "interactive", "interactive": {"type": message.type, message.type: reply}}
    elif message.type == "button":  # a template quick-reply button
        assert reply is not None
        body |= {"type": "button", "button": {"payload": reply["id"], "text": reply["title"]}}
    else:
        raise ValueError(f"unsupported simulated message type {message.type}")
    contact = {"profile": {"name": message.name or ""}, "wa_id": message.phone}
    return _envelope(number, {"contacts": [contact], "messages": [body]})


def status_update(number: BusinessNumber, message: SimMessage, status: str) -> dict[str, Any]:
    """The webhook Meta sends when an outbound message is sent, delivered or read."""
    item: dict[str, Any] = {
        "id": message.id,
        "status": status,
        "timestamp": str(int(time.time())),
        "recipient_id": message.phone,
    }
    if status in ("sent", "delivered"):
        item["conversation"] = {"id": f"SIMCONV{message.phone}", "origin": {"type": "service"}}
        item["pricing"] = {
            "billable": True,
            "pricing_model": "PMP",
            "category": "service",
            "type": "free_customer_service",
        }
    if status == "failed":
        item["errors"] = [UNDELIVERABLE]
    if message.callback_data:
        item["biz_opaque_callback_data"] = message.callback_data
    return _envelope(number, {"statuses": [item]})


def encode(payload: dict[str, Any]) -> bytes:
    # Meta sends compact JSON with non-ASCII characters escaped; signatures cover exactly these bytes.
    return json.dumps(payload, separators=(",", ":")).encode()
