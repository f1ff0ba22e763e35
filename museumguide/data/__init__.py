"""Training data: grounded audio-guide scripts as prompt/completion JSONL.

``writers/`` write one script per painting (``template``: offline; ``teacher``: an
OpenAI-compatible model; ``imported``: a curator's file); ``quality`` is the gate every script
passes; ``dataset`` makes the stable splits, validates examples and writes the dataset card;
``scripts`` runs the stage. Imports records, checks and common; never the sources, torch or the
training stack, so training data builds fast on a machine without either.
"""
