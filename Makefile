# The two commands of the README:
#   make build   builds the site into site/ (creates or reuses .venv/ first)
#   make test    lints and checks the formatting (ruff), type-checks (mypy), checks the import layers (import-linter) and runs
#                the whole test suite (creates or reuses .venv/ with the test tools first)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: build test

build: $(VENV)/.runtime
	$(BIN)/glossary build

test: $(VENV)/.dev chromium
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found $(PYTHON))"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Could not create $(VENV): on Debian, run 'apt-get install python3-venv' first"; exit 1; }

# One pip run each: the lock and the project together (a second run re-read the indexes and
# its editable build; a fresh `make test` now takes one pip run, not three).
$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(PIP) install -r requirements.txt -e .
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt pyproject.toml | $(BIN)/python
	$(PIP) install -r requirements-dev.txt -e .
	@touch $@ $(VENV)/.runtime

# Browser tests drive Debian's Chromium (browsers cannot be downloaded here). Installed when
# missing and we may; otherwise the browser tests say they are skipped (and fail under CI).
.PHONY: chromium
chromium:
	@[ -x /usr/bin/chromium ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; \
	  else echo "note: /usr/bin/chromium is missing: run 'sudo apt-get install chromium' to run the browser tests"; fi; }
