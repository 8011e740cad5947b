"""Chunking follows structure: sections start chunks, paragraphs pack to ~200 tokens, provenance is kept."""

from __future__ import annotations

from ingestion.chunking import LIST_TARGET_TOKENS, TARGET_TOKENS, chunk_document, estimate_tokens
from ingestion.loaders.types import LoadedDocument, Page

SENTENCE = "Las citas se pueden pedir por teléfono, por WhatsApp o en el portal del paciente. "


def _doc(*pages: Page) -> LoadedDocument:
    return LoadedDocument(source_key="k", source="guia.pdf", kind="pdf", title="Guía", pages=list(pages))


def test_each_heading_starts_a_chunk_that_carries_it_as_section():
    doc = _doc(Page("# Guía\n\n## Citas\n\nPida cita.\n\n## Pagos\n\nTarjeta o efectivo.\n- Bizum", page=1))
    chunks = chunk_document(doc, language="es")
    assert [(c.section, c.text) for c in chunks] == [("Citas", "Pida cita."), ("Pagos", "Tarjeta o efectivo.\n- Bizum")]
    assert all(c.page == 1 and c.language == "es" for c in chunks)


def test_long_sections_pack_paragraphs_to_about_200_tokens_without_splitting_them():
    paragraphs = "\n\n".join(SENTENCE * 3 for _ in range(12))
    chunks = chunk_document(_doc(Page("## Citas\n\n" + paragraphs, page=3)), language="es")
    assert len(chunks) > 1
    assert all(c.tokens <= TARGET_TOKENS for c in chunks)
    assert all(c.text.startswith("Las citas") and c.section == "Citas" and c.page == 3 for c in chunks)


def test_a_paragraph_longer_than_the_maximum_is_split_at_sentence_ends():
    chunks = chunk_document(_doc(Page("## Citas\n\n" + SENTENCE * 40)), language="es")
    assert len(chunks) >= 3
    assert all(c.text.endswith(".") for c in chunks)
    assert sum(estimate_tokens(c.text) for c in chunks) >= estimate_tokens(SENTENCE * 40) - len(chunks)


def test_chunks_keep_the_page_where_they_start_and_the_url_of_web_pages():
    doc = _doc(Page("## A\n\nUno.", page=1), Page("Dos.", page=2), Page("## B\n\nTres.", url="https://x.test/b"))
    chunks = chunk_document(doc, language="es")
    assert [(c.text, c.page, c.url, c.section) for c in chunks] == [
        ("Uno.\nDos.", 1, None, "A"),
        ("Tres.", None, "https://x.test/b", "B"),
    ]


def test_language_is_detected_per_chunk_with_the_document_language_as_fallback():
    doc = _doc(
        Page(
            "## Hours\n\nWe are open from Monday to Friday, eight in the morning to eight at night.\n\n"
            "## Horario\n\nAbrimos de lunes a viernes de ocho de la mañana a ocho de la noche.\n\n## X\n\nOK"
        )
    )
    assert [c.language for c in chunk_document(doc, language="es")] == ["en", "es", "es"]


def test_runs_of_list_items_pack_to_smaller_chunks_than_prose():
    rows = "\n".join(f"- Consulta de especialidad número {i}: 70 € por visita" for i in range(30))
    chunks = chunk_document(_doc(Page("## Tarifas\n\n" + rows)), language="es")
    assert len(chunks) >= 3
    assert all(c.tokens <= LIST_TARGET_TOKENS for c in chunks)
    assert all(line.startswith("- ") for c in chunks for line in c.text.splitlines())
