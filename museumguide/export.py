"""Export a trained run as one ordinary model that any serving tool loads.

    python -m museumguide.export artifacts/smollm2-135m-cpu --merged exports/smollm2-guide

The command only: the work, its options and its Python API live in ``museumguide.model.export``.
"""

import sys

from museumguide.model.export import main

if __name__ == "__main__":
    sys.exit(main())
