# Set-up and everyday commands. Every target installs what it needs first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLES ?= examples

.PHONY: install demo test bench

$(BIN)/narrascope: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/narrascope

demo: install
	$(BIN)/narrascope analyze $(EXAMPLES) --format md

test: install
	$(BIN)/python -m pytest
