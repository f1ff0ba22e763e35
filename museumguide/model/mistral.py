"""Mistral-7B-Instruct-v0.3's own tokenizer, offline, and a miniature of the model to rehearse
the production path on a CPU.

    python -m museumguide.mistral --miniature models/mini-mistral
    python -m museumguide.train --config recipes/mistral-7b-qlora.yaml --model models/mini-mistral \\
        --requires_gpu false --max_steps 4

The tokenizer is the real one: ``mistral_instruct_tokenizer_240323.model.v3``, the v3
SentencePiece model (32,768 pieces) that the PyPI package ``mistral-common`` ships, converted by
transformers as it converts the hub's ``tokenizer.model``, with BOS added, no EOS, and a chat
template that encodes conversations exactly as ``mistral-common`` does (a test checks the ids).

The miniature is ``MistralConfig`` of the real architecture (grouped-query attention with the
real head size 128 and 4:1 ratio of query to key/value heads, RoPE theta 1e6, no sliding window,
untied head, the real vocabulary) with a few narrow layers and random weights: every integration point of the production path (pad token, ``<END>``
with SentencePiece, BOS, the chat template, stop tokens, 4-bit layers) is exercised; the text it
writes is noise.
"""

from __future__ import annotations

import argparse
import importlib.resources
import shutil
import sys
from pathlib import Path

HUB_ID = "mistralai/Mistral-7B-Instruct-v0.3"
V3_TOKENIZER = "mistral_instruct_tokenizer_240323.model.v3"

# Mistral's v3 format: [INST] user[/INST] assistant</s>, a system message put before the last
# user turn (as mistral-common places it), roles strictly alternating.
CHAT_TEMPLATE = """{%- if messages and messages[0]['role'] == 'system' -%}
{%- set system_message = messages[0]['content'] -%}
{%- set loop_messages = messages[1:] -%}
{%- else -%}
{%- set loop_messages = messages -%}
{%- endif -%}
{%- set last_user = namespace(index=-1) -%}
{%- for message in loop_messages -%}
{%- if message['role'] == 'user' -%}{%- set last_user.index = loop.index0 -%}{%- endif -%}
{%- endfor -%}
{{- bos_token -}}
{%- for message in loop_messages -%}
{%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) -%}
{{- raise_exception('After an optional system message, roles must alternate user/assistant/user/...') -}}
{%- endif -%}
{%- if message['role'] == 'user' -%}
{%- if loop.index0 == last_user.index and system_message is defined -%}
{{- '[INST] ' + system_message + '\n\n' + message['content'] + '[/INST]' -}}
{%- else -%}
{{- '[INST] ' + message['content'] + '[/INST]' -}}
{%- endif -%}
{%- elif message['role'] == 'assistant' -%}
{{- ' ' + message['content'] | trim + eos_token -}}
{%- else -%}
{{- raise_exception('Only system, user and assistant roles are supported') -}}
{%- endif -%}
{%- endfor -%}"""

# Mistral-7B-v0.3's architecture; only the size of the miniature differs (see miniature_config).
ARCHITECTURE = dict(vocab_size=32768, rope_theta=1_000_000.0, rms_norm_eps=1e-5, sliding_window=None,
                    tie_word_embeddings=False, hidden_act="silu", max_position_embeddings=32768,
                    bos_token_id=1, eos_token_id=2)
FULL_SIZE = dict(hidden_size=4096, intermediate_size=14336, num_hidden_layers=32, num_attention_heads=32,
                 num_key_value_heads=8, head_dim=128)


def v3_model_file() -> Path:
    """The v3 SentencePiece file inside the installed mistral-common package."""
    try:
        path = importlib.resources.files("mistral_common") / "data" / V3_TOKENIZER
    except ModuleNotFoundError:
        raise RuntimeError("Mistral's tokenizer needs `pip install mistral-common sentencepiece`") from None
    return Path(str(path))


def save_tokenizer(out: str | Path):
    """Write Mistral-7B-Instruct-v0.3's tokenizer (with its chat template) to ``out``; return it."""
    from transformers import AutoTokenizer

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(v3_model_file(), out / "tokenizer.model")
    # legacy=False: a word after a special token gets its leading-space piece, as on the hub.
    (out / "tokenizer_config.json").write_text(
        '{"tokenizer_class": "LlamaTokenizer", "add_bos_token": true, "add_eos_token": false, "legacy": false,'
        ' "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "model_max_length": 32768}\n')
    tokenizer = AutoTokenizer.from_pretrained(out)
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.save_pretrained(out)
    return tokenizer


def miniature_config(layers: int = 2, hidden: int = 256):
    """Mistral's architecture at a size a CPU trains in seconds: narrow residual stream and MLP
    (the real 3.5 ratio), but the real head size (128) and 4:1 query to key/value heads, so the
    attention projections have the real model's kinds of shape (Mistral sets ``head_dim`` apart
    from ``hidden_size``)."""
    from transformers import MistralConfig

    return MistralConfig(**ARCHITECTURE, hidden_size=hidden, intermediate_size=hidden * 7 // 2,
                         num_hidden_layers=layers, num_attention_heads=8, num_key_value_heads=2,
                         head_dim=FULL_SIZE["head_dim"])


def full_config():
    """Mistral-7B-v0.3's exact shape (for memory measurements with random weights)."""
    from transformers import MistralConfig

    return MistralConfig(**ARCHITECTURE, **FULL_SIZE)


def save_miniature(out: str | Path, layers: int = 2, hidden: int = 256, seed: int = 0) -> Path:
    """A miniature Mistral-7B-Instruct-v0.3 (random weights, real tokenizer) in ``out``."""
    import torch
    from transformers import MistralForCausalLM

    out = Path(out)
    torch.manual_seed(seed)
    model = MistralForCausalLM(miniature_config(layers, hidden))
    model.generation_config.bos_token_id, model.generation_config.eos_token_id = 1, 2
    model.save_pretrained(out)
    save_tokenizer(out)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m museumguide.mistral",
                                description="Write Mistral-7B-Instruct-v0.3's tokenizer, or a miniature Mistral "
                                            "with it, for rehearsing the production recipe on a CPU.")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--miniature", metavar="OUT", help="write a miniature model (random weights) to OUT")
    what.add_argument("--tokenizer", metavar="OUT", help="write only the tokenizer to OUT")
    p.add_argument("--layers", type=int, default=2, help="decoder layers of the miniature (default 2)")
    p.add_argument("--hidden", type=int, default=256, help="hidden size of the miniature (default 256)")
    args = p.parse_args(argv)
    if args.hidden % 64 or args.layers < 1:
        p.error("--hidden must be a multiple of 64 and --layers at least 1")
    try:
        if args.tokenizer:
            save_tokenizer(args.tokenizer)
            print(f"wrote Mistral's v3 tokenizer to {args.tokenizer}")
        else:
            save_miniature(args.miniature, args.layers, args.hidden)
            print(f"wrote a miniature Mistral ({args.layers} layers, hidden {args.hidden}) to {args.miniature}")
    except (RuntimeError, ImportError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
