"""The CTranslate2 engine (museumguide.model.fast) on the real 2-step SmolLM2 run of conftest:
converted once and again only when the run changes, seeded, the project's decoding rules, and
the same gated generation as the transformers path."""

from __future__ import annotations

import json
import shutil

import pytest

from museumguide.guides import generate
from museumguide.guides.decode import NO_REPEAT_NGRAM, mean_logprobs, sample
from museumguide.model import backends, export, fast

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not fast.available(), reason="CTranslate2 is not installed (make installs it)")]

PROMPT = "Title: The Harvesters\nArtist: Pieter Bruegel the Elder\nDate: 1565\n\nAudio guide:\n"
OPENING = "Welcome to The Harvesters by Pieter Bruegel the Elder, painted in 1565."


@pytest.fixture(scope="module")
def run(trained_run, tmp_path_factory):
    """A copy of the run (its folder gains the converted model) on the engine."""
    copy = tmp_path_factory.mktemp("fast") / "tiny"
    shutil.copytree(trained_run, copy, ignore=shutil.ignore_patterns("checkpoints"))
    return backends.load_run(copy, backend="ctranslate2")


def test_the_run_is_converted_once_beside_itself_and_again_when_it_changes(run, capsys):
    folder = export.ctranslate2_dir(run.run_dir)
    assert run.backend == "ctranslate2" and (folder / "model.bin").is_file()
    assert export.converted_from(folder) == export.fingerprint(run.run_dir)
    made = (folder / "model.bin").stat().st_mtime_ns
    fast.load_fast(run.run_dir)  # a second load finds it
    assert (folder / "model.bin").stat().st_mtime_ns == made
    note = json.loads((folder / export.FINGERPRINT_FILE).read_text())
    (folder / export.FINGERPRINT_FILE).write_text(json.dumps({**note, "fingerprint": "another-run"}))
    fast.load_fast(run.run_dir)  # made from other weights: converted again
    assert (folder / "model.bin").stat().st_mtime_ns != made
    assert "converting" in capsys.readouterr().err
    before = export.fingerprint(run.run_dir)
    config = run.run_dir / "generation_config.json"
    config.write_text(config.read_text() + "\n")
    assert export.fingerprint(run.run_dir) != before, "a changed run file changes the fingerprint"


def test_export_cli_converts_on_purpose_into_a_folder(run, tmp_path, capsys):
    out = tmp_path / "ct2"
    assert export.main([str(run.run_dir), "--ctranslate2", str(out)]) == 0
    assert (out / "model.bin").is_file() and "CTranslate2, int8" in capsys.readouterr().out
    assert export.main([str(run.run_dir), "--ctranslate2", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    # Inside the run, only the folder generation uses: --force never replaces the run's own files.
    (run.run_dir / "notes").mkdir()
    (run.run_dir / "notes" / "mine.txt").write_text("a curator's file")
    assert export.main([str(run.run_dir), "--ctranslate2", str(run.run_dir / "notes"), "--force"]) == 2
    assert "overlaps the run folder" in capsys.readouterr().err and (run.run_dir / "notes" / "mine.txt").is_file()


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
    assert len(lone) == 3 and len({tuple(s.token_ids) for s in lone}) > 1, "split over workers, still distinct"
    for s in first[0]:  # the stop token, when there is one, ends the ids and names the stop
        assert len(s.token_ids) <= 25 and (s.stop is None) == (not s.token_ids or s.token_ids[-1] not in run.model.stop_ids)


def test_no_phrase_of_the_opening_or_of_its_own_is_written_twice(run):
    prompt = PROMPT + OPENING
    out = sample(run, [prompt], n=1, temperature=0, max_new_tokens=80, written_from=[len(PROMPT)])[0][0]
    opening = run.tokenizer(OPENING, add_special_tokens=False)["input_ids"]
    ids = out.token_ids
    phrases = [tuple(ids[i:i + NO_REPEAT_NGRAM]) for i in range(len(ids) - NO_REPEAT_NGRAM + 1)]
    assert len(phrases) == len(set(phrases)), "no five-token phrase of the guide twice"
    banned = {tuple(opening[i:i + NO_REPEAT_NGRAM]) for i in range(1, len(opening) - NO_REPEAT_NGRAM + 1)}
    assert not banned & set(phrases), "nor one of its opening"


def test_tie_breaking_log_probabilities_agree_with_the_transformers_path(run):
    from museumguide.model.runs import load_run as load_transformers

    cands = sample(run, [PROMPT], n=3, temperature=0.9, seed=1, max_new_tokens=16)[0]
    fast_scores = mean_logprobs(run, PROMPT, cands)
    exact = mean_logprobs(load_transformers(run.run_dir, dequantize=True), PROMPT, cands)
    # int8 against fp32 moves a 2-step model's mean by up to ~0.2 nats (seen: 0.19); a wrong slice of
    # the engine's per-token scores (the prompt's, or another candidate's) is off by a nat or more.
    assert all(a == pytest.approx(b, abs=0.35) for a, b in zip(fast_scores, exact)), (fast_scores, exact)


def test_the_default_engine_is_said_once_and_a_bad_one_is_refused(trained_run, capsys):
    backends._SAID.clear()
    assert backends.resolve(None, device="cpu") == "ctranslate2"
    assert backends.resolve(None, device="cuda") == "transformers"
    first = backends.load_run(trained_run)
    assert backends.load_run(trained_run) is first
    assert capsys.readouterr().err.count("generating with CTranslate2") == 1
    with pytest.raises(ValueError, match="backend must be one of"):
        generate.generate_guide({"title": "Whalers"}, adapter=trained_run, backend="llama")


def test_generate_cli_takes_the_backend(trained_run, tmp_path, capsys):
    record = tmp_path / "whalers.json"
    record.write_text(json.dumps({"title": "Whalers", "artist": "J. M. W. Turner", "date": "ca. 1845"}))
    for backend in ("transformers", "ctranslate2"):
        assert generate.main(["--json", str(record), "--adapter", str(trained_run), "--seed", "0",
                              "--max-new-tokens", "20", "--backend", backend]) == 0
        assert capsys.readouterr().out.strip()


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
        backends.load_run(trained_run, backend="ctranslate2")
