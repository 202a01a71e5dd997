# peduliham: the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/sh
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTHON_FOR_VENV = $(shell scripts/find-python)

.PHONY: demo test test-fast lint format bench messages clean help

help:
	@echo "make demo   - set up, load the Kota Jambi demo and serve on http://127.0.0.1:8000"
	@echo "make test   - run the whole test suite (browser tests when Chromium is installed)"
	@echo "make lint   - ruff format check, ruff lint and mypy --strict"
	@echo "make bench  - run the benchmarks and write docs/benchmarks.md"

$(STAMP): pyproject.toml
	@py="$(PYTHON_FOR_VENV)"; [ -n "$$py" ] || exit 1; \
	  [ -x $(BIN)/python ] || "$$py" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/peduliham demo

test: $(STAMP)
	@if [ -x /usr/bin/chromium ]; then \
	  echo "Chromium found: browser tests will run."; \
	else \
	  echo "NOTE: /usr/bin/chromium is not installed, so the browser tests are SKIPPED (apt-get install -y chromium)."; \
	fi
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy src tests

format: $(STAMP)
	$(BIN)/ruff format src tests scripts
	$(BIN)/ruff check --fix src tests scripts

bench: $(STAMP)
	$(BIN)/python -m peduliham bench

messages: $(STAMP)
	cd src/peduliham && ../../$(BIN)/peduliham makemessages -l id -l en --no-obsolete --add-location file
	cd src/peduliham && ../../$(BIN)/peduliham compilemessages

clean:
	rm -rf $(VENV) var/*.sqlite3* .pytest_cache .mypy_cache .ruff_cache
