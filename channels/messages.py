"""Channel-independent outbound messages, validated against WhatsApp's limits when they are built.

Limits are counted in Unicode code points (Python ``len``) and are never silently truncated:
a reply that does not fit raises ``MessageLimitError`` where it is authored.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from service.errors import ReceptaError

TEXT_MAX = 4096
INTERACTIVE_BODY_MAX = 1024
HEADER_FOOTER_MAX = 60
BUTTON_TITLE_MAX = 20
BUTTON_ID_MAX = 256
LIST_ROW_ID_MAX = 200
LIST_BUTTON_MAX = 20
SECTION_TITLE_MAX = 24
ROW_TITLE_MAX = 24
ROW_DESCRIPTION_MAX = 72
LIST_ROWS_MAX = 10


class MessageLimitError(ReceptaError):
    """An outbound message breaks a WhatsApp limit (the message says which, never the text).

    Not a ValueError on purpose: pydantic would wrap it in a ValidationError; callers see this class.
    """


def _check(value: str | None, limit: int, what: str) -> None:
    if value is not None and len(value) > limit:
        raise MessageLimitError(f"{what} is {len(value)} code points; WhatsApp allows {limit}")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Button(_Frozen):
    id: str
    title: str

    @model_validator(mode="after")
    def _limits(self) -> Button:
        _check(self.title, BUTTON_TITLE_MAX, "button title")
        _check(self.id, BUTTON_ID_MAX, "button id")
        if not self.title.strip():
            raise MessageLimitError("button title is empty")
        return self


class ListRow(_Frozen):
    id: str
    title: str
    description: str | None = None

    @model_validator(mode="after")
    def _limits(self) -> ListRow:
        _check(self.title, ROW_TITLE_MAX, "list row title")
        _check(self.description, ROW_DESCRIPTION_MAX, "list row description")
        _check(self.id, LIST_ROW_ID_MAX, "list row id")
        return self


class ListSection(_Frozen):
    title: str
    rows: list[ListRow]

    @model_validator(mode="after")
    def _limits(self) -> ListSection:
        _check(self.title, SECTION_TITLE_MAX, "list section title")
        return self


class TextMessage(_Frozen):
    type: Literal["text"] = "text"
    text: str
    preview_url: bool = False

    @model_validator(mode="after")
    def _limits(self) -> TextMessage:
        _check(self.text, TEXT_MAX, "text body")
        if not self.text.strip():
            raise MessageLimitError("text body is empty")
        return self


class ButtonsMessage(_Frozen):
    type: Literal["buttons"] = "buttons"
    text: str
    buttons: list[Button]
    header: str | None = None
    footer: str | None = None

    @model_validator(mode="after")
    def _limits(self) -> ButtonsMessage:
        _check(self.text, INTERACTIVE_BODY_MAX, "interactive body")
        _check(self.header, HEADER_FOOTER_MAX, "header")
        _check(self.footer, HEADER_FOOTER_MAX, "footer")
        if not 1 <= len(self.buttons) <= 3:
            raise MessageLimitError(f"reply buttons need 1 to 3 buttons, got {len(self.buttons)}")
        titles = [b.title for b in self.buttons]
        if len(set(titles)) != len(titles):
            raise MessageLimitError("reply button titles must be unique")
        return self


class ListMessage(_Frozen):
    type: Literal["list"] = "list"
    text: str
    button: str
    sections: list[ListSection]
    header: str | None = None
    footer: str | None = None

    @model_validator(mode="after")
    def _limits(self) -> ListMessage:
        _check(self.text, INTERACTIVE_BODY_MAX, "interactive body")
        _check(self.button, LIST_BUTTON_MAX, "list button label")
        _check(self.header, HEADER_FOOTER_MAX, "header")
        _check(self.footer, HEADER_FOOTER_MAX, "footer")
        rows = sum(len(s.rows) for s in self.sections)
        if not 1 <= rows <= LIST_ROWS_MAX:
            raise MessageLimitError(f"a list needs 1 to {LIST_ROWS_MAX} rows in all, got {rows}")
        return self


class TemplateMessage(_Frozen):
    type: Literal["template"] = "template"
    name: str
    language: str
    components: list[dict[str, Any]] = Field(default_factory=list)
    # What the template says, for the simulator, the inbox and evals (not sent to Meta).
    preview: str | None = None


OutboundMessage = Annotated[TextMessage | ButtonsMessage | ListMessage | TemplateMessage, Field(discriminator="type")]


def message_text(message: TextMessage | ButtonsMessage | ListMessage | TemplateMessage) -> str:
    """The human-readable text of a message (what guardrails check and evals read)."""
    if isinstance(message, TemplateMessage):
        return message.preview or ""
    return message.text
