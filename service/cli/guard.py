"""`recepta guard`: run one text (or a JSONL batch) through the guardrail policy and print the decision."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, get_args

import typer

from guardrails.decision import Direction, GuardrailDecision

if TYPE_CHECKING:
    from guardrails.policy import Policy

# "outbound" on the command line is the bot's reply, as in the issue; the policy calls it "outbound-bot".
DIRECTION_ALIASES: dict[str, Direction] = {"outbound": "outbound-bot", "staff": "outbound-staff"}
DIRECTIONS = sorted({*get_args(Direction), *DIRECTION_ALIASES})


def _direction(value: str) -> Direction:
    name = DIRECTION_ALIASES.get(value, value)
    if name not in get_args(Direction):
        raise typer.BadParameter(f"direction must be one of {', '.join(DIRECTIONS)}")
    return name  # type: ignore[return-value]


def result_json(decision: GuardrailDecision) -> dict[str, Any]:
    """The documented output shape: entities with offsets into the input, redacted text, verdicts, action."""
    return {
        "direction": decision.direction,
        "action": decision.action,
        "entities": [e.model_dump() for e in decision.entities],
        "redacted": decision.redacted,
        "verdicts": [v.model_dump() for v in decision.verdicts],
        "escalation": decision.escalation.model_dump() if decision.escalation else None,
        "safe_reply": decision.safe_reply,
    }


def guard(
    text: str = typer.Argument("", help="The text to check."),
    direction: str = typer.Option("inbound", "--direction", "-d", help=f"One of {', '.join(DIRECTIONS)}."),
    lang: str = typer.Option(None, "--lang", help="es or en (default: detect)."),
    as_json: bool = typer.Option(False, "--json", help="Print the decision as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl", help='Read {"text", "direction"} lines on stdin; one JSON per line.'),
) -> None:
    """Check a text with the guardrails (PHI, safety detectors, policy) and print the decision."""
    from guardrails.policy import build_policy
    from service.settings import Settings

    if not jsonl and not text.strip():
        typer.echo("Give a text, or --jsonl with lines on stdin.", err=True)
        raise typer.Exit(2)
    if lang not in (None, "es", "en"):
        raise typer.BadParameter("--lang must be es or en")
    default_direction = _direction(direction)
    policy = build_policy(Settings())  # heavy: once per invocation
    if jsonl:
        _run_jsonl(policy, default_direction, lang)
        return
    decision = policy.check(text, direction=default_direction, language=lang)
    if as_json:
        typer.echo(json.dumps(result_json(decision), ensure_ascii=False, indent=2))
        return
    _print_human(decision)


def _run_jsonl(policy: Policy, default_direction: Direction, lang: str | None) -> None:
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            typer.echo(f"line {number}: not JSON", err=True)
            raise typer.Exit(2) from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            typer.echo(f'line {number}: expected an object with a "text" string', err=True)
            raise typer.Exit(2)
        try:
            direction = _direction(str(item.get("direction") or default_direction))
        except typer.BadParameter:
            typer.echo(f"line {number}: unknown direction", err=True)
            raise typer.Exit(2) from None
        language = item.get("lang") or lang
        decision = policy.check(item["text"], direction=direction, language=language)
        sys.stdout.write(json.dumps(result_json(decision), ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _print_human(decision: GuardrailDecision) -> None:
    typer.echo(f"action: {decision.action}")
    if decision.escalation:
        e = decision.escalation
        typer.echo(f"escalation: {e.team} ({e.priority}, {e.reason})")
    typer.echo(f"verdicts: {', '.join(v.name for v in decision.verdicts) or '-'}")
    for entity in decision.entities:
        typer.echo(f"  {entity.type} [{entity.start}:{entity.end}] score {entity.score}")
    typer.echo(f"redacted: {decision.redacted}")
    if decision.safe_reply:
        typer.echo(f"safe reply: {decision.safe_reply}")


def register(app: typer.Typer) -> None:
    app.command()(guard)
