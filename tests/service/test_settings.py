"""Settings come from RECEPTA_ variables, nested with __, and refuse placeholder secrets in production."""

import pytest
from pydantic import ValidationError

from service.settings import Settings


def test_when_nested_env_set_then_group_field_read(monkeypatch, tmp_path):
    monkeypatch.setenv("RECEPTA_WHATSAPP__PHONE_NUMBER_ID", "123456")
    monkeypatch.setenv("RECEPTA_DATA_DIR", str(tmp_path))
    settings = Settings()
    assert settings.whatsapp.phone_number_id == "123456"
    assert settings.resolved_database_url.endswith("recepta.sqlite3")
    assert str(tmp_path) in settings.resolved_database_url


def test_when_production_with_placeholder_secrets_then_refused():
    with pytest.raises(ValidationError, match="RECEPTA_WHATSAPP__APP_SECRET"):
        Settings(environment="production")


def test_when_production_with_real_secrets_then_accepted():
    settings = Settings.model_validate(
        {
            "environment": "production",
            "admin_token": "s3cr3t-admin-token",
            "whatsapp": {
                "app_secret": "a" * 32,
                "verify_token": "v" * 16,
                "access_token": "EAAB" + "x" * 40,
                "graph_base_url": "https://graph.facebook.com",
            },
        }
    )
    assert settings.graph_base_url == "https://graph.facebook.com"


def test_when_graph_base_url_unset_then_simulator_stand_in_used():
    settings = Settings(public_url="http://127.0.0.1:9999/")
    assert settings.graph_base_url == "http://127.0.0.1:9999/simulator/graph"


def test_when_settings_listed_then_every_variable_named_and_secrets_hidden(monkeypatch):
    from typer.testing import CliRunner

    from service.cli.main import app

    monkeypatch.setenv("RECEPTA_WHATSAPP__ACCESS_TOKEN", "EAAB-very-secret")
    result = CliRunner().invoke(app, ["settings"])
    assert result.exit_code == 0
    assert "EAAB-very-secret" not in result.output
    assert "RECEPTA_WHATSAPP__ACCESS_TOKEN=********" in result.output
    assert "RECEPTA_JOBS__BROKER_URL=redis://127.0.0.1:6379/0" in result.output


def test_when_readme_read_then_every_settings_group_is_documented():
    from pathlib import Path

    from service.settings_doc import settings_env_names

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    groups = {name.split("__")[0] for name in settings_env_names()}
    assert all(group in readme for group in groups)


def test_when_production_disables_guardrails_then_refused():
    with pytest.raises(ValidationError, match="guardrails cannot be disabled"):
        Settings.model_validate(
            {
                "environment": "production",
                "admin_token": "s3cr3t-admin-token",
                "guardrails": {"enabled": False},
                "whatsapp": {
                    "app_secret": "a" * 32,
                    "verify_token": "v" * 16,
                    "access_token": "EAAB" + "x" * 40,
                    "graph_base_url": "https://graph.facebook.com",
                },
            }
        )
