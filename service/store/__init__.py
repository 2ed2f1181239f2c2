"""Storage layer: SQLite schema, content-addressed originals, writer and full-text search."""
