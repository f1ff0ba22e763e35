"""ONNX Runtime GenAI: the CPU engine generation uses by default, on an int8 copy of the run.

    from museumguide.model.fast import load_fast
    run = load_fast("artifacts/smollm2-135m-cpu")    # converts once, then loads in a fraction of a second
    run.model.generate([prompt_ids], n=4, temperature=0.7, seed=0)

Why this engine: it installs as prebuilt wheels (PyPI ``onnxruntime-genai``, on ONNX Runtime),
converts a merged transformers model with its own builder, and its int8 kernels use both cores
for one stream: on the demo's run one greedy guide came 4.5x as fast as on the transformers 4-bit
path and 2.3x as fast as CTranslate2 at its best, and 4 candidates about as fast as CTranslate2's
(bench/engines_cpu.py, docs/benchmarks.md). Its int4 copy writes faster per token but longer
texts on a model this small (7 of 12 candidates stopped on ``<END>``, against 12 of 12), so no
guide comes sooner.

How it is driven, and why:

- **The engine runs the model; the choice of each token is ours.** Every step reads the logits,
  applies the project's rules (``museumguide.model.decoding``) in numpy, and forces the chosen
  token back (``set_logits``). So the repetition penalty and the no-repeat rule count the
  guide's own words only, the opening it continues included, exactly as on the transformers path;
  a seed gives the same text on any machine (numpy's generator, seeded per prompt); and the
  log-probability of every token written is kept, for breaking ties between candidates.
- **One prompt a batch, its candidates the rows**, on every core: the engine batches rows of one
  length, and a prompt's copies are that.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

from museumguide.model.decoding import ENGINE_TOP_K

ENGINE = "onnxruntime"
QUANTIZATION = "int8"
"""What the run is converted to: int8 (int4 ran on past ``<END>`` on the 135M model; bench/engines_cpu.py)."""


def available() -> bool:
    """Whether ONNX Runtime GenAI is installed (the ``fast`` extra; ``make`` installs it)."""
    import importlib.util

    return importlib.util.find_spec("onnxruntime_genai") is not None


def cores() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class Engine:
    """One ONNX Runtime GenAI model over a converted run, generating in token ids."""

    def __init__(self, model_dir: Path, stop_ids: list[int], threads: int | None = None):
        import onnxruntime_genai as og

        self.model_dir = Path(model_dir)
        self.stop_ids = list(stop_ids)
        self.threads = threads or cores()
        config = og.Config(str(self.model_dir))
        # ONNX Runtime's default is one thread per physical core: one on a 2-vCPU machine.
        config.overlay(json.dumps({"model": {"decoder": {"session_options": {"intra_op_num_threads": self.threads}}}}))
        self._og = og
        self._model = og.Model(config)
        self._lock = threading.Lock()
        self._logprobs: dict[tuple, list[float]] = {}

    def generate(self, prompts: list[list[int]], n: int = 1, temperature: float = 0.7, top_p: float = 0.9,
                 repetition_penalty: float = 1.0, no_repeat_ngram: int = 0, max_new_tokens: int = 300,
                 seed: int | None = None, own: list[int] | None = None) -> list[list[tuple[list[int], int | None]]]:
        """``n`` continuations of each prompt (token ids in, ids out): per prompt, a list of
        (generated ids without the stop token, the stop id or None when it ran out).
        ``own``: per prompt, how many of its last tokens are the guide's own (an opening it
        continues): penalised and not repeated as the guide's words are."""
        import numpy as np

        rows = []
        with self._lock:  # one model, one batch at a time
            self._logprobs = {}
            for i, prompt in enumerate(prompts):
                rng = np.random.default_rng(None if seed is None else [seed, i])
                rule = Rules(prompt[len(prompt) - own[i]:] if own else [], n, repetition_penalty, no_repeat_ngram)
                out = self._run(prompt, n, max_new_tokens, rule, temperature, top_p, rng)
                rows.append([(ids, stop) for ids, stop, _ in out])
                for ids, stop, logprobs in out:
                    self._logprobs[(tuple(prompt), tuple(ids + ([] if stop is None else [stop])))] = logprobs
        return rows

    def _run(self, prompt: list[int], n: int, max_new: int, rule: "Rules", temperature: float, top_p: float, rng):
        import numpy as np

        params = self._og.GeneratorParams(self._model)
        params.set_search_options(max_length=len(prompt) + max_new + 1, batch_size=n, do_sample=False,
                                  repetition_penalty=1.0)
        gen = self._og.Generator(self._model, params)
        gen.append_tokens(np.array([prompt] * n, dtype=np.int32))
        out = [([], None, []) for _ in range(n)]
        done = np.zeros(n, dtype=bool)
        for _ in range(max_new):
            logits = np.asarray(gen.get_logits(), dtype=np.float32).reshape(n, -1)
            scores = rule.apply(logits.copy())
            choice = scores.argmax(1) if temperature <= 0 else _draw(np, scores / temperature, top_p, rng)
            logprobs = logits[np.arange(n), choice] - _logsumexp(np, logits)
            for r in np.flatnonzero(~done):
                token = int(choice[r])
                if token in self.stop_ids:
                    out[r] = (out[r][0], token, out[r][2] + [float(logprobs[r])])
                    done[r] = True
                else:
                    out[r][0].append(token)
                    out[r][2].append(float(logprobs[r]))
                    rule.add(r, token)
            if done.all():
                break
            forced = np.full_like(logits, -1e9)
            forced[np.arange(n), choice] = 0.0
            gen.set_logits(forced)  # the engine takes our token and runs the model on it
            gen.generate_next_token()
        return out

    def mean_logprobs(self, prefix: list[int], continuations: list[list[int]]) -> list[float]:
        """The model's mean log-probability per token of each continuation after ``prefix``: kept
        from generation where it wrote them, else read by running the model over them."""
        scores = []
        for cont in continuations:
            if not cont:
                scores.append(float("-inf"))
                continue
            kept = self._logprobs.get((tuple(prefix), tuple(cont)))
            logprobs = kept if kept is not None else self._score(prefix, cont)
            scores.append(sum(logprobs) / len(logprobs))
        return scores

    def _score(self, prefix: list[int], cont: list[int]) -> list[float]:
        import numpy as np

        with self._lock:
            params = self._og.GeneratorParams(self._model)
            params.set_search_options(max_length=len(prefix) + len(cont) + 1, batch_size=1, do_sample=False)
            gen = self._og.Generator(self._model, params)
            gen.append_tokens(np.array([prefix], dtype=np.int32))
            out = []
            for token in cont:  # one row: each token is appended after its score is read
                logits = np.asarray(gen.get_logits(), dtype=np.float32).reshape(1, -1)
                out.append(float(logits[0, token] - _logsumexp(np, logits)[0]))
                gen.append_tokens(np.array([[token]], dtype=np.int32))
        return out


