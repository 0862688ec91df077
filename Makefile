# Two commands for a newcomer on Debian with Python 3.11:
#   make run    install into .venv, set up the SQLite database with demo data, serve on :8050
#   make test   install what the tests need (Chromium too), lint, run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-postgres lint data clean browser bench pdf-libs

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
	url=$$(tests/tools/postgres.sh start "$$dir" ilacs_test | tail -1) || exit 1; \
	echo "Running the whole suite again on PostgreSQL ($$url)"; \
	TEST_DATABASE_URL="$$url" $(PYTEST)

# Time our Annex A ingest against pandas.read_excel(engine="openpyxl") on a large workbook,
# then the inspector's overview and profile callbacks against a no-op callback.
bench: $(VENV)/.test-deps
	$(BIN)/python tests/benchmarks/ingest_bench.py
	$(BIN)/python tests/benchmarks/views_bench.py
	$(BIN)/python tests/benchmarks/letter_bench.py

# Rebuild data/*.csv from the published sources (see data/README.md).
data: $(VENV)/.test-deps
	$(BIN)/python data/build_reference_data.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
