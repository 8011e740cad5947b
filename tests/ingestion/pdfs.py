"""Real PDFs for tests, made with fpdf2 (and encrypted with pypdf)."""

from __future__ import annotations

import io

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def make_pdf(pages: list[list[tuple[str, str]]], *, title: str | None = None) -> bytes:
    """``pages`` of (style, text) blocks: "h" a bold 14 pt heading, "hp" a heading set like body text,
    "p" a paragraph, "li" a bullet."""
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.set_margins(20, 20, 20)
    if title:
        pdf.set_title(title)
    for blocks in pages:
        pdf.add_page()
        for style, text in blocks:
            if style == "hp":
                pdf.set_font("DejaVu", "", 11)
                pdf.multi_cell(0, 6, text)
            elif style == "h":
                pdf.set_font("DejaVu", "B", 14)
                pdf.multi_cell(0, 8, text)
            elif style == "li":
                pdf.set_font("DejaVu", "", 11)
                pdf.multi_cell(0, 6, "• " + text)
            else:
                pdf.set_font("DejaVu", "", 11)
                pdf.multi_cell(0, 6, text)
            pdf.ln(2)
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A page with a drawing and no text, like a scan."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(30, 30, 30)
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def encrypt(data: bytes, password: str) -> bytes:
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
