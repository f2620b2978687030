# Quick start on a fresh machine: `make build`, then `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: build test install install-test golden clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## build: install into .venv, then scrape, generate and build the site from the bundled pages
build: install
	$(VENV)/bin/vrpcmds build

## test: the whole test suite (pytest's "no tests collected" exit 5 fails too)
test: install-test
	$(PY) -m pytest

clean:
	rm -rf $(VENV) site/html .pytest_cache .hypothesis
