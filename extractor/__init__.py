"""Turns Italian local-welfare documents into the structured data of EXTRACTION.md."""

__version__ = "0.1.0"
