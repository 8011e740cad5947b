"""Eval suites for the QA team: suites as data, a runner over the real pipeline, metrics and reports."""
