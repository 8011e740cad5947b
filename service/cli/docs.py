"""`recepta docs …` (add, list, approve, retire, reindex) and `recepta search`: the content manager's CLI."""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from knowledge.types import RetrievedChunk
    from service.composition import Services

docs_app = typer.Typer(help="Approved knowledge: add, approve, retire and reindex documents.", no_args_is_help=True)


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


@contextmanager
def _services() -> Iterator[Services]:
    from service.cli.context import cli_services
    from service.errors import ReceptaError

    services = cli_services()
    try:
        yield services
    except ReceptaError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        services.close()


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar on a terminal; nothing when output is piped."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            label = {"load": "reading", "embed": "embedding"}.get(stage, stage)
            if stage not in tasks:
                tasks[stage] = bar.add_task(label, total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)
            if stage == "embed" and done >= total:
                bar.remove_task(tasks.pop(stage))  # each document embeds in its own pass

        yield update


@docs_app.command("add")
def add(
    sources: list[str] = typer.Argument(..., help="Files, folders or http(s) URLs."),
    approve: bool = typer.Option(False, "--approve", help="Approve what has no PHI findings right away."),
    by: str = typer.Option(None, "--by", help="Who adds (recorded in the audit trail); default: OS user."),
    max_pages: int = typer.Option(30, "--max-pages", help="URLs: at most this many pages of the site."),
    max_depth: int = typer.Option(2, "--max-depth", help="URLs: follow links this many clicks deep."),
) -> None:
    """Add documents (new content becomes a pending version; unchanged content is skipped)."""
    from ingestion.loaders import CrawlLimits
    from ingestion.workflow import add_source
    from store.db import transaction

    limits = CrawlLimits(max_pages=max_pages, max_depth=max_depth)
    actor = by or _default_actor()
    with _services() as services, _progress(sys.stderr.isatty()) as progress:
        for source in sources:
            with transaction(services.sessions) as session:
                results = add_source(
                    session, services, source, added_by=actor, approve=approve, progress=progress, limits=limits
                )
            for r in results:
                flag = (
                    f"  PHI findings: {r.phi_findings} (review, then approve --override-phi)" if r.phi_findings else ""
                )
                typer.echo(
                    f"[{r.document_id}] v{r.version} {r.outcome:<11} {r.status:<8} {r.chunks:>3} chunks  "
                    f"{r.language}  {r.source}{flag}"
                )


@docs_app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
    status: str = typer.Option(None, "--status", help="pending, approved or retired."),
) -> None:
    """List documents with their status, version and audit fields."""
    from ingestion.workflow import list_documents

    with _services() as services, services.sessions() as session:
        documents = list_documents(session, status=status)
    if as_json:
        typer.echo(json.dumps([asdict(d) for d in documents], default=str, ensure_ascii=False, indent=2))
        return
    for d in documents:
        live = f" (live v{d.live_version})" if d.live_version and d.live_version != d.version else ""
        typer.echo(
            f"[{d.id}] {d.status:<8} v{d.version}{live} {d.chunks:>3} chunks {d.language} {d.kind:<8} "
            f"{d.title} — {d.source}"
        )


@docs_app.command("show")
def show(
    document_id: int = typer.Argument(..., help="Document id."),
    chunks: bool = typer.Option(False, "--chunks", help="Show the chunks instead of the extracted text."),
) -> None:
    """Preview what was extracted from a document (its text, or its chunks) before approving it."""
    from ingestion.workflow import document_chunks, document_text, get_document

    with _services() as services, services.sessions() as session:
        info = get_document(session, document_id)
        typer.echo(
            f"[{info.id}] {info.title} — {info.source} (v{info.version}, {info.status}, {info.language}, "
            f"PHI findings: {info.phi_findings})\n"
        )
        if not chunks:
            typer.echo(document_text(session, document_id))
            return
        for c in document_chunks(session, document_id):
            where = ", ".join(x for x in (c.section, f"p. {c.page}" if c.page else None, c.url) if x)
            flag = "  ⚠ PHI" if c.has_phi else ""
            typer.echo(f"--- {c.chunk_id} ({where}){flag}\n{c.text}\n")


