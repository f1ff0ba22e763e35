"""The ONNX Runtime engine (museumguide.model.fast) on the real 2-step SmolLM2 run of conftest:
converted once and again only when the run changes, seeded, the project's decoding rules (checked
against transformers' own processors), and the same gated generation as the transformers path."""

from __future__ import annotations

import json
import shutil

import pytest

from museumguide.guides import generate
from museumguide.guides.decode import NO_REPEAT_NGRAM, mean_logprobs, sample
from museumguide.model import backends, export, fast

needs_engine = pytest.mark.skipif(not fast.available(), reason="ONNX Runtime GenAI is not installed (make installs it)")

PROMPT = "Title: The Harvesters\nArtist: Pieter Bruegel the Elder\nDate: 1565\n\nAudio guide:\n"
OPENING = "Welcome to The Harvesters by Pieter Bruegel the Elder, painted in 1565."


@pytest.fixture(scope="module")
def run(trained_run, tmp_path_factory):
    """A copy of the run (its folder gains the converted model) on the engine."""
    copy = tmp_path_factory.mktemp("fast") / "tiny"
    shutil.copytree(trained_run, copy, ignore=shutil.ignore_patterns("checkpoints"))
    return backends.load_run(copy, backend="onnxruntime")


@pytest.mark.slow
@needs_engine
def test_the_run_is_converted_once_beside_itself_and_again_when_it_changes(run, capsys):
    folder = export.onnx_dir(run.run_dir)
    assert run.backend == "onnxruntime" and (folder / "model.onnx").is_file()
    assert export.converted_from(folder) == export.fingerprint(run.run_dir)
    made = (folder / "model.onnx").stat().st_mtime_ns
    fast.load_fast(run.run_dir)  # a second load finds it
    assert (folder / "model.onnx").stat().st_mtime_ns == made
    note = json.loads((folder / export.FINGERPRINT_FILE).read_text())
    (folder / export.FINGERPRINT_FILE).write_text(json.dumps({**note, "fingerprint": "another-run"}))
    fast.load_fast(run.run_dir)  # made from other weights: converted again
    assert (folder / "model.onnx").stat().st_mtime_ns != made
    assert "converting" in capsys.readouterr().err
    before = export.fingerprint(run.run_dir)
    config = run.run_dir / "generation_config.json"
    config.write_text(config.read_text() + "\n")
    assert export.fingerprint(run.run_dir) != before, "a changed run file changes the fingerprint"


