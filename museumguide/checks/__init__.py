"""Checks: is what a text says backed by its painting's prompt?

``grounding`` finds a text's claims (years, numbers, names, museum status) and whether the prompt
supports each; ``substance`` counts the statements a guide carries from the curator notes. The
quality gate, the fact-gated generation, the evaluation and the curator's review all ask these.
Imports records and common.
"""
