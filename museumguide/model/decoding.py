"""The project's decoding rules, one place for every engine and for exported models.

    from museumguide.model.decoding import TEMPERATURE, TOP_P, decoding_defaults

The transformers path (``museumguide.guides.decode``), the ONNX Runtime engine
(``museumguide.model.fast``) and the merged export's ``generation_config.json`` all read these.
"""

from __future__ import annotations

DEFAULT_MAX_NEW_TOKENS = 300
"""Scripts are 90-150 words, about 1.4 tokens a word; 300 leaves room without running on."""
TEMPERATURE = 0.7
"""Sampling temperature by default: varied candidates that still read as the training scripts."""
TOP_P = 0.9
"""Nucleus sampling's share of probability."""
ENGINE_TOP_K = 50
"""The ONNX Runtime engine's sampler draws the nucleus from the 50 likeliest tokens: sorting the
whole vocabulary costs 2.1 ms a step for 4 candidates against 0.26 ms to pick the 50 (numpy, AVX-512
class), a tenth of a step; and at temperature 0.7 the 0.9 nucleus of the CPU recipe's run held more
than 50 tokens at under 1% of steps (median 2 tokens; 1,787 steps of 12 test-split guides)."""
# No five-token phrase of its own twice, and a light penalty on its own words: the training
# scripts never repeat a phrase (the quality gate rejects them), and small models drift into
# loops without these.
NO_REPEAT_NGRAM = 5
REPETITION_PENALTY = 1.1


def decoding_defaults() -> dict:
    """What a merged export's generation config carries, so that a plain ``model.generate``
    samples as the project does. Not the no-repeat rule: transformers counts the prompt in it, and
    a guide must be free to quote its notes (docs/serving.md)."""
    return {"do_sample": True, "temperature": TEMPERATURE, "top_p": TOP_P, "top_k": 0,
            "repetition_penalty": REPETITION_PENALTY, "max_new_tokens": DEFAULT_MAX_NEW_TOKENS}
