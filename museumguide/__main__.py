"""``python -m museumguide <stage>``: the ``museumguide`` command (``museumguide.cli``)."""

import sys

from museumguide.cli import main

if __name__ == "__main__":
    sys.exit(main())
