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

NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: venv notebooks reports test test-unit test-notebooks lab lint data-cbs benchmark clean

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	mkdir -p $(IPYTHONDIR) $(MPLCONFIGDIR) $(JUPYTER_RUNTIME_DIR) $(JUPYTER_CONFIG_DIR)
	touch $(STAMP)

# Re-execute the committed notebooks in place on the default data (after changing a helper or data).
NB ?= notebooks/*.ipynb
notebooks: $(STAMP)
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace $(NB)

reports: $(STAMP)
	$(PY) -m helpers.run

test: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile tests notebooks $(NBVAL)

test-unit: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile tests

test-notebooks: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile notebooks $(NBVAL)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests notebooks benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root,)

GEMEENTE ?= Maastricht
JAAR ?= 2019
data-cbs: $(STAMP)
	$(PY) -m helpers.data.cbs fetch --gemeente "$(GEMEENTE)" --jaar $(JAAR)

benchmark: $(STAMP)
	$(PY) benchmarks/bench_decompose.py

clean:
	rm -rf $(BUILD) reports/*.html reports/executed reports/tabellen .pytest_cache

# Jeugdhulp per gemeente (notebooks/jeugdhulp_gemeenten_2022.ipynb) for every gemeente of a region
# (REGIO=JZ41, PV31 or a name such as Zuid-Limburg) or of a list (GEMEENTEN="GM0935 GM0917"),
# each in its own folder under reports/gemeenten/, with progress and a summary; WARM=1 runs
# them in one warm kernel per core without HTML pages (fast, for many gemeenten).
.PHONY: gemeenten benchmark-gemeenten
GEMEENTEN_NB := notebooks/jeugdhulp_gemeenten_2022.ipynb
gemeenten: $(STAMP)
	@codes="$(GEMEENTEN)"; \
	if [ -n "$(REGIO)" ]; then codes=$$($(PY) -m helpers.data.gebieden "$(REGIO)") || exit 1; fi; \
	test -n "$$codes" || { echo 'Geef REGIO=JZ41 (of PV31, Zuid-Limburg) of GEMEENTEN="GM0935 GM0917".' >&2; exit 2; }; \
	$(PY) -m helpers.run $(GEMEENTEN_NB) -o "$(CURDIR)/reports/gemeenten/$(or $(REGIO),lijst)" $(if $(WARM),--warm,) -g gemeente $$codes

benchmark-gemeenten: $(STAMP)
	$(PY) benchmarks/bench_gemeenten.py $(BENCH_ARGS)
