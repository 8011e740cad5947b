"""PDF loader: text per page with page numbers; refuses encrypted, corrupt, text-less or huge files."""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from ingestion.errors import UnreadableSourceError
from ingestion.loaders.pdf_styles import heading_lines
from ingestion.loaders.types import LoadedDocument, Page

logger = logging.getLogger("recepta.ingestion")

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 1000

_SYMBOL_BULLET = re.compile(r"^[-•·▪◦*–]\s*")
_NUMBERED = re.compile(r"^\d+[.)]\s+")
_PAGE_NUMBER = re.compile(r"^(?:p[aá]gina|page|p\.)?\s*\d+(?:\s*(?:de|of|/)\s*\d+)?$", re.IGNORECASE)
_TABLE_ROW = re.compile(r"\s\d[\d.,:]*\s*(?:€|eur|euros|%|min|minutos|h|horas)?$", re.IGNORECASE)
_ENDS = (".", "!", "?", ":", ";")
_TERMINAL = (".", ",", ";", ":", "!", "?", ")", "»", '"')


def load_pdf(data: bytes, *, name: str, source_key: str) -> LoadedDocument:
    if len(data) > MAX_PDF_BYTES:
        raise UnreadableSourceError(f"{name}: PDF larger than {MAX_PDF_BYTES // (1024 * 1024)} MB")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableSourceError(f"{name}: PDF is password-protected; upload an unprotected copy")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableSourceError(f"{name}: PDF has more than {MAX_PDF_PAGES} pages")
        raw_pages = [(page.extract_text() or "") for page in reader.pages]
        styled = heading_lines(reader.pages)
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except UnreadableSourceError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        # pypdf raises a variety of errors on damaged files; the class name is safe to report.
        raise UnreadableSourceError(f"{name}: not a readable PDF ({type(exc).__name__})") from exc
    page_lines = _strip_running_lines([raw.splitlines() for raw in raw_pages])
    # Fonts tell headings apart when the PDF styles them; otherwise the line-shape heuristics decide.
    use_styles = any(styled)
    pages = [
        Page(text=structure_pdf_text("\n".join(lines), headings=styled[i] if use_styles else None), page=i + 1)
        for i, lines in enumerate(page_lines)
    ]
    pages = [p for p in pages if p.text.strip()]
    if not pages:
        raise UnreadableSourceError(f"{name}: PDF has no extractable text (scanned images need OCR first)")
    title = meta_title.strip() or _first_heading(pages) or name.rsplit(".", 1)[0]
    return LoadedDocument(source_key=source_key, source=name, kind="pdf", title=title[:500], pages=pages)


def structure_pdf_text(raw: str, *, headings: set[str] | None = None) -> str:
    """Rebuild paragraphs, list items and probable headings from the line-broken text pypdf extracts."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in raw.splitlines()]
    # Lines close to the full text width are wrapped body text, never headings.
    width = max((len(line) for line in lines), default=0)
    blocks: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(_join_lines(paragraph))
            paragraph.clear()

    for i, line in enumerate(lines):
        if not line:
            flush()
            continue
        following = next((n for n in lines[i + 1 :] if n), "")
        # Table rows ("Mamografía 75 €") and the header row above them become list items.
        row = bool(_TABLE_ROW.search(line)) or (bool(_TABLE_ROW.search(following)) and len(line.split()) <= 4)
        if headings is not None:
            heading = line in headings and not _SYMBOL_BULLET.match(line)
            row = row and not heading
        else:
            heading = (
                not row and _looks_like_heading(line, following, paragraph) and (width < 50 or len(line) < 0.75 * width)
            )
        if row and len(line) < 0.75 * max(width, 50) and not line.endswith((".", ":")):
            flush()
            blocks.append("- " + _SYMBOL_BULLET.sub("", line, count=1))
            continue
        if _SYMBOL_BULLET.match(line) or (_NUMBERED.match(line) and not heading):
            flush()
            paragraph.append("- " + _SYMBOL_BULLET.sub("", line, count=1))
            continue
        if heading:
            flush()
            blocks.append("## " + line)
            continue
        if paragraph and paragraph[-1].startswith("- ") and line[:1].isupper() and paragraph[-1].endswith(_ENDS):
            flush()
        paragraph.append(line)
        if line.endswith((".", "!", "?", ":")) and len(line) < 60:
            flush()
    flush()
    return "\n\n".join(blocks)


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drops running headers and footers (same line, digits aside, on several pages) and page numbers."""

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line).strip().lower())

    edges: dict[str, int] = {}
    for lines in pages:
        kept = [line for line in lines if line.strip()]
        for line in {key(x) for x in kept[:1] + kept[-1:]}:
            edges[line] = edges.get(line, 0) + 1
    running = {line for line, count in edges.items() if count >= 2 and len(pages) >= 2}
    return [
        [line for line in lines if key(line) not in running and not _PAGE_NUMBER.match(line.strip())] for lines in pages
    ]


def _looks_like_heading(line: str, following: str, paragraph: list[str]) -> bool:
    # A short line without final punctuation, starting with a capital or a number, followed by more text.
    if len(line) > 80 or len(line.split()) > 12 or not following:
        return False
    if line.endswith(_TERMINAL) or not (line[0].isupper() or line[0].isdigit() or line[0] in "¿¡"):
        return False
    if paragraph and not paragraph[-1].endswith((".", "!", "?", ":")):
        return False  # the line continues a sentence broken by the page width
    return sum(ch.isalpha() for ch in line) >= 3


def _join_lines(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if text.endswith("-") and line[:1].islower():
            text = text[:-1] + line  # a word hyphenated at the line end
        else:
            text = f"{text} {line}"
    return text


def _first_heading(pages: list[Page]) -> str | None:
    for block in pages[0].text.split("\n\n"):
        if block.startswith("## "):
            return block[3:].strip()
    return None
