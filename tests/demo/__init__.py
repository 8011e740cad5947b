"""Tests that the demo clinic documents, question sets and eval suites are well-formed."""
