"""Every setting as the environment variable that sets it, for `recepta settings` and the docs."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, SecretStr

from service.settings import Settings


def iter_settings(model: BaseModel, prefix: str = "RECEPTA_") -> Iterator[tuple[str, str]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        env = f"{prefix}{name.upper()}"
        if isinstance(value, BaseModel):
            yield from iter_settings(value, env + "__")
        elif isinstance(value, SecretStr):
            yield env, "********" if value.get_secret_value() else ""
        else:
            yield env, "" if value is None else str(value)


def settings_env_names() -> list[str]:
    return [env for env, _ in iter_settings(Settings())]
