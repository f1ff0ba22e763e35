"""Decoding: prompts in, texts out, in left-padded batches, several samples per prompt.

    from museumguide.model.runs import load_run
    from museumguide.guides.decode import sample
    rows = sample(load_run(), [prompt], n=4, temperature=0.7, seed=0)   # 4 candidates for one prompt

Texts are cut at the first stop token (``<END>``, or a base model's end of turn) and decoded
without special tokens, so no marker ever reaches the caller. A run on the ONNX Runtime engine
(``museumguide.model.fast``) samples there by the same rules, applied by our own code.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

# The rules themselves live with the model, shared by every engine and the merged export.
from museumguide.model.decoding import DEFAULT_MAX_NEW_TOKENS, NO_REPEAT_NGRAM, REPETITION_PENALTY, TOP_P  # noqa: F401


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


def tokens_before(tok, prompts: list[str], written_from: list[int], lengths: list[int],
                  add_special_tokens: bool) -> list[int]:
    """Per prompt of ``lengths`` tokens, how many come before ``written_from`` (where an opening
    the model continues begins); a prompt with no opening is counted already."""
    return [n if i >= len(q) else len(tok(q[:i], add_special_tokens=add_special_tokens)["input_ids"])
            for q, i, n in zip(prompts, written_from, lengths)]


def guide_starts(tok, batch, prompts: list[str], written_from: list[int] | None, add_special_tokens: bool):
    """Per row of a left-padded ``batch``, the token position where the guide begins: the end of
    the prompt, or ``written_from`` (a character offset: the start of an opening the model
    continues, which counts as the guide's own words)."""
    import torch

    width = batch["input_ids"].shape[1]
    if written_from is None:
        return torch.full((len(prompts),), width, dtype=torch.long)
    lengths = [int(n) for n in batch["attention_mask"].sum(dim=1).cpu()]
    before = tokens_before(tok, prompts, written_from, lengths, add_special_tokens)
    return torch.tensor([width - n + b for n, b in zip(lengths, before)], dtype=torch.long)


def repetition_processors(starts, vocab_size: int, penalty: float = REPETITION_PENALTY, ngram: int = NO_REPEAT_NGRAM):
    """transformers' repetition penalty and no-repeat n-grams, over the guide's own words only
    (``starts``: per generated row, where they begin).

    Both look at the whole sequence by default, prompt included: every word of the curator notes
    and the title would be penalised, and no five-token phrase of the notes could be carried
    into the guide. A grounded guide should repeat its prompt's words, never its own."""
    import torch
    from transformers import LogitsProcessor, NoRepeatNGramLogitsProcessor, RepetitionPenaltyLogitsProcessor

    class OwnWordsNoRepeat(LogitsProcessor):
        """No n-gram twice after ``starts``: earlier tokens become ids no window can share (one per
        position, past the vocabulary, so the library's processor skips them)."""

        def __init__(self):
            self.inner = NoRepeatNGramLogitsProcessor(ngram)

        def __call__(self, input_ids, scores):
            pos = torch.arange(input_ids.shape[1], device=input_ids.device)
            own = pos[None, :] >= starts.to(input_ids.device)[:, None]
            masked = torch.where(own, input_ids, vocab_size + 1 + pos[None, :])
            return self.inner(masked, scores)

    return [RepetitionPenaltyLogitsProcessor(penalty, prompt_ignore_length=starts), OwnWordsNoRepeat()]


def sample(run, prompts: list[str], n: int = 1, temperature: float = 0.7, seed: int | None = None,
           max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS, add_special_tokens: bool = True,
           written_from: list[int] | None = None) -> list[list[Sample]]:
    """``n`` samples for each prompt (greedy, and so ``n`` must be 1, when ``temperature`` is 0).
    ``add_special_tokens`` as in training (a BOS for Mistral); False for chat-templated text.
    ``written_from``: per prompt, the character where an opening the model continues begins (its
    words count as the guide's own, and are not to be repeated); default: the end of the prompt."""
    if temperature == 0 and n != 1:
        raise ValueError("greedy decoding (temperature 0) gives one text; ask for n=1 or sample")
    if run.backend == "onnxruntime":
        return _sample_fast(run, prompts, n, temperature, seed, max_new_tokens, add_special_tokens, written_from)
    import torch

    tok = run.tokenizer
    tok.padding_side = "left"  # generation continues from the right edge of every row
    batch = tok(prompts, return_tensors="pt", padding=True, add_special_tokens=add_special_tokens).to(run.model.device)
    # generate() repeats each prompt n times in a row; each copy begins its guide where its prompt does.
    starts = guide_starts(tok, batch, prompts, written_from, add_special_tokens).repeat_interleave(n)
    processors = repetition_processors(starts, run.model.get_output_embeddings().weight.shape[0])
    decoding = {"do_sample": False}
    if temperature > 0:
        from transformers import TemperatureLogitsWarper, TopPLogitsWarper

        # generate() puts processors passed to it after its own, so the penalties would act after
        # top-p had already chosen the candidates (and could ban every one of them). Ours are the
        # whole chain, in the library's own order; the neutral settings keep it from adding any.
        processors += [TemperatureLogitsWarper(temperature), TopPLogitsWarper(TOP_P)]
        decoding = {"do_sample": True, "temperature": 1.0, "top_p": 1.0, "top_k": 0}
    with torch.inference_mode(), seeded(seed):
        out = run.model.generate(**batch, max_new_tokens=max_new_tokens, pad_token_id=tok.pad_token_id,
                                 num_return_sequences=n, logits_processor=processors, **decoding)
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


def _sample_fast(run, prompts, n, temperature, seed, max_new_tokens, add_special_tokens,
                 written_from) -> list[list[Sample]]:
    tok = run.tokenizer
    ids = [tok(q, add_special_tokens=add_special_tokens)["input_ids"] for q in prompts]
    own = None
    if written_from is not None:  # the opening's tokens: what follows the prompt proper
        lengths = [len(row) for row in ids]
        own = [max(n - b, 0) for n, b in zip(lengths, tokens_before(tok, prompts, written_from, lengths,
                                                                     add_special_tokens))]
    rows = run.model.generate(ids, n, temperature, TOP_P, REPETITION_PENALTY, NO_REPEAT_NGRAM, max_new_tokens,
                              seed, own)
    return [[Sample(clean_output(tok.decode(out, skip_special_tokens=True)),
                    None if stop is None else tok.convert_ids_to_tokens(stop), out + ([] if stop is None else [stop]))
             for out, stop in row] for row in rows]


def mean_logprobs(run, prompt: str, candidates: list[Sample], add_special_tokens: bool = True) -> list[float]:
    """The model's own mean log-probability per token of each candidate after ``prompt``: one
    forward pass over all of them, used only to break ties between equally grounded texts."""
    tok = run.tokenizer
    prefix = tok(prompt, add_special_tokens=add_special_tokens)["input_ids"]
    if run.backend == "onnxruntime":
        return run.model.mean_logprobs(prefix, [c.token_ids for c in candidates])
    import torch

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
