"""Generate audio-guide scripts with a fine-tuned run, checked against their prompt's facts.

    python -m museumguide.generate --object-id 437854          # a collected painting (or aic-6565)
    python -m museumguide.generate --json record.json --seed 1 --strict
    python -m museumguide.generate --batch data/processed/paintings.jsonl --out guides.jsonl

The command only: the work, its options and its Python API live in ``museumguide.guides.generate``.
"""

import sys

from museumguide.guides.generate import main

if __name__ == "__main__":
    sys.exit(main())
