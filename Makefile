# Two commands do all the set-up: `make demo` and `make test`.
# Both create .venv and install the CPU build of torch before anything that would pull in a CUDA build.
# Elsewhere, pick the build with TORCH_INDEX, e.g.
#   make test TORCH_INDEX=https://download.pytorch.org/whl/cpu

PYTHON ?= python3
VENV ?= .venv
TORCH_SPEC ?= torch==2.13.0
TORCH_INDEX ?=
BIN := $(VENV)/bin

.PHONY: demo test setup lint bench clean

demo: $(VENV)/.installed
	$(BIN)/showprep demo

test: $(VENV)/.installed
	$(BIN)/ruff check showprep tests bench
	$(BIN)/ruff format --check showprep tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadgroup

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install "$(TORCH_SPEC)" $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(BIN)/pip install -e ".[dev]"
	touch $@

bench: $(VENV)/.installed
	$(BIN)/python bench/gather.py
	$(BIN)/python bench/transcribe.py
	$(BIN)/python bench/notes.py
	$(BIN)/python bench/tui.py

clean:
	rm -rf $(VENV)
