"""CTranslate2: the CPU engine generation uses by default, on an int8 copy of the run.

    from museumguide.model.fast import load_fast
    run = load_fast("artifacts/smollm2-135m-cpu")    # converts once, then loads in a fraction of a second
    run.model.generate([prompt_ids], n=4, temperature=0.7, seed=0)

Why this engine: it installs as a prebuilt wheel (PyPI ``ctranslate2``), runs int8 matrix
products with kernels made for CPUs, stops on a list of token ids, and applies its repetition
penalty and no-repeat rule to the generated tokens only when the prompt is forwarded first
(``include_prompt_in_result=False``): the guide's own words, as the project's rules want
(``museumguide.model.decoding``). llama.cpp writes faster still but has no wheel to install.

How it is driven, and why:

- **One single-threaded worker per core** (up to 4), each its own ``Generator`` and copy of the
  weights; a model over ``ONE_WORKER_ABOVE`` gets one worker on all cores. On a model this small a
  second thread inside one matrix product costs more than it gives (bench/inference_cpu.py), while
  two independent streams use both cores fully. Each job is one prompt and its candidates as the
  engine's ``num_hypotheses``: the prompt is read once and its state copied to every candidate.
  Never several prompts in one batch: the engine decodes the tail of the longer prompts of a
  mixed-length batch as if generated, where the penalties would count it. With fewer prompts
  than workers a prompt's candidates are split between them.
- **Seeds**: the engine draws from a random generator per worker thread, seeded once when the
  thread first samples. So a seeded call starts fresh workers, seeds each (``seed`` plus its
  index) by drawing one token, and hands out jobs in a fixed order: the same seed, prompts and
  candidates give the same texts, as the transformers path does.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from museumguide.model.decoding import ENGINE_TOP_K

ENGINE = "ctranslate2"
QUANTIZATION = "int8"
"""What the run is converted to: int8 was the fastest on the AVX-512 class (bench/inference_cpu.py)."""
ONE_WORKER_ABOVE = 2e9
"""Bytes of converted weights above which one worker uses every core instead of one worker per core."""


def available() -> bool:
    """Whether CTranslate2 is installed (the ``fast`` extra; ``make`` installs it)."""
    import importlib.util

    return importlib.util.find_spec("ctranslate2") is not None


def cores() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class Engine:
    """A pool of CTranslate2 generators over one converted model, generating in token ids."""

    def __init__(self, model_dir: Path, tokenizer, stop_ids: list[int], workers: int | None = None):
        self.model_dir = Path(model_dir)
        self.tokenizer = tokenizer
        self.stop_ids = list(stop_ids)
        # A copy of the weights per worker: cheap for a 135M model, not for a 7B one (7 GB in int8).
        small = (self.model_dir / "model.bin").stat().st_size < ONE_WORKER_ABOVE
        self.workers = workers or (min(cores(), 4) if small else 1)
        self.threads = max(1, cores() // self.workers)
        self._lock = threading.Lock()
        self._pool = self._start(None)

    def _start(self, seed: int | None) -> list:
        import ctranslate2

        pool = []
        for i in range(self.workers):
            gen = ctranslate2.Generator(str(self.model_dir), device="cpu", compute_type=QUANTIZATION,
                                        inter_threads=1, intra_threads=self.threads)
            if seed is not None:
                ctranslate2.set_random_seed(seed + i)
                # The worker's random generator is made, from the seed just set, at its first draw.
                gen.generate_batch([self._tokens([self.stop_ids[0]])], max_length=1, sampling_topk=2,
                                   include_prompt_in_result=False)
            pool.append(gen)
        return pool

    def _tokens(self, ids: list[int]) -> list[str]:
        return self.tokenizer.convert_ids_to_tokens(ids)

    def generate(self, prompts: list[list[int]], n: int = 1, temperature: float = 0.7, top_p: float = 0.9,
                 repetition_penalty: float = 1.0, no_repeat_ngram: int = 0, max_new_tokens: int = 300,
                 seed: int | None = None, own: list[int] | None = None) -> list[list[tuple[list[int], int | None]]]:
        """``n`` continuations of each prompt (token ids in, ids out): per prompt, a list of
        (generated ids without the stop token, the stop id or None when it ran out).
        ``own``: per prompt, how many of its last tokens are the guide's own (an opening it
        continues): no ``no_repeat_ngram`` of them is written again."""
        # Jobs: (prompt index, rows); a lone prompt's candidates go to several workers.
        split = self.workers if len(prompts) < self.workers else 1
        jobs = [(i, k) for i in range(len(prompts)) for k in _shares(n, split) if k]
        options = dict(max_length=max_new_tokens, include_prompt_in_result=False, end_token=self.stop_ids,
                       return_end_token=True, repetition_penalty=repetition_penalty,
                       no_repeat_ngram_size=no_repeat_ngram)
        if temperature > 0:
            options.update(sampling_topk=ENGINE_TOP_K, sampling_topp=top_p, sampling_temperature=temperature)
        with self._lock:  # one call at a time: a seeded call replaces the workers
            if seed is not None:
                self._pool = []  # the old workers' memory goes before the new ones load
                self._pool = self._start(seed)
            pending = [self._pool[w].generate_batch(
                [self._tokens(prompts[i])], num_hypotheses=k, asynchronous=True,
                suppress_sequences=self._windows(prompts[i][len(prompts[i]) - own[i]:], no_repeat_ngram) if own else None,
                **options) for w, (i, k) in zip(self._assign(prompts, jobs, max_new_tokens), jobs)]
            rows: list[list] = [[] for _ in prompts]
            for (i, _), (result,) in zip(jobs, pending):
                for ids in result.result().sequences_ids:
                    ids = list(ids)
                    stop = ids.pop() if ids and ids[-1] in self.stop_ids else None
                    rows[i].append((ids, stop))
        return rows

    def _assign(self, prompts: list[list[int]], jobs: list[tuple[int, int]], max_new_tokens: int) -> list[int]:
        """A worker for each job: the least loaded so far by estimated cost (tokens read and
        written), longest first. A function of the inputs alone, so a seeded call always hands
        each worker the same jobs in the same order (its random stream is its own)."""
        loads, chosen = [0] * self.workers, [0] * len(jobs)
        # A rough weight: reading a prompt token costs a small fraction of writing one.
        cost = [len(prompts[i]) / 8 + k * max_new_tokens / 2 for i, k in jobs]
        for j in sorted(range(len(jobs)), key=lambda j: -cost[j]):
            chosen[j] = min(range(self.workers), key=loads.__getitem__)
            loads[chosen[j]] += cost[j]
        return chosen

    def _windows(self, ids: list[int], size: int) -> list[list[str]] | None:
        """Every ``size``-token phrase of ``ids``, as the engine bans sequences: its no-repeat rule
        sees generated tokens only, so an opening's phrases are banned this way (per job: one prompt)."""
        phrases = {tuple(ids[i:i + size]) for i in range(len(ids) - size + 1)} if size else set()
        return [self._tokens(list(p)) for p in sorted(phrases)] or None

    def mean_logprobs(self, prefix: list[int], continuations: list[list[int]]) -> list[float]:
        """The model's mean log-probability per token of each continuation after ``prefix``."""
        with self._lock:
            results = self._pool[0].score_batch([self._tokens(prefix + c) for c in continuations])
        return [sum(r.log_probs[-len(c):]) / len(c) if c else float("-inf")
                for r, c in zip(results, continuations)]


