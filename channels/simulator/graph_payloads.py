"""The Graph API send payloads the stand-in accepts, validated as strictly as the Cloud API does."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

WA_ID_PATTERN = r"^\+?[0-9]{6,15}$"


class _Wire(BaseModel):
    # Graph rejects unknown top-level fields only sometimes; we accept extras but validate what we read.
    model_config = ConfigDict(extra="allow")


class Text(_Wire):
    body: str = Field(min_length=1, max_length=4096)
    preview_url: bool = False


class Reply(_Wire):
    id: str = Field(min_length=1, max_length=256)
    title: str = Field(min_length=1, max_length=20)


class ReplyButton(_Wire):
    type: Literal["reply"]
    reply: Reply


class Row(_Wire):
    id: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=24)
    description: str | None = Field(default=None, max_length=72)


class Section(_Wire):
    title: str | None = Field(default=None, max_length=24)
    rows: list[Row] = Field(min_length=1)


class Action(_Wire):
    buttons: list[ReplyButton] | None = Field(default=None, min_length=1, max_length=3)
    button: str | None = Field(default=None, min_length=1, max_length=20)
    sections: list[Section] | None = Field(default=None, min_length=1, max_length=10)


class Header(_Wire):
    type: Literal["text"]
    text: str = Field(min_length=1, max_length=60)


class BodyText(_Wire):
    text: str = Field(min_length=1, max_length=1024)


class FooterText(_Wire):
    text: str = Field(min_length=1, max_length=60)


class Interactive(_Wire):
    type: Literal["button", "list"]
    body: BodyText
    action: Action
    header: Header | None = None
    footer: FooterText | None = None

    @model_validator(mode="after")
    def _matches_type(self) -> Interactive:
        if self.type == "button":
            if not self.action.buttons:
                raise ValueError("interactive button needs action.buttons")
            titles = [b.reply.title for b in self.action.buttons]
            if len(set(titles)) != len(titles):
                raise ValueError("button titles must be unique")
        else:
            if not self.action.button or not self.action.sections:
                raise ValueError("interactive list needs action.button and action.sections")
            if sum(len(s.rows) for s in self.action.sections) > 10:
                raise ValueError("a list allows at most 10 rows")
        return self


class Language(_Wire):
    code: str = Field(min_length=2, max_length=15)
    policy: str | None = None


class Template(_Wire):
    name: str = Field(min_length=1, max_length=512)
    language: Language
    components: list[dict[str, Any]] = Field(default_factory=list)


class Context(_Wire):
    message_id: str = Field(min_length=1)


class _Send(_Wire):
    messaging_product: Literal["whatsapp"]
    recipient_type: Literal["individual"] = "individual"
    to: str = Field(pattern=WA_ID_PATTERN)
    context: Context | None = None
    biz_opaque_callback_data: str | None = Field(default=None, max_length=512)


class SendText(_Send):
    type: Literal["text"] = "text"
    text: Text


class SendInteractive(_Send):
    type: Literal["interactive"]
    interactive: Interactive


class SendTemplate(_Send):
    type: Literal["template"]
    template: Template


SendRequest = Annotated[SendText | SendInteractive | SendTemplate, Field(discriminator="type")]


class TypingIndicator(_Wire):
    type: Literal["text"]


class MarkRead(_Wire):
    messaging_product: Literal["whatsapp"]
    status: Literal["read"]
    message_id: str = Field(min_length=1)
    typing_indicator: TypingIndicator | None = None


class _Envelope(BaseModel):
    request: SendRequest


class GraphPayloadError(ValueError):
    """A send payload the Cloud API would refuse; ``details`` names fields, never their values."""

    def __init__(self, details: str) -> None:
        super().__init__(details)
        self.details = details


def _describe(exc: ValidationError) -> str:
    # Field paths and pydantic's reason only: the offending values may be patient text.
    parts = []
    for error in exc.errors(include_input=False, include_url=False)[:5]:
        loc = ".".join(str(p) for p in error["loc"] if p not in ("request",))
        parts.append(f"{loc or 'body'}: {error['msg']}")
    return "; ".join(parts)


def parse_graph_payload(data: Any) -> SendText | SendInteractive | SendTemplate | MarkRead:
    """Validate a decoded JSON body posted to ``/{phone_number_id}/messages``."""
    if not isinstance(data, dict):
        raise GraphPayloadError("body: must be a JSON object")
    try:
        if "status" in data:
            return MarkRead.model_validate(data)
        if "type" not in data:
            data = {**data, "type": "text"}  # Graph defaults the type to text
        return _Envelope.model_validate({"request": data}).request
    except ValidationError as exc:
        raise GraphPayloadError(_describe(exc)) from None
