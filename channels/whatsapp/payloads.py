"""Typed webhook bodies of the WhatsApp Cloud API.

A thin pydantic model set rather than pywa's types: pywa's update classes are built by its client (they
need a ``WhatsApp`` instance, a handler registry and its Graph client), while we only need to validate the
shape, walk every entry/change/message/status and keep each message's raw dict until it is processed.
Unknown message types and unknown fields are kept, never rejected: Meta adds types over time and retries
refused deliveries for days.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from channels.whatsapp.errors import WebhookError

WHATSAPP_OBJECT = "whatsapp_business_account"
MESSAGES_FIELD = "messages"


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Profile(_Lenient):
    name: str | None = None
    username: str | None = None


class WaContact(_Lenient):
    wa_id: str | None = None
    user_id: str | None = None
    profile: Profile | None = None


class Metadata(_Lenient):
    phone_number_id: str
    display_phone_number: str | None = None


class Context(_Lenient):
    id: str | None = None
    from_: str | None = Field(default=None, alias="from")
    forwarded: bool | None = None


class TextBody(_Lenient):
    body: str


class Reply(_Lenient):
    id: str
    title: str | None = None
    description: str | None = None


class Interactive(_Lenient):
    type: str
    button_reply: Reply | None = None
    list_reply: Reply | None = None


class TemplateButton(_Lenient):
    """A template quick-reply tap: ``payload`` is the id the template defined, ``text`` its label."""

    payload: str | None = None
    text: str | None = None


class Media(_Lenient):
    id: str | None = None
    mime_type: str | None = None
    sha256: str | None = None
    caption: str | None = None
    filename: str | None = None
    voice: bool | None = None


class ErrorInfo(_Lenient):
    code: int
    title: str | None = None


class InboundMessage(_Lenient):
    id: str
    type: str
    timestamp: int
    from_: str | None = Field(default=None, alias="from")
    from_user_id: str | None = None
    context: Context | None = None
    text: TextBody | None = None
    interactive: Interactive | None = None
    button: TemplateButton | None = None
    image: Media | None = None
    audio: Media | None = None
    video: Media | None = None
    document: Media | None = None
    sticker: Media | None = None
    errors: list[ErrorInfo] = Field(default_factory=list)

    @property
    def received_at(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp, UTC)

    @property
    def media(self) -> Media | None:
        return self.image or self.video or self.document or self.audio or self.sticker

    @property
    def reply(self) -> Reply | None:
        if self.interactive is None:
            return None
        return self.interactive.button_reply or self.interactive.list_reply


class Status(_Lenient):
    id: str
    status: str
    timestamp: int
    recipient_id: str | None = None
    biz_opaque_callback_data: str | None = None
    errors: list[ErrorInfo] = Field(default_factory=list)

    @property
    def at(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp, UTC)


class MessagesValue(_Lenient):
    metadata: Metadata
    messaging_product: str | None = None
    contacts: list[WaContact] = Field(default_factory=list)
    messages: list[InboundMessage] = Field(default_factory=list)
    statuses: list[Status] = Field(default_factory=list)
    errors: list[ErrorInfo] = Field(default_factory=list)


class Change(_Lenient):
    field: str
    # Parsed as MessagesValue only for field == "messages"; other fields (template status, calls) vary.
    value: dict[str, Any]


class Entry(_Lenient):
    id: str
    changes: list[Change]


class WebhookBody(_Lenient):
    object: str
    entry: list[Entry] = Field(default_factory=list)


@dataclass(frozen=True)
class Identity:
    """Who wrote: the phone-based wa_id and/or the business-scoped user id (either may be absent)."""

    wa_id: str | None
    user_id: str | None
    profile_name: str | None


@dataclass(frozen=True)
class InboundEvent:
    phone_number_id: str
    message: InboundMessage
    identity: Identity
    raw: dict[str, Any]


@dataclass(frozen=True)
class StatusEvent:
    phone_number_id: str
    status: Status


def _where(error: ValidationError, prefix: str = "") -> str:
    """Field paths and problems only: pydantic's default message would quote the input values."""
    parts = []
    for item in error.errors()[:5]:
        path = ".".join([prefix, *(str(p) for p in item["loc"])] if prefix else [str(p) for p in item["loc"]])
        parts.append(f"{path or 'body'}: {item['type']}")
    return "; ".join(parts)


def parse_body(data: Any) -> WebhookBody:
    if not isinstance(data, dict):
        raise WebhookError("webhook body must be a JSON object")
    try:
        return WebhookBody.model_validate(data)
    except ValidationError as exc:
        raise WebhookError(f"invalid webhook body: {_where(exc)}") from None


def _identity(message: InboundMessage, contacts: list[WaContact]) -> Identity:
    for contact in contacts:
        same_wa = message.from_ is not None and contact.wa_id == message.from_
        same_user = message.from_user_id is not None and contact.user_id == message.from_user_id
        if same_wa or same_user:
            return Identity(
                contact.wa_id or message.from_,
                contact.user_id or message.from_user_id,
                contact.profile.name if contact.profile else None,
            )
    # Cloud API sends one contact per message; a lone contact is that sender even if ids are partial.
    if len(contacts) == 1 and contacts[0].wa_id is None and contacts[0].user_id is not None:
        only = contacts[0]
        return Identity(message.from_, only.user_id, only.profile.name if only.profile else None)
    return Identity(message.from_, message.from_user_id, None)


def iter_events(body: WebhookBody) -> Iterator[InboundEvent | StatusEvent]:
    """Every message and status of every change of every entry, in delivery order."""
    for e_index, entry in enumerate(body.entry):
        for c_index, change in enumerate(entry.changes):
            if change.field != MESSAGES_FIELD:
                continue
            try:
                value = MessagesValue.model_validate(change.value)
            except ValidationError as exc:
                where = f"entry.{e_index}.changes.{c_index}.value"
                raise WebhookError(f"invalid webhook body: {_where(exc, where)}") from None
            raw_messages = change.value.get("messages") or []
            for index, message in enumerate(value.messages):
                identity = _identity(message, value.contacts)
                if identity.wa_id is None and identity.user_id is None:
                    where = f"entry.{e_index}.changes.{c_index}.value.messages.{index}"
                    raise WebhookError(f"invalid webhook body: {where}: no sender (from / from_user_id)")
                yield InboundEvent(value.metadata.phone_number_id, message, identity, dict(raw_messages[index]))
            for status in value.statuses:
                yield StatusEvent(value.metadata.phone_number_id, status)


def error_codes(body: WebhookBody) -> list[int]:
    """Codes of change-level errors (value.errors[]): logged as counts, they concern the whole number."""
    codes: list[int] = []
    for entry in body.entry:
        for change in entry.changes:
            if change.field == MESSAGES_FIELD:
                for err in change.value.get("errors") or []:
                    if isinstance(err, dict) and isinstance(err.get("code"), int):
                        codes.append(err["code"])
    return codes


def message_text(message: InboundMessage) -> str | None:
    """What the patient wrote or tapped: text body, reply title, template button label, or media caption."""
    if message.text is not None:
        return message.text.body
    reply = message.reply
    if reply is not None:
        return reply.title
    if message.button is not None:
        return message.button.text
    media = message.media
    return media.caption if media is not None else None


def button_id(message: InboundMessage) -> str | None:
    reply = message.reply
    if reply is not None:
        return reply.id
    return message.button.payload if message.button is not None else None
