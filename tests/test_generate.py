"""generate_guide / generate_guides on a real trained SmolLM2 run, and their input checks."""

from __future__ import annotations


import pytest

from museumguide.checks.sentences import check_sentences
from museumguide.common import jsonl
from museumguide.guides import generate
from museumguide.records.clean import clean_record
from museumguide.records.prompt import END_MARKER


@pytest.mark.parametrize("metadata, error, message", [
    (["Whalers"], TypeError, "must be a mapping"),
    ({"artist": "Turner"}, ValueError, "'title' is required"),
    ({"title": "Whalers", "date": 1845}, TypeError, "'date' must be a string"),
    ({"title": "W" * 100_000}, ValueError, "the limit is"),
])
def test_bad_input_is_refused_before_any_model_loads(metadata, error, message, monkeypatch):
    monkeypatch.setattr(generate, "load_run", lambda *a, **k: pytest.fail("the model must not load"))
    with pytest.raises(error, match=message):
        generate.generate_guide(metadata)


def test_no_adapter_says_how_to_train_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MUSEUMGUIDE_ADAPTER", raising=False)
    with pytest.raises(generate.NoAdapterError, match="python -m museumguide.train --config recipes/smollm2-135m-cpu.yaml"):
        generate.find_run()
    with pytest.raises(generate.NoAdapterError, match="not a trained run"):
        generate.find_run(tmp_path)


def test_object_id_from_processed_data_else_a_clear_error(processed_dir):
    local = jsonl.read_jsonl(processed_dir / "paintings.jsonl")[0]
    assert generate.load_painting(local["object_id"], processed_dir) == local
    assert generate.load_painting(local["key"], processed_dir) == local
    # Generation never fetches: the collector is the only stage that reaches a museum's API.
    for missing in (999999999, "aic-999999999"):
        with pytest.raises(ValueError, match=r"is not in .*paintings.jsonl; collect it first \(python -m museumguide.collect"):
            generate.load_painting(missing, processed_dir)


@pytest.mark.slow
def test_adapter_choice_order(trained_run, tmp_path, monkeypatch):
    monkeypatch.setenv("MUSEUMGUIDE_ADAPTER", str(trained_run))
    assert generate.find_run() == trained_run
    assert generate.find_run(trained_run) == trained_run


@pytest.mark.slow
def test_generate_guide_accepts_all_three_shapes_and_is_seeded(trained_run, met_records):
    raw = met_records[20]
    cleaned = clean_record(raw)
    plain = {k: cleaned[k] for k in ("title", "artist", "date", "medium", "dimensions")}
    outputs = [generate.generate_guide(m, adapter=trained_run, seed=3, max_new_tokens=24) for m in (raw, cleaned, plain)]
    for text in outputs:
        assert isinstance(text, str) and text.strip()
        assert END_MARKER not in text and "<|" not in text and "  " not in text
    assert outputs[0] == outputs[1], "the raw and the cleaned record build the same prompt"
    again = generate.generate_guide(raw, adapter=trained_run, seed=3, max_new_tokens=24)
    assert again == outputs[0], "same seed, same guide"


@pytest.mark.slow
def test_generate_guide_can_narrate_in_one_step(trained_run, met_records, tmp_path):
    text = generate.generate_guide(met_records[5], adapter=trained_run, seed=1, max_new_tokens=20,
                                   audio=tmp_path / "guide.mp3")
    assert text and (tmp_path / "guide.mp3").stat().st_size > 1000


@pytest.mark.slow
def test_generate_guides_batches_with_left_padding(trained_run, met_records, monkeypatch):
    # In the dequantised fp32 path a batch and a single row share their arithmetic, so what
    # differs is only the padding. (bitsandbytes' 4-bit path computes one row with another kernel
    # than a batch, so greedy texts of an untrained model may part at the first word there.)
    from museumguide.model import runs

    monkeypatch.setattr(runs, "fast_4bit_on_cpu", lambda: False)
    records = [clean_record(r) for r in met_records[:3]]
    # strict=False: the model's own text, with no opening or fill the two paths would share.
    batch = generate.generate_guides(records, batch_size=3, adapter=trained_run, temperature=0, max_new_tokens=16,
                                     strict=False)
    single = [generate.generate_guide(r, adapter=trained_run, temperature=0, max_new_tokens=16, strict=False)
              for r in records]
    assert len(batch) == 3 and all(batch)
    # Greedy decoding: left padding must not change what each row generates (allow float noise
    # to diverge late, so compare the first words).
    for b, s in zip(batch, single):
        assert b.split()[:3] == s.split()[:3]


