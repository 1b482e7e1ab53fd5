# The README's commands. Each target sets up what it needs, so a fresh machine needs nothing else.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint format demo bench bench-pages browser clean-db

$(STAMP): requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# `make run PORT=8601`; the plan's time zone for every time shown (times are stored in UTC).
PORT ?= 8501
PLANTRACK_TIME_ZONE ?= Asia/Ho_Chi_Minh
export PLANTRACK_TIME_ZONE

run: $(STAMP)
	TZ=$(PLANTRACK_TIME_ZONE) FORWARDED_ALLOW_IPS= $(VENV)/bin/streamlit run dashboard.py --server.port $(PORT)

# Debian's chromium for the browser tests; Playwright drives it through executable_path.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

test: $(STAMP) browser
	$(PY) -m pytest -q

# Everything but the Chromium tests, for the edit-test loop; CI runs `make test`.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not browser"

# SQL too: sqlfluff with .sqlfluff (DuckDB, the $params read with sample values).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/sqlfluff lint queries/

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The national-scale benchmark, method and results in docs/PERFORMANCE.md; ARGS="--quick" for a
# twentieth of the data, ARGS="--reuse" to keep the database of an earlier run.
bench: $(STAMP) browser
	$(PY) bench/national.py $(ARGS)

# Page switches and filter changes against a bare Streamlit page (issue 15), method in bench/pages.py;
# ARGS="--quick" for 2 rounds on the quick data set, ARGS="--db PATH" to serve a copy of a national database.
bench-pages: $(STAMP) browser
	$(PY) bench/pages.py $(ARGS)

demo: $(STAMP)
	$(PY) -m plantrack demo

clean-db:
	rm -f data/plantrack.duckdb data/plantrack.duckdb.wal
