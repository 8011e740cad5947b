"""Placeholder until this command is built."""

import typer


def register(app: typer.Typer) -> None:
    """Registers nothing yet."""
