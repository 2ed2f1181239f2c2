# patti — two commands on a fresh machine: `make run` and `make test`.
# The virtual environment lives in .venv/, so .venv/bin/patti is the command.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN ?= $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= data
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
SHARED ?= ../shared
CORPUS_INPUTS = corpus/dev/*.txt corpus/pdf/*/*.pdf

.PHONY: install ocr browser run index serve extract-corpus datasette test screenshots lint eval train bench pdfs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## run: install, index the bundled corpus into $(DATA)/patti.db (only what is not indexed yet), serve the API and page
run: install ocr index serve

## index: ingest the corpus texts and PDFs; documents already indexed are duplicates and cost nothing
index:
	mkdir -p $(DATA)
	$(BIN)/patti ingest --data-dir $(DATA) --workers $(WORKERS) $(CORPUS_INPUTS) > $(DATA)/ingest.jsonl

serve:
	$(BIN)/patti serve --data-dir $(DATA) --host $(HOST) --port $(PORT)

## extract-corpus: the corpus as extraction JSON lines, without the database
extract-corpus: install
	mkdir -p $(DATA)
	$(BIN)/patti extract $(CORPUS_INPUTS) > $(DATA)/extractions.jsonl
	@echo "patti: $$(wc -l < $(DATA)/extractions.jsonl) documents extracted into $(DATA)/extractions.jsonl"

## datasette: browse the database with search and facets (after make index)
datasette: install
	$(BIN)/datasette $(DATA)/patti.db -m service/datasette/metadata.json --setting truncate_cells_html 300

# Debian packages patti uses when present: Tesseract for scanned pages (run time), Chromium for the browser tests.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-ita
BROWSER_PACKAGES := chromium chromium-driver
# apt-get as root (as on CI); elsewhere say what is missing and go on: the tests that need it report a skip.
APT_INSTALL = if [ "$$(id -u)" = 0 ] && command -v apt-get > /dev/null; then \
		echo "patti: installing $(1) with apt"; \
		(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(1) > /dev/null 2>&1 || \
		 (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(1) > /dev/null)); \
	else \
		echo "patti: $(1) not installed and no root to install it: the tests that need it will be reported as skipped"; \
	fi

## ocr: Debian's Tesseract with Italian, for scanned pages (installed with apt when run as root)
ocr:
	@if command -v tesseract > /dev/null && tesseract --list-langs 2> /dev/null | grep -qx ita; then :; \
	else $(call APT_INSTALL,$(OCR_PACKAGES)); fi

## browser: Debian's Chromium and chromedriver for the web page tests (installed with apt when run as root)
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	else $(call APT_INSTALL,$(BROWSER_PACKAGES)); fi

## test: install (with Tesseract and the browser where possible), then lint and run the whole test suite
test: install ocr browser
	$(BIN)/ruff check .
	$(BIN)/pytest -q

## screenshots: the browser tests, keeping their screenshots of the web page for the README
screenshots: install browser
	PATTI_SCREENSHOTS=docs/screenshots PATTI_REQUIRE_BROWSER=1 $(BIN)/pytest -q tests/service/web/test_browser.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true
	$(BIN)/mypy

## eval: score the extractor on ../shared/corpus-dev (whole set, then the blind fold), on the held-out synthetic documents, and on every PDF layout
eval: install
	@mkdir -p $(DATA)/eval
	$(BIN)/python -m corpus.evaluate --corpus $(SHARED)/corpus-dev --out $(DATA)/eval --fold all --fold blind --fold heldout
	@for layout in corpus/pdf/*/; do \
		name=$$(basename $$layout); \
		$(BIN)/patti extract $$layout*.pdf > $(DATA)/eval/$$name.jsonl || true; \
		echo "== PDF layout $$name"; \
		$(BIN)/python $(SHARED)/eval/score.py --gold corpus/dev --pred $(DATA)/eval/$$name.jsonl | tail -n 13; \
	done

## train: retrain the learned models on the annotated corpus (../shared/corpus-dev, the blind fold left out):
## the document-type model first, as the party model reads the type
train: install
	$(BIN)/python -m extractor.data.build_doc_type_model --corpus $(SHARED)/corpus-dev
	$(BIN)/python -m extractor.data.build_party_selector --corpus $(SHARED)/corpus-dev

## bench: speed and memory of extraction on the corpus, search at region scale, ingestion with 1 and 2 workers (writes BENCH.md)
bench: install ocr
	$(BIN)/python -m bench.extraction --out BENCH.md
	$(BIN)/python -m bench.feed --append BENCH.md
	$(BIN)/python -m bench.search --append BENCH.md
	$(BIN)/python -m bench.ingest --append BENCH.md
	$(BIN)/python -m bench.ocr --append BENCH.md

## pdfs: regenerate the corpus PDFs from corpus/dev/*.txt
pdfs: install
	$(BIN)/python corpus/build_pdfs.py

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache .ruff_cache .mypy_cache
