# Two commands matter: `make run` (set up, serve the dashboard on the seed data) and
# `make test` (set up, lint, run every test tier). Both work from a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
PORT   ?= 8501

.PHONY: setup run test lint format browser screenshots bench bench-refresh clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV) || { [ "$$(id -u)" = 0 ] && apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv python3.11-venv && \
		rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/python -m stancewatch init
	$(BIN)/python -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# Debian's Chromium for the e2e tier; never `playwright install` (no download here).
browser:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "make: /usr/bin/chromium is missing and apt-get needs root; e2e tests will be skipped (apt-get install chromium)"; exit 0; fi; \
	$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium fonts-liberation

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup browser lint
	$(BIN)/python -m pytest

# Refresh the README's screenshots from the e2e run (real server, Chromium, seed data).
screenshots: setup browser
	STANCEWATCH_UPDATE_DOCS=1 $(BIN)/python -m pytest tests/e2e -k screenshot -q

# Performance figures (issue 7): ingest, queries, views, SQLite/pandas peers, server memory.
# Prints figures, never pass/fail; data is generated once into bench/out/. `make bench ROWS=1000000`.
ROWS ?= 100000
bench: setup browser
	$(BIN)/python bench/run.py --rows $(ROWS) --json bench/out/bench-$(ROWS).json

# stance_links after writes of growing size: in place against rebuilt whole, and what db's shares
# choose (bench/refresh.py). `make bench-refresh ROWS=1000000`.
bench-refresh: setup
	$(BIN)/python bench/refresh.py --rows $(ROWS) --json bench/out/refresh-$(ROWS).json

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
