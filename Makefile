# Two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
PORT   ?= 8501

.PHONY: setup index run test test-fast browser postgres bench bench-text bench-scale clean

setup: $(STAMP)

# Reinstall only when a requirements file changes (the stamp name carries their checksum).
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Builds the index only if it is missing or stale (the manifest says which).
index: setup
	$(BIN)/python -m explorer build

# The server's own upload limit follows EXPLORER_MAX_FILE_MB when it is set (.streamlit/config.toml has the default).
# Before serving, the bundled article's claims are computed once (its entities, check-worthiness and
# evidence, cached by content hash beside the index): the first /claims view then needs no model. A
# failure here is reported and the server starts anyway (the page computes what is missing).
run: index
	-$(BIN)/python -m explorer claims --format json > /dev/null
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true \
	  $(if $(EXPLORER_MAX_FILE_MB),--server.maxUploadSize $(EXPLORER_MAX_FILE_MB))

# Browser tests drive Debian's chromium; install it once if it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# The storage contract tests start their own PostgreSQL server (tests/postgres_server.py) from Debian's
# package; install it once if it is missing. The server is never left running or started as a service.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql for the storage tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends postgresql; }

# Tests build their own index (in .pytest_cache), never into index/.
test: setup browser postgres
	$(BIN)/python -m pytest

# The fast suite for a core change: no real-browser test and no test marked slow (the real model or
# index, AppTest pages, PostgreSQL, spaCy, child processes; tests/conftest.py marks most by their
# fixtures). `make test` still runs everything.
test-fast: setup
	$(BIN)/python -m pytest -q -m "not browser and not slow"

bench: index
	$(BIN)/python -m explorer bench

# Real English text for `bench --scale`: Debian's Python, kernel, PostgreSQL and Django
# documentation as HTML (108k distinct prose paragraphs; 100k needs all four). Installed once.
bench-text:
	@test -d /usr/share/doc/python3-doc/html -a -d /usr/share/doc/linux-doc/html -a -d /usr/share/doc/postgresql-doc-15/html -a -d /usr/share/doc/python-django-doc/html || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-doc linux-doc postgresql-doc-15 python-django-doc; }

# What a real collection of N passages costs: make bench-scale N=100000 (resumes if interrupted).
N ?= 10000
bench-scale: setup bench-text
	$(BIN)/python -m explorer bench --scale $(N)

clean:
	rm -rf $(VENV) .pytest_cache
	find index -mindepth 1 ! -name README.md -exec rm -rf {} +
