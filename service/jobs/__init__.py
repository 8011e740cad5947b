"""Background work behind a small job-runner port: in-process (default) or Celery."""
