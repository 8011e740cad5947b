"""PDF loader: page numbers and structure kept; encrypted, corrupt, text-less and huge files refused clearly."""

from __future__ import annotations

import pytest

from ingestion.errors import UnreadableSourceError
from ingestion.loaders import pdf as pdf_loader
from ingestion.loaders.pdf import load_pdf
from tests.ingestion.pdfs import encrypt, image_only_pdf, make_pdf

LONG = (
    "Las extracciones de sangre se realizan con cita previa de lunes a viernes de ocho a diez y media "
    "de la mañana, y los sábados de nueve a once; traiga su documento de identidad y el volante."
)


def two_page_pdf() -> bytes:
    return make_pdf(
        [
            [
                ("h", "Análisis de sangre"),
                ("p", LONG),
                ("li", "Acuda en ayunas de 8 horas."),
                ("li", "Puede beber agua."),
            ],
            [("h", "Ecografía abdominal"), ("p", "Ayuno de 6 horas antes de la prueba.")],
        ],
        title="Preparación de pruebas",
    )


def test_when_pdf_has_text_then_pages_headings_and_list_items_are_kept():
    doc = load_pdf(two_page_pdf(), name="prep.pdf", source_key="/x/prep.pdf")
    assert doc.title == "Preparación de pruebas" and doc.kind == "pdf" and doc.source == "prep.pdf"
    assert [p.page for p in doc.pages] == [1, 2]
    assert "## Análisis de sangre" in doc.pages[0].text
    assert "- Acuda en ayunas de 8 horas." in doc.pages[0].text
    assert "## Ecografía abdominal" in doc.pages[1].text
    # Lines wrapped by the page width are joined back into one paragraph.
    assert LONG in doc.pages[0].text


def test_when_pdf_is_password_protected_then_error_says_so():
    with pytest.raises(UnreadableSourceError, match="password-protected"):
        load_pdf(encrypt(two_page_pdf(), "s3cret"), name="locked.pdf", source_key="k")


def test_when_pdf_is_encrypted_without_user_password_then_it_loads():
    doc = load_pdf(encrypt(two_page_pdf(), ""), name="open.pdf", source_key="k")
    assert len(doc.pages) == 2


@pytest.mark.parametrize("data", [b"not a pdf at all", b"%PDF-1.7\n" + b"\x00garbage" * 50, b""])
def test_when_pdf_is_corrupt_then_error_names_the_file_not_its_content(data):
    with pytest.raises(UnreadableSourceError, match="broken.pdf") as info:
        load_pdf(data, name="broken.pdf", source_key="k")
    assert "garbage" not in str(info.value)


def test_when_pdf_has_only_images_then_error_asks_for_ocr():
    with pytest.raises(UnreadableSourceError, match="no extractable text"):
        load_pdf(image_only_pdf(), name="scan.pdf", source_key="k")


def test_when_pdf_is_too_large_then_it_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(pdf_loader, "MAX_PDF_BYTES", 1000)
    with pytest.raises(UnreadableSourceError, match="larger than"):
        load_pdf(two_page_pdf(), name="big.pdf", source_key="k")


def test_when_pdf_has_too_many_pages_then_it_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_loader, "MAX_PDF_PAGES", 1)
    with pytest.raises(UnreadableSourceError, match="more than 1 pages"):
        load_pdf(two_page_pdf(), name="long.pdf", source_key="k")


def test_running_headers_and_page_numbers_are_dropped():
    pages = [
        [
            ("p", "Clínica Demo · Calle Mayor 1"),
            ("h", f"Sección {i}"),
            ("p", "Texto de la sección."),
            ("p", f"Página {i} de 3"),
        ]
        for i in range(1, 4)
    ]
    doc = load_pdf(make_pdf(pages), name="h.pdf", source_key="k")
    assert "Calle Mayor" not in doc.text and "Página" not in doc.text
    assert "Texto de la sección." in doc.text


def test_when_headings_are_styled_then_only_styled_lines_become_headings():
    data = make_pdf(
        [
            [
                ("h", "Horarios"),
                ("p", "Lunes a viernes"),
                ("p", "De 8:00 a 20:00 sin interrupción."),
                ("h", "Curva de glucosa (sobrecarga oral)"),
                ("li", "Ayuno de 10 horas."),
            ]
        ]
    )
    text = load_pdf(data, name="s.pdf", source_key="k").text
    assert "## Horarios" in text and "## Curva de glucosa (sobrecarga oral)" in text
    assert "## Lunes a viernes" not in text


def test_when_headings_look_like_body_text_then_line_shape_finds_them():
    data = make_pdf(
        [
            [
                ("hp", "Horario de apertura"),
                ("p", LONG),
                ("hp", "Cómo llegar"),
                ("p", "El metro más cercano es Iglesia, en la línea 1, a cinco minutos andando."),
            ]
        ]
    )
    text = load_pdf(data, name="plain.pdf", source_key="k").text
    assert "## Horario de apertura" in text and "## Cómo llegar" in text