def _shares(n: int, parts: int) -> list[int]:
    """``n`` rows in ``parts`` near-equal shares, larger first."""
    return [n // parts + (i < n % parts) for i in range(parts)]


def load_fast(run_dir: Path, tokenizer=None):
    """The run as a CTranslate2 ``Run`` (``backend="ctranslate2"``), converting it first when its
    copy is missing or was made from other weights (``museumguide.model.export``)."""
    from transformers import AutoTokenizer, GenerationConfig

    from museumguide.model import export
    from museumguide.model.runs import Run

    run_dir = Path(run_dir)
    folder = export.ctranslate2_dir(run_dir, QUANTIZATION)
    if export.converted_from(folder) != export.fingerprint(run_dir):
        print(f"converting {run_dir.name} for CTranslate2 into {folder} (once per trained run)", file=sys.stderr,
              flush=True)
        export.export_ctranslate2(run_dir, folder, QUANTIZATION, force=True)
    tokenizer = tokenizer or AutoTokenizer.from_pretrained(run_dir)
    eos = GenerationConfig.from_pretrained(run_dir).eos_token_id
    stops = [eos] if isinstance(eos, int) else list(eos or [])
    return Run(Engine(folder, tokenizer, stops), tokenizer, run_dir, "cpu", backend=ENGINE)
