"""`recepta docs …` and `recepta search` through typer's CliRunner, on a real SQLite store and Chroma dir."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from guardrails import policy as policy_module
from knowledge import embeddings
from service.cli.main import app
from store.db import make_engine
from store.migrate import upgrade

HOURS = "# Horarios\n\n## Apertura\n\nAbrimos de lunes a viernes de 8:00 a 20:00 y los sábados de 9:00 a 14:00.\n"
PARKING = "# Cómo llegar\n\n## Aparcamiento\n\nHay un aparcamiento público a 200 metros de la clínica.\n"


@pytest.fixture
def cli(tmp_path, monkeypatch, use_embedder, retrieval_policy):
    # Every command builds its services from the environment; they share the session's loaded models.
    monkeypatch.setitem(embeddings._PROVIDERS, "use", lambda _settings: use_embedder)
    monkeypatch.setattr(policy_module, "build_policy", lambda _settings: retrieval_policy)
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    upgrade(make_engine(url))
    monkeypatch.setenv("RECEPTA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RECEPTA_DATABASE_URL", url)
    monkeypatch.setenv("RECEPTA_EMBEDDINGS__PROVIDER", "use")
    monkeypatch.setenv("RECEPTA_LOG_LEVEL", "WARNING")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "horarios.md").write_text(HOURS, encoding="utf-8")
    (docs / "parking.md").write_text(PARKING, encoding="utf-8")
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None):
        return runner.invoke(app, list(args), input=stdin)

    run.docs = docs  # type: ignore[attr-defined]
    return run


def test_docs_add_with_approve_is_idempotent_and_search_finds_the_content(cli):
    first = cli("docs", "add", str(cli.docs), "--approve", "--by", "demo-loader")
    assert first.exit_code == 0, first.output
    assert first.output.count("created") == 2 and "approved" in first.output
    second = cli("docs", "add", str(cli.docs), "--approve", "--by", "demo-loader")
    assert second.exit_code == 0 and second.output.count("unchanged") == 2
    found = cli("search", "where can I park", "--k", "1", "--json")
    assert found.exit_code == 0, found.output
    (hit,) = json.loads(found.output)["results"]
    assert hit["source"] == "parking.md" and hit["section"] == "Aparcamiento" and hit["title"] == "Cómo llegar"
    assert "200 metros" in hit["text"] and isinstance(hit["score"], float)


def test_docs_list_json_approve_and_retire(cli):
    cli("docs", "add", str(cli.docs / "horarios.md"), "--by", "ana")
    listed = json.loads(cli("docs", "list", "--json").output)
    assert [(d["id"], d["status"], d["added_by"]) for d in listed] == [(1, "pending", "ana")]
    approved = cli("docs", "approve", "1", "--by", "bea")
    assert approved.exit_code == 0 and "approved" in approved.output
    retired = cli("docs", "retire", "1", "--by", "carla")
    assert retired.exit_code == 0 and "retired" in retired.output
    (doc,) = json.loads(cli("docs", "list", "--json").output)
    assert (doc["status"], doc["approved_by"], doc["retired_by"]) == ("retired", "bea", "carla")
    assert json.loads(cli("search", "horario", "--json").output) == {"results": []}


def test_search_jsonl_answers_each_line_in_order(cli):
    cli("docs", "add", str(cli.docs), "--approve")
    questions = '{"q": "what time do you open"}\n{"q": "aparcamiento cerca"}\n'
    result = cli("search", "--jsonl", "--k", "1", stdin=questions)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["results"][0]["source"] for line in lines] == ["horarios.md", "parking.md"]


def test_errors_are_reported_without_traceback(cli):
    missing = cli("docs", "approve", "42")
    assert missing.exit_code == 1 and "document 42 does not exist" in missing.output
    bad = cli("docs", "add", str(cli.docs / "nope.pdf"))
    assert bad.exit_code == 1 and "no such file" in bad.output


def test_reindex_reports_the_chunks_it_embedded(cli):
    cli("docs", "add", str(cli.docs), "--approve")
    result = cli("docs", "reindex")
    assert result.exit_code == 0 and "reindexed 2 chunks with use:v1" in result.output


def test_docs_show_previews_text_and_chunks(cli):
    cli("docs", "add", str(cli.docs / "horarios.md"))
    text = cli("docs", "show", "1")
    assert text.exit_code == 0 and "Abrimos de lunes a viernes" in text.output and "pending" in text.output
    chunks = cli("docs", "show", "1", "--chunks")
    assert chunks.exit_code == 0 and "--- d1v1c0 (Apertura)" in chunks.output
