# Set-up and everyday commands. Every target installs what it needs first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLES ?= examples

.PHONY: install system-deps demo test

$(BIN)/narrascope: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/narrascope

demo: install
	$(BIN)/narrascope analyze $(EXAMPLES) --format md

# PostgreSQL and headless Chromium for the store and browser tests (Debian packages; needs root).
system-deps:
	bash scripts/install-system-deps.sh

test: install system-deps
	$(BIN)/python -m pytest
