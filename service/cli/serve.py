"""`recepta serve` and `recepta migrate`."""

from __future__ import annotations

import os

import typer

from service.logging_setup import configure_logging
from service.settings import Settings


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to bind."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the webhook, the simulator, the admin pages and the APIs."""
    import uvicorn

    from service.app import create_app
    from store.db import make_engine
    from store.migrate import is_current

    settings = Settings()
    if "RECEPTA_PUBLIC_URL" not in os.environ:
        # The simulator's Graph stand-in is served by this process: the sender must call where it listens.
        settings = settings.model_copy(update={"public_url": f"http://{host}:{port}"})
    configure_logging(settings.log_level)
    settings.ensure_dirs()
    engine = make_engine(settings.resolved_database_url)
    if not is_current(engine):
        typer.echo("The database is not migrated to the current schema: run `recepta migrate` first.", err=True)
        raise typer.Exit(2)
    engine.dispose()
    # Open simulator pages hold endless event streams: bound the graceful shutdown so Ctrl-C stops the server.
    uvicorn.run(
        create_app(settings), host=host, port=port, log_config=None, access_log=False, timeout_graceful_shutdown=5
    )


def migrate() -> None:
    """Create or upgrade the database schema to the latest migration."""
    from store.db import make_engine
    from store.migrate import current_revision, upgrade

    settings = Settings()
    settings.ensure_dirs()
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    typer.echo(f"database at revision {current_revision(engine)}")
    engine.dispose()


def settings_command(
    markdown: bool = typer.Option(False, "--markdown", help="Print a Markdown table instead of plain lines."),
) -> None:
    """List every setting as its environment variable, with its current value (secrets hidden)."""
    from service.settings_doc import iter_settings

    if markdown:
        typer.echo("| variable | value |\n|---|---|")
    for env, value in iter_settings(Settings()):
        typer.echo(f"| `{env}` | `{value}` |" if markdown else f"{env}={value}")


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(migrate)
    app.command("settings")(settings_command)
