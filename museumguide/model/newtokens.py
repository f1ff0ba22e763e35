"""Train the rows of newly added tokens (``<END>``) and nothing else of the vocabulary matrices;
save them in PEFT's own trainable-tokens format, so standard tools load a run correctly.

Training uses the two small wrappers below rather than PEFT's ``trainable_token_indices``
(measured at Mistral-7B's shape by ``bench/train_memory_estimate.py``, docs/benchmarks.md):

* PEFT's wrapper cannot train under TRL 1.16's fused LM head at all: the head reads
  ``lm_head.bias``, which the wrapper lacks (trl#4570, peft#3649). Outside it, PEFT's
  ``TrainableTokensLayer`` builds a merged copy of the whole matrix with ``index_copy`` on every
  forward and autograd keeps the head's for the backward (0.27 GB in bf16 at 7B).
* ``NewTokenEmbedding`` looks up the frozen matrix and swaps in the trainable rows with
  ``torch.where``; ``NewTokenHead`` writes the rows into the frozen matrix in place (no copy) and
  hands only their slice of the weight gradient back. What remains is TRL's fp32 gradient buffer
  for the whole head during its backward: +0.54 GB at 7B over frozen rows, freed at once.
* With tied embeddings (SmolLM2), input and output share one set of rows, as the model does.

Saving writes what PEFT would have written for ``trainable_token_indices``: the rows under
``...embed_tokens.token_adapter.trainable_tokens_delta`` (and ``lm_head`` when untied) in
``adapter_model.safetensors`` and the indices in ``adapter_config.json``. So
``PeftModel.from_pretrained`` on a base resized to the run's tokenizer (and
``AutoPeftModelForCausalLM``, which resizes by itself) installs them, with no museumguide code.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

# Trainer checkpoints keep the rows in a file of their own: the Trainer resumes a PEFT model with
# load_adapter, which would wrap the embedding again if the checkpoint named trainable tokens.
# Runs saved before the PEFT format kept them there too.
ROWS_FILE = "new_tokens.safetensors"
DELTA = "token_adapter.trainable_tokens_delta"


class _InjectRows(torch.autograd.Function):
    """``weight`` with ``rows`` written at ``start``; gradients flow to ``rows`` only."""

    @staticmethod
    def forward(ctx, weight, rows, start):
        with torch.no_grad():
            weight[start:start + rows.shape[0]].copy_(rows.to(weight.dtype))
        ctx.start, ctx.n, ctx.rows_dtype = start, rows.shape[0], rows.dtype
        return weight.view_as(weight)

    @staticmethod
    def backward(ctx, grad_weight):
        return None, grad_weight[ctx.start:ctx.start + ctx.n].to(ctx.rows_dtype), None


class NewTokenEmbedding(nn.Module):
    def __init__(self, base: nn.Embedding, start: int, rows: nn.Parameter):
        super().__init__()
        self.base, self.start, self.rows = base, start, rows

    @property
    def weight(self) -> torch.Tensor:
        return self.base.weight

    @property
    def num_embeddings(self) -> int:
        return self.base.num_embeddings

    @property
    def embedding_dim(self) -> int:
        return self.base.embedding_dim

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        out = self.base(input_ids)
        is_new = input_ids >= self.start
        # No shortcut when the batch holds no new token: under DDP every rank's rows must take
        # part in every step (their gradient is then zero), or the ranks' reductions disagree.
        index = (input_ids - self.start).clamp(0, self.rows.shape[0] - 1)
        return torch.where(is_new.unsqueeze(-1), F.embedding(index, self.rows).to(out.dtype), out)


class NewTokenHead(nn.Module):
    def __init__(self, base: nn.Linear, start: int, rows: nn.Parameter):
        super().__init__()
        self.base, self.start, self.rows = base, start, rows

    @property
    def weight(self) -> torch.Tensor:
        return _InjectRows.apply(self.base.weight, self.rows, self.start)

    @property
    def bias(self):
        return self.base.bias

    @property
    def out_features(self) -> int:
        return self.base.out_features

    @property
    def in_features(self) -> int:
        return self.base.in_features

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return F.linear(hidden, self.weight.to(hidden.dtype), None if self.bias is None else self.bias.to(hidden.dtype))


def init_new_rows(model, start: int, like: int | None = None) -> None:
    """Start new tokens as a copy of token ``like`` (for ``<END>``: the base model's EOS, which it
    already predicts where a text ends, so training only has to lift ``<END>`` above it), or at
    the mean of the old rows when there is no such token."""
    with torch.no_grad():
        for matrix in {id(m): m for m in (model.get_input_embeddings().weight, model.get_output_embeddings().weight)}.values():
            source = matrix[like:like + 1] if like is not None else matrix[:start].float().mean(0, keepdim=True)
            matrix[start:] = source.to(matrix.dtype)


def attach(model, start: int) -> list[nn.Parameter]:
    """Replace the model's embedding and head by the wrappers; return the trainable rows."""
    embed, head = model.get_input_embeddings(), model.get_output_embeddings()
    tied = embed.weight is head.weight or bool(getattr(model.config.get_text_config(), "tie_word_embeddings", False))
    n = embed.weight.shape[0] - start
    in_rows = nn.Parameter(embed.weight[start:start + n].detach().float().clone())
    out_rows = in_rows if tied else nn.Parameter(head.weight[start:start + n].detach().float().clone())
    embed.weight.requires_grad_(False)
    head.weight.requires_grad_(False)
    model.set_input_embeddings(NewTokenEmbedding(embed, start, in_rows))
    model.set_output_embeddings(NewTokenHead(head, start, out_rows))
    return [in_rows] if tied else [in_rows, out_rows]


