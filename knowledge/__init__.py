"""Approved knowledge: embeddings, the Chroma store, retrieval and the document registry."""
