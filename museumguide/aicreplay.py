"""A loopback server that replays saved Art Institute of Chicago API records, with faults on demand.

    python -m museumguide.aicreplay tests/fixtures/aic_paintings_60.jsonl --port 8766
    python -m museumguide.collect --source aic --api-url http://127.0.0.1:8766/api/v1 --rps 50

The command only: the work, its options and its Python API live in ``museumguide.sources.aicreplay``.
"""

import sys

from museumguide.sources.aicreplay import main

if __name__ == "__main__":
    sys.exit(main())
