# Set-up and everyday commands. `make extract` and `make test` install what they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
WORKERS ?= $(shell nproc 2>/dev/null || echo 1)

.PHONY: install extract test typecheck eval bench train-ner clean

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

# The extraction's own tables (errors.csv among them) go to outputs/eval/, the scores and
# the list of scoring errors to outputs/eval-scores/, so neither overwrites the other.
eval: $(STAMP)
	$(BIN)/python -m pipeline extract corpus/gold --out outputs/eval --workers 1 --quiet
	mkdir -p outputs/eval-scores
	$(BIN)/python -m pipeline evaluate corpus/gold outputs/eval/articles.jsonl \
		--json outputs/eval-scores/scores.json --errors outputs/eval-scores/missed-and-spurious.csv
	@echo "--- held-out set (corpus/heldout: measured, never tuned on)"
	$(BIN)/python -m pipeline extract corpus/heldout --out outputs/eval-heldout --workers 1 --quiet
	$(BIN)/python -m pipeline evaluate corpus/heldout outputs/eval-heldout/articles.jsonl \
		--json outputs/eval-scores/heldout.json --errors outputs/eval-scores/heldout-missed-and-spurious.csv
	@echo "--- award events (corpus/gold-awards and the seed: awards only)"
	$(BIN)/python -m pipeline extract corpus/gold-awards corpus/gold/000_b7ebf30e4d42f5af.txt --out outputs/eval-awards --workers 1 --quiet
	$(BIN)/python -m pipeline evaluate corpus/gold-awards outputs/eval-awards/articles.jsonl \
		--json outputs/eval-scores/awards.json --errors outputs/eval-scores/awards-missed-and-spurious.csv

# The bundled corpus by default; another with BENCH_CORPUS=path/to/articles.jsonl (files or folders).
BENCH_CORPUS ?=
bench: $(STAMP)
	$(BIN)/python bench/run.py $(foreach input,$(BENCH_CORPUS),--input $(input))

# The name recogniser (pipeline/ner.py), trained again from the repository's files: silver
# sentences from the bundled corpus (ner/make_data.py), then spaCy with ner/config.cfg
# (fixed seed, capped steps; a few minutes on one core). The model replaces pipeline/ner_model/.
NER_WORK ?= outputs/ner-training
train-ner: $(STAMP)
	$(BIN)/python ner/make_data.py $(NER_WORK)/data
	$(BIN)/python -m spacy train ner/config.cfg --output $(NER_WORK)/model \
		--paths.train $(NER_WORK)/data/train.spacy --paths.dev $(NER_WORK)/data/dev.spacy
	rm -rf pipeline/ner_model
	cp -r $(NER_WORK)/model/model-best pipeline/ner_model
	sed -i -E 's#^(train|dev) = ".*"#\1 = null#' pipeline/ner_model/config.cfg  # no build paths in the package

clean:
	rm -rf outputs
