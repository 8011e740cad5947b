"""WhatsApp Cloud API settings (RECEPTA_WHATSAPP__*)."""

from __future__ import annotations

from pydantic import BaseModel, SecretStr


class WhatsAppSettings(BaseModel):
    app_secret: SecretStr = SecretStr("dev-app-secret")
    verify_token: SecretStr = SecretStr("dev-verify-token")
    access_token: SecretStr = SecretStr("dev-access-token")
    phone_number_id: str = "100000000000001"
    display_phone_number: str = "+34 600 000 000"
    # Empty means the built-in Graph API stand-in of the simulator (see Settings.graph_base_url).
    graph_base_url: str = ""
    api_version: str = "v23.0"
    max_body_bytes: int = 1_000_000
    send_timeout_seconds: float = 10.0
    send_max_attempts: int = 5
    # Transient Graph errors are retried after base * 2**attempt seconds (capped), or Retry-After if given.
    send_retry_base_seconds: float = 2.0
    send_retry_max_seconds: float = 300.0
    # Messages per second per phone number (Cloud API default throughput is 80/s).
    rate_limit_per_second: float = 80.0
