"""Generate audio-guide scripts with a fine-tuned run.

    python -m museumguide.generate --object-id 437854          # processed data, else the API
    python -m museumguide.generate --json record.json --seed 1
    python -m museumguide.generate --batch data/processed/paintings.jsonl --out guides.jsonl

    from museumguide import generate_guide
    generate_guide({"title": "Whalers", "artist": "J. M. W. Turner", "date": "ca. 1845"})

The run is ``adapter=`` (a folder), else ``$MUSEUMGUIDE_ADAPTER``, else the newest run in
``artifacts/``. Its base model and adapter load once per process and stay cached.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from museumguide import jsonl
from museumguide.metapi import DEFAULT_API_URL
from museumguide.prompt import build_prompt, to_painting

ARTIFACTS = Path("artifacts")
DEFAULT_MAX_NEW_TOKENS = 300
"""Scripts are 90-150 words, about 1.4 tokens a word; 300 leaves room without running on."""
_CACHE: dict[tuple, "Run"] = {}
_LOCK = threading.Lock()


class NoAdapterError(RuntimeError):
    """No trained run to generate with."""


@dataclass
class Run:
    """A loaded fine-tuned model: PEFT model, tokenizer, its folder and device."""

    model: Any
    tokenizer: Any
    run_dir: Path
    device: str


def find_run(adapter: str | os.PathLike | None = None) -> Path:
    """The run folder to use: ``adapter``, ``$MUSEUMGUIDE_ADAPTER`` or the newest in artifacts/."""
    chosen = adapter or os.environ.get("MUSEUMGUIDE_ADAPTER")
    if chosen:
        path = Path(chosen)
        if not (path / "adapter_config.json").is_file():
            raise NoAdapterError(f"{path} is not a trained run (no adapter_config.json in it)")
        return path
    runs = [p.parent for p in ARTIFACTS.glob("*/adapter_config.json")]
    if not runs:
        raise NoAdapterError(
            "no trained adapter found: pass adapter=..., set MUSEUMGUIDE_ADAPTER, or train one with "
            "`python -m museumguide.train --config recipes/smollm2-135m-cpu.yaml`"
        )
    return max(runs, key=lambda p: (p / "adapter_model.safetensors").stat().st_mtime)


def _device_and_dtype(device: str | None):
    """The device to use (CUDA when there is one) and its compute dtype: fp32 on the CPU, bf16
    on GPUs that support it, fp16 on older ones. Training picks the same way."""
    import torch

    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cpu":
        return device, torch.float32
    return device, torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def load_run(adapter: str | os.PathLike | None = None, device: str | None = None) -> Run:
    """Base model (quantised as in training), grown vocabulary, ``<END>`` rows, then the adapter."""
    run_dir = find_run(adapter).resolve()
    device, dtype = _device_and_dtype(device)
    key = (str(run_dir), device)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        from peft import PeftModel
        from transformers import AutoTokenizer

        from museumguide import model as base, newtokens
        from museumguide.config import load_config

        config = load_config(run_dir / "config.yaml")
        tokenizer = AutoTokenizer.from_pretrained(run_dir)
        lm = base.load_model(config.model, load_in_4bit=config.load_in_4bit, dtype=dtype,
                             device_map={"": 0} if device == "cuda" else None)
        base.grow_vocabulary(lm, tokenizer)
        newtokens.install_rows(lm, run_dir)
        model = PeftModel.from_pretrained(lm, run_dir)
        from transformers import GenerationConfig

        model.generation_config = GenerationConfig.from_pretrained(run_dir)
        model.eval()
        _CACHE[key] = Run(model, tokenizer, run_dir, device)
        return _CACHE[key]


def load_base(model_name: str, load_in_4bit: bool = True, device: str | None = None) -> Run:
    """The untouched base model with its own tokenizer, for comparison: prompts go through its
    chat template (its native format, its best chance) and it stops on its own EOS."""
    device, dtype = _device_and_dtype(device)
    key = ("base", model_name, load_in_4bit, device)
    with _LOCK:
        if key not in _CACHE:
            from museumguide import model as base

            tokenizer = base.load_tokenizer(model_name)
            if tokenizer.pad_token is None or tokenizer.pad_token == tokenizer.eos_token:
                tokenizer.pad_token = next((t for t in base.PAD_CANDIDATES if t in tokenizer.get_vocab()),
                                           tokenizer.eos_token)
            lm = base.load_model(model_name, load_in_4bit=load_in_4bit, dtype=dtype,
                                 device_map={"": 0} if device == "cuda" else None)
            lm.eval()
            _CACHE[key] = Run(lm, tokenizer, Path(model_name), device)
        return _CACHE[key]


def chat_prompt(run: Run, prompt: str) -> str:
    """``prompt`` in the tokenizer's chat template, when it has one."""
    if getattr(run.tokenizer, "chat_template", None):
        return run.tokenizer.apply_chat_template([{"role": "user", "content": prompt}], tokenize=False,
                                                 add_generation_prompt=True)
    return prompt


