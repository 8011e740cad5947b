"""Loaders turn a path, a directory or a URL into documents of structured text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingestion.errors import UnsupportedSourceError
from ingestion.loaders.files import files_in, load_bytes, load_file
from ingestion.loaders.types import LoadedDocument, Page
from ingestion.loaders.web import CrawlLimits, crawl

__all__ = ["CrawlLimits", "LoadedDocument", "Page", "load_bytes", "load_source"]


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def load_source(
    source: str, *, limits: CrawlLimits | None = None, progress: Callable[[int, int], None] | None = None
) -> list[LoadedDocument]:
    """Every document of a source. Any unreadable file fails the whole call, so nothing is half-added."""
    if is_url(source):
        return crawl(source, limits=limits, progress=(lambda n: progress(n, 0)) if progress else None)
    path = Path(source)
    if path.is_dir():
        paths = files_in(path)
        if not paths:
            raise UnsupportedSourceError(f"{path.name or source}: no PDF, HTML, Markdown or text files in folder")
        documents = []
        for i, file in enumerate(paths, start=1):
            documents.append(load_file(file))
            if progress:
                progress(i, len(paths))
        return documents
    if not path.exists():
        raise UnsupportedSourceError(f"{path.name or source}: no such file or folder")
    return [load_file(path)]