@pytest.mark.slow
@needs_engine
def test_export_cli_converts_on_purpose_into_a_folder(run, tmp_path, capsys):
    out = tmp_path / "onnx"
    assert export.main([str(run.run_dir), "--onnx", str(out)]) == 0
    assert (out / "model.onnx").is_file() and "ONNX Runtime GenAI, int8" in capsys.readouterr().out
    assert export.main([str(run.run_dir), "--onnx", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    # Inside the run, only the folder generation uses: --force never replaces the run's own files.
    (run.run_dir / "notes").mkdir()
    (run.run_dir / "notes" / "mine.txt").write_text("a curator's file")
    assert export.main([str(run.run_dir), "--onnx", str(run.run_dir / "notes"), "--force"]) == 2
    assert "overlaps the run folder" in capsys.readouterr().err and (run.run_dir / "notes" / "mine.txt").is_file()


@pytest.mark.slow
@needs_engine
def test_the_same_seed_gives_the_same_texts_and_another_seed_others(run):
    prompts = [PROMPT, PROMPT.replace("1565", "1566") + "A longer prompt than the first.\n"]
    first = sample(run, prompts, n=3, temperature=0.9, seed=5, max_new_tokens=24)
    again = sample(run, prompts, n=3, temperature=0.9, seed=5, max_new_tokens=24)
    other = sample(run, prompts, n=3, temperature=0.9, seed=6, max_new_tokens=24)
    assert [[s.token_ids for s in row] for row in first] == [[s.token_ids for s in row] for row in again]
    assert [[s.token_ids for s in row] for row in first] != [[s.token_ids for s in row] for row in other]
    assert [len(row) for row in first] == [3, 3]
    assert len({tuple(s.token_ids) for s in first[0]}) > 1, "the candidates of one prompt differ"
    lone = sample(run, [PROMPT], n=3, temperature=0.9, seed=5, max_new_tokens=24)[0]
    assert [s.token_ids for s in lone] == [s.token_ids for s in first[0]], "a prompt's draws do not depend on the others"
    for s in first[0]:  # the stop token, when there is one, ends the ids and names the stop
        assert len(s.token_ids) <= 25 and (s.stop is None) == (not s.token_ids or s.token_ids[-1] not in run.model.stop_ids)


@pytest.mark.slow
@needs_engine
def test_no_phrase_of_the_opening_or_of_its_own_is_written_twice(run):
    prompt = PROMPT + OPENING
    out = sample(run, [prompt], n=1, temperature=0, max_new_tokens=80, written_from=[len(PROMPT)])[0][0]
    opening = run.tokenizer(OPENING, add_special_tokens=False)["input_ids"]
    ids = out.token_ids
    phrases = [tuple(ids[i:i + NO_REPEAT_NGRAM]) for i in range(len(ids) - NO_REPEAT_NGRAM + 1)]
    assert len(phrases) == len(set(phrases)), "no five-token phrase of the guide twice"
    banned = {tuple(opening[i:i + NO_REPEAT_NGRAM]) for i in range(1, len(opening) - NO_REPEAT_NGRAM + 1)}
    assert not banned & set(phrases), "nor one of its opening"


@pytest.mark.slow
@needs_engine
def test_tie_breaking_log_probabilities_agree_with_the_transformers_path(run):
    from museumguide.model.runs import load_run as load_transformers

    cands = sample(run, [PROMPT], n=3, temperature=0.9, seed=1, max_new_tokens=16)[0]
    fast_scores = mean_logprobs(run, PROMPT, cands)  # kept from generation
    exact = mean_logprobs(load_transformers(run.run_dir, dequantize=True), PROMPT, cands)
    # int8 against fp32 moves a 2-step model's mean by up to ~0.2 nats (seen with int8 engines:
    # 0.19); a wrong slice of the per-token scores (the prompt's, another candidate's) is off by a nat or more.
    assert all(a == pytest.approx(b, abs=0.35) for a, b in zip(fast_scores, exact)), (fast_scores, exact)
    prefix = run.tokenizer(PROMPT)["input_ids"]
    read = [sum(lp) / len(lp) for lp in (run.model._score(prefix, c.token_ids) for c in cands)]
    assert read == pytest.approx(fast_scores, abs=0.05), "running the model over a text agrees with writing it"


@pytest.mark.slow
@needs_engine
def test_the_default_engine_is_said_once_and_a_bad_one_is_refused(trained_run, capsys):
    backends._SAID.clear()
    assert backends.resolve(None, device="cpu") == "onnxruntime"
    assert backends.resolve(None, device="cuda") == "transformers"
    first = backends.load_run(trained_run)
    assert backends.load_run(trained_run) is first
    assert capsys.readouterr().err.count("generating with ONNX Runtime") == 1
    with pytest.raises(ValueError, match="backend must be one of"):
        generate.generate_guide({"title": "Whalers"}, adapter=trained_run, backend="llama")


@pytest.mark.slow
@needs_engine
def test_generate_cli_takes_the_backend(trained_run, tmp_path, capsys):
    record = tmp_path / "whalers.json"
    record.write_text(json.dumps({"title": "Whalers", "artist": "J. M. W. Turner", "date": "ca. 1845"}))
    for backend in ("transformers", "onnxruntime"):
        assert generate.main(["--json", str(record), "--adapter", str(trained_run), "--seed", "0",
                              "--max-new-tokens", "20", "--backend", backend]) == 0
        assert capsys.readouterr().out.strip()


@pytest.mark.slow
@needs_engine
def test_a_default_engine_that_cannot_load_falls_back_and_a_requested_one_fails(trained_run, monkeypatch, capsys):
    from museumguide.model import runs

    def broken(run_dir):
        raise RuntimeError("unsupported architecture")

    monkeypatch.setattr(fast, "load_fast", broken)
    monkeypatch.setattr(runs, "_CACHE", {})  # nothing converted or loaded yet
    run = backends.load_run(trained_run)
    assert run.backend == "transformers"
    assert "could not load" in capsys.readouterr().err
    with pytest.raises(RuntimeError, match="unsupported architecture"):
        backends.load_run(trained_run, backend="onnxruntime")


@pytest.mark.parametrize("opening, written", [
    ([], [5, 6, 7, 8, 9, 5, 6, 7, 8]),               # its own words only: 5 6 7 8 -> 9 is banned
    ([5, 6, 7, 8, 9], [1, 5, 6, 7]),                  # an opening counts as its own words
    ([3, 3, 3], [3]),                                 # penalised once per token, however often
    ([], []),                                         # nothing written: nothing changes
])
def test_the_rules_match_transformers_processors_over_the_guides_own_words(opening, written):
    """The engine's numpy rules against transformers' processors on the same tokens: a prompt of
    other tokens before them, which neither counts."""
    import numpy as np
    import torch

    from museumguide.guides.decode import repetition_processors

    vocab, prompt = 12, [5, 6, 7, 8, 9, 10, 11]  # the prompt holds the very phrases: never counted
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(1, vocab)).astype(np.float32) * 3
    rules = fast.Rules(opening, 1, 1.3, 5)
    for token in written:
        rules.add(0, token)
    ours = rules.apply(logits.copy())
    ids = torch.tensor([prompt + opening + written])
    theirs = torch.tensor(logits)
    for proc in repetition_processors(torch.tensor([len(prompt)]), vocab, penalty=1.3, ngram=5):
        theirs = proc(ids, theirs)
    assert np.allclose(ours, theirs.numpy(), equal_nan=True), (ours, theirs)
    if written == [5, 6, 7, 8, 9, 5, 6, 7, 8]:
        assert ours[0, 9] == -np.inf
