"""Shared fixtures. Everything runs offline: the Met API is a replay server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLED_RECORDS = ROOT / "data" / "raw" / "met-sample" / "objects.jsonl"
LOOPBACK_URL = "http://127.0.0.1"
"""Where the web tests' TestClient says it is: the page takes changes on loopback only from this machine."""


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def met_records() -> list[dict]:
    """60 real API responses (see fixtures/README.md)."""
    return load_jsonl(FIXTURES / "met_objects_60.jsonl")


@pytest.fixture(scope="session")
def aic_records() -> list[dict]:
    """60 real Art Institute of Chicago API records with curator descriptions (see fixtures/README.md)."""
    return load_jsonl(FIXTURES / "aic_paintings_60.jsonl")


@pytest.fixture(scope="session")
def aic_paintings(aic_records) -> list[dict]:
    """Those records cleaned onto the shared schema (59: one has no dimensions)."""
    from museumguide.records.aic import clean_aic_records

    return clean_aic_records(aic_records).paintings


@pytest.fixture(scope="session")
def all_met_records() -> list[dict]:
    """All 784 bundled real API responses."""
    return load_jsonl(BUNDLED_RECORDS)


@pytest.fixture(scope="session")
def processed_dir(tmp_path_factory, met_records) -> Path:
    """Cleaned paintings and template-written splits from the 60 fixture records."""
    from museumguide.common import jsonl
    from museumguide.data import scripts
    from museumguide.records.clean import clean_records

    out = tmp_path_factory.mktemp("processed")
    jsonl.write_jsonl_atomic(out / "paintings.jsonl", clean_records(met_records).paintings)
    scripts.run(scripts.ScriptsConfig(processed_dir=out), progress=False)
    return out


@pytest.fixture(scope="session")
def trained(tmp_path_factory, processed_dir):
    """A real SmolLM2-135M run, 4-bit QLoRA, trained 2 steps on the CPU (about a minute):
    the in-memory outcome (model, tokenizer, metrics) and, as ``.run_dir``, its folder."""
    from museumguide.model.config import load_config
    from museumguide.model.train import train

    artifacts = tmp_path_factory.mktemp("artifacts")
    config = load_config(ROOT / "recipes" / "smollm2-135m-cpu.yaml", {
        "data_dir": str(processed_dir), "artifacts_dir": str(artifacts), "run_name": "tiny",
        "max_steps": 2, "per_device_train_batch_size": 2, "gradient_accumulation_steps": 1, "max_train_examples": 8,
        "max_eval_examples": 2,
        "eval_strategy": "no", "save_strategy": "steps", "save_steps": 2, "logging_steps": 1,
        "learning_rate": 5e-3, "new_token_learning_rate": 1e-2,
        # The QLoRA path (the Mistral recipe's, and what the engines load) stays the one tested here;
        # the CPU recipe as written (bf16 LoRA) trains in tests/test_train.py.
        "load_in_4bit": True, "precision": "fp32", "gradient_checkpointing": True, "early_stopping_patience": None})
    outcome = train(config, progress=False)
    outcome.run_dir = config.run_dir
    return outcome


@pytest.fixture(scope="session")
def trained_run(trained) -> Path:
    return trained.run_dir


def mistral_cpu_overrides(model, data_dir, artifacts) -> dict:
    """What a CPU run of recipes/mistral-7b-qlora.yaml must change, and nothing more: the model,
    folders, step and example counts, and requires_gpu (see tests/test_mistral.py)."""
    return {"model": str(model), "data_dir": str(data_dir), "artifacts_dir": str(artifacts), "requires_gpu": False,
            "max_steps": 2, "max_train_examples": 16, "max_eval_examples": 2, "eval_strategy": "no",
            "save_strategy": "no", "logging_steps": 1}


@pytest.fixture(scope="session")
def mini_mistral(tmp_path_factory):
    """A miniature Mistral-7B-Instruct-v0.3: the real v3 tokenizer (mistral-common), the real
    architecture at 2 layers of width 256, random weights (museumguide.mistral)."""
    from museumguide.model.mistral import save_miniature

    return save_miniature(tmp_path_factory.mktemp("mini-mistral") / "model")
