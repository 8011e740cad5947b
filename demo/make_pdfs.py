"""Build the demo clinic's PDF documents in demo/clinic/ from the Markdown sources in demo/sources/.

Run with ``.venv/bin/python demo/make_pdfs.py``. The output is deterministic (fixed creation date), so the
committed PDFs only change when a source changes. The sources use a tiny Markdown subset: ``#`` title, ``##``
headings, ``- `` bullets, ``| a | b |`` table rows and blank-line separated paragraphs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

DEMO_DIR = Path(__file__).resolve().parent
SOURCES_DIR = DEMO_DIR / "sources"
CLINIC_DIR = DEMO_DIR / "clinic"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CLINIC_NAME = "Clínica Demo Recepta"
# A fixed date keeps the generated files byte-identical between runs.
CREATED = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)


class ClinicPDF(FPDF):
    """A4 page with the clinic's running header and a "Página N de M" footer."""

    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.doc_title = title
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_title(title)
        self.set_author(CLINIC_NAME)
        self.set_creation_date(CREATED)

    def header(self) -> None:
        self.set_font("DejaVu", "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 6, f"{CLINIC_NAME} · Calle de la Demostración 14, 28010 Madrid · 911 234 567")
        self.ln(10)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 8, f"{self.doc_title} · Página {self.page_no()} de {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _paragraph(pdf: ClinicPDF, text: str) -> None:
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _bullet(pdf: ClinicPDF, text: str) -> None:
    pdf.set_font("DejaVu", "", 11)
    pdf.set_x(pdf.l_margin + 4)
    pdf.cell(5, 6, "•")
    pdf.multi_cell(0, 6, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _heading(pdf: ClinicPDF, text: str, level: int) -> None:
    size = 18 if level == 1 else 14
    # Keep a heading on the same page as the first lines below it.
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    pdf.ln(3 if level == 1 else 4)
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _table(pdf: ClinicPDF, rows: list[list[str]]) -> None:
    pdf.set_font("DejaVu", "", 10)
    with pdf.table(col_widths=(130, 40), text_align=("LEFT", "RIGHT"), line_height=7) as table:
        for cells in rows:
            row = table.row()
            for value in cells:
                row.cell(value)
    pdf.ln(4)


def render(source: Path) -> FPDF:
    """Render one Markdown source into a PDF object (not yet written)."""
    lines = source.read_text(encoding="utf-8").splitlines()
    title = next(line[2:].strip() for line in lines if line.startswith("# "))
    pdf = ClinicPDF(title)
    pdf.add_page()
    paragraph: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            _paragraph(pdf, " ".join(paragraph))
            paragraph.clear()
        if table:
            _table(pdf, table)
            table.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("|"):
            if paragraph:
                _paragraph(pdf, " ".join(paragraph))
                paragraph.clear()
            table.append([cell.strip() for cell in line.strip("|").split("|")])
        elif line.startswith("# ") or line.startswith("## "):
            flush()
            _heading(pdf, line.lstrip("#").strip(), 1 if line.startswith("# ") else 2)
        elif line.startswith("- "):
            flush()
            _bullet(pdf, line[2:])
        else:
            paragraph.append(line)
    flush()
    return pdf


def main() -> None:
    CLINIC_DIR.mkdir(parents=True, exist_ok=True)
    for source in sorted(SOURCES_DIR.glob("*.md")):
        target = CLINIC_DIR / f"{source.stem}.pdf"
        pdf = render(source)
        pdf.output(str(target))
        print(f"{target.relative_to(DEMO_DIR.parent)}: {pdf.pages_count} pages")  # noqa: T201


if __name__ == "__main__":
    main()
