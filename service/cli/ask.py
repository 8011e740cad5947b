"""`recepta ask`: one message (or a JSONL batch) through the full pipeline, as a patient would send it."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from channels.messages import message_text


def ask(
    message: str = typer.Argument("", help="The patient's message."),
    from_id: str = typer.Option("cli", "--from", help="Patient id: each id is its own conversation."),
    button: str = typer.Option(None, "--button", help="Reply as if this button id was tapped."),
    as_json: bool = typer.Option(False, "--json", help="Print the TurnResult JSON."),
    jsonl: bool = typer.Option(False, "--jsonl", help='Read {"text", "from"} lines on stdin; one JSON per line.'),
) -> None:
    """Run a message through guardrails, routing and answering, and print the replies."""
    from service.cli.context import cli_services
    from service.pipeline import run_turn

    if not jsonl and not message.strip():
        typer.echo("Give a message, or --jsonl with lines on stdin.", err=True)
        raise typer.Exit(2)
    services = cli_services()
    try:
        if jsonl:
            for number, line in enumerate(sys.stdin, start=1):
                if not line.strip():
                    continue
                item = _parse_line(line, number)
                result = run_turn(
                    services,
                    text=str(item.get("text", "")),
                    from_id=str(item.get("from", "cli")),
                    button_id=item.get("button_id"),
                )
                typer.echo(json.dumps(result.as_json(), ensure_ascii=False))
            return
        result = run_turn(services, text=message, from_id=from_id, button_id=button)
        if as_json:
            typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        for reply in result.replies:
            typer.echo(message_text(reply))
            for choice in getattr(reply, "buttons", []):
                typer.echo(f"  [{choice.title}]  ({choice.id})")
        if result.handoff:
            typer.echo(f"-- handed off to {result.handoff.team} ({result.handoff.priority}, {result.handoff.reason})")
    finally:
        services.close()


def _parse_line(line: str, number: int) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError:
        typer.echo(f"line {number}: not JSON", err=True)
        raise typer.Exit(2) from None
    if not isinstance(item, dict) or "text" not in item:
        typer.echo(f'line {number}: expected an object with "text" and "from"', err=True)
        raise typer.Exit(2)
    return item


def register(app: typer.Typer) -> None:
    app.command()(ask)
