# The two set-up commands are `make generate` and `make test`: each creates .venv from
# pyproject.toml on a fresh machine first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready

.PHONY: generate check lint typecheck test bench clean diff

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["dependency-groups"]["dev"]))' > $(VENV)/dev-requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/dev-requirements.txt
	touch $(READY)

generate: $(READY)
	$(PY) -m codegen generate

check: $(READY)
	$(PY) -m codegen check --full

lint: $(READY)
	$(PY) -m codegen lint --strict

# `make diff`: what the schema edits since the main branch do to catalog's users (breaking,
# compatible or patch) and the version they imply; AGAINST=<git ref>, FORMAT=json.
diff: $(READY)
	$(PY) -m codegen diff $(if $(AGAINST),--against $(AGAINST)) $(if $(FORMAT),--format $(FORMAT))

typecheck: $(READY)
	$(PY) -m mypy codegen generated/catalog examples runtime
	$(PY) -m pyright codegen generated/catalog examples runtime

test: lint check typecheck
	$(PY) -m pytest

bench: $(READY)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .hypothesis
