"""Headings of a PDF from its fonts: lines set larger than the body text, or bold when the body is not."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

_BOLD = re.compile(r"bold|black|heavy|semibold|,b$", re.IGNORECASE)
MAX_HEADING_CHARS = 120
# (baseline y, text, effective font size, bold)
Run = tuple[float, str, float, bool]


def heading_lines(pages: Sequence[Any]) -> list[set[str]]:
    """Per page, the whitespace-normalised text of lines whose every run is heading-styled.

    The body size and whether bold is a signal are measured over the whole document: one page may hold
    more running-header text than body text.
    """
    runs = [_runs(page) for page in pages]
    sizes: Counter[float] = Counter()
    bold_chars = 0
    for _, text, size, bold in (run for page_runs in runs for run in page_runs):
        sizes[size] += len(text)
        bold_chars += len(text) if bold else 0
    if not sizes:
        return [set() for _ in pages]
    body = sizes.most_common(1)[0][0]
    bold_is_signal = bold_chars < 0.5 * sum(sizes.values())
    return [_headings(page_runs, body, bold_is_signal) for page_runs in runs]


def _runs(page: Any) -> list[Run]:
    runs: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict[str, Any] | None, size: float) -> None:
        if not text.strip():
            return
        scale = (abs(tm[3]) or 1.0) * (abs(cm[3]) or 1.0)
        name = str((font or {}).get("/BaseFont", ""))
        # The baseline in page space identifies the line a run belongs to.
        y = round(tm[5] * (cm[3] or 1.0) + cm[5], 0)
        runs.append((y, text, round(size * scale, 1), bool(_BOLD.search(name))))

    page.extract_text(visitor_text=visit)
    return runs


def _headings(runs: list[Run], body: float, bold_is_signal: bool) -> set[str]:
    lines: dict[float, list[tuple[str, bool]]] = defaultdict(list)
    for y, text, size, bold in runs:
        lines[y].append((text, size >= body * 1.15 or (bold_is_signal and bold and size >= body)))
    found = set()
    for parts in lines.values():
        text = re.sub(r"\s+", " ", "".join(t for t, _ in parts)).strip()
        if text and len(text) <= MAX_HEADING_CHARS and all(styled for t, styled in parts if t.strip()):
            found.add(text)
    return found
