"""Recognizers: pure functions from an ``Analysis`` to items with spans.

Each module owns one field of EXTRACTION.md, loads its Italian words from
``extractor/data/<name>.toml``, and returns pydantic items whose ``spans``
point into the analysed text; the pipeline fills in pages.
"""
