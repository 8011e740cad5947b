"""Plain text of the demo clinic documents, so tests can check gold strings against what a loader extracts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

from evals.text import fold

ROOT = Path(__file__).resolve().parents[2]
CLINIC_DIR = ROOT / "demo" / "clinic"


@cache
def document_text(name: str) -> str:
    """The patient-facing text of one document: PDF pages, HTML <main> only, Markdown as written."""
    path = CLINIC_DIR / name
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if path.suffix == ".html":
        main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("main")
        assert main is not None, f"{name} has no <main>"
        return main.get_text(" ")
    return path.read_text(encoding="utf-8").replace("**", "").replace("_", " ")


def document_contains(name: str, needle: str) -> bool:
    return fold(needle) in fold(document_text(name))
