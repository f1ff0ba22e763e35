"""``python -m museumguide.tours``: export a tour (``museumguide.tours.cli``)."""

import sys

from museumguide.tours.cli import main

if __name__ == "__main__":
    sys.exit(main())
