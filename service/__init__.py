"""The service: FastAPI app, settings, composition root, CLI and background jobs."""
