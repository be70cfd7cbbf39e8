# Two commands on a fresh clone:  make reports  ·  make test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BUILD := $(CURDIR)/.build

# Jupyter, IPython and matplotlib write under $HOME: keep that inside the build.
export IPYTHONDIR := $(BUILD)/ipython
export MPLCONFIGDIR := $(BUILD)/matplotlib
export JUPYTER_RUNTIME_DIR := $(BUILD)/jupyter-runtime
export JUPYTER_CONFIG_DIR := $(BUILD)/jupyter-config
export PYDEVD_DISABLE_FILE_VALIDATION := 1

help:  ## this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: help venv notebooks reports pdf test test-unit test-notebooks lab lint format data-cbs benchmark clean

venv: $(STAMP)  ## create .venv from the pinned requirements (runtime + development)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	mkdir -p $(IPYTHONDIR) $(MPLCONFIGDIR) $(JUPYTER_RUNTIME_DIR) $(JUPYTER_CONFIG_DIR)
	touch $(STAMP)

# Re-execute the committed notebooks in place on the default data (after changing a helper or data).
NB ?= notebooks/*.ipynb
notebooks: $(STAMP)  ## re-execute committed notebooks in place on the default data (NB=…)
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace $(NB)

# Re-executes only the notebooks whose inputs changed (notebook, parameters, helpers, data,
# requirements); FORCE=1 re-runs them all.
reports: $(STAMP)  ## run changed notebooks (FORCE=1: all) and render the review site in reports/
	$(PY) -m helpers.run $(if $(FORCE),--force,)

# One PDF of all chapters (reports/rapport.pdf), printed by headless chromium (apt-get install chromium).
pdf: reports  ## one PDF of all chapters (reports/rapport.pdf) with headless chromium
	$(PY) -m helpers.site.pdf
	$(PY) -m helpers.run  # nothing re-runs: the landing page now links the PDF

# Without chromium the browser and PDF tests are skipped: say so loudly, before and after.
CHROMIUM := $(shell command -v chromium || command -v chromium-browser)
NO_CHROMIUM := echo "!!! chromium ontbreekt: browsertest en pdf-test OVERGESLAGEN. Installeer: apt-get install chromium"

test: $(STAMP)  ## unit tests + nbval on every committed notebook
	@$(if $(CHROMIUM),true,$(NO_CHROMIUM))
	$(PY) -m pytest -n 2 --dist loadfile tests notebooks $(NBVAL)
	@$(if $(CHROMIUM),true,$(NO_CHROMIUM))

test-unit: $(STAMP)  ## unit tests only
	$(PY) -m pytest -n 2 --dist loadfile tests

test-notebooks: $(STAMP)  ## nbval on the committed notebooks only
	$(PY) -m pytest -n 2 --dist loadfile notebooks $(NBVAL)

lint: $(STAMP)  ## ruff check and format check (code and notebooks)
	$(VENV)/bin/ruff check src tests notebooks benchmarks
	$(VENV)/bin/ruff format --check src tests notebooks benchmarks

format: $(STAMP)  ## ruff fix and format (code and notebooks; outputs untouched)
	$(VENV)/bin/ruff check --fix src tests notebooks benchmarks
	$(VENV)/bin/ruff format src tests notebooks benchmarks

lab: $(STAMP)  ## JupyterLab on the repository, helpers importable
	$(VENV)/bin/jupyter lab --notebook-dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root,)

GEMEENTE ?= Maastricht
JAAR ?= 2019
data-cbs: $(STAMP)  ## fetch CBS tables into data/cbs/ (GEMEENTE=…, JAAR=…; needs internet)
	$(PY) -m helpers.data.cbs fetch --gemeente "$(GEMEENTE)" --jaar $(JAAR)

benchmark: $(STAMP)  ## benchmark scripts (not timed tests)
	$(PY) benchmarks/bench_decompose.py

clean:  ## remove build state and rendered reports
	rm -rf $(BUILD) reports/*.html reports/*.pdf reports/*.js reports/*.json reports/executed reports/tabellen .pytest_cache

# Jeugdhulp per gemeente (notebooks/jeugdhulp_gemeenten_2022.ipynb) for every gemeente of a region
# (REGIO=JZ41, PV31 or a name such as Zuid-Limburg) or of a list (GEMEENTEN="GM0935 GM0917"),
# each in its own folder under reports/gemeenten/, with progress and a summary; WARM=1 runs
# them in one warm kernel per core without HTML pages (fast, for many gemeenten).
.PHONY: gemeenten benchmark-gemeenten
GEMEENTEN_NB := notebooks/jeugdhulp_gemeenten_2022.ipynb
gemeenten: $(STAMP)  ## jeugdhulp per gemeente for a region or list (REGIO=JZ41 or GEMEENTEN="GM0935 …"; WARM=1)
	@codes="$(GEMEENTEN)"; \
	if [ -n "$(REGIO)" ]; then codes=$$($(PY) -m helpers.data.gebieden "$(REGIO)") || exit 1; fi; \
	test -n "$$codes" || { echo 'Geef REGIO=JZ41 (of PV31, Zuid-Limburg) of GEMEENTEN="GM0935 GM0917".' >&2; exit 2; }; \
	$(PY) -m helpers.run $(GEMEENTEN_NB) -o "$(CURDIR)/reports/gemeenten/$(or $(REGIO),lijst)" $(if $(WARM),--warm,) -g gemeente $$codes

benchmark-gemeenten: $(STAMP)  ## benchmark: the gemeenten notebook for all gemeenten
	$(PY) benchmarks/bench_gemeenten.py $(BENCH_ARGS)
