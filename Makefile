# Two commands do all the set-up on a fresh machine (CPU only, package registries only):
#   make demo   - install, then run the pipeline on the bundled real Met records
#   make test   - install, then run the whole test suite (CI runs this)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean-outputs

$(STAMP): pyproject.toml Makefile
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# The CPU build of torch lies on disk here; a bare `torch` would pull the CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[train,eval,dev]'
	touch $@

demo: $(STAMP)
	$(PY) -m museumguide.collect --from-file data/raw/met-sample/objects.jsonl
	$(PY) -m museumguide.scripts --no-progress

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/collect.py

clean-outputs:
	rm -f data/raw/objects.jsonl data/raw/failures.jsonl
	find data/processed -type f ! -name .gitkeep -delete
