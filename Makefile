# peduliham: the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/sh
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
DEMO_ARGS ?=
PYTEST_ARGS ?=

.PHONY: demo test lint format bench messages venv clean help

help:
	@echo "make demo   - set up, load the Kota Jambi demo and serve on http://127.0.0.1:8000"
	@echo "make test   - run the whole test suite (browser tests when Chromium is installed)"
	@echo "make lint   - ruff format check, ruff lint and mypy --strict"
	@echo "make format - apply ruff format and the safe ruff fixes"
	@echo "make bench  - run the benchmarks and write docs/benchmarks.md"
	@echo "make messages - update and compile the translation catalogues"

venv: $(STAMP)

# The virtualenv is (re)installed when it is missing or pyproject.toml changed.
# scripts/find-python looks for a Python 3.12+ that really runs (pyenv shims
# may not) and explains what to do when there is none.
$(STAMP): pyproject.toml
	@if [ ! -x $(BIN)/python ]; then \
	  py=$$(scripts/find-python) || exit 1; \
	  echo "Creating $(VENV) with $$py"; \
	  "$$py" -m venv $(VENV) || exit 1; \
	fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/peduliham demo $(DEMO_ARGS)

test: $(STAMP)
	@if [ -x $(CHROMIUM) ]; then \
	  echo "Chromium found at $(CHROMIUM): the browser tests will run."; \
	else \
	  echo "NOTE: $(CHROMIUM) is not installed, so the browser tests are SKIPPED."; \
	  echo "      Install it to run them: sudo apt-get install -y chromium"; \
	fi
	$(BIN)/pytest $(PYTEST_ARGS)
	@[ -x $(CHROMIUM) ] || echo "NOTE: the browser tests were SKIPPED ($(CHROMIUM) is not installed)."

lint: $(STAMP)
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy --strict src tests

format: $(STAMP)
	$(BIN)/ruff format src tests scripts
	$(BIN)/ruff check --fix src tests scripts

bench: $(STAMP)
	$(BIN)/peduliham bench

messages: $(STAMP)
	cd src/peduliham && PEDULIHAM_VAR_DIR=$(CURDIR)/var ../../$(BIN)/peduliham makemessages -l id -l en --no-obsolete --add-location file
	cd src/peduliham && PEDULIHAM_VAR_DIR=$(CURDIR)/var ../../$(BIN)/peduliham compilemessages

clean:
	rm -rf $(VENV) var/*.sqlite3* .pytest_cache .mypy_cache .ruff_cache
