# multivector: developer entry points.  `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV     := .venv
PY       := $(VENV)/bin/python
PORT     ?= 8765
CHROMIUM := /usr/bin/chromium

# Shell snippet: is "$$1" a Python >= 3.12 that actually runs?  (pyenv shims
# such as `python3.12` exist on PATH but fail unless that version is selected.)
PY_OK := py_ok() { "$$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }

# Shell snippet: print the path of the first usable Python >= 3.12, or nothing.
# Order: python3.13, python3.12, python3 on PATH, then pyenv versions (newest first).
FIND_PYTHON := $(PY_OK); find_python() { \
	local c root; \
	for c in python3.13 python3.12 python3; do \
		if command -v "$$c" >/dev/null 2>&1 && py_ok "$$c"; then command -v "$$c"; return 0; fi; \
	done; \
	if command -v pyenv >/dev/null 2>&1; then root=$$(pyenv root 2>/dev/null); fi; \
	root=$${root:-$${PYENV_ROOT:-$$HOME/.pyenv}}; \
	for c in $$(ls -d "$$root"/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do \
		if py_ok "$$c"; then echo "$$c"; return 0; fi; \
	done; \
	return 1; \
}

.PHONY: help venv run test viz bench docs clean

help:
	@echo "make venv   create .venv (Python >= 3.12) and install -e '.[test]'"
	@echo "make run    run the model CLI (.venv/bin/multivector run)"
	@echo "make test   install Debian chromium if missing, run ruff (lint, format check), then pytest"
	@echo "make viz    serve the Solara app on http://127.0.0.1:\$$PORT (default 8765)"
	@echo "make bench  run benchmarks/run.py"
	@echo "make docs   regenerate every generated document (parameters, actors, the tutorial's outputs, ...)"
	@echo "make clean  remove .venv, results and caches"

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@set -e; $(FIND_PYTHON); \
	if [ -x "$(PY)" ] && ! py_ok "$(PY)"; then \
		echo "Removing $(VENV): its Python is older than 3.12 or broken."; rm -rf "$(VENV)"; \
	fi; \
	if [ ! -x "$(PY)" ]; then \
		if ! py=$$(find_python); then \
			echo "ERROR: no Python >= 3.12 found (tried python3.13, python3.12, python3 and pyenv)." >&2; \
			echo "Install one, e.g. 'pyenv install 3.12' or 'apt-get install python3.12', then re-run 'make venv'." >&2; \
			exit 1; \
		fi; \
		echo "Creating $(VENV) with $$py ($$("$$py" -V 2>&1))"; \
		"$$py" -m venv "$(VENV)"; \
	fi; \
	echo "Installing -e '.[test]' into $(VENV) (this can take a few minutes)..."; \
	"$(PY)" -m pip install -q --disable-pip-version-check --upgrade pip; \
	"$(PY)" -m pip install -q --disable-pip-version-check -e '.[test]'; \
	touch "$@"

run: venv
	$(VENV)/bin/multivector run
	$(VENV)/bin/multivector study

test: venv
	@set -e; if [ ! -x "$(CHROMIUM)" ]; then \
		echo "$(CHROMIUM) not found: installing Debian's chromium for the browser tests..."; \
		if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
		elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
		else echo "ERROR: not root and no sudo: install it yourself with 'apt-get install -y chromium'." >&2; exit 1; fi; \
		if ! { $$sudo apt-get update -qq && $$sudo apt-get install -y -qq chromium; }; then \
			echo "ERROR: installing chromium failed. Run 'apt-get update && apt-get install -y chromium'" >&2; \
			echo "yourself (do NOT use 'playwright install'), then re-run 'make test'." >&2; \
			exit 1; \
		fi; \
	fi
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -q

viz: venv
	@echo "Serving viz/app.py at http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	$(VENV)/bin/solara run viz/app.py --host 127.0.0.1 --port $(PORT)

bench: venv
	$(PY) benchmarks/run.py

# Every generated document, in dependency order: the constants tables, then the calibration the
# scenario reads, then the replay that uses it. Each generator writes its file whole or not at all.
docs: venv
	$(VENV)/bin/multivector params --markdown > docs/.parameters.md.tmp && mv docs/.parameters.md.tmp docs/parameters.md
	$(VENV)/bin/multivector calibrate
	$(VENV)/bin/multivector validate --seeds 5
	$(VENV)/bin/multivector actors
	$(PY) -m experiments.tutorial_outputs --write
	# The student page's screenshots in README and docs/students.md (Playwright with /usr/bin/chromium).
	MULTIVECTOR_DOC_IMAGES=1 $(PY) -m pytest -q -p no:cacheprovider tests/browser/test_app.py \
		-k "every_component or cpc_disruption or compare_tab"
	$(VENV)/bin/multivector levers --quiet
	$(VENV)/bin/multivector findings --write README.md --details docs/study.md --quiet

clean:
	rm -rf $(VENV) results .pytest_cache .hypothesis tests/artifacts *.egg-info build
	find . -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
