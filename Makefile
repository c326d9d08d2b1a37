# Quick start on a fresh machine with Python 3.11:  make build && make test
# With another interpreter (3.11 or later):         make build PYTHON=python3.12
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# cffconvert validates CITATION.cff; it pins an old jsonschema that frictionless cannot
# use, so it lives in a venv of its own.
CFF_VENV := .venv-cff
CFF_STAMP := $(CFF_VENV)/.installed

# PYTHON given on the command line and the venv made with another interpreter: make the
# venv again with the one asked for (without PYTHON=, the venv there is used as it is).
ifeq ($(origin PYTHON),command line)
ifneq ($(wildcard $(BIN)/python),)
_PYV = import sys; print("%d.%d" % sys.version_info[:2])
ifneq ($(shell $(BIN)/python -c '$(_PYV)'),$(shell $(PYTHON) -c '$(_PYV)'))
$(info $(VENV) was made with another Python than $(PYTHON): making it again)
$(shell rm -rf $(VENV))
endif
endif
endif

.PHONY: build test test-fast bench rebuild-current clean

# The maintainer environment, locked: releases are rebuilt byte for byte only
# under the exact versions in constraints.txt (Parquet bytes carry pyarrow's).
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/strikeledger validate
	$(BIN)/strikeledger build

$(CFF_STAMP): constraints-cff.txt
	$(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/pip install --quiet --disable-pip-version-check -r constraints-cff.txt
	touch $(CFF_STAMP)

test: $(STAMP) $(CFF_STAMP)
	$(BIN)/ruff check .
	$(CFF_VENV)/bin/cffconvert --validate -i CITATION.cff
	$(BIN)/strikeledger fmt --check
	$(BIN)/strikeledger codebook --check
	$(BIN)/strikeledger datacard --check
	$(BIN)/pytest

# The quick tiers (unit and data tests, and the doctests) on both cores, for the edit-test
# loop.
test-fast: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q -n 2 -m "not integration and not slow"

# Benchmarks at 10k, 100k and 1M events (minutes; not part of `make test`).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py --sizes 10000 100000 1000000

# Maintainers only: rebuild the current version's release after a change to datasets/ or
# schemas/, while that version is not yet published on main (a published release never
# changes). Removes build/<version>, its zip and manifest entry, then formats the CSVs,
# builds, and regenerates the codebook, the data card and the figures in docs/
# (timeline, map).
VERSION = $(shell $(BIN)/python -c "import strikeledger; print(strikeledger.__version__)")
rebuild-current: $(STAMP)
	rm -rf build/$(VERSION) build/$(VERSION).zip
	$(BIN)/python -c "import json,pathlib; p=pathlib.Path('build/RELEASES.json'); m=json.loads(p.read_text()); m.pop('$(VERSION)',None); p.write_text(json.dumps(m,indent=2,sort_keys=True)+'\\n')"
	$(BIN)/strikeledger fmt
	$(BIN)/strikeledger build
	$(BIN)/strikeledger codebook
	$(BIN)/strikeledger datacard
	$(BIN)/strikeledger plot timeline -o docs/timeline.png
	$(BIN)/strikeledger plot map -o docs/map.png

clean:
	rm -rf $(VENV) $(CFF_VENV) dist .pytest_cache .ruff_cache
