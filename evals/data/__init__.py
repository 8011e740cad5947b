"""Eval data sets (JSON Lines) and the small generators that build them."""
