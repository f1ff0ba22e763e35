"""Keeping CPU training within a laptop's memory.

Two things, measured with ``bench/train_cpu.py`` (figures in docs/benchmarks.md):

* glibc's allocator keeps freed blocks in its heap for reuse, and its threshold for giving big
  blocks their own mapping rises as the program frees them (mallopt(3), "dynamic mmap
  threshold"). A training step allocates and frees hundreds of activation tensors of 1-10 MB,
  so the process ends up holding gigabytes it no longer uses. Fixing the threshold at 4 MiB
  gives every tensor from that size up its own mapping, returned to the system when freed
  (1-2 MiB saves more memory still but makes steps ~30% slower: the 3 MB hidden-state tensors
  then pay for fresh pages every time).
* TRL computes the loss in tiles of the LM head (tokens x vocabulary). Its vocabulary tile of
  32,768 columns makes each fp32 tile, and its elementwise temporaries, over 100 MB for one CPU
  batch; 4,096 columns computes the same sums in smaller pieces. On a CPU it also scores the
  prompt positions, whose labels are masked; scoring only the completion saves their work.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys

M_MMAP_THRESHOLD = -3  # from <malloc.h>
MMAP_THRESHOLD_BYTES = 4 << 20
HEAD_TILE_COLUMNS = 4096


@functools.lru_cache(maxsize=1)
def _glibc():
    """The C library if it is glibc on Linux, else None (macOS and musl have their own policies)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def release_freed_memory() -> bool:
    """Fix glibc's mmap threshold so big freed blocks go back to the system; False without glibc."""
    libc = _glibc()
    return bool(libc and libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))


def trim() -> None:
    """Hand the free pages inside glibc's heap back to the system (after loading the model,
    whose full-precision weights were freed once quantised, and after each step)."""
    libc = _glibc()
    if libc:
        libc.malloc_trim(0)


def trim_callback():
    """A Trainer callback that trims the heap after every optimizer step."""
    from transformers import TrainerCallback

    class Trim(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            trim()

    return Trim()


def lighter_loss_head(columns: int = HEAD_TILE_COLUMNS) -> None:
    """Compute TRL's chunked loss in vocabulary tiles of ``columns``, over completion positions
    only. Both are module-level names of TRL 1.16's ``trl.trainer.utils``, read on every call;
    where a TRL version lacks them, nothing changes."""
    import trl.trainer.utils as trl_utils

    if hasattr(trl_utils, "_CHUNKED_LOGPROB_CHUNK_SIZE"):
        trl_utils._CHUNKED_LOGPROB_CHUNK_SIZE = columns
    if hasattr(trl_utils, "_use_triton"):
        # TRL scores only the positions that carry a label where Triton runs, and every position
        # elsewhere so that accelerators compiling per shape see one shape. Eager CPU code has no
        # such cost, and the prompt (masked out of the loss) is ~40% of each sequence here. This
        # name is used for that one choice in trl.trainer.utils; the kernels keep their own.
        trl_utils._use_triton = lambda device: True