@pytest.mark.slow
def test_cli_batch_resumes(trained_run, processed_dir, tmp_path, capsys):
    paintings = jsonl.read_jsonl(processed_dir / "paintings.jsonl")[:3]
    src = tmp_path / "in.jsonl"
    jsonl.write_jsonl_atomic(src, paintings)
    out = tmp_path / "guides.jsonl"
    argv = ["--batch", str(src), "--out", str(out), "--adapter", str(trained_run), "--max-new-tokens", "12", "--seed", "1"]
    jsonl.write_jsonl_atomic(out, [{"id": paintings[0]["key"], "guide": "kept from before"}])
    assert generate.main(argv) == 0
    rows = jsonl.read_jsonl(out)
    assert [r["id"] for r in rows] == [p["key"] for p in paintings]
    assert rows[0]["guide"] == "kept from before", "done work is not redone"
    assert "2 to generate (1 already" in capsys.readouterr().err
    code = generate.main(["--object-id", str(paintings[1]["object_id"]), "--processed-dir", str(processed_dir),
                          "--adapter", str(trained_run), "--max-new-tokens", "12"])
    assert code == 0 and capsys.readouterr().out.strip()
    assert generate.main(["--object-id", "1", "--processed-dir", str(processed_dir), "--adapter", str(trained_run)]) == 2
    assert "is not in" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_strict_batch_records_a_refusal_and_goes_on(trained_run, processed_dir, tmp_path, capsys):
    painting = jsonl.read_jsonl(processed_dir / "paintings.jsonl")[0]
    src, out = tmp_path / "in.jsonl", tmp_path / "guides.jsonl"
    jsonl.write_jsonl_atomic(src, [{"object_id": 1, "title": "Untitled"}, painting])
    # Two tokens after the opening are never a whole sentence: strict keeps nothing of the model's.
    # A title alone leaves nothing to fill the guide with: refused; a record's facts fill the other.
    argv = ["--batch", str(src), "--out", str(out), "--adapter", str(trained_run), "--max-new-tokens", "2",
            "--strict", "--temperature", "0"]
    assert generate.main(argv) == 0
    rows = jsonl.read_jsonl(out)
    assert [(r["id"], bool(r["guide"]), r.get("refused")) for r in rows] == [("user-1", False, True),
                                                                             (painting["key"], True, None)]
    assert capsys.readouterr().err.count("refused by --strict") == 1
    assert generate.main(argv) == 0 and len(jsonl.read_jsonl(out)) == 2, "a refusal counts as done on a rerun"


# -- fact gating ---------------------------------------------------------------------------------
WHALERS = {"title": "Whalers", "artist": "Joseph Mallord William Turner", "date": "ca. 1845",
           "medium": "Oil on canvas", "dimensions": "36 1/8 x 48 1/4 in. (91.8 x 122.6 cm)"}


def _sample(text, stop="<END>"):
    from museumguide.guides.decode import Sample

    return Sample(text, stop, [1, 2, 3])


def test_choose_prefers_naming_then_fewest_unsupported_sentences():
    from museumguide.records.prompt import to_painting

    painting = to_painting(WHALERS)
    invented = _sample("Stop here for Whalers by Joseph Mallord William Turner, painted in 1832 in Margate.")
    grounded = _sample("Stop here for Whalers by Joseph Mallord William Turner, painted around 1845.")
    vague = _sample("Enjoy the picture.")
    # No tie, so the model is never asked for likelihoods (run=None would fail if it were).
    assert generate.choose(None, "prompt", painting, [vague, invented, grounded]) is grounded
    assert generate.choose(None, "prompt", painting, [vague, invented]) is invented  # naming the work first


