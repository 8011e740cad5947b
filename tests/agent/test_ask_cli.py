"""`recepta ask` through the real pipeline, guardrails policy and an empty knowledge base."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from service.cli.main import app


def test_ask_jsonl_answers_each_line_in_order_each_sender_its_own_conversation(sqlite_settings, monkeypatch):
    monkeypatch.setenv("RECEPTA_DATA_DIR", str(sqlite_settings.data_dir))
    monkeypatch.setenv("RECEPTA_DATABASE_URL", sqlite_settings.resolved_database_url)
    lines = [
        {"text": "hola", "from": "a"},
        {"text": "I want to talk to a human", "from": "b"},
        {"text": "gracias", "from": "a"},
    ]
    stdin = "\n".join(json.dumps(line) for line in lines) + "\n"
    result = CliRunner().invoke(app, ["ask", "--jsonl"], input=stdin)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith('{"replies"')]
    assert [r["intent"] for r in rows] == ["greeting", "human", "thanks"]
    assert rows[1]["language"] == "en" and rows[1]["handoff"]["team"] == "reception"
    assert rows[0]["replies"][0]["buttons"][0]["id"] == "menu:book"


def test_ask_prints_replies_and_buttons(sqlite_settings, monkeypatch):
    monkeypatch.setenv("RECEPTA_DATA_DIR", str(sqlite_settings.data_dir))
    monkeypatch.setenv("RECEPTA_DATABASE_URL", sqlite_settings.resolved_database_url)
    result = CliRunner().invoke(app, ["ask", "hello", "--from", "c"])
    assert result.exit_code == 0, result.output
    assert "[Book appointment]" in result.stdout and "112" in result.stdout


def test_ask_without_a_message_is_a_usage_error():
    result = CliRunner().invoke(app, ["ask"])
    assert result.exit_code == 2
