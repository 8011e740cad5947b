"""What every loader returns: a document as structured text (Markdown-like headings and lists) per page."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One page of a PDF or one web page; ``text`` uses ``#`` headings, ``- `` list items, blank-line paragraphs."""

    text: str
    page: int | None = None
    url: str | None = None


@dataclass
class LoadedDocument:
    source_key: str  # identity of the source: absolute path, URL or "upload:<name>"
    source: str  # what citations show: file name or URL
    kind: str  # pdf | html | url | markdown | text
    title: str
    pages: list[Page] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages if p.text.strip())
