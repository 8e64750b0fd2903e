# Two commands on a fresh machine (Python 3.11 and make):
#   make demo   - run the main job on the built-in defaults (offline, no API key)
#   make test   - run the whole test suite
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/travel-sandbox demo

test: $(STAMP)
	$(BIN)/ruff check sandbox worlds agents tests benchmarks
	$(BIN)/ruff format --check sandbox worlds agents tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_world.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
