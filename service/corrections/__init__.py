"""Staff corrections of extracted items, kept apart from what the extractor found and applied over it.

A correction adds, removes or edits one item of one list of a document's extraction (``fields``); it is checked
against the extraction models and the ISTAT registry before it is kept (``validate``), stored as a record of its
own (``service.store.corrections``), and applied over every later extraction of the same document (``apply``),
so a re-extraction keeps it and tells whether the extractor now agrees with it on its own.
"""
