# Quick start on a fresh machine with Python 3.11:  make build && make test
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test test-fast bench clean

# The maintainer environment, locked: releases are rebuilt byte for byte only
# under the exact versions in constraints.txt (Parquet bytes carry pyarrow's).
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/strikeledger validate
	$(BIN)/strikeledger build

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/strikeledger fmt --check
	$(BIN)/strikeledger codebook --check
	$(BIN)/pytest

# The quick tiers (unit and data tests, and the doctests) on both cores, for the edit-test
# loop.
test-fast: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q -n 2 -m "not integration and not slow"

# Benchmarks at 10k, 100k and 1M events (minutes; not part of `make test`).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py --sizes 10000 100000 1000000

clean:
	rm -rf $(VENV) dist .pytest_cache .ruff_cache
