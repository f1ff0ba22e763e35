"""Narrate a guide with neural text-to-speech, offline.

    python -m museumguide.speak "Stop here for Whalers by Turner." -o whalers.wav
    python -m museumguide.speak --file guide.txt -o guide.mp3 --rate 1.1
    python -m museumguide.speak --phonemes "Mary Cassatt" --lexicon starter

The command, and the module ``from museumguide import speak`` binds its function from: the work
and its options live in ``museumguide.voice.speak``.
"""

import sys

from museumguide.voice.speak import main, speak  # noqa: F401 - the package binds `speak` from here

if __name__ == "__main__":
    sys.exit(main())
