"""Decoding: prompts in, texts out, in left-padded batches, several samples per prompt.

    from museumguide.runs import load_run
    from museumguide.decode import sample
    rows = sample(load_run(), [prompt], n=4, temperature=0.7, seed=0)   # 4 candidates for one prompt

Texts are cut at the first stop token (``<END>``, or a base model's end of turn) and decoded
without special tokens, so no marker ever reaches the caller.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

DEFAULT_MAX_NEW_TOKENS = 300
"""Scripts are 90-150 words, about 1.4 tokens a word; 300 leaves room without running on."""


@dataclass
class Sample:
    """One decoded text: ``stop`` is the token it ended on (None: it ran out of tokens)."""

    text: str
    stop: str | None
    token_ids: list[int]


def clean_output(text: str) -> str:
    """Tidy whitespace."""
    return " ".join(text.split())


@contextlib.contextmanager
def seeded(seed: int | None):
    if seed is None:
        yield
        return
    import torch

    with torch.random.fork_rng(devices=[]):  # leave the caller's random state alone
        torch.manual_seed(seed)
        yield


def _stop_ids(model) -> set[int]:
    eos = model.generation_config.eos_token_id
    return set([eos] if isinstance(eos, int) else eos or [])


def sample(run, prompts: list[str], n: int = 1, temperature: float = 0.7, seed: int | None = None,
           max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS, add_special_tokens: bool = True) -> list[list[Sample]]:
    """``n`` samples for each prompt (greedy, and so ``n`` must be 1, when ``temperature`` is 0).
    ``add_special_tokens`` as in training (a BOS for Mistral); False for chat-templated text."""
    import torch

    if temperature == 0 and n != 1:
        raise ValueError("greedy decoding (temperature 0) gives one text; ask for n=1 or sample")
    tok = run.tokenizer
    tok.padding_side = "left"  # generation continues from the right edge of every row
    batch = tok(prompts, return_tensors="pt", padding=True, add_special_tokens=add_special_tokens).to(run.model.device)
    decoding = {"do_sample": True, "temperature": temperature, "top_p": 0.9} if temperature > 0 else {"do_sample": False}
    with torch.inference_mode(), seeded(seed):
        # No five-word phrase twice: the training scripts never repeat one (the quality gate
        # rejects them), and small models drift into loops without this.
        out = run.model.generate(**batch, max_new_tokens=max_new_tokens, pad_token_id=tok.pad_token_id,
                                 num_return_sequences=n, repetition_penalty=1.1, no_repeat_ngram_size=5,
                                 **decoding)
    stops = _stop_ids(run.model)
    rows = out[:, batch["input_ids"].shape[1]:].tolist()
    samples = []
    for row in rows:
        cut = next((i for i, t in enumerate(row) if t in stops), None)
        ids = row[:cut] if cut is not None else row
        text = clean_output(tok.decode(ids, skip_special_tokens=True))
        samples.append(Sample(text, None if cut is None else tok.convert_ids_to_tokens(row[cut]),
                              ids + ([row[cut]] if cut is not None else [])))
    return [samples[i * n:(i + 1) * n] for i in range(len(prompts))]


def mean_logprobs(run, prompt: str, candidates: list[Sample], add_special_tokens: bool = True) -> list[float]:
    """The model's own mean log-probability per token of each candidate after ``prompt``: one
    forward pass over all of them, used only to break ties between equally grounded texts."""
    import torch

    tok = run.tokenizer
    prefix = tok(prompt, add_special_tokens=add_special_tokens)["input_ids"]
    seqs = [prefix + c.token_ids for c in candidates]
    width = max(len(s) for s in seqs)
    pad = tok.pad_token_id if tok.pad_token_id is not None else 0
    ids = torch.tensor([[pad] * (width - len(s)) + s for s in seqs], device=run.model.device)
    mask = torch.tensor([[0] * (width - len(s)) + [1] * len(s) for s in seqs], device=run.model.device)
    with torch.inference_mode():
        # Positions count from each row's first real token, as in generation.
        positions = (mask.cumsum(-1) - 1).clamp(min=0)
        logits = run.model(input_ids=ids, attention_mask=mask, position_ids=positions).logits.float()
    logp = torch.log_softmax(logits[:, :-1], dim=-1).gather(-1, ids[:, 1:, None]).squeeze(-1)
    scores = []
    for row, cand in zip(logp, candidates):
        n = max(len(cand.token_ids), 1)
        scores.append(float(row[-n:].mean()) if cand.token_ids else float("-inf"))
    return scores
