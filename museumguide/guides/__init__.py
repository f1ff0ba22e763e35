"""Guides: writing them with a trained run, checked against their prompt, and measuring them.

``decode`` (batched sampling with the decoding rules over the guide's own words), ``generate``
(``generate_guide``, fact-gated choice, strict mode, the command), ``metrics``, ``judge`` and
``evaluate`` with ``evalreport`` (the evaluation harness). Imports model (loading runs, never
training), data, checks, records, voice and common; never the sources: a painting must be
collected before a guide is written for it.
"""
