"""LLM settings (RECEPTA_LLM__*): empty base_url means the embedded extractive answerer, no LLM."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, SecretStr


class LLMSettings(BaseModel):
    provider: Literal["extractive", "openai"] = "extractive"
    base_url: str = ""
    api_key: SecretStr = SecretStr("")
    model: str = "gpt-4o-mini"
    timeout_seconds: float = 20.0
    max_retries: int = 2
    temperature: float = 0.0