def find_wrappers(model) -> tuple[NewTokenEmbedding, NewTokenHead]:
    embed = next(m for m in model.modules() if isinstance(m, NewTokenEmbedding))
    head = next(m for m in model.modules() if isinstance(m, NewTokenHead))
    return embed, head


def _name_in(root, module) -> str:
    return next(name for name, m in root.named_modules() if m is module)


def peft_rows(model) -> tuple[dict[str, list[int]], dict[str, torch.Tensor]]:
    """``trainable_token_indices`` and the adapter-file tensors for the new rows, as PEFT names
    them: ``base_model.model.<module path>.token_adapter.trainable_tokens_delta``."""
    embed, head = find_wrappers(model)
    root = model.get_base_model() if hasattr(model, "get_base_model") else model
    ids = list(range(embed.start, embed.start + embed.rows.shape[0]))
    embed_name = _name_in(root, embed)
    indices = {embed_name.rsplit(".", 1)[-1]: ids}
    tensors = {f"base_model.model.{embed_name}.{DELTA}": embed.rows.detach().float().cpu().contiguous()}
    if head.rows is not embed.rows:  # untied (Mistral): the head's rows are their own
        head_name = _name_in(root, head)
        indices[head_name.rsplit(".", 1)[-1]] = ids
        tensors[f"base_model.model.{head_name}.{DELTA}"] = head.rows.detach().float().cpu().contiguous()
    return indices, tensors


def save_rows(model, directory: str | Path) -> None:
    """Add the new rows to the adapter PEFT saved in ``directory`` (after ``save_pretrained``)."""
    import json

    from safetensors.torch import load_file, save

    from museumguide.common.jsonl import atomic_open, write_text_atomic

    directory = Path(directory)
    indices, rows = peft_rows(model)
    weights = directory / "adapter_model.safetensors"
    tensors = {**load_file(str(weights)), **rows}
    with atomic_open(weights, "wb") as fh:
        fh.write(save(tensors, metadata={"format": "pt"}))
    config = json.loads((directory / "adapter_config.json").read_text(encoding="utf-8"))
    config["trainable_token_indices"] = indices
    write_text_atomic(directory / "adapter_config.json", json.dumps(config, indent=2, sort_keys=True) + "\n")


def save_checkpoint_rows(model, directory: str | Path) -> None:
    from safetensors.torch import save

    from museumguide.common.jsonl import atomic_open

    embed, head = find_wrappers(model)
    tensors = {"input_rows": embed.rows.detach().float().cpu().contiguous(), "start": torch.tensor([embed.start])}
    if head.rows is not embed.rows:
        tensors["output_rows"] = head.rows.detach().float().cpu().contiguous()
    with atomic_open(Path(directory) / ROWS_FILE, "wb") as fh:
        fh.write(save(tensors))


def load_checkpoint_rows(model, directory: str | Path) -> None:
    """Copy a checkpoint's rows back into the training wrappers' parameters (``--resume``)."""
    from safetensors.torch import load_file

    tensors = load_file(str(Path(directory) / ROWS_FILE))
    embed, head = find_wrappers(model)
    embed.rows.data.copy_(tensors["input_rows"])
    if head.rows is not embed.rows:
        head.rows.data.copy_(tensors["output_rows"])


def merge_token_rows(peft_model) -> None:
    """Write PEFT's trainable-token rows into the base matrices once, for inference: unmerged,
    its layers copy the whole embedding and head matrix on every generated token."""
    from peft.tuners.trainable_tokens.layer import TrainableTokensLayer

    for module in peft_model.modules():
        if isinstance(module, TrainableTokensLayer) and not module.merged:
            module.merge()


def install_legacy_rows(model, directory: str | Path) -> bool:
    """Runs saved before the PEFT format kept the rows in ``new_tokens.safetensors``; write them
    into a resized base model. False when the run has no such file."""
    from safetensors.torch import load_file

    path = Path(directory) / ROWS_FILE
    if not path.is_file():
        return False
    tensors = load_file(str(path))
    start = int(tensors["start"][0])
    with torch.no_grad():
        embed = model.get_input_embeddings().weight
        embed[start:start + len(tensors["input_rows"])] = tensors["input_rows"].to(embed.dtype)
        head = model.get_output_embeddings().weight
        out = tensors.get("output_rows", tensors["input_rows"])
        head[start:start + len(out)] = out.to(head.dtype)
    return True
