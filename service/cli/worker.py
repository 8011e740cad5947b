"""`recepta worker`: a Celery worker running Recepta's jobs from the configured broker (Redis or RabbitMQ)."""

from __future__ import annotations

import os

import typer

from service.logging_setup import configure_logging
from service.settings import Settings

POOLS = ("threads", "solo", "prefork")


def worker(
    concurrency: int | None = typer.Option(None, help="Jobs run at once (default: RECEPTA_JOBS__WORKERS)."),
    pool: str = typer.Option("threads", help=f"Celery pool: {', '.join(POOLS)}."),
    queue: str | None = typer.Option(None, help="Queue to consume (default: RECEPTA_JOBS__QUEUE)."),
    name: str | None = typer.Option(None, help="Node name, unique per worker (default: recepta-<pid>@<host>)."),
    loglevel: str | None = typer.Option(None, help="Celery log level (default: RECEPTA_LOG_LEVEL)."),
) -> None:
    """Run jobs on Celery. The serving process must use the same broker with RECEPTA_JOBS__RUNNER=celery."""
    from service.jobs.celery_app import create_celery_app, serve_as_worker

    settings = Settings()
    configure_logging(settings.log_level)
    if pool not in POOLS:
        raise typer.BadParameter(f"pool must be one of {', '.join(POOLS)}")
    if settings.jobs.runner != "celery":
        typer.echo(
            "note: RECEPTA_JOBS__RUNNER is not 'celery': the server will not send jobs to this worker.", err=True
        )
    app = serve_as_worker(create_celery_app(settings))
    app.worker_main(
        [
            "worker",
            f"--pool={pool}",
            f"--concurrency={concurrency or settings.jobs.workers}",
            f"--queues={queue or settings.jobs.queue}",
            f"--hostname={name or f'recepta-{os.getpid()}@%h'}",
            f"--loglevel={(loglevel or settings.log_level).upper()}",
            # Workers coordinate through the database rows, not through Celery's broadcast chatter.
            "--without-gossip",
            "--without-mingle",
        ]
    )


def register(app: typer.Typer) -> None:
    app.command()(worker)


if __name__ == "__main__":
    standalone = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    register(standalone)
    standalone()
