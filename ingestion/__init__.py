"""Ingestion: loaders, chunking, approval workflow and indexing of approved documents."""
