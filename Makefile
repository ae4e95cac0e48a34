# panjshir_toolkit: the two commands a fresh machine needs are `make lab` and `make test`.
.DEFAULT_GOAL := help
VENV   := .venv
PY     := $(VENV)/bin/python
# Jupyter refuses to start as root (containers, CI machines) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help bootstrap lab classroom test test-fast demo eval bench notebooks clean

help:
	@echo "make lab    set everything up and open JupyterLab on notebooks/"
	@echo "make test   set everything up and run the whole test suite (notebooks and browser test included)"
	@echo "make classroom  the classroom exercises as a Voila dashboard"
	@echo "make demo   analyse data/ and write the tables and an executed notebook to results/"
	@echo "make eval   score attribution and figures against annotated data (../shared/eval)"
	@echo "make bench  speed and memory benchmark on ../shared/corpora"

bootstrap:
	@scripts/bootstrap.sh

lab: bootstrap
	$(VENV)/bin/jupyter lab notebooks/ $(ROOT_FLAG)

classroom: bootstrap
	$(VENV)/bin/voila notebooks/04_classroom.ipynb

test: bootstrap
	@scripts/ensure_browser.sh || echo "make test: no Chromium; the browser tests will skip (or fail where CI is set)"
	$(PY) -m pytest

test-fast: bootstrap
	$(PY) -m pytest tests -m "not browser and not slow" -o addopts=-ra

demo: bootstrap
	$(VENV)/bin/panjshir-toolkit analyze data/ --out results/tables
	$(VENV)/bin/jupyter nbconvert --to html --execute notebooks/01_quickstart.ipynb --output-dir results/
	@echo "demo: tables in results/tables/, executed notebook in results/01_quickstart.html"

eval: bootstrap
	$(PY) scripts/eval_attribution.py --split dev
	$(PY) scripts/eval_figures.py

bench: bootstrap
	$(PY) scripts/bench.py

notebooks: bootstrap
	$(VENV)/bin/jupytext --sync notebooks/*.ipynb

clean:
	rm -rf results .pytest_cache tests/artifacts
