"""Evaluate a fine-tuned run against its base model, on the same records with the same seeds.

    python -m museumguide.evaluate --split test
    python -m museumguide.evaluate --split test --limit 8 --adapter artifacts/smollm2-135m-cpu
    python -m museumguide.evaluate --references ../shared/data/refs/semart_val.tsv --limit 20
    python -m museumguide.evaluate --split test --compare-notes   # guides with and without notes
    python -m museumguide.evaluate --split test --judge-url http://localhost:8000/v1 --judge-model judge

The command only: the work, its options and its Python API live in ``museumguide.guides.evaluate``.
"""

import sys

from museumguide.guides.evaluate import main

if __name__ == "__main__":
    sys.exit(main())
