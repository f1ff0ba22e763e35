"""A loopback server that replays saved Met API records, with faults on demand.

    python -m museumguide.replay data/raw/met-sample/objects.jsonl --port 8765 --latency 0.05
    python -m museumguide.collect --api-url http://127.0.0.1:8765/public/collection/v1

The command only: the work, its options and its Python API live in ``museumguide.sources.replay``.
"""

import sys

from museumguide.sources.replay import main

if __name__ == "__main__":
    sys.exit(main())
