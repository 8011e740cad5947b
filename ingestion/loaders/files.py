"""Local files: PDF, HTML, Markdown and plain text, one file or every supported file of a directory."""

from __future__ import annotations

import re
from pathlib import Path

from ingestion.errors import UnreadableSourceError, UnsupportedSourceError
from ingestion.loaders.html import parse_html
from ingestion.loaders.pdf import load_pdf
from ingestion.loaders.types import LoadedDocument, Page

MAX_TEXT_BYTES = 10 * 1024 * 1024
KINDS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".txt": "text"}


def supported(path: Path) -> bool:
    return path.suffix.lower() in KINDS


def files_in(directory: Path) -> list[Path]:
    """Supported files under ``directory`` in a stable order, skipping hidden files and folders."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file() and supported(p) and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def load_file(path: Path) -> LoadedDocument:
    if not path.is_file():
        raise UnsupportedSourceError(f"{path.name}: no such file")
    if not supported(path):
        raise UnsupportedSourceError(f"{path.name}: unsupported file type (PDF, HTML, Markdown or text)")
    return load_bytes(path.read_bytes(), name=path.name, source_key=str(path.resolve()))


def load_bytes(data: bytes, *, name: str, source_key: str) -> LoadedDocument:
    """Loads uploaded or read bytes; the kind comes from the file name's extension."""
    kind = KINDS.get(Path(name).suffix.lower())
    if kind is None:
        raise UnsupportedSourceError(f"{name}: unsupported file type (PDF, HTML, Markdown or text)")
    if kind == "pdf":
        return load_pdf(data, name=name, source_key=source_key)
    if len(data) > MAX_TEXT_BYTES:
        raise UnreadableSourceError(f"{name}: file larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB")
    text = _decode(data, name)
    stem = Path(name).stem
    title: str | None
    if kind == "html":
        page = parse_html(text)
        doc_text, title = page.text, page.title
    elif kind == "markdown":
        doc_text, title = _normalise_markdown(text), _markdown_title(text)
    else:
        doc_text, title = _normalise_text(text), None
    if not doc_text.strip():
        raise UnreadableSourceError(f"{name}: no text found")
    return LoadedDocument(
        source_key=source_key, source=name, kind=kind, title=(title or stem)[:500], pages=[Page(text=doc_text)]
    )


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableSourceError(f"{name}: binary content in a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # older Spanish exports; every byte maps


def _markdown_title(text: str) -> str | None:
    match = re.search(r"^#\s+(.+)$", text, flags=re.MULTILINE)
    return match.group(1).strip() if match else None


def _normalise_markdown(text: str) -> str:
    text = re.sub(r"^\s*[*+]\s+", "- ", text, flags=re.MULTILINE)
    # Emphasis markers and link syntax would reach patients verbatim (WhatsApp bold is a single "*").
    text = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"(?<![\w*])[*_]([^*_\n]+?)[*_](?![\w*])", r"\1", text)
    text = re.sub(r"!?\[([^\]]+)\]\(([^)\s]+)[^)]*\)", lambda m: f"{m.group(1)} ({m.group(2)})", text)
    text = re.sub(r"`([^`\n]+)`", r"\1", text)
    # Setext headings ("Title\n=====") become "#" headings.
    text = re.sub(r"^(.+)\n=+\s*$", r"# \1", text, flags=re.MULTILINE)
    text = re.sub(r"^(.+)\n-+\s*$", r"## \1", text, flags=re.MULTILINE)
    return _normalise_text(text)


def _normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()
