# careerpath: `make run` serves the app, `make test` runs every check. Both set themselves up from scratch.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Links in mail and credentials name the address `make run` serves on (set SITE_URL to override).
SITE_URL ?= http://127.0.0.1:$(PORT)
export SITE_URL

.PHONY: run test lint install install-dev clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Create the virtualenv, install, migrate, load the curated content, then serve on http://127.0.0.1:8000 and run
## the background worker (Procfile: web and worker, started together by honcho; Ctrl-C stops both)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_content
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start --procfile Procfile --port $(PORT)

## Lint, migrations check and the whole test suite (SQLite, PostgreSQL and Chromium where the machine has them)
test: install-dev
	bash scripts/test.sh

## Benchmarks against a bare-Django floor: SQLite, PostgreSQL, PostgreSQL + Redis (about 17 minutes; bench/README.md)
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts .pytest_cache .ruff_cache
