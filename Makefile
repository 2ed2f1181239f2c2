# patti — two commands on a fresh machine: `make run` and `make test`.
# The virtual environment lives in .venv/, so .venv/bin/patti is the command.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN ?= $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= data
SHARED ?= ../shared
CORPUS_INPUTS = corpus/dev/*.txt corpus/pdf/*/*.pdf

.PHONY: install run extract-corpus test lint eval bench pdfs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## run: install, then extract the bundled corpus into $(DATA)/extractions.jsonl and index it into $(DATA)/patti.db
run: install extract-corpus

extract-corpus:
	mkdir -p $(DATA)
	$(BIN)/patti extract $(CORPUS_INPUTS) > $(DATA)/extractions.jsonl
	@echo "patti: $$(wc -l < $(DATA)/extractions.jsonl) documents extracted into $(DATA)/extractions.jsonl"
	$(BIN)/patti ingest --data $(DATA) $(CORPUS_INPUTS) > $(DATA)/ingest.jsonl
	@echo "patti: $$(grep -c '"status": "indexed"' $(DATA)/ingest.jsonl) indexed, $$(grep -c '"status": "unchanged"' $(DATA)/ingest.jsonl) unchanged in $(DATA)/patti.db"

## test: install, then lint and run the whole test suite
test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true
	$(BIN)/mypy

## eval: score the extractor on ../shared/corpus-dev, from the texts and from every PDF layout
eval: install
	@mkdir -p $(DATA)/eval
	$(BIN)/patti extract $(SHARED)/corpus-dev/*.txt > $(DATA)/eval/text.jsonl || true
	$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/corpus-dev --pred $(DATA)/eval/text.jsonl
	@for layout in corpus/pdf/*/; do \
		name=$$(basename $$layout); \
		$(BIN)/patti extract $$layout*.pdf > $(DATA)/eval/$$name.jsonl || true; \
		echo "== PDF layout $$name"; \
		$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/corpus-dev --pred $(DATA)/eval/$$name.jsonl | tail -n 13; \
	done

## bench: speed and memory of extraction on the corpus (writes BENCH.md)
bench: install
	$(BIN)/python -m bench.extraction --out BENCH.md

## pdfs: regenerate the corpus PDFs from corpus/dev/*.txt
pdfs: install
	$(BIN)/python corpus/build_pdfs.py

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache .ruff_cache .mypy_cache
