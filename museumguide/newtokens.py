"""Train the rows of newly added tokens (``<END>``) and nothing else of the vocabulary matrices.

Why not PEFT's ``trainable_token_indices``: TRL 1.16 computes the loss with a fused LM head
that reads ``lm_head.weight`` and ``lm_head.bias`` directly, and PEFT's wrapper on the head has
no ``bias`` (``'TrainableTokensWrapper' object has no attribute 'bias'``). Why not train the
whole embedding and head: for Mistral-7B that is 2 x 32,768 x 4,096 weights with gradients and
Adam moments, about 3 GB in fp32, to learn one token.

The design here:

* ``NewTokenEmbedding`` looks up the frozen matrix and swaps in a small trainable row for new
  ids with ``torch.where``; its gradient is the size of those rows, never of the matrix.
* ``NewTokenHead`` exposes ``weight`` (and ``bias``, for the fused head) as the frozen matrix
  with the trainable rows written into it in place: no copy of the matrix is made. Its backward
  hands only the new rows' slice of the weight gradient to the trainable rows. The one cost
  left is TRL's own transient fp32 weight-gradient buffer during the head's backward.
* With tied embeddings (SmolLM2), input and output share one set of rows, as the model does.

Only the new rows are saved (``new_tokens.safetensors``, a few kilobytes); ``install_rows``
writes them into a freshly loaded base model before the LoRA adapter is attached.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

ROWS_FILE = "new_tokens.safetensors"


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
        if not bool(is_new.any()):
            return out
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


def save_rows(model, directory: str | Path) -> Path:
    from safetensors.torch import save_file

    embed, head = find_wrappers(model)
    tensors = {"input_rows": embed.rows.detach().float().cpu().contiguous(),
               "start": torch.tensor([embed.start])}
    if head.rows is not embed.rows:
        tensors["output_rows"] = head.rows.detach().float().cpu().contiguous()
    path = Path(directory) / ROWS_FILE
    save_file(tensors, str(path))
    return path


def install_rows(model, directory: str | Path) -> None:
    """Write saved new-token rows into a base model whose vocabulary was already resized."""
    from safetensors.torch import load_file

    tensors = load_file(str(Path(directory) / ROWS_FILE))
    start = int(tensors["start"][0])
    with torch.no_grad():
        embed = model.get_input_embeddings().weight
        embed[start:start + len(tensors["input_rows"])] = tensors["input_rows"].to(embed.dtype)
        head = model.get_output_embeddings().weight
        out = tensors.get("output_rows", tensors["input_rows"])
        head[start:start + len(out)] = out.to(head.dtype)
