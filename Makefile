# The two set-up commands are `make generate` and `make test`: each creates .venv from
# pyproject.toml on a fresh machine first, with generated/ on its path, so that
# `.venv/bin/python -c "import catalog"` works as the README's examples expect.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready
ON_PATH := $(VENV)/.catalog-on-path

.PHONY: generate check lint typecheck test test-pythons bench bench-pythons clean diff changelog dist

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["dependency-groups"]["dev"]))' > $(VENV)/dev-requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/dev-requirements.txt
	touch $(READY)

# The package as a user's environment sees it, without a build: a .pth file in the venv's
# site-packages naming generated/ (relative to site-packages, so it survives moving the clone).
$(ON_PATH): $(READY)
	$(PY) -c 'import os, sysconfig; site = sysconfig.get_path("purelib"); open(os.path.join(site, "catalog-generated.pth"), "w").write(os.path.relpath("generated", site) + "\n")'
	touch $(ON_PATH)

generate: $(ON_PATH)
	$(PY) -m codegen generate

check: $(ON_PATH)
	$(PY) -m codegen check --full

lint: $(ON_PATH)
	$(PY) -m codegen lint --strict
	$(PY) -m black --check --quiet codegen runtime tests benchmarks examples tools
	$(PY) -m ruff check --quiet codegen runtime tests benchmarks examples tools

# `make diff`: what the schema edits since the main branch do to catalog's users (breaking,
# compatible or patch) and the version they imply; AGAINST=<git ref>, FORMAT=json.
diff: $(ON_PATH)
	$(PY) -m codegen diff $(if $(AGAINST),--against $(AGAINST)) $(if $(FORMAT),--format $(FORMAT))

# `make changelog VERSION=X.Y.Z [SINCE=<previous release tag>]`: CHANGELOG.md's section of a
# release, from `codegen diff` (VERSION defaults to the version the changes imply).
changelog: $(ON_PATH)
	$(PY) tools/changelog.py $(if $(VERSION),--version $(VERSION)) $(if $(SINCE),--since $(SINCE))
# `make dist`: both wheels into dist/: the package `catalog` (stdlib only, from generated/) and
# the generator `catalog-codegen` (from codegen-dist/, built from a copy with its links followed,
# so that no build/ or *.egg-info lands in the repository).
dist: $(READY)
	rm -rf dist build/catalog-codegen
	$(PY) -m build --wheel --outdir dist .
	mkdir -p build
	cp -RL codegen-dist build/catalog-codegen
	find build/catalog-codegen -name __pycache__ -prune -exec rm -rf {} +
	$(PY) -m build --wheel --outdir dist build/catalog-codegen

typecheck: $(ON_PATH)
	$(PY) -m mypy codegen generated/catalog examples runtime tools
	$(PY) -m pyright codegen generated/catalog examples runtime

# In parallel (pytest-xdist): every test works in its own temporary directory.
# The runtime tests on the other supported versions first; the whole suite on this one.
test: lint check typecheck
	$(PY) tests/pythons.py --others
	$(PY) -m pytest -n auto

# The runtime tests on every supported CPython found (pyenv's, or python3.X on PATH), each in
# a small venv under .venv-pythons/; says which versions it skipped.
test-pythons: $(ON_PATH)
	$(PY) tests/pythons.py

# `make bench`: every figure on this Python; `make bench-pythons`: then the run-time figures
# (1-4) again under each other supported CPython found (pyenv's, or python3.X on PATH).
bench: $(ON_PATH)
	$(PY) benchmarks/run.py

bench-pythons: $(ON_PATH)
	$(PY) benchmarks/run.py --pythons

clean:
	rm -rf $(VENV) .venv-pythons build dist .pytest_cache .mypy_cache .hypothesis
