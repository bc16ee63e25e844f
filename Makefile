# Orden: developer and CI entry points.
#
#   make run    start Orden with demo data on SQLite at http://127.0.0.1:8000
#   make test   the whole test suite (SQLite, then PostgreSQL when reachable, browser tests with Chromium)
#
# Every target works on a fresh clone: `install` creates .venv and node_modules when they are missing
# and is a no-op when nothing changed.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BOOTSTRAP ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP_STAMP := $(VENV)/.requirements-installed
NPM_STAMP := node_modules/.package-lock.json
LOCALE_DIR := src/orden/locale

.PHONY: help install translations run test bench bench-http lint messages openapi

help:
	@echo "make install   create .venv, install Python and npm dependencies, compile translations"
	@echo "make run       migrate, load demo data into an empty database, serve on http://127.0.0.1:8000 with a worker"
	@echo "make test      run the test suite on SQLite, then on PostgreSQL when reachable"
	@echo "make bench     run the performance benchmark"
	@echo "make bench-http  the benchmark over HTTP against gunicorn on PostgreSQL"
	@echo "make lint      the pre-commit checks: ruff check and format, migrations, translations"
	@echo "make messages  extract translatable strings into src/orden/locale (needs GNU gettext)"
	@echo "make openapi   regenerate the committed OpenAPI schema docs/openapi.yaml"

install: $(PIP_STAMP) $(NPM_STAMP) translations

$(PY):
	@test -n "$(PYTHON_BOOTSTRAP)" || { echo "Python 3.11 (python3.11 or python3) is required." >&2; exit 1; }
	@$(PYTHON_BOOTSTRAP) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else 1)' \
		|| { echo "Python >= 3.11 is required; $(PYTHON_BOOTSTRAP) is too old." >&2; exit 1; }
	$(PYTHON_BOOTSTRAP) -m venv $(VENV)

# Reinstalls only when a requirements file changes (the stamp is older than either file).
$(PIP_STAMP): requirements.txt requirements-test.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

# The lock file is committed; it is only generated when it is missing.
package-lock.json:
	npm install --no-audit --no-fund

# npm ci writes node_modules/.package-lock.json, so this reruns when the lock file is newer.
$(NPM_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Compiled catalogues (*.mo) are not committed; compile whatever .po files exist (none is fine).
translations: $(PIP_STAMP)
	@if [ -d $(LOCALE_DIR) ] && [ -n "$$(find $(LOCALE_DIR) -name 'django.po' -print -quit)" ]; then \
		$(VENV)/bin/pybabel compile -d $(LOCALE_DIR) -D django; \
	fi

# The background worker (reminders, e-mail) runs beside the development server and stops with it: on
# Ctrl-C, or when the server exits. ORDEN_RUN_ADDRESS changes the address (default 127.0.0.1:8000).
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed --size demo --if-empty
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver $${ORDEN_RUN_ADDRESS:-127.0.0.1:8000}

test: install
	@# Debian packages the suite drives: Chromium (browser tests) and nginx (the scale-out and fault tests).
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	if [ -z "$$missing" ]; then \
		echo "Chromium: $$(command -v chromium); nginx: $$(command -v nginx || echo /usr/sbin/nginx)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing the Debian packages:$$missing"; \
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; } \
			|| echo "WARNING: installing$$missing failed; the tests that need them will be skipped."; \
	else \
		echo "WARNING: missing$$missing and we are not root: the tests that need them will be skipped."; \
		echo "         Install them with: sudo apt-get install$$missing"; \
	fi
	bash scripts/test.sh

# The committed API schema; api/tests/test_schema.py fails when the code no longer generates it.
openapi: $(PIP_STAMP)
	$(PY) manage.py spectacular --file docs/openapi.yaml --lang en --validate --fail-on-warn

bench: install
	$(PY) manage.py bench

bench-http: install
	$(PY) manage.py bench_http

lint: $(PIP_STAMP)
	$(VENV)/bin/pre-commit run --all-files

# Needs GNU gettext (Debian: apt-get install gettext). Orden's own makemessages (orden/core/management/commands)
# writes stable catalogues: no wrapping, no line numbers, no fuzzy entries, and a run that changes no message
# changes no file. Translate the new empty entries, then `make install` compiles them. See docs/translations.md.
messages: $(PIP_STAMP)
	@for tool in xgettext msguniq msgmerge msgattrib; do \
		command -v $$tool >/dev/null 2>&1 || { echo "GNU gettext is required ($$tool is missing): apt-get install gettext" >&2; exit 1; }; \
	done
	mkdir -p $(LOCALE_DIR)
	$(PY) manage.py makemessages -l nb -l nn -l en --ignore=.venv --ignore=node_modules \
		--ignore=var --ignore=test-results
