"""QLoRA fine-tuning with TRL's SFTTrainer.

    python -m museumguide.train --config recipes/smollm2-135m-cpu.yaml           # CPU, minutes
    python -m museumguide.train --config recipes/mistral-7b-qlora.yaml           # 12 GB GPU
    python -m museumguide.train --config recipes/smollm2-135m-cpu.yaml --max_steps 20 --run_name quick
    python -m museumguide.train --config recipes/mistral-7b-qlora.yaml --resume  # after a crash

The command only: the work, its options and its Python API live in ``museumguide.model.train``.
"""

import sys

from museumguide.model.train import main

if __name__ == "__main__":
    sys.exit(main())
