"""The HTTP API: routers per resource under ``routes/``, shared dependencies in ``deps.py``."""