@docs_app.command("approve")
def approve_(
    document_id: int = typer.Argument(..., help="Document id (see `recepta docs list`)."),
    override_phi: bool = typer.Option(False, "--override-phi", help="Approve despite PHI findings."),
    reason: str = typer.Option(None, "--reason", help="Why the PHI findings are acceptable (recorded)."),
    by: str = typer.Option(None, "--by", help="Who approves; default: OS user."),
) -> None:
    """Approve the latest version: it replaces the live one at once."""
    from ingestion.workflow import approve
    from store.db import transaction

    with _services() as services:
        with transaction(services.sessions) as session:
            info = approve(
                session, services, document_id, by=by or _default_actor(), override_phi=override_phi, reason=reason
            )
        typer.echo(f"[{info.id}] v{info.version} {info.status}")


@docs_app.command("retire")
def retire_(
    document_id: int = typer.Argument(..., help="Document id."),
    by: str = typer.Option(None, "--by", help="Who retires; default: OS user."),
) -> None:
    """Retire a document: it stops being retrievable immediately."""
    from ingestion.workflow import retire
    from store.db import transaction

    with _services() as services:
        with transaction(services.sessions) as session:
            info = retire(session, services, document_id, by=by or _default_actor())
        typer.echo(f"[{info.id}] {info.status}")


@docs_app.command("reindex")
def reindex_() -> None:
    """Re-embed every pending and approved document with the configured embedder."""
    from ingestion.workflow import reindex
    from store.db import transaction

    with _services() as services, _progress(sys.stderr.isatty()) as progress:
        with transaction(services.sessions) as session:
            count = reindex(session, services, progress=progress)
        typer.echo(f"reindexed {count} chunks with {services.embedder.id}")


def search(
    question: str = typer.Argument(None, help="The question (omit with --jsonl)."),
    k: int = typer.Option(5, "--k", help="How many chunks."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
    jsonl: bool = typer.Option(False, "--jsonl", help='Batch: one {"q": …} per stdin line → one {"results": …}.'),
    language: str = typer.Option(None, "--language", help="Only chunks in this language (es, en)."),
) -> None:
    """Search approved knowledge as the assistant does."""
    if not jsonl and not question:
        typer.echo("error: give a question, or --jsonl with questions on stdin", err=True)
        raise typer.Exit(2)
    with _services() as services:
        retriever = services.retriever
        if jsonl:
            for line in sys.stdin:
                if not line.strip():
                    continue
                item = json.loads(line)
                hits = retriever.retrieve(str(item["q"]), k=int(item.get("k", k)), language=language)
                typer.echo(json.dumps({"results": [_hit(h) for h in hits]}, ensure_ascii=False))
            return
        hits = retriever.retrieve(question, k=k, language=language)
        if as_json:
            typer.echo(json.dumps({"results": [_hit(h) for h in hits]}, ensure_ascii=False, indent=2))
            return
        for i, h in enumerate(hits, start=1):
            where = f", {h.page_or_section}" if h.page_or_section else ""
            typer.echo(f"{i}. {h.score:.3f}  {h.title} ({h.source}{where})")
            typer.echo("   " + h.text.replace("\n", "\n   "))


def _hit(chunk: RetrievedChunk) -> dict[str, Any]:
    return {
        "text": chunk.text,
        "score": round(chunk.score, 4),
        "title": chunk.title,
        "source": chunk.source,
        "page": chunk.page,
        "section": chunk.section,
        "document_id": chunk.document_id,
        "version": chunk.version,
        "chunk_id": chunk.chunk_id,
        "language": chunk.language,
    }


def register(app: typer.Typer) -> None:
    app.add_typer(docs_app, name="docs")
    app.command("search")(search)
