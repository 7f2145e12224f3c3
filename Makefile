# The two-command quick start: `make run` and `make test`. Both install into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install run test translations compile-translations clean-venv

install: $(STAMP) compile-translations

# Reinstalled whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

compile-translations: $(STAMP)
	$(BIN)/pybabel -q compile -d ccan_web/translations

# Plain HTTP on this machine, so the session cookie cannot be marked Secure here; links in mail
# point at the address served. The job queue's worker (mail, imports, image variants, schedules)
# runs beside the site and stops with it.
run: install
	SESSION_COOKIE_SECURE=0 $(FLASK) db upgrade
	SESSION_COOKIE_SECURE=0 $(FLASK) ccan demo --if-empty
	export SESSION_COOKIE_SECURE=0 PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)}; \
	$(FLASK) ccan worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Extract every string, update the seven catalogs, fill English from the source, compile.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --ignore-dirs '.* __pycache__' -k _l -k lazy_gettext -k Message -k ngettext:1,2 -k lazy_ngettext:1,2 --no-location --sort-output -w 100 -o ccan_web/translations/messages.pot .
	$(BIN)/pybabel update -i ccan_web/translations/messages.pot -d ccan_web/translations -w 100 --no-fuzzy-matching --ignore-obsolete
	SECRET_KEY=translations $(FLASK) ccan translations-fill-en
	$(BIN)/pybabel -q compile -d ccan_web/translations

clean-venv:
	rm -rf $(VENV)

# Speed targets are checked here, not by timed tests: prints p50/p95 of each measured operation.
.PHONY: bench
# Every benchmark runs even when one misses a target; the exit status says whether any did.
bench: install
	@status=0; for name in documents merge catalog search search_endpoint relevance delivery services; do \
		echo "== benchmarks/bench_$$name.py"; $(BIN)/python benchmarks/bench_$$name.py || status=1; \
	done; \
	echo "== benchmarks/bench_pages.py (SQLite, and PostgreSQL when BENCH_POSTGRES_URL or CCAN_TEST_DATABASE_URL is set)"; \
	$(BIN)/python benchmarks/bench_pages.py || status=1; \
	exit $$status

# The search index after faults (damaged files and tables, a process killed after its commit), at
# a real catalog's size on both backends: what /search answers, how long the repair takes (minutes).
# The same faults, small, are in the test suite (tests/search/test_faults.py).
.PHONY: bench-search-faults
bench-search-faults: install
	$(BIN)/python benchmarks/bench_search_faults.py

# Pico as the site uses it (assets/pico-2.1.1/pico.ccan.scss says which modules), built as Pico's
# own build does. Only after changing that list or Pico's version: the built file is committed,
# so running and testing the site needs no Node.
.PHONY: pico
pico:
	cd assets/pico-2.1.1 && npm install --no-audit --no-fund --silent && mkdir -p build && npm run --silent build
