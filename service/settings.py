"""Recepta configuration: one Settings object, built in the app factory or the CLI, never at import."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from agent.settings import LLMSettings
from channels.whatsapp.settings import WhatsAppSettings
from guardrails.settings import GuardrailSettings
from knowledge.settings import ChromaSettings, EmbeddingSettings
from service.jobs.settings import JobSettings

Environment = Literal["development", "test", "production"]

# Values shipped as defaults so that `make run` works without keys; refused outside development/test.
PLACEHOLDER_SECRETS = frozenset({"", "changeme", "dev-app-secret", "dev-verify-token", "dev-access-token"})


class ClinicSettings(BaseModel):
    """Facts about the clinic that replies mention (name, hours, emergency number, portal)."""

    name: str = "Clínica Demo Recepta"
    timezone: str = "Europe/Madrid"
    emergency_number: str = "112"
    portal_url: str = "https://portal.example-clinic.test"
    # Office hours as "HH:MM-HH:MM" per ISO weekday (1 = Monday); missing days are closed.
    office_hours: dict[int, str] = Field(
        default_factory=lambda: {
            1: "08:00-20:00",
            2: "08:00-20:00",
            3: "08:00-20:00",
            4: "08:00-20:00",
            5: "08:00-20:00",
            6: "09:00-14:00",
        }
    )
    default_language: Literal["es", "en"] = "es"


class Settings(BaseSettings):
    """Every setting of Recepta. Env prefix ``RECEPTA_``, nested groups with ``__``."""

    model_config = SettingsConfigDict(env_prefix="RECEPTA_", env_nested_delimiter="__", env_file=None, extra="ignore")

    environment: Environment = "development"
    data_dir: Path = Path("./var")
    database_url: str | None = None
    log_level: str = "INFO"
    admin_token: SecretStr = SecretStr("changeme")
    # Public base URL of this service (the simulator's Graph stand-in is served under it).
    public_url: str = "http://127.0.0.1:8000"

    clinic: ClinicSettings = Field(default_factory=ClinicSettings)
    whatsapp: WhatsAppSettings = Field(default_factory=WhatsAppSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    embeddings: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    guardrails: GuardrailSettings = Field(default_factory=GuardrailSettings)
    jobs: JobSettings = Field(default_factory=JobSettings)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'recepta.sqlite3').resolve()}"

    @property
    def graph_base_url(self) -> str:
        """The Graph API base URL; by default the simulator's stand-in served by this app."""
        return self.whatsapp.graph_base_url or f"{self.public_url.rstrip('/')}/simulator/graph"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment != "production":
            return self
        secrets = {
            "RECEPTA_WHATSAPP__APP_SECRET": self.whatsapp.app_secret,
            "RECEPTA_WHATSAPP__VERIFY_TOKEN": self.whatsapp.verify_token,
            "RECEPTA_WHATSAPP__ACCESS_TOKEN": self.whatsapp.access_token,
            "RECEPTA_ADMIN_TOKEN": self.admin_token,
        }
        weak = [name for name, value in secrets.items() if value.get_secret_value() in PLACEHOLDER_SECRETS]
        if weak:
            raise ValueError(f"placeholder secrets are refused in production: set {', '.join(weak)}")
        if not self.guardrails.enabled:
            raise ValueError("guardrails cannot be disabled in production (RECEPTA_GUARDRAILS__ENABLED)")
        if not self.whatsapp.graph_base_url:
            raise ValueError("production needs RECEPTA_WHATSAPP__GRAPH_BASE_URL (https://graph.facebook.com)")
        return self

    def ensure_dirs(self) -> None:
        for path in (self.data_dir, self.uploads_dir, self.chroma_dir):
            path.mkdir(parents=True, exist_ok=True)
