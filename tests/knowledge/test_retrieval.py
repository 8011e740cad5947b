"""Retrieval ordering: the best chunk of each document first, then the rest by score."""

from __future__ import annotations

from knowledge.retrieval import diversify
from knowledge.types import RetrievedChunk


def _chunk(doc: int, score: float) -> RetrievedChunk:
    return RetrievedChunk(
        chunk_id=f"d{doc}-{score}", text="t", score=score, document_id=doc, version=1, title="T", source=f"doc{doc}.md"
    )


def test_diversify_puts_one_chunk_per_document_first_and_keeps_k():
    ranked = [_chunk(1, 0.9), _chunk(1, 0.8), _chunk(2, 0.7), _chunk(1, 0.6), _chunk(3, 0.5)]
    result = diversify(ranked, 4)
    assert [(c.document_id, c.score) for c in result] == [(1, 0.9), (2, 0.7), (3, 0.5), (1, 0.8)]


def test_past_the_diverse_slots_chunks_follow_by_score():
    ranked = [_chunk(1, 0.9), _chunk(1, 0.85), _chunk(2, 0.8), _chunk(1, 0.7), _chunk(3, 0.6), _chunk(4, 0.5)]
    result = diversify(ranked, 5, slots=3)
    assert [(c.document_id, c.score) for c in result] == [(1, 0.9), (2, 0.8), (3, 0.6), (1, 0.85), (1, 0.7)]


def test_diversify_keeps_order_when_documents_are_already_distinct():
    ranked = [_chunk(1, 0.9), _chunk(2, 0.8)]
    assert diversify(ranked, 5) == ranked
