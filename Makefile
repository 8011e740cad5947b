# Recepta: `make run` serves the embedded default; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TLDEXTRACT_CACHE_TIMEOUT := 0
export ANONYMIZED_TELEMETRY := False
export OMP_NUM_THREADS := 1

.PHONY: run test lint fmt typecheck bench eval browser demo clean

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Recepta needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

## run: install, migrate, load the demo clinic's approved knowledge, serve on http://$(HOST):$(PORT)
run: $(STAMP)
	$(BIN)/recepta migrate
	$(BIN)/recepta docs add demo/clinic --approve --by demo-loader
	$(BIN)/recepta serve --host $(HOST) --port $(PORT)

## browser: Debian's chromium for the Playwright page tests (Playwright never downloads a browser here)
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

## test: install what the tests need and run unit + integration tests on SQLite and PostgreSQL
test: $(STAMP) browser
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: speed, memory and quality figures (printed; never timed tests)
bench: $(STAMP)
	$(BIN)/python -m service.bench

## eval: the default eval suites against the demo clinic knowledge, reports in reports/eval
eval: $(STAMP)
	$(BIN)/recepta eval --report reports/eval

clean:
	rm -rf $(VENV) var reports .pytest_cache .mypy_cache .ruff_cache
