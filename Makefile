# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV  := .venv
NOQT  := .venv-noqt
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NOQT_STAMP := $(NOQT)/.installed
TS    := $(wildcard resources/translations/*.ts)
QM    := $(TS:.ts=.qm)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint translations clean bench

run: $(STAMP) translations
	$(VENV)/bin/shian desktop

$(STAMP): pyproject.toml
	@python=$$(installer/find-python) && echo "using $$python" && $$python -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[gui,test]'
	touch $@

# The Qt-free half of the suite runs once more where PySide6 is not installed at all,
# as the GPS server and vision workers do on machines with no display.
$(NOQT_STAMP): pyproject.toml
	@python=$$(installer/find-python) && $$python -m venv $(NOQT)
	$(NOQT)/bin/python -m pip install -q --upgrade pip
	$(NOQT)/bin/python -m pip install -q -e '.[test]'
	touch $@

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

test: $(STAMP) $(NOQT_STAMP) translations lint
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)
	$(NOQT)/bin/python -c "import importlib.util as u, sys; sys.exit(u.find_spec('PySide6') is not None)" \
		|| { echo "PySide6 leaked into $(NOQT)"; exit 1; }
	$(NOQT)/bin/python -m pytest -p no:cacheprovider -p no:pytest-qt tests/core tests/gis $(PYTEST_ARGS)

bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/shian bench all

clean:
	rm -rf $(VENV) $(NOQT) build *.egg-info resources/translations/*.qm
