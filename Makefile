# Set-up and everyday commands. `make extract` and `make test` install what they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
WORKERS ?= $(shell nproc 2>/dev/null || echo 1)

.PHONY: install extract test typecheck eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

extract: $(STAMP)
	$(BIN)/python -m pipeline extract corpus --out outputs --workers $(WORKERS)

test: $(STAMP)
	$(BIN)/python -m pytest -q

typecheck: $(STAMP)
	$(BIN)/python -m mypy

eval: $(STAMP)
	$(BIN)/python -m pipeline extract corpus/gold --out outputs/eval --workers 1 --quiet
	$(BIN)/python -m pipeline evaluate corpus/gold outputs/eval/articles.jsonl \
		--json outputs/eval/scores.json --errors outputs/eval/errors.csv

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf outputs
