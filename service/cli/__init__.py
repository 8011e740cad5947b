"""The `recepta` command line."""
