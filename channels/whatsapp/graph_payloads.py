"""Graph API request bodies for outbound messages and read receipts (shapes of the Cloud API docs).

Limits were checked when the ``OutboundMessage`` was built (channels/messages.py): nothing is cut here.
"""

from __future__ import annotations

from typing import Any

from channels.messages import ButtonsMessage, ListMessage, OutboundMessage, TemplateMessage, TextMessage


def _envelope(to: str) -> dict[str, Any]:
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to}


def _header_footer(interactive: dict[str, Any], message: ButtonsMessage | ListMessage) -> None:
    if message.header:
        interactive["header"] = {"type": "text", "text": message.header}
    if message.footer:
        interactive["footer"] = {"text": message.footer}


def message_body(to: str, message: OutboundMessage) -> dict[str, Any]:
    """The POST /{phone-number-id}/messages body for one message."""
    body = _envelope(to)
    if isinstance(message, TextMessage):
        body.update(type="text", text={"body": message.text, "preview_url": message.preview_url})
    elif isinstance(message, ButtonsMessage):
        interactive: dict[str, Any] = {
            "type": "button",
            "body": {"text": message.text},
            "action": {
                "buttons": [{"type": "reply", "reply": {"id": b.id, "title": b.title}} for b in message.buttons]
            },
        }
        _header_footer(interactive, message)
        body.update(type="interactive", interactive=interactive)
    elif isinstance(message, ListMessage):
        sections = []
        for section in message.sections:
            rows = []
            for row in section.rows:
                item = {"id": row.id, "title": row.title}
                if row.description:
                    item["description"] = row.description
                rows.append(item)
            sections.append({"title": section.title, "rows": rows})
        interactive = {
            "type": "list",
            "body": {"text": message.text},
            "action": {"button": message.button, "sections": sections},
        }
        _header_footer(interactive, message)
        body.update(type="interactive", interactive=interactive)
    elif isinstance(message, TemplateMessage):
        template: dict[str, Any] = {"name": message.name, "language": {"code": message.language}}
        if message.components:
            template["components"] = message.components
        body.update(type="template", template=template)
    else:  # pragma: no cover - the discriminated union is exhaustive
        raise TypeError(f"unknown outbound message type {type(message).__name__}")
    return body


def read_body(wamid: str, *, typing: bool) -> dict[str, Any]:
    """Mark an inbound message read and, optionally, show the typing indicator (gone on reply or after 25 s)."""
    body: dict[str, Any] = {"messaging_product": "whatsapp", "status": "read", "message_id": wamid}
    if typing:
        body["typing_indicator"] = {"type": "text"}
    return body
