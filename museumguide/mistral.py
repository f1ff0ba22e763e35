"""Mistral-7B-Instruct-v0.3's own tokenizer, offline, and a miniature of the model to rehearse
the production path on a CPU.

    python -m museumguide.mistral --miniature models/mini-mistral
    python -m museumguide.train --config recipes/mistral-7b-qlora.yaml --model models/mini-mistral \\
        --requires_gpu false --max_steps 4

The command only: the work, its options and its Python API live in ``museumguide.model.mistral``.
"""

import sys

from museumguide.model.mistral import main

if __name__ == "__main__":
    sys.exit(main())
