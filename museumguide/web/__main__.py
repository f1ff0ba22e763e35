"""Serve the gallery page.

    python -m museumguide.web
    python -m museumguide.web --port 8080 --adapter artifacts/smollm2-135m-cpu
"""

import sys

from museumguide.web.app import main

if __name__ == "__main__":
    sys.exit(main())
