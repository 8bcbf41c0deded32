# Two commands on a fresh machine (Python 3.11+, pip, make):
#   make report   installs into .venv and writes reports/index.html for the fixtures
#   make test     installs into .venv (with the dev extra) and runs every test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: report test lint bench install install-dev clean

# the encoding core is compiled at install (setup.py): reinstall when its sources change
CORE   := setup.py $(wildcard audit/normalize/encoding/*.py)

$(VENV)/.stamp-base: pyproject.toml $(CORE)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -e ".[all]"
	touch $@

$(VENV)/.stamp-dev: pyproject.toml $(CORE)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -e ".[all,dev]"
	touch $@

install: $(VENV)/.stamp-base
install-dev: $(VENV)/.stamp-dev

report: install
	$(VENV)/bin/source-audit report fixtures --output reports/index.html --quiet

test: install-dev
	$(PY) -m pytest

lint: install-dev
	$(VENV)/bin/ruff check audit tests bench setup.py

bench: install-dev
	$(PY) bench/encoding.py
	$(PY) bench/instructions.py
	$(PY) bench/report.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
