"""The machine a benchmark ran on, printed beside every timing: CPU model, the SIMD flags that
decide which dtype is fast, cores, and measured matmul GFLOP/s in fp32 and bf16."""

from __future__ import annotations

import os
import platform
import time

FLAGS = ("avx2", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile")


def cpu_flags() -> list[str]:
    """The flags of FLAGS this CPU has (read as ``museumguide.model.runs`` reads them to choose)."""
    from museumguide.model.runs import cpu_flags as present

    flags = present()
    return [f for f in FLAGS if f in flags]


def matmul_gflops(dtype_name: str = "float32", n: int = 1024, repeat: int = 20) -> float:
    import torch

    dtype = getattr(torch, dtype_name)
    a, b = torch.randn(n, n, dtype=dtype), torch.randn(n, n, dtype=dtype)
    for _ in range(3):
        a @ b
    start = time.perf_counter()
    for _ in range(repeat):
        a @ b
    return 2 * n ** 3 * repeat / (time.perf_counter() - start) / 1e9


def describe() -> dict:
    import torch

    info = {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
            "torch_threads": torch.get_num_threads(), "flags": cpu_flags(),
            "gflops_fp32": round(matmul_gflops("float32"), 1), "gflops_bf16": round(matmul_gflops("bfloat16"), 1)}
    cls = "AVX-512" if "avx512f" in info["flags"] else "AVX2" if "avx2" in info["flags"] else "other"
    info["class"] = cls
    info["line"] = (f"machine: {cls} class, {info['cores']} cores, flags {' '.join(info['flags']) or 'none'}, "
                    f"matmul {info['gflops_fp32']} GFLOP/s fp32, {info['gflops_bf16']} GFLOP/s bf16")
    return info


if __name__ == "__main__":
    print(describe()["line"])
