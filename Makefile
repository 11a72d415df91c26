# Every target creates .venv when missing and installs the project into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# What a target needs installed: the site's build (docs), or that and the test tools (test).
DOCS   := $(VENV)/.installed-docs
TEST   := $(VENV)/.installed-test
PORT   ?= 8000
UV_VERSION := 0.13.9
PIP_QUIET  := --quiet --disable-pip-version-check
# The browser tests drive Debian's Chromium headless shell, the build Playwright itself runs headless
# tests in (Playwright cannot download its own here): the same Blink without the desktop browser
# around it, a quarter less CPU over make test than the full chromium. bench-site measures
# in the full browser, as a reader's: BROWSER.
CHROMIUM ?= /usr/bin/chromium-headless-shell
BROWSER  ?= /usr/bin/chromium
SUDO   := $(if $(filter 0,$(shell id -u)),,sudo)
# Tests run in parallel processes, a file at a time (the blocks of a page share a namespace), the
# longest files first (tests/conftest.py). `make test`: JOBS, one more than the cores, as a third
# of its time waits (on the browser, on a job's time limit, on a fresh venv's install): on 2 cores
# 4:35 against 5:17 with 2. `make test-fast` only computes: FAST_JOBS, one per core.
CORES   = $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
JOBS   ?= $(shell expr $(CORES) + 1)
FAST_JOBS ?= $(CORES)
PARALLEL := --dist loadfile --no-loadscope-reorder
# Python writes the bytecode of what it imports as it first imports it (into .venv and the
# project's __pycache__ folders), even where the environment says not to: compiling every
# installed package at install took 6 s, writing what the build imports costs it about 1 s,
# and without bytecode every process of a build compiles its imports again (+11 s).
export PYTHONDONTWRITEBYTECODE :=

.PHONY: serve build test test-fast snippets figures notebooks bench bench-site clean

serve: $(DOCS)             ## serve the site on http://127.0.0.1:8000 (figures rendered first; PORT=8000)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve -a 127.0.0.1:$(PORT)

build: $(DOCS)             ## build the site into site/ (strict)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

test: $(TEST) $(CHROMIUM)  ## run every test: nnnotes, snippets on the pages, the site, the browser
	NNNOTES_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -n $(JOBS) $(PARALLEL)

test-fast: $(TEST)         ## the tests that need no site build and no browser (under a minute)
	$(BIN)/python -m pytest -m "not site" -n $(FAST_JOBS) $(PARALLEL)

snippets: $(TEST)          ## run only the code on the pages (both languages)
	$(BIN)/python -m pytest docs

figures: $(DOCS)           ## render figures: make figures [ONLY=name] [FORCE=1]
	$(BIN)/python -m sitebuild.figures $(if $(ONLY),--only $(ONLY)) $(if $(FORCE),--force)

notebooks: $(DOCS)         ## execute notebooks: make notebooks [ONLY=name.lang] [FORCE=1]
	$(BIN)/python -m sitebuild.notebooks $(if $(ONLY),--only $(ONLY)) $(if $(FORCE),--force)

bench: $(DOCS)             ## time nnnotes against PyTorch CPU when it is installed
	$(BIN)/python scripts/bench_nnnotes.py

bench-site: $(TEST) $(BROWSER) ## measure builds, chapter edits, serve reloads, page weight, Lighthouse (about 30 min)
	NNNOTES_CHROMIUM=$(BROWSER) $(BIN)/python -m sitebuild.bench

clean:                     ## remove the built site and every cache (keeps .venv)
	rm -rf site .cache .hypothesis

# A missing browser is installed from Debian's package of its name: chromium-headless-shell, chromium.
$(sort $(CHROMIUM) $(BROWSER)):
	@case $@ in /usr/bin/chromium|/usr/bin/chromium-headless-shell) command -v apt-get >/dev/null;; *) false;; esac \
	  || { echo "no Chromium at $@: install it, or set CHROMIUM=/path/to/chromium (BROWSER= for bench-site)"; exit 1; }
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq $(notdir $@)

.PRECIOUS: $(DOCS) $(TEST)
$(VENV)/.installed-%: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "nnnotes needs Python 3.11 or newer; set PYTHON=python3.11")'
	@# uv installs in seconds what takes pip 40 s. The venv starts without pip (setting it up takes
	@# 3 s): uv comes from this Python's own pip when it has one, else from the venv's, set up for
	@# it; uv then installs pip with the rest, for whoever wants it.
	test -d $(VENV) || $(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install $(PIP_QUIET) uv==$(UV_VERSION) 2>/dev/null \
	  || { $(BIN)/python -m ensurepip --upgrade --default-pip >/dev/null && $(BIN)/python -m pip install $(PIP_QUIET) uv==$(UV_VERSION); }
	$(BIN)/uv pip install --python $(BIN)/python -e '.[$*]' pip
	touch $@
