"""Write audio-guide scripts for the cleaned paintings and turn them into training data.

    python -m museumguide.scripts                          # offline template writer
    python -m museumguide.scripts --writer teacher --teacher-url http://localhost:8000/v1 \\
        --teacher-model Qwen/Qwen2.5-72B-Instruct
    python -m museumguide.scripts --writer import --import-file curators.csv
    python -m museumguide.scripts --notes-file labels.csv         # a museum's own label texts

The command only: the work, its options and its Python API live in ``museumguide.data.scripts``.
"""

import sys

from museumguide.data.scripts import main

if __name__ == "__main__":
    sys.exit(main())
