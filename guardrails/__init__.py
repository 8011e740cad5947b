"""Guardrails: Presidio recognizers, safety detectors and the policy that decides in both directions."""
