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

.PHONY: venv notebooks reports pdf test test-unit test-notebooks lab lint data-cbs benchmark clean

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

# Re-executes only the notebooks whose inputs changed (notebook, parameters, helpers, data,
# requirements); FORCE=1 re-runs them all.
reports: $(STAMP)
	$(PY) -m helpers.run $(if $(FORCE),--force,)

# One PDF of all chapters (reports/rapport.pdf), printed by headless chromium (apt-get install chromium).
pdf: reports
	$(PY) -m helpers.site.pdf
	$(PY) -m helpers.run  # nothing re-runs: the landing page now links the PDF

# Without chromium the browser and PDF tests are skipped: say so loudly, before and after.
CHROMIUM := $(shell command -v chromium || command -v chromium-browser)
NO_CHROMIUM := echo "!!! chromium ontbreekt: browsertest en pdf-test OVERGESLAGEN. Installeer: apt-get install chromium"

test: $(STAMP)
	@$(if $(CHROMIUM),true,$(NO_CHROMIUM))
	$(PY) -m pytest -n 2 --dist loadfile tests notebooks $(NBVAL)
	@$(if $(CHROMIUM),true,$(NO_CHROMIUM))

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
	rm -rf $(BUILD) reports/*.html reports/*.pdf reports/*.js reports/*.json reports/executed reports/tabellen .pytest_cache
