# Two commands for a newcomer on Debian with Python 3.11:
#   make run    install into .venv, set up the SQLite database with demo data, serve on :8050
#   make test   install what the tests need (Chromium too), lint, run the whole suite
# In production: make install, then the README's "Running in production" (make serve).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run install serve preflight worker test test-postgres lint data clean browser bench load pdf-libs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt tests/requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r tests/requirements.txt
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps pdf-libs
	$(BIN)/python -m dashboard.cli init
	$(BIN)/python app.py

# Production: .venv with the app's requirements (not the tests'), and Pango for PDFs.
install: $(VENV)/.run-deps pdf-libs

# Production-style: gunicorn with several workers (WORKERS, default 4) on BIND
# (default 127.0.0.1:8050). Sessions, background jobs and the database are shared by
# every worker; put HTTPS in front (a proxy: set TRUSTED_PROXY_HOPS=1).
serve: $(VENV)/.run-deps pdf-libs preflight
	$(BIN)/gunicorn --config python:dashboard.web.gunicorn_conf \
		--workers $${WORKERS:-4} --bind $${BIND:-127.0.0.1:8050} \
		--timeout 120 --access-logfile - app:server

# Before gunicorn starts: migrate and load reference data, never demo data; then refuse
# (exit 3) a database holding the demo accounts unless DEMO=1 says it is a demo.
preflight: $(VENV)/.run-deps
	$(BIN)/python -m dashboard.cli init --no-demo
	$(BIN)/python -m dashboard.cli check-production $(if $(filter 1,$(DEMO)),--allow-demo)

# Only with CELERY_BROKER_URL (Redis): the worker that runs background jobs.
worker: $(VENV)/.run-deps
	@test -n "$${CELERY_BROKER_URL:-}" || { echo "Set CELERY_BROKER_URL (redis://...) first"; exit 2; }
	$(BIN)/celery -A app:celery_app worker --loglevel=INFO

# WeasyPrint (SEF as PDF) needs Pango and a font from Debian.
pdf-libs:
	@if ! /sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0 || ! fc-list 2>/dev/null | grep -qi dejavu; then \
		echo "Installing Debian's Pango and DejaVu fonts for PDF output"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
			libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig; \
	fi

browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		echo "Installing Debian's chromium and chromium-driver for the browser tests"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver; \
	fi

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .

PYTEST := $(BIN)/python -m pytest tests --webdriver Chrome --headless -p no:cacheprovider

# The whole suite on SQLite; then, with TEST_POSTGRES=1 or in CI (CI set, TEST_POSTGRES
# not 0), again on a throwaway PostgreSQL server on loopback (installed when missing).
test: $(VENV)/.test-deps browser pdf-libs lint
	$(PYTEST)
	@if [ "$${TEST_POSTGRES:-}" = 1 ] || { [ -n "$${CI:-}" ] && [ "$${TEST_POSTGRES:-}" != 0 ]; }; then \
		$(MAKE) --no-print-directory test-postgres; \
	fi

test-postgres: $(VENV)/.test-deps browser pdf-libs
	@dir=$$(mktemp -d /tmp/ilacs-pg.XXXXXX); \
	trap 'tests/tools/postgres.sh stop "'"$$dir"'"' EXIT; \
	url=$$(tests/tools/postgres.sh start "$$dir" ilacs_test) && [ -n "$$url" ] || exit 1; \
	echo "Running the whole suite again on PostgreSQL ($$url)"; \
	TEST_DATABASE_URL="$$url" $(PYTEST)

# Time our Annex A ingest against python-calamine alone reading a large workbook,
# then the inspector's overview and profile callbacks against a no-op callback.
bench: $(VENV)/.test-deps
	$(BIN)/python tests/benchmarks/ingest_bench.py
	$(BIN)/python tests/benchmarks/views_bench.py
	$(BIN)/python tests/benchmarks/letter_bench.py
	$(BIN)/python tests/benchmarks/browser_bench.py

# 50 inspectors and LA users at once (locust) against gunicorn on a throwaway PostgreSQL,
# all on loopback; prints p50/p95 per journey step against a no-op callback. Locust has
# its own virtualenv: it needs urllib3 2, the browser tests' selenium urllib3 1.26.
LOAD_VENV := $(VENV)/load

$(LOAD_VENV)/.deps: tests/load/requirements.txt | $(BIN)/python
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOAD_VENV)/bin/pip install --quiet -r tests/load/requirements.txt
	touch $@

load: $(VENV)/.run-deps $(LOAD_VENV)/.deps pdf-libs
	$(BIN)/python tests/load/run_load.py

# Rebuild data/*.csv from the published sources (see data/README.md).
# The published series (data/build_series.py) read LAIT's parquet file with pyarrow, which
# the app never needs: it lives in a separate venv used only by this data-build step.
DATA_VENV := .venv-data
$(DATA_VENV)/bin/python:
	$(PYTHON) -m venv $(DATA_VENV)
	$(DATA_VENV)/bin/pip install --quiet pyarrow

data: $(VENV)/.test-deps $(DATA_VENV)/bin/python
	$(BIN)/python data/build_reference_data.py
	$(DATA_VENV)/bin/python data/build_series.py

clean:
	rm -rf $(VENV) $(DATA_VENV) instance .pytest_cache .ruff_cache
