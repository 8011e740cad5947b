"""Local files: Markdown, HTML and text loaders, folders, and clear refusals."""

from __future__ import annotations

import pytest

from ingestion.errors import UnreadableSourceError, UnsupportedSourceError
from ingestion.loaders import load_source
from ingestion.loaders.files import load_bytes
from ingestion.loaders.pdf import structure_pdf_text


def test_markdown_keeps_headings_and_lists_and_drops_emphasis_and_link_syntax():
    text = (
        "# Privacidad\n\n_Actualizado en 2026._\n\n## Datos\n\n* No envíe **su DNI** por aquí.\n"
        "+ Vea [el portal](https://portal.example.test/mis_datos).\n"
    )
    doc = load_bytes(text.encode(), name="privacidad.md", source_key="k")
    assert doc.title == "Privacidad" and doc.kind == "markdown"
    assert "## Datos" in doc.text and "- No envíe su DNI por aquí." in doc.text
    assert "- Vea el portal (https://portal.example.test/mis_datos)." in doc.text
    assert "Actualizado en 2026." in doc.text and "*" not in doc.text and "_Actualizado" not in doc.text


def test_local_html_keeps_main_content_only():
    html = (
        "<html><head><title>Horarios</title></head><body><nav>Menú</nav><main><h2>Apertura</h2>"
        "<p>De 8:00 a 20:00.</p></main><footer>Aviso legal</footer></body></html>"
    )
    doc = load_bytes(html.encode(), name="horarios.html", source_key="k")
    assert doc.title == "Horarios" and doc.text == "## Apertura\n\nDe 8:00 a 20:00."


def test_plain_text_in_latin1_is_read():
    doc = load_bytes("Atención al público de lunes a viernes.".encode("latin-1"), name="aviso.txt", source_key="k")
    assert doc.text == "Atención al público de lunes a viernes." and doc.title == "aviso"


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("hoja.xlsx", b"PK\x03\x04", UnsupportedSourceError),
        ("vacio.md", b"   \n\n", UnreadableSourceError),
        ("binario.txt", b"\x00\x01\x02" * 10, UnreadableSourceError),
    ],
)
def test_unsupported_or_empty_files_are_refused_with_their_name(name, data, error):
    with pytest.raises(error, match=name):
        load_bytes(data, name=name, source_key="k")


def test_folder_loads_supported_files_in_order_and_skips_hidden_ones(tmp_path):
    (tmp_path / "b.md").write_text("# B\n\nTexto b.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Texto a.", encoding="utf-8")
    (tmp_path / "notas.docx").write_bytes(b"PK")
    (tmp_path / ".oculto").mkdir()
    (tmp_path / ".oculto" / "c.md").write_text("# C", encoding="utf-8")
    assert [d.source for d in load_source(str(tmp_path))] == ["a.txt", "b.md"]


def test_missing_path_is_refused():
    with pytest.raises(UnsupportedSourceError, match="no such file"):
        load_source("/nonexistent/recepta/folder")


def test_pdf_list_item_wrapped_before_a_capitalised_word_stays_one_item():
    raw = "Puede cambiar su cita:\n• Desde el portal, en Mis citas, pulsando Cambiar o\nAnular.\n• Por teléfono."
    assert structure_pdf_text(raw).split("\n\n")[1:] == [
        "- Desde el portal, en Mis citas, pulsando Cambiar o Anular.",
        "- Por teléfono.",
    ]
