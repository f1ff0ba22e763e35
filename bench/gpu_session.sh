#!/usr/bin/env bash
# The production path on a lent GPU, in one call: the Mistral-7B-shape memory and speed benchmark,
# then the training notebook top to bottom with the Mistral recipe on the miniature Mistral
# (4-bit on the GPU, as in production). Figures: docs/benchmarks.md, "The production path on a GPU".
#
#   bench/gpu_carry.sh                   # here, once: .gpu/site holds what the GPU image lacks
#   bench/gpu_session.sh "$OUT" [all|bench|notebook]   # there (the device tool: carry .gpu, data/processed)
#
# The benchmark trains on data/processed/train.jsonl (make demo, or the notebook's first cells).
set -uo pipefail
OUT=${1:-/tmp/gpu-out}
PART=${2:-all}
mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site .gpu/whl/*.whl || exit 1
export PYTHONPATH="/tmp/site:$PWD/.gpu/site:$PWD" PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false
{
    date -u
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
    python3 - <<'EOF'
import importlib.metadata as m, sys
print("python", sys.version.split()[0])
for name in ("torch", "transformers", "peft", "trl", "bitsandbytes", "accelerate", "datasets"):
    print(name, m.version(name))
EOF
} 2>&1 | tee "$OUT/machine.txt"

# 1. Mistral-7B's exact shape, random weights: our QLoRA recipe against plain TRL defaults.
if [ "$PART" != notebook ]; then
    timeout 330 python3 bench/train_memory.py --steps 10 --workdir /tmp/mg 2>&1 | tee "$OUT/train_memory.log"
fi
[ "$PART" = bench ] && exit 0

# 2. The notebook, Mistral recipe, miniature Mistral, on the GPU (requires_gpu stays true).
python3 -m museumguide.mistral --miniature /tmp/mg/mini-mistral 2>&1 | tail -1
timeout 120 python3 bench/run_notebook.py notebooks/train.ipynb \
    --set 'OVERRIDES = {"model": "/tmp/mg/mini-mistral", "max_steps": 30, "artifacts_dir": "/tmp/mg/nb-artifacts"}' \
    2>&1 | tee "$OUT/notebook.log"
cp /tmp/mg/nb-artifacts/*/metrics.json "$OUT/notebook_metrics.json" 2>/dev/null
nvidia-smi --query-gpu=name,memory.used --format=csv,noheader >> "$OUT/machine.txt"
