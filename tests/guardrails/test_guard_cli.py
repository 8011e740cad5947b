"""`recepta guard`: one text or a JSONL batch, with character offsets into the input and results in order."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from service.cli.main import app

runner = CliRunner()


def test_guard_json_prints_entities_with_offsets_redacted_verdicts_and_action():
    text = "hola soy ana garcia, mi dni es 12345678Z"
    result = runner.invoke(app, ["guard", text, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) >= {"entities", "redacted", "verdicts", "action", "escalation"}
    assert out["action"] == "redact"
    nif = next(e for e in out["entities"] if e["type"] == "ES_NIF")
    assert text[nif["start"] : nif["end"]] == "12345678Z"
    assert "12345678Z" not in out["redacted"]
    assert "sensitive_identifier" in {v["name"] for v in out["verdicts"]}


def test_guard_outbound_direction_checks_a_bot_reply():
    result = runner.invoke(app, ["guard", "Tu colesterol es 240 mg/dl", "--direction", "outbound", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["direction"], out["action"]) == ("outbound-bot", "refuse")


def test_guard_without_json_prints_a_readable_summary():
    result = runner.invoke(app, ["guard", "quiero hablar con una persona", "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert "action: escalate" in result.stdout and "reception" in result.stdout


def test_guard_jsonl_answers_one_line_per_input_in_the_same_order_with_offsets():
    note = "Paciente de 45 años con DNI 12345678Z acude a consulta por lumbalgia. " * 80
    items = [
        {"text": "me duele el pecho y no puedo respirar", "direction": "inbound"},
        {"text": "a que hora abris el sabado"},
        {"text": "Deberías tomar 1 g de paracetamol cada 8 horas", "direction": "outbound"},
        {"text": note, "direction": "retrieval"},
        {"text": "El NSS es 281234567840", "direction": "outbound-staff"},
    ]
    stdin = "\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n"
    result = runner.invoke(app, ["guard", "--jsonl"], input=stdin)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["action"] for o in lines] == ["escalate", "allow", "refuse", "redact", "refuse"]
    assert [o["direction"] for o in lines] == ["inbound", "inbound", "outbound-bot", "retrieval", "outbound-staff"]
    assert lines[0]["escalation"]["priority"] == "urgent"
    nifs = [e for e in lines[3]["entities"] if e["type"] == "ES_NIF"]
    assert len(nifs) == 80 and all(note[e["start"] : e["end"]] == "12345678Z" for e in nifs)


def test_guard_jsonl_rejects_a_line_that_is_not_json():
    result = runner.invoke(app, ["guard", "--jsonl"], input='{"text": "hola"}\nnot json\n')
    assert result.exit_code == 2


def test_guard_rejects_an_unknown_direction():
    result = runner.invoke(app, ["guard", "hola", "--direction", "sideways"])
    assert result.exit_code != 0