def test_strict_choose_ranks_by_what_survives():
    from museumguide.records.prompt import to_painting

    painting = to_painting(WHALERS)
    start = "Stop here for Whalers by Joseph Mallord William Turner."
    short = _sample("It was painted around 1845.")
    longer = _sample("It was painted around 1845, in oil on canvas. Turner sold it to a whaling captain. "
                     "Notice where the light falls first, and where the shadows gather.")
    # The longer one holds an unsupported sentence, but more of it survives the gate.
    assert generate.choose(None, "prompt", painting, [short, longer], start=start, strict=True) is longer
    assert generate.choose(None, "prompt", painting, [longer, short]) is short  # not strict: fewest struck


def test_strict_finish_drops_unsupported_sentences_and_reports_them():
    from museumguide.records.prompt import to_painting

    painting = to_painting(WHALERS)
    start = "Stop here for Whalers by Joseph Mallord William Turner."
    result = generate.finish(painting, _sample("It was painted around 1845. Turner sold it in 1850 to Elhanan Bicknell."),
                             4, True, 0.0, start)
    assert result.text == f"{start} It was painted around 1845."
    assert [v.text for v in result.dropped] == ["Turner sold it in 1850 to Elhanan Bicknell."]
    assert "1850" in result.dropped[0].reason and result.unsupported == []
    nothing_left = generate.finish(painting, _sample("Turner sold it in 1850."), 4, True, 0.0, start)
    assert nothing_left.text == ""


def test_a_credit_line_the_model_writes_is_not_kept_as_its_sentence():
    """Issue 33: the credit is added once, after the guide, never as a sentence of the model's."""
    from museumguide.records.prompt import to_painting

    gothic = to_painting({"title": "American Gothic", "artist": "Grant Wood", "date": "1930",
                          "notes": "Wood was inspired to paint this picture after seeing a small farmhouse in Eldon, Iowa.",
                          "notes_license": "CC BY 4.0", "notes_attribution": "the Art Institute of Chicago"})
    start = "Stop here for American Gothic by Grant Wood."
    result = generate.finish(gothic, _sample("Text adapted from the Art Institute of Chicago, CC BY 4.0. "
                                             "It was painted in 1930."), 1, True, 0.0, start)
    assert result.text == f"{start} It was painted in 1930." and result.model_sentences == 1


@pytest.mark.parametrize("kwargs, message", [
    ({"candidates": 4, "temperature": 0}, "needs sampling"),
    ({"candidates": 0}, "at least 1"),
    ({"temperature": 3}, "between 0 and 2"),
])
def test_gating_arguments_are_checked_before_any_model_loads(kwargs, message, monkeypatch):
    monkeypatch.setattr(generate, "load_run", lambda *a, **k: pytest.fail("the model must not load"))
    with pytest.raises(ValueError, match=message):
        generate.generate_guide(WHALERS, **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["transformers", "onnxruntime"])
def test_strict_gated_guide_names_the_work_and_claims_nothing_unsupported(trained_run, backend):
    from museumguide import check_guide
    from museumguide.records.prompt import to_painting
    from museumguide.data.writers.template import opening

    painting = to_painting(WHALERS)
    result = generate.gated_guides(generate.load_run(trained_run, backend), [painting], 3, 0.7, 0, 60, strict=True,
                                   retries=generate.STRICT_RETRIES)[0]
    assert result.candidates in (3, 3 * (1 + generate.STRICT_RETRIES)), "a second round only when the first failed"
    assert all(v.verdict == "unsupported" and v.reason for v in result.dropped), "only unsupported sentences go"
    if result.text:  # the model's words after the exact opening, every sentence supported or viewing
        start = opening(painting, 0, facts=generate.LEAD_FACTS)
        assert result.text.startswith(start) and len(result.text) > len(start)
        assert check_guide(result.text, WHALERS) == []
        assert {v.verdict for v in check_sentences(result.text, WHALERS)} <= {"supported", "viewing"}
        assert generate.generate_guide(WHALERS, adapter=trained_run, seed=0, candidates=3, strict=True,
                                       max_new_tokens=60, backend=backend) == result.text
    else:  # a 2-step model may write nothing the metadata supports: then strict refuses
        with pytest.raises(generate.UngroundedGuideError, match="no sentence"):
            generate.generate_guide(WHALERS, adapter=trained_run, seed=0, candidates=3, strict=True,
                                    max_new_tokens=60, backend=backend)


