# Modeling in Python: one job per target. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
# The Pythons the course supports, i.e. the ones CI tests (requires-python in pyproject.toml
# says the same; tests/test_lock_platforms.py checks that they agree).
SUPPORTED_PYTHONS := 3.11 3.12 3.13
SUPPORTED_LIST = $(shell echo $(SUPPORTED_PYTHONS) | sed 's/ /, /g; s/, \([^,]*\)$$/ or \1/')
# Another interpreter beside the default one, without touching .venv:
#   make test PYTHON=python3.13 VENV=.venv-3.13
VENV ?= .venv
BIN := $(VENV)/bin
LOCKED := $(VENV)/.installed-from-lock
STAMP := $(VENV)/.installed-helpers
TORCH := $(VENV)/.installed-torch
# Offline classrooms and CI: make data DATA_MIRROR=<folder laid out like the mirror>
DATA_MIRROR ?=
# Extra arguments for pytest, e.g. make test PYTEST_ARGS="-k metrics"
PYTEST_ARGS ?=
LINTED := helpers tests notebooks tools conftest.py
PYTEST := $(BIN)/python -m pytest

# Exports: handouts are made from the solved notebooks; each handout is run once, and the
# decks and pages are rendered from that run (see tools/export.py).
# The glossary is exported after the chapters, as a deck and a page of its own.
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb)) notebooks/glossary.ipynb
HANDOUTS := $(patsubst notebooks/%,build/handouts/%,$(NOTEBOOKS))
EXECUTED := $(patsubst notebooks/%,build/executed/%,$(NOTEBOOKS))
EXPORT := $(BIN)/python -m tools.export

# Hide TensorFlow's C++ info and warning logs (such as its CPU-instructions notice); errors,
# Python warnings and exceptions still show. Two lines it logs before its logger starts (the
# oneDNN notice) print anyway: see the README, Troubleshooting.
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: help setup torch lab data test notebooks slides html handouts lint lock clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install the locked packages and helpers (fast when done)

# A changed lock gets a fresh .venv, so no package from an older lock survives in it; unless
# .venv already holds exactly what the new lock gives this Python and platform (a lock that
# changed for other Pythons only), which tools/venv_matches_lock.py checks. The .gitignore
# in it keeps any VENV=... out of git, not just .venv.
$(LOCKED): requirements.lock
	@if [ -f $@ ] && $(BIN)/python -m tools.venv_matches_lock requirements.lock \
	    $(if $(wildcard $(TORCH)),requirements-torch.lock) >/dev/null 2>&1; then \
	  echo "$(VENV) already matches the changed requirements.lock for this Python: kept."; \
	else \
	  $(PYTHON) -c 'import sys; sys.exit("%d.%d" % sys.version_info[:2] not in "$(SUPPORTED_PYTHONS)".split())' \
	    2>/dev/null || \
	    { echo "The course supports Python $(SUPPORTED_LIST); '$(PYTHON)' is" \
	           "$$($(PYTHON) -c 'import sys; print("Python " + sys.version.split()[0])' 2>/dev/null || echo 'not found')." \
	           "Run: make setup PYTHON=python$(firstword $(SUPPORTED_PYTHONS))" >&2; exit 1; }; \
	  echo "Installing the locked environment into a new $(VENV) (first time: a few minutes)..." && \
	  rm -rf $(VENV) && \
	  $(PYTHON) -m venv $(VENV) && \
	  echo '*' > $(VENV)/.gitignore && \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes \
	    --no-deps -r requirements.lock && \
	  $(BIN)/python -m pip check; \
	fi
	@touch $@

$(STAMP): $(LOCKED) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

torch: $(TORCH) ## Add the optional PyTorch extra for chapter 11 (about 5 GB on Linux, CUDA included)

# requirements-torch.lock is the whole environment plus PyTorch, resolved against
# requirements.lock, so this installs only what is missing. A rebuilt .venv drops it again.
$(TORCH): requirements-torch.lock $(STAMP)
	@echo "Installing PyTorch from requirements-torch.lock (first time: several minutes, about 5 GB)..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-torch.lock
	$(BIN)/python -m pip check
	@touch $@

# Containers often run as root, which JupyterLab refuses unless told it is intended.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True)

lab: setup ## Set up, then open JupyterLab on 127.0.0.1 (token required) at chapter 00
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$(CURDIR)" $(ALLOW_ROOT) \
	  notebooks/00_start_here.ipynb

data: setup ## Fill data/ with every dataset, verifying checksums (DATA_MIRROR=<dir> to copy offline)
	$(BIN)/python -m helpers fetch $(if $(DATA_MIRROR),--mirror "$(DATA_MIRROR)")

test: setup data ## Run every test (about 25 minutes): helpers, hygiene, notebooks, exports, browser
	$(PYTEST) tests notebooks --ignore=tests/exports --nbval-lax --nbval-current-env \
	  --nbval-cell-timeout=300 $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory handouts slides html
	$(PYTEST) tests/exports $(PYTEST_ARGS)

notebooks: setup data ## Run every notebook with nbval only (what CI runs on the other Pythons)
	$(PYTEST) notebooks --nbval-lax --nbval-current-env --nbval-cell-timeout=300 $(PYTEST_ARGS)

handouts: $(HANDOUTS) ## Student copies in build/handouts/: solutions replaced by placeholders

slides: $(EXECUTED) ## reveal.js decks in build/slides/, offline (runs each handout once)
	$(EXPORT) slides $(EXECUTED) --out build/slides

html: $(EXECUTED) ## HTML pages in build/html/, offline (runs each handout once)
	$(EXPORT) html $(EXECUTED) --out build/html

# Rewritten only when its content changes, so a new export script does not rerun notebooks.
build/handouts/%.ipynb: notebooks/%.ipynb tools/export.py | $(STAMP)
	@$(EXPORT) handout $< $@

build/executed/%.ipynb: build/handouts/%.ipynb | $(STAMP) data
	$(EXPORT) execute $< $@

lint: setup ## ruff check and ruff format --check over helpers, tests, tools and notebooks
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

# One resolution for every supported Python; constraints.txt holds the versions that would
# otherwise differ between Pythons (see the README, "Dependencies"). Then check that both
# locks install from wheels on every platform the README names.
lock: setup ## Re-resolve both lock files from pyproject.toml, check platforms (needs internet)
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal \
	  --python-version $(firstword $(SUPPORTED_PYTHONS)) -c constraints.txt \
	  --generate-hashes --no-header --quiet -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra torch --universal \
	  --python-version $(firstword $(SUPPORTED_PYTHONS)) -c requirements.lock -c constraints.txt \
	  --generate-hashes --no-header --quiet -o requirements-torch.lock
	$(BIN)/python -m tools.lock_platforms
	@echo "Now run 'make test' (it rebuilds .venv from the new lock) and commit both lock files."

clean: ## Remove build outputs and caches (never data/, never notebooks)
	rm -rf build .pytest_cache .ruff_cache .hypothesis *.egg-info
	find helpers tests -name __pycache__ -type d -prune -exec rm -rf {} +
	find notebooks -name .ipynb_checkpoints -type d -prune -exec rm -rf {} +