def clean_output(text: str) -> str:
    """Tidy whitespace. Markers never get here: text is cut at the first stop token and decoded
    without special tokens (``generate_texts``)."""
    return " ".join(text.split())


@contextlib.contextmanager
def _seeded(seed: int | None):
    if seed is None:
        yield
        return
    import torch

    with torch.random.fork_rng(devices=[]):  # leave the caller's random state alone
        torch.manual_seed(seed)
        yield


def generate_texts(run: Run, prompts: list[str], temperature: float = 0.7, seed: int | None = None,
                   max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS, add_special_tokens: bool = True,
                   ) -> list[tuple[str, str | None]]:
    """``(text, stop)`` per prompt, in one left-padded batch: ``stop`` is the token the model
    ended with (``<END>``, or a base model's EOS), None if it ran out of ``max_new_tokens``.
    ``add_special_tokens`` as in training (a BOS for Mistral); False for chat-templated text."""
    import torch

    tok = run.tokenizer
    tok.padding_side = "left"  # generation continues from the right edge of every row
    batch = tok(prompts, return_tensors="pt", padding=True, add_special_tokens=add_special_tokens).to(run.model.device)
    sampling = {"do_sample": True, "temperature": temperature, "top_p": 0.9} if temperature > 0 else {"do_sample": False}
    with torch.inference_mode(), _seeded(seed):
        # No five-word phrase twice: the training scripts never repeat one (the quality gate
        # rejects them), and small models drift into loops without this.
        out = run.model.generate(**batch, max_new_tokens=max_new_tokens, pad_token_id=tok.pad_token_id,
                                 repetition_penalty=1.1, no_repeat_ngram_size=5, **sampling)
    new = out[:, batch["input_ids"].shape[1]:].tolist()
    eos = run.model.generation_config.eos_token_id
    stop_ids = set([eos] if isinstance(eos, int) else eos or [])
    results = []
    for row in new:
        # Cut at the first stop token (<END>, or the base model's own end-of-turn), then decode
        # without special tokens, so no marker ever reaches the caller.
        cut = next((i for i, t in enumerate(row) if t in stop_ids), None)
        text = tok.decode(row[:cut], skip_special_tokens=True)
        results.append((clean_output(text), None if cut is None else tok.convert_ids_to_tokens(row[cut])))
    return results


