"""Collect painting records from The Met and the Art Institute of Chicago, and clean them.

    python -m museumguide.collect --department-id 11 --limit 200        # the Met's live API
    python -m museumguide.collect --from-file data/raw/met-sample/objects.jsonl   # offline
    python -m museumguide.collect --from-csv MetObjects.csv             # the Met's bulk CSV
    python -m museumguide.collect --source aic --limit 200 --contact you@example.com  # the AIC API
    python -m museumguide.collect --source aic --from-file aic_artworks.jsonl        # offline

The command only: the work, its options and its Python API live in ``museumguide.sources.collect``.
"""

import sys

from museumguide.sources.collect import main

if __name__ == "__main__":
    sys.exit(main())
