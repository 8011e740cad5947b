"""`recepta`: serve, migrate, and the commands of each capability (registered from their modules)."""

from __future__ import annotations

import os

import typer

from service.cli import ask, docs, evals, guard, serve, worker

app = typer.Typer(
    help="Recepta: a WhatsApp front desk for clinics.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

for module in (serve, worker, docs, ask, guard, evals):
    module.register(app)


def main() -> None:
    # Model libraries must never reach for a hub: everything the embedded default needs ships in packages.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TLDEXTRACT_CACHE_TIMEOUT", "0")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    app()


if __name__ == "__main__":
    main()