def generate_guides(records: Iterable[Mapping[str, Any]], batch_size: int = 8, adapter=None,
                    temperature: float = 0.7, seed: int | None = None,
                    max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS, progress: bool = False) -> list[str]:
    """Guides for many records, generated in left-padded batches (much faster per guide)."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    prompts = [build_prompt(to_painting(r)) for r in records]
    run = load_run(adapter)
    from tqdm import tqdm

    guides: list[str] = []
    for i in tqdm(range(0, len(prompts), batch_size), disable=not progress, desc="generating", unit="batch"):
        chunk_seed = None if seed is None else seed + i
        guides.extend(text for text, _ in generate_texts(run, prompts[i:i + batch_size], temperature,
                                                           chunk_seed, max_new_tokens))
    return guides


def generate_guide(metadata: Mapping[str, Any], adapter=None, temperature: float = 0.7, seed: int | None = None,
                   max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS, audio: str | os.PathLike | None = None) -> str:
    """One audio-guide script for one painting's metadata (raw API record, cleaned record or
    plain dict with title, artist, date, medium, dimensions). ``audio=path`` also narrates it."""
    if not 0 <= temperature <= 2:
        raise ValueError(f"temperature must be between 0 and 2, got {temperature}")
    prompt = build_prompt(to_painting(metadata))  # validates before any model loads
    guide = generate_texts(load_run(adapter), [prompt], temperature, seed, max_new_tokens)[0][0]
    if audio is not None:
        from museumguide.speak import speak

        speak(guide, audio)
    return guide


def load_painting(object_id: int, processed_dir: Path, api_url: str | None = None) -> dict:
    """A painting from the processed data, else fetched from the Met API and cleaned."""
    path = processed_dir / "paintings.jsonl"
    if path.is_file():
        for row in jsonl.read_jsonl(path):
            if row.get("object_id") == object_id:
                return row
    if not api_url:
        raise ValueError(f"object {object_id} is not in {path}; collect it first or pass --api-url")
    from museumguide.clean import clean_record
    from museumguide.metapi import ApiError, MetClient, RetryPolicy

    client = MetClient(api_url, rps=5, retry=RetryPolicy(attempts=3))
    try:
        return clean_record(client.get_object(object_id))
    except ApiError as exc:
        raise ValueError(f"object {object_id} is not in {path} and the API could not give it: {exc}") from None
    finally:
        client.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m museumguide.generate", description="Generate audio-guide scripts.")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--object-id", type=int, help="a painting in <processed-dir>/paintings.jsonl")
    src.add_argument("--json", type=Path, help="a JSON file with one record (API, cleaned or plain)")
    src.add_argument("--batch", type=Path, help="JSONL of records; needs --out")
    p.add_argument("--out", type=Path, help="JSONL to write {id, guide} lines to (resumes if it exists)")
    p.add_argument("--processed-dir", type=Path, default=Path("data/processed"))
    p.add_argument("--api-url", default=DEFAULT_API_URL,
                   help="where to fetch an --object-id that is not in the processed data (default: the Met API)")
    p.add_argument("--adapter", help="run folder (default: $MUSEUMGUIDE_ADAPTER or newest in artifacts/)")
    p.add_argument("--temperature", type=float, default=0.7)
    p.add_argument("--seed", type=int)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--max-new-tokens", type=int, default=DEFAULT_MAX_NEW_TOKENS)
    args = p.parse_args(argv)
    try:
        if args.batch:
            if not args.out:
                p.error("--batch needs --out")
            return _run_batch(args)
        record = load_painting(args.object_id, args.processed_dir, args.api_url) if args.object_id is not None else \
            json.loads(args.json.read_text(encoding="utf-8"))
        print(generate_guide(record, adapter=args.adapter, temperature=args.temperature, seed=args.seed,
                             max_new_tokens=args.max_new_tokens))
    except (ValueError, TypeError, NoAdapterError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _run_batch(args) -> int:
    records = jsonl.read_jsonl(args.batch)
    done = set()
    if args.out.exists():
        jsonl.repair_tail(args.out)
        done = {row["id"] for row in jsonl.read_jsonl(args.out, require=("id",))}
    todo = [r for r in records if str(r.get("object_id", r.get("objectID", ""))) not in done]
    print(f"{len(todo)} to generate ({len(done)} already in {args.out})", file=sys.stderr)
    from tqdm import tqdm

    with jsonl.AppendLog(args.out) as log, tqdm(total=len(todo), desc="generating", unit="guide") as bar:
        for i in range(0, len(todo), args.batch_size):
            chunk = todo[i:i + args.batch_size]
            guides = generate_guides(chunk, batch_size=args.batch_size, adapter=args.adapter,
                                     temperature=args.temperature, seed=args.seed,
                                     max_new_tokens=args.max_new_tokens)
            for record, guide in zip(chunk, guides):
                log.write({"id": str(record.get("object_id", record.get("objectID", ""))), "guide": guide})
            bar.update(len(chunk))
    return 0


if __name__ == "__main__":
    sys.exit(main())