class Rules:
    """The repetition penalty and no-repeat n-gram rule over each row's own tokens, as
    transformers applies them (``RepetitionPenaltyLogitsProcessor``, ``NoRepeatNGramLogitsProcessor``)."""

    def __init__(self, opening: list[int], rows: int, penalty: float, ngram: int):
        self.penalty, self.ngram = penalty, ngram
        self.tokens = [list(opening) for _ in range(rows)]
        self.seen: list[dict[tuple, set]] = [{} for _ in range(rows)]
        for r in range(rows):
            for i in range(len(opening)):
                self._note(r, i)

    def add(self, row: int, token: int) -> None:
        self.tokens[row].append(token)
        self._note(row, len(self.tokens[row]) - 1)

    def _note(self, row: int, end: int) -> None:
        """Record the n-gram that ends at position ``end`` of the row."""
        if self.ngram and end >= self.ngram - 1:
            seq = self.tokens[row]
            self.seen[row].setdefault(tuple(seq[end - self.ngram + 1:end]), set()).add(seq[end])

    def apply(self, scores):
        for r, seq in enumerate(self.tokens):
            if seq and self.penalty != 1.0:
                ids = list(set(seq))
                own = scores[r, ids]
                scores[r, ids] = _penalise(own, self.penalty)
            if self.ngram and len(seq) >= self.ngram - 1:
                banned = self.seen[r].get(tuple(seq[len(seq) - self.ngram + 1:]) if self.ngram > 1 else ())
                if banned:
                    scores[r, list(banned)] = float("-inf")
        return scores


def _penalise(scores, penalty: float):
    import numpy as np

    return np.where(scores < 0, scores * penalty, scores / penalty)


def _draw(np, scores, top_p: float, rng):
    """One token per row: from the nucleus (``top_p``) of the ``ENGINE_TOP_K`` likeliest."""
    k = min(ENGINE_TOP_K, scores.shape[1] - 1)
    out = []
    for row in scores:
        top = np.argpartition(-row, k)[:k]
        top = top[np.argsort(-row[top], kind="stable")]
        p = np.exp(row[top] - row[top[0]])
        p /= p.sum()
        keep = min(int(np.searchsorted(np.cumsum(p), top_p)) + 1, k)
        out.append(top[rng.choice(keep, p=p[:keep] / p[:keep].sum())])
    return np.array(out)


def _logsumexp(np, logits):
    top = logits.max(1)
    return top + np.log(np.exp(logits - top[:, None]).sum(1))


def load_fast(run_dir: Path, tokenizer=None):
    """The run as an ONNX Runtime ``Run`` (``backend="onnxruntime"``), converting it first when its
    copy is missing or was made from other weights (``museumguide.model.export``)."""
    from transformers import AutoTokenizer, GenerationConfig

    from museumguide.model import export
    from museumguide.model.runs import Run

    run_dir = Path(run_dir)
    folder = export.onnx_dir(run_dir, QUANTIZATION)
    if export.converted_from(folder) != export.fingerprint(run_dir):
        print(f"converting {run_dir.name} for ONNX Runtime into {folder} (once per trained run)", file=sys.stderr,
              flush=True)
        export.export_onnx(run_dir, folder, QUANTIZATION, force=True)
    tokenizer = tokenizer or AutoTokenizer.from_pretrained(run_dir)
    eos = GenerationConfig.from_pretrained(run_dir).eos_token_id
    stops = [eos] if isinstance(eos, int) else list(eos or [])
    return Run(Engine(folder, stops), tokenizer, run_dir, "cpu", backend=ENGINE)
