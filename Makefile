# Two commands set everything up on a fresh Debian machine with Python 3.11:
#   make run   -> the dashboard on the embedded DuckDB with synthetic demo data
#   make test  -> the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DB     ?= data/lcrs.duckdb
PORT   ?= 8501
# DEMO=1 builds a new database with the synthetic demo set; DEMO=0 builds an empty one for real data
DEMO   ?= 1

.PHONY: run test bench db clean browser-deps

# the runtime list (requirements.txt), every indirect package pinned (constraints.txt)
$(VENV)/.installed: requirements.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

# the tests add their own packages (requirements-test.txt)
$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt constraints.txt
	$(PY) -m pip install --quiet -r requirements-test.txt -c constraints.txt
	touch $@

$(DB): | $(VENV)/.installed
	$(PY) -m data init $(if $(filter 1,$(DEMO)),--demo,) --db $(DB)

db: $(VENV)/.installed $(DB)
	$(PY) -m data init --db $(DB)

run: db
	LCRS_DB=$(DB) $(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

test: $(VENV)/.installed-test
	$(PY) -m pytest -n 2 -q tests

bench: $(VENV)/.installed
	$(PY) -m bench $(if $(filter 0,$(BROWSER)),--no-browser,)

clean:
	rm -rf $(VENV) $(DB)
