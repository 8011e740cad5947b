"""What the simulator remembers of a message, and how a Graph send payload becomes one."""

from __future__ import annotations

import secrets
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from channels.simulator.graph_payloads import SendInteractive, SendTemplate, SendText

Direction = Literal["in", "out"]
# Order of delivery statuses; a status never moves backwards (read must not become delivered).
STATUS_RANK = {"pending": 0, "accepted": 1, "sent": 2, "delivered": 3, "read": 4, "failed": 5}


def new_wamid(prefix: str) -> str:
    """A message id shaped like Meta's (``wamid.`` + opaque base64-ish token)."""
    return f"wamid.{prefix}{secrets.token_urlsafe(24)}"


def wa_id_of(to: str) -> str:
    return to.lstrip("+")


@dataclass
class SimMessage:
    """One bubble of a simulated chat. ``direction`` is from Recepta's side: in = patient → clinic."""

    id: str
    phone: str
    direction: Direction
    type: str
    text: str
    timestamp: int = field(default_factory=lambda: int(time.time()))
    status: str = "pending"
    name: str | None = None
    header: str | None = None
    footer: str | None = None
    buttons: list[dict[str, str]] = field(default_factory=list)
    list: dict[str, Any] | None = None
    template: dict[str, Any] | None = None
    reply_to: str | None = None
    callback_data: str | None = None
    read_requested: bool = False

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("read_requested")
        data.pop("callback_data")
        return data

    def advance(self, status: str) -> bool:
        """Move to ``status`` if it is later than the current one; True when it changed."""
        if STATUS_RANK.get(status, -1) <= STATUS_RANK.get(self.status, -1):
            return False
        self.status = status
        return True


def _template_view(template: SendTemplate) -> tuple[str, dict[str, Any]]:
    params: list[str] = []
    quick_replies: list[str] = []
    for component in template.template.components:
        for parameter in component.get("parameters") or []:
            if not isinstance(parameter, dict):
                continue
            if parameter.get("type") == "text" and isinstance(parameter.get("text"), str):
                params.append(parameter["text"])
            elif parameter.get("type") == "payload" and isinstance(parameter.get("payload"), str):
                quick_replies.append(parameter["payload"])
    view = {
        "name": template.template.name,
        "language": template.template.language.code,
        "params": params,
        "quick_replies": quick_replies,
    }
    return " · ".join(params), view


def message_from_graph(request: SendText | SendInteractive | SendTemplate, wamid: str) -> SimMessage:
    """The bubble a phone would show for an accepted send request."""
    phone = wa_id_of(request.to)
    reply_to = request.context.message_id if request.context else None
    common: dict[str, Any] = {
        "id": wamid,
        "phone": phone,
        "direction": "out",
        "status": "accepted",
        "reply_to": reply_to,
        "callback_data": request.biz_opaque_callback_data,
    }
    if isinstance(request, SendText):
        return SimMessage(type="text", text=request.text.body, **common)
    if isinstance(request, SendTemplate):
        text, view = _template_view(request)
        return SimMessage(type="template", text=text, template=view, **common)
    interactive = request.interactive
    header = interactive.header.text if interactive.header else None
    footer = interactive.footer.text if interactive.footer else None
    if interactive.type == "button":
        buttons = [{"id": b.reply.id, "title": b.reply.title} for b in interactive.action.buttons or []]
        return SimMessage(
            type="buttons", text=interactive.body.text, header=header, footer=footer, buttons=buttons, **common
        )
    sections = [
        {"title": s.title, "rows": [{"id": r.id, "title": r.title, "description": r.description} for r in s.rows]}
        for s in interactive.action.sections or []
    ]
    return SimMessage(
        type="list",
        text=interactive.body.text,
        header=header,
        footer=footer,
        list={"button": interactive.action.button, "sections": sections},
        **common,
    )
