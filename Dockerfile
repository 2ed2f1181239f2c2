# patti in a container: the same steps as `make run`, with the installed
# package instead of the .venv and the full Italian spaCy model added.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

# make runs the same targets as on a workstation; Tesseract with Italian reads scanned pages (as `make ocr`).
RUN apt-get update \
    && apt-get install -y --no-install-recommends make tesseract-ocr tesseract-ocr-ita \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md Makefile ./
COPY models models
COPY extractor extractor
COPY service service
RUN pip install . \
    && python -m spacy download it_core_news_sm

COPY corpus corpus
RUN useradd --create-home patti && mkdir -p /app/data && chown patti /app/data
USER patti
VOLUME ["/app/data"]
EXPOSE 8000

# `make run` without the install step: BIN points at the installed command; listen beyond the container.
CMD ["make", "index", "serve", "BIN=/usr/local/bin", "HOST=0.0.0.0"]