@pytest.mark.slow
def test_a_refused_painting_gets_another_round_of_other_candidates_first(trained_run, monkeypatch):
    """Three new tokens finish no sentence, so every round fails: the painting gets a second
    round, drawn with another seed and ranked with the first, and is then filled with the
    template writer's sentences of its record's facts (issue 33); only a record with no fact to
    fill it with is refused."""
    from museumguide.guides import decode
    from museumguide.records.prompt import to_painting

    seeds = []
    real = decode.sample

    def counting(run, prompts, n, temperature, seed, *args, **kwargs):
        seeds.append(seed)
        return real(run, prompts, n, temperature, seed, *args, **kwargs)

    monkeypatch.setattr(decode, "sample", counting)
    run, painting = generate.load_run(trained_run), to_painting(WHALERS)
    once = generate.gated_guides(run, [painting], 2, 0.7, 5, 3, strict=True)[0]
    assert (once.model_sentences, once.candidates, seeds) == (0, 2, [5])
    seeds.clear()
    twice = generate.gated_guides(run, [painting], 2, 0.7, 5, 3, strict=True, retries=1)[0]
    assert (twice.model_sentences, twice.candidates) == (0, 4) and len(seeds) == 2 and seeds[0] == 5 != seeds[1]
    # Filled from the record: every sentence is the template writer's, and the checker says so.
    verdicts = check_sentences(twice.text, painting, strict=True, template=twice.template)
    assert len(verdicts) > 2 and {(v.verdict, v.origin) for v in verdicts} == {("supported", "template")}
    assert twice.text == generate.generate_guide(WHALERS, adapter=trained_run, seed=5, candidates=2,
                                                 max_new_tokens=3)
    with pytest.raises(generate.UngroundedGuideError):  # a title alone: nothing to fill with
        generate.generate_guide({"title": "Whalers"}, adapter=trained_run, seed=5, candidates=2, max_new_tokens=3)


@pytest.mark.slow
def test_strict_guide_from_notes_opens_with_their_statements(trained_run, aic_paintings):
    from museumguide import check_guide
    from museumguide.model.runs import load_run
    from museumguide.checks.substance import note_statements
    from museumguide.data.writers.template import note_candidates, opening

    gothic = next(p for p in aic_paintings if p["title"] == "American Gothic")
    start = opening(gothic, 0, notes=generate.LEAD_NOTES, facts=generate.LEAD_FACTS)
    # as many of the notes' sentences as stand alone, up to LEAD_NOTES (American Gothic's: one)
    carried = min(generate.LEAD_NOTES, len(note_candidates(gothic["notes"])))
    assert carried >= 1 and len(note_statements(start, gothic)) == carried and check_guide(start, gothic) == []
    result = generate.gated_guides(load_run(trained_run), [gothic], 1, 0.7, 0, 40, strict=True)[0]
    assert result.opening == start
    if result.text:  # the opening, then whatever the model wrote that its prompt supports
        assert result.text.startswith(start) and check_guide(result.text, gothic) == []


@pytest.mark.parametrize("max_steps, chosen", [(-1, "smollm2-135m-cpu"), (24, "smollm2-135m-demo")])
def test_the_run_trained_to_the_end_is_the_default_over_a_newer_short_one(tmp_path, monkeypatch, max_steps, chosen):
    """Issue 33: the CPU recipe's full run is the embedded default; a 24-step run left in its folder
    by an older demo is not, and then the newest run is."""
    import os
    import time

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MUSEUMGUIDE_ADAPTER", raising=False)
    for n, (name, steps) in enumerate((("smollm2-135m-cpu", max_steps), ("smollm2-135m-demo", 48))):
        run = tmp_path / "artifacts" / name
        run.mkdir(parents=True)
        (run / "adapter_config.json").write_text("{}")
        (run / "adapter_model.safetensors").write_bytes(b"")
        (run / "config.yaml").write_text(f"max_steps: {steps}\n")
        os.utime(run / "adapter_model.safetensors", (time.time() + n, time.time() + n))
    assert generate.find_run().name == chosen
