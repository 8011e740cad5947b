"""Learned NER for names, addresses and the other MEDDOCAN PHI categories (CRF, trained offline)."""
