"""What two or more stages share, below all of them: files, names of files, text, a chat client.

* ``jsonl``: validated JSONL reads with line numbers, atomic writes, crash-safe appends;
* ``paths``: the file names and default folders one stage writes and another reads;
* ``text``: words and sentences (one splitter for guides and notes, word frequencies);
* ``chat``: the OpenAI-compatible client of the teacher writer and the A/B judge.

Nothing here imports another part of museumguide, so every stage may import it.
"""

__version__ = "0.1.0"
"""The package's version (pyproject.toml says the same), named in the collector's User-Agent."""
