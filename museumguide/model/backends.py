"""Which engine generates: ONNX Runtime GenAI on a CPU where it is installed, else transformers.

    from museumguide.model.backends import load_run
    run = load_run("artifacts/smollm2-135m-cpu")                          # the default for this machine
    run = load_run("artifacts/smollm2-135m-cpu", backend="transformers")  # the 4-bit path, as trained

On a GPU the run loads with transformers, 4-bit as trained. On a CPU the default is the
ONNX Runtime engine (``museumguide.model.fast``: an int8 copy of the run, converted once and kept
in the run's folder); where it is not installed, or the copy cannot be made, transformers. The
choice is printed once per process, on stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from museumguide.model.runs import Run, find_run

BACKENDS = ("transformers", "onnxruntime")
_SAID: set[tuple] = set()


def resolve(backend: str | None, device: str | None = None) -> str:
    """The engine for ``backend`` (None: this machine's default)."""
    if backend is not None and backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    from museumguide.model import fast

    if backend is not None:
        if backend == fast.ENGINE and not fast.available():
            raise ValueError(f"backend={fast.ENGINE!r} needs ONNX Runtime GenAI: pip install 'museumguide[fast]'")
        return backend
    if not fast.available() or device == "cuda":
        return "transformers"
    return fast.ENGINE if device == "cpu" or not _has_cuda() else "transformers"


def _has_cuda() -> bool:
    """Whether an NVIDIA GPU is there, asked of its driver (importing torch to ask would cost a
    CPU run 0.3 GB for nothing)."""
    gpus = Path("/proc/driver/nvidia/gpus")
    return gpus.is_dir() and any(gpus.iterdir())


def load_run(adapter: str | os.PathLike | None = None, backend: str | None = None,
             device: str | None = None) -> Run:
    """The run (``adapter``, ``$MUSEUMGUIDE_ADAPTER`` or the newest in artifacts/) on ``backend``."""
    from museumguide.model import fast, runs

    run_dir = find_run(adapter).resolve()
    chosen = resolve(backend, device)
    if chosen == fast.ENGINE:
        try:
            run = runs.cached((str(run_dir), chosen), lambda: fast.load_fast(run_dir))
        except Exception as exc:  # noqa: BLE001 - a default may fall back; a request may not
            if backend is not None:
                raise
            _say(f"museumguide: ONNX Runtime could not load {run_dir.name} ({exc}); using transformers")
            return runs.load_run(run_dir, device=device)
        _say(f"museumguide: generating with ONNX Runtime ({fast.QUANTIZATION}, {run.model.threads} threads) on the CPU; "
             "backend='transformers' for the 4-bit path")
        return run
    run = runs.load_run(run_dir, device=device)
    _say(f"museumguide: generating with transformers on {run.device}")
    return run


def _say(line: str) -> None:
    if line not in _SAID:
        _SAID.add(line)
        print(line, file=sys.stderr, flush=True)
