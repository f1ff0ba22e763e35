"""The script stage: template writer on every real record, teacher over loopback with faults,
imported scripts, and the prompt/completion JSONL it writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from museumguide.checks import grounding, vetted
from museumguide.checks.sentences import check_sentences
from museumguide.common import jsonl
from museumguide.data import dataset, scripts
from museumguide.records import clean
from museumguide.records.clean import clean_record, clean_records
from museumguide.records.prompt import END_MARKER, build_prompt, in_language, in_style
from museumguide.data.quality import QualityGate
from museumguide.checks.substance import note_statements
from museumguide.data.writers.spoken import spoken_date
from museumguide.data.writers.template import TemplateWriter
from tests.openai_server import ChatServer


def test_template_writer_passes_the_gate_on_all_784_real_records(all_met_records):
    writer, gate = TemplateWriter(seed=0), QualityGate()
    texts, failures = [], []
    for raw in all_met_records:
        painting = clean_record(raw)
        text = writer.write(painting)
        verdict = gate.admit(text, painting)
        if not verdict.ok:
            failures.append((painting["object_id"], verdict.reason, verdict.detail))
        texts.append(text)
    assert failures == []
    assert len(set(texts)) == len(all_met_records), "no two scripts identical"


def test_template_reproduces_every_title_and_artist_exactly(all_met_records):
    writer = TemplateWriter(seed=0)
    for raw in all_met_records:
        painting = clean_record(raw)
        text = writer.write(painting)
        assert grounding.exact_mention(text, painting["title"]), (painting["object_id"], text[:120])
        if (painting.get("artist") or "").lower() in ("unknown", "unknown artist", "unidentified artist", "anonymous"):
            assert f"by an {painting['artist'].split()[0].lower()} artist" in text  # never "by Unknown"
        elif painting.get("artist"):
            assert grounding.artist_exact(text, painting["artist"]), (painting["object_id"], text[:120])


def test_template_says_nothing_the_prompt_does_not_show(all_met_records):
    """The credit line, highlight flag and department are in the record but not the prompt."""
    writer = TemplateWriter(seed=0)
    for raw in all_met_records:
        painting = clean_record(raw)
        text, prompt = writer.write(painting), build_prompt(painting)
        for word in re.findall(r"\b(highlights?|credit line|department|Gift|Bequest|Purchase|Fund)\b", text):
            assert word in prompt, (word, text)


def test_template_writer_is_deterministic_and_seeded(met_records):
    paintings = [clean_record(r) for r in met_records[:20]]
    a = [TemplateWriter(seed=1).write(p) for p in paintings]
    assert a == [TemplateWriter(seed=1).write(p) for p in paintings]
    b = [TemplateWriter(seed=2).write(p) for p in paintings]
    assert sum(x != y for x, y in zip(a, b)) >= 15


def test_template_writer_speaks_like_a_guide(all_met_records):
    by_id = {r["objectID"]: clean_record(r) for r in all_met_records}
    whalers = TemplateWriter().write(by_id[437854])  # "ca. 1845", 91.8 x 122.6 cm, tags
    assert "around 1845" in whalers and "ca." not in whalers
    assert re.search(r"\b92\b.*\b123\b", whalers) and "91.8" not in whalers
    assert "the whales" in whalers  # a tag woven into a sentence, as a guide says it
    for raw in all_met_records[:200]:
        text = TemplateWriter().write(clean_record(raw))
        assert "None" not in text and "  " not in text and ": ." not in text


def test_template_never_reads_tags_as_a_list(all_met_records):
    # Met 13344's tags are "Soldiers, Men, American Civil War": a catalogue list, not a sentence.
    for raw in all_met_records:
        painting = clean_record(raw)
        text = TemplateWriter().write(painting).replace(painting["title"].rstrip(". "), "")
        terms = [t.lower() for t in painting.get("tags") or []]
        listed = [t for t in terms if re.search(rf"\b{re.escape(t)}, ", text.lower())]
        assert not listed, (painting["key"], text)
        assert "american civil war" not in text.lower()


@pytest.mark.parametrize("object_id, said, not_said", [
    # "Italian, Florence (?) ca. 1290–1348 Florence": the doubt and the "ca." are kept.
    (458998, "probably born in Florence around 1290", "(?)"),
    # "Netherlandish, Breda (?) ca. 1525–1569 Brussels"
    (435809, "probably born in Breda around 1525", "(?)"),
    # "Italian, Venice, 1424/26–1516 Venice": both possible years.
    (435641, "in 1424 or 1426", "1424/26"),
    # "American, ca. 1763–ca. 1824"
    (11269, "from around 1763 to around 1824", "lived from 1763"),
    # Framed 113 × 142.6 cm; without frame 108 × 136.8 cm: the painting's own size.
    (458998, "108 by 137", "113 by 143"),
])
def test_template_keeps_the_records_hedges_and_the_paintings_own_size(all_met_records, object_id, said, not_said):
    raw = next(r for r in all_met_records if r["objectID"] == object_id)
    text = TemplateWriter().write(clean_record(raw))
    assert said in text and not_said not in text, text


def test_no_template_script_reads_a_question_mark_aloud(all_met_records):
    for raw in all_met_records:
        painting = clean_record(raw)
        text = TemplateWriter().write(painting)
        title = painting["title"]
        asked = [q for q in vetted.reviewed_statements() if q.endswith("?")]  # vetted questions to the visitor
        for question in asked:
            text = text.replace(question, "")
        assert "?" not in text.replace(title, ""), (painting["key"], text)


@pytest.mark.parametrize("date, spoken", [
    ("ca. 1665", "around 1665"),
    ("1787", "in 1787"),
    ("1851–52", "between 1851 and 1852"),
    ("ca. 1330–35", "around 1330 to 1335"),
    ("1870s", "in the 1870s"),
    ("late 18th century", "in the late 18th century"),
    # Shapes a date phrase cannot carry are said as given ("Its date is given as ..."); the
    # record's begin/end years are not in the prompt, so they are never spoken.
    ("dated 1039 AH/1630 CE", "in 1630"),  # one year in two calendars: said as the Common Era's
    ("A.H. 1226/1812 CE", "in 1812"),
    ("2600–2400 BCE", "between 2600 and 2400 BC"),  # before Christ, a range counts down
    ("ca. 360–350 BCE", "around 360 to 350 BC"),
    ("490 B.C.", "in 490 BC"),
    ("1st century B.C.", "in the 1st century BC"),
    ("dated 1543", "in 1543"),
    ("1850–1800 BCE", "between 1850 and 1800 BC"),
    ("", None),
])
def test_spoken_date(date, spoken):
    assert spoken_date(date) == spoken


@pytest.fixture
def processed(tmp_path, met_records) -> Path:
    out = tmp_path / "processed"
    paintings = clean_records(met_records).paintings
    jsonl.write_jsonl_atomic(out / "paintings.jsonl", paintings)
    return out


def test_cli_writes_valid_prompt_completion_jsonl(processed, capsys):
    assert scripts.main(["--processed-dir", str(processed), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "scripts kept" in out and "Audio guide:" in out and END_MARKER in out
    rows = {s: dataset.load_split(processed / f"{s}.jsonl") for s in dataset.SPLITS}
    assert all(rows.values()), "no split is empty"
    ids = [(r["id"], r.get("language", "en"), r.get("style", "standard")) for split in rows.values() for r in split]
    assert len(ids) == len(set(ids))
    stats = json.loads((processed / "dataset_stats.json").read_text())
    standard = [i for i, lang, style in ids if lang == "en" and style == "standard"]
    assert stats["kept"] == len(standard) and stats["rejected"] == {}
    assert sum(stats["languages"].values()) == sum(lang != "en" for _, lang, _ in ids) > 0, "--language-share 0.1"
    assert sum(stats["styles"].values()) == sum(style != "standard" for _, _, style in ids) > 0, "--style-share 0.3"
    splits = {(r["id"], r.get("language", "en"), r.get("style", "standard")): s for s, split in rows.items() for r in split}
    assert all(splits[key] == splits[(key[0], "en", "standard")] for key in ids), "a painting's scripts share its split"
    assert "| train |" in (processed / "README.md").read_text()
    # The prompt is the single source of facts: every claim of every completion is in its prompt.
    paintings = {p["key"]: p for p in clean.load_paintings(processed)}
    for row in (r for split in rows.values() for r in split):
        language = row.get("language", "en")
        painting = in_style(in_language(paintings[row["id"]], language), row.get("style", "standard"))
        assert build_prompt(painting, language) == row["prompt"]
        text = row["completion"][: -len(END_MARKER)]
        if language != "en" or row.get("style", "standard") != "standard":  # frames and vetted sentences: word for word
            assert all(v.verdict != "unsupported" for v in check_sentences(text, painting, strict=True))
            continue
        support = grounding.text_support([row["prompt"]], painting["height_cm"], painting["width_cm"])
        assert [c.text for c in grounding.claims(text, painting, support) if not c.supported] == []
    # Deterministic: a second run writes the same files.
    before = (processed / "train.jsonl").read_bytes()
    assert scripts.main(["--processed-dir", str(processed), "--no-progress"]) == 0
    assert (processed / "train.jsonl").read_bytes() == before


def test_datasets_reads_the_splits_as_prompt_completion(processed):
    from datasets import load_dataset

    scripts.main(["--processed-dir", str(processed), "--no-progress"])
    ds = load_dataset("json", data_files={s: str(processed / f"{s}.jsonl") for s in dataset.SPLITS})
    assert set(ds["train"].column_names) == {"id", "prompt", "completion", "language", "style"}
    assert {"standard", "short", "family", "description"} >= set(ds["train"]["style"]) > {"standard"}
    assert {"en", "sv", "fr", "de", "es", "it"} >= set(ds["train"]["language"]) > {"en"}
    assert all(c.endswith(END_MARKER) for c in ds["train"]["completion"])


def test_split_by_artist_keeps_each_artist_in_one_split(processed):
    assert scripts.main(["--processed-dir", str(processed), "--split-by", "artist", "--no-progress"]) == 0
    paintings = {p["key"]: p for p in clean.load_paintings(processed)}
    split_of_artist: dict[str, set] = {}
    for split in dataset.SPLITS:
        for row in dataset.load_split(processed / f"{split}.jsonl", allow_empty=True):
            split_of_artist.setdefault(paintings[row["id"]]["artist"], set()).add(split)
    assert all(len(s) == 1 for s in split_of_artist.values())


@pytest.mark.parametrize("line, message", [
    ('{"id": "1", "prompt": "p"}', "missing key 'completion'"),
    ('{"id": "1", "prompt": "p", "completion": "text"}', "does not end with <END>"),
    ('{"id": "1", "prompt": "", "completion": "t<END>"}', "empty prompt"),
    ('{"id": 1, "prompt": "p", "completion": "t<END>"}', "'id' must be a string"),
    ('{"id": "1", "prompt": "p", "completion": "a<END>b<END>"}', "may only close"),
    ("[1, 2]", "expected a JSON object"),
    ("{oops", "not valid JSON"),
])
def test_loader_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "train.jsonl"
    path.write_text('{"id": "0", "prompt": "p", "completion": "fine<END>"}\n' + line + "\n")
    with pytest.raises(jsonl.JsonlError, match=f"{re.escape(str(path))}:2: .*{re.escape(message)}"):
        dataset.load_split(path)


def test_empty_paintings_file_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "paintings.jsonl").write_text("")
    assert scripts.main(["--processed-dir", str(tmp_path), "--no-progress"]) == 2
    assert "holds no paintings" in capsys.readouterr().err


# -- teacher --------------------------------------------------------------------------------
EMBELLISHMENT = "It once hung in a merchant's kitchen."


def _teacher_reply(paintings_by_title: dict, hallucinate_title: str, embellish_title: str | None = None):
    """A teacher that writes good scripts, except for one painting where it invents a year and
    one where it adds a story in common words (no year, number or name to catch)."""
    writer = TemplateWriter(seed=7)

    def reply(messages):
        prompt = messages[-1]["content"]
        title = re.search(r"^Title: (.*)$", prompt, re.M).group(1)
        text = writer.write(paintings_by_title[title])
        if title == hallucinate_title:
            text = re.sub(r"\b1[0-9]{3}\b", "1432", text, count=1)
        if title == embellish_title:
            first, rest = text.split(". ", 1)
            text = f"{first}. {EMBELLISHMENT} {rest}"
        return text

    return reply


def test_teacher_with_faults_cache_and_a_hallucination(processed, monkeypatch):
    paintings = jsonl.read_jsonl(processed / "paintings.jsonl")[:12]
    jsonl.write_jsonl_atomic(processed / "paintings.jsonl", paintings)
    by_title = {p["title"]: p for p in paintings}
    liar = next(p for p in paintings if re.search(r"\b1[0-9]{3}\b", TemplateWriter(seed=7).write(p)))
    storyteller = next(p for p in paintings if p is not liar)
    monkeypatch.setenv("TEACHER_KEY", "sk-test")
    faults = ["429", "500", "malformed", "timeout:1.5", "empty"]
    argv = ["--processed-dir", str(processed), "--writer", "teacher", "--teacher-model", "teacher-1",
            "--teacher-api-key-env", "TEACHER_KEY", "--teacher-timeout", "0.5", "--teacher-workers", "3",
            "--no-progress"]
    with ChatServer(_teacher_reply(by_title, liar["title"], storyteller["title"]), faults=faults) as server:
        assert scripts.main([*argv, "--teacher-url", server.url]) == 0
        assert len(server.requests) == len(paintings) + len(faults)
        assert all(r["authorization"] == "Bearer sk-test" for r in server.requests)
        assert server.requests[0]["messages"][0]["role"] == "system"
        rejected = {r["object_id"]: r for r in jsonl.read_jsonl(processed / "rejected.jsonl")}
        assert {i: r["reason"] for i, r in rejected.items()} == {
            liar["object_id"]: "unsupported year", storyteller["object_id"]: "unsupported sentence"}
        assert "1432" in rejected[liar["object_id"]]["detail"]
        assert EMBELLISHMENT in rejected[storyteller["object_id"]]["detail"]
        kept = jsonl.read_jsonl(processed / "scripts.jsonl")
        assert len(kept) == len(paintings) - 2 and {k["writer"] for k in kept} == {"teacher"}
        # A re-run is served from the cache: no request at all.
        n = len(server.requests)
        assert scripts.main([*argv, "--teacher-url", server.url]) == 0
        assert len(server.requests) == n


def test_teacher_resumes_after_an_interrupted_run(processed):
    paintings = jsonl.read_jsonl(processed / "paintings.jsonl")[:10]
    jsonl.write_jsonl_atomic(processed / "paintings.jsonl", paintings)
    by_title = {p["title"]: p for p in paintings}
    argv = ["--processed-dir", str(processed), "--writer", "teacher", "--teacher-model", "t", "--no-progress"]
    with ChatServer(_teacher_reply(by_title, "")) as server:
        assert scripts.main([*argv, "--teacher-url", server.url, "--limit", "4"]) == 0
        # Simulate a crash mid-append: a torn last line in the cache must not break the resume.
        with (processed / "teacher_cache.jsonl").open("a") as fh:
            fh.write('{"key": "abc", "te')
        assert scripts.main([*argv, "--teacher-url", server.url]) == 0
        assert len(server.requests) == 10, "only the 6 missing were asked for"
    assert len(jsonl.read_jsonl(processed / "scripts.jsonl")) == 10


def test_teacher_that_keeps_failing_is_reported_not_fatal(processed):
    paintings = jsonl.read_jsonl(processed / "paintings.jsonl")[:3]
    jsonl.write_jsonl_atomic(processed / "paintings.jsonl", paintings)
    with ChatServer(lambda m: "x", faults=["500"] * 50) as server:
        assert scripts.main(["--processed-dir", str(processed), "--writer", "teacher", "--teacher-url", server.url,
                             "--teacher-model", "t", "--teacher-attempts", "2", "--no-progress"]) == 0
    rejected = jsonl.read_jsonl(processed / "rejected.jsonl")
    assert len(rejected) == 3 and all(r["reason"] == "teacher failed: HTTP 500" for r in rejected)


def test_teacher_with_a_wrong_key_stops_at_once(processed, capsys):
    with ChatServer(lambda m: "x", faults=["401"] * 50) as server:
        code = scripts.main(["--processed-dir", str(processed), "--writer", "teacher", "--teacher-url", server.url,
                             "--teacher-model", "t", "--teacher-workers", "1", "--no-progress"])
        assert len(server.requests) <= 2, "a 401 is not retried"
    err = capsys.readouterr().err
    assert code == 2 and "HTTP 401" in err and "invalid api key" in err


# -- import ---------------------------------------------------------------------------------
def test_import_writer_csv_and_bad_rows(processed, tmp_path, capsys):
    paintings = jsonl.read_jsonl(processed / "paintings.jsonl")
    path = tmp_path / "curators.csv"
    lines = ["objectID,script"]
    for p in paintings[:5]:
        lines.append(f'{p["object_id"]},"{TemplateWriter(seed=3).write(p)}"')
    path.write_text("\n".join(lines) + "\n")
    assert scripts.main(["--processed-dir", str(processed), "--writer", "import", "--import-file", str(path),
                         "--no-progress"]) == 0
    stats = json.loads((processed / "dataset_stats.json").read_text())
    assert stats["kept"] == 5
    assert stats["rejected"] == {"no imported script for this painting": len(paintings) - 5}
    path.write_text("objectID,script\n12,fine text\nabc,text\n")
    assert scripts.main(["--processed-dir", str(processed), "--writer", "import", "--import-file", str(path)]) == 2
    assert f"{path}:3: no painting key or numeric objectID" in capsys.readouterr().err


def test_import_leaves_out_guides_approved_in_another_language(tmp_path):
    """approved.jsonl of the page's Swedish guides names their language: no English target."""
    from museumguide.data.writers.imported import load_scripts

    path = tmp_path / "approved.jsonl"
    jsonl.write_jsonl_atomic(path, [{"key": "met-1", "script": "An English guide.", "language": "en"},
                                    {"key": "met-2", "script": "En svensk guide.", "language": "sv"},
                                    {"key": "met-3", "script": "Approved before languages."},
                                    {"key": "met-4", "script": "A family guide.", "language": "en", "style": "family"}])
    assert load_scripts(path) == {"met-1": "An English guide.", "met-3": "Approved before languages."}
    assert load_scripts(path, "sv") == {"met-2": "En svensk guide."}


@pytest.mark.parametrize("argv, message", [
    (["--writer", "teacher"], "needs --teacher-url and --teacher-model"),
    (["--writer", "import"], "needs --import-file"),
    (["--min-words", "200"], "--min-words <= --max-words"),
    (["--val-frac", "0.6", "--test-frac", "0.5"], "leave room for training"),
])
def test_bad_flags(processed, argv, message, capsys):
    assert scripts.main(["--processed-dir", str(processed), *argv]) == 2
    assert message in capsys.readouterr().err


# -- curator notes (issue 14) ---------------------------------------------------------------------
def test_template_scripts_from_notes_pass_the_gate(aic_paintings):
    gate, writer = QualityGate(), TemplateWriter(seed=0)
    for painting in aic_paintings:
        text = writer.write(painting)
        verdict = gate.admit(text, painting)
        assert verdict.ok, (painting["key"], verdict.reason, verdict.detail, text)
        carried = note_statements(text, painting)
        assert not any("(" in c or "[" in c for c in carried), "no citation apparatus"
        assert text == writer.write(painting), "deterministic"
    texts = [TemplateWriter(seed=s).write(aic_paintings[0]) for s in range(4)]
    assert len(set(texts)) == 4, "the seed varies the script"


@pytest.mark.parametrize("sentence, allowed", [
    ("But critics did not easily accept his large, naturalistic, and unsentimental depictions.", {"But critics"}),
    ("Yet the picture was never exhibited in his lifetime, and it stayed in the studio.", {"Yet the picture"}),
    ("Bacon painted the figure from a photograph taken by a friend in his London studio.", {"Bacon painted"}),
    ("During the late nineteenth century, Parisian cafés were the gathering places of artists.",
     {"During the", "during the"}),
])
def test_a_notes_sentence_keeps_its_capital_where_a_lead_in_would_not_read(sentence, allowed):
    import random

    from museumguide.data.writers.template import _to_listener

    for seed in range(12):  # every lead-in the writer may pick
        spoken = _to_listener(sentence, random.Random(seed))
        assert spoken.endswith(sentence[sentence.index(" "):])
        assert any(spoken.startswith(a) or f" {a}" in spoken or f": {a}" in spoken for a in allowed), spoken


def test_notes_file_and_credits_in_the_card(processed, aic_paintings, tmp_path, capsys):
    # One folder holding both museums, as `collect` leaves it after both sources.
    met = clean.load_paintings(processed)
    jsonl.write_jsonl_atomic(processed / "paintings.jsonl", met + aic_paintings[:6])
    notes_csv = tmp_path / "labels.csv"
    notes_csv.write_text(f'object_id,notes,license,attribution\n{met[0]["object_id"]},"<p>A label text written by '
                         'the curators for the visitors of this gallery, about the painting.</p>",,\n')
    assert scripts.main(["--processed-dir", str(processed), "--notes-file", str(notes_csv), "--no-progress"]) == 0
    stats = json.loads((processed / "dataset_stats.json").read_text())
    assert stats["sources"]["aic"] == {"kept": 6, "with_notes": 6}
    assert stats["sources"]["met"]["with_notes"] == 1
    card = (processed / "README.md").read_text()
    assert "Text adapted from the Art Institute of Chicago, CC BY 4.0 (6 paintings)" in card
    rows = {r["id"]: r for s in dataset.SPLITS for r in dataset.load_split(processed / f"{s}.jsonl")}
    assert "Notes: A label text written by the curators" in rows[met[0]["key"]]["prompt"]
    # Later stages see the joined notes too.
    assert clean.load_paintings(processed)[0]["notes"].startswith("A label text")
    bad = tmp_path / "bad.csv"
    bad.write_text("object_id,notes\n123456789,text\n")
    assert scripts.main(["--processed-dir", str(processed), "--notes-file", str(bad)]) == 2
    assert f"{bad}:2: unknown object_id '123456789'" in capsys.readouterr().err


@pytest.mark.parametrize("date, span, spoken", [
    # Issue 33: a slash is a span where the museum means one (the AIC's "1662/65"), else a choice.
    ("1662/65", True, "between 1662 and 1665"),
    ("1662/65", False, "in 1662 or 1665"),
    ("c. 1880/85", True, "around 1880 to 1885"),
    ("1929", True, "in 1929"),  # never "around" an exact year
    ("Summer 1906?", False, "probably in the summer of 1906"),  # not "Summer probably 1906"
])
def test_spoken_date_with_a_slash(date, span, spoken):
    assert spoken_date(date, span) == spoken


@pytest.mark.parametrize("medium, form, material", [
    # A record's medium line is never read out as stored (issue 33: "the medium is handscroll; ...").
    ("Handscroll; ink and color on silk", "handscroll", "ink and color on silk"),
    # Seeds 22 to 24 (Met CSV): a list said with its "and", how it was worked before what, no binding label
    ("Steel, iron", None, "steel and iron"),
    ("Gabbro; carved", None, "carved gabbro"),
    ("Wood (teak); carved", None, "carved wood (teak)"),
    ("Ink, opaque watercolor, and gold on paper Binding: lacquer", None, "ink, opaque watercolor, and gold on paper"),
    ("Woodblock print; ink and color on paper", "woodblock print", "ink and color on paper"),
    ("Six-panel screen; ink, color, and gold on paper", "six-panel screen", "ink, color, and gold on paper"),
    ("Acrylic on Plexiglas with aluminum and rubber; in artist's painted frame", None,
     "acrylic on Plexiglas with aluminum and rubber, in artist's painted frame"),
    ("Oil on canvas", None, "oil on canvas"),
    ("Fresco; transferred to canvas", None, "fresco, transferred to canvas"),  # a treatment, not a material
    ("Oil on wood; verso: oil and gold on wood", None, "oil on wood"),  # the back is not what a visitor sees
    # Met 36131: accession numbers in the medium line are not read out
    ("Fifteen leaves from an album (1980.516.2a–c and 1981.4.1a–o) of eighteen leaves; ink on paper", None,
     "fifteen leaves from an album of eighteen leaves, ink on paper"),
    # a pair or a set is what it is, however long its name, of any form (Met 75372, 910555; seed 26)
    ("Pair of six-panel folding screens; ink, color, and gold on paper", "pair of six-panel folding screens",
     "ink, color, and gold on paper"),
    # a photograph's process is what it is, said with its articles (Met 544, seed 27)
    ("Albumen silver print from glass negative", "albumen silver print from a glass negative", None),
    ("Gelatin silver print", "gelatin silver print", None),
])
def test_medium_parts(medium, form, material):
    from museumguide.data.writers.spoken import medium_parts

    assert medium_parts(medium) == (form, material)


@pytest.mark.parametrize("medium, first", [
    ("Oil on canvas", None),
    ("Ink, opaque watercolor, silver, and gold on paper", None),                     # four: said whole
    # Met 194622: the part the first semicolon ends; Met 503530: the first two of a bare list
    ("Oak veneered with ebony and 17th-century Japanese lacquer; interiors veneered with tulipwood, amaranth, holly, "
     "and ebonized holly; gilt-bronze mounts; marble top; velvet (not original)",
     "oak veneered with ebony and 17th-century Japanese lacquer"),
    ("Ebony, gliding, brass, silver gilt, gilt brass, iron, various wood and metals, wire, parchment and leather",
     "ebony and gliding"),
])
def test_leading_materials(medium, first):
    from museumguide.data.writers.spoken import leading_materials

    assert leading_materials(medium) == first


def _aic_like(aic_paintings, **fields):
    """A real AIC painting (tests/fixtures) with the fields a rule is about set as issue 33 saw them."""
    base = dict(aic_paintings[0], notes=None, notes_license=None, notes_attribution=None, tags=[])
    return {**base, **fields}


@pytest.mark.parametrize("fields, said, not_said", [
    # a size judgement only where it fits every work of that size
    ({"height_cm": 123.0, "width_cm": 141.0, "dimensions": "123 × 141 cm"}, ["about 123", "141"],
     ["single glance", "wall at home", "fill your view"]),
    ({"height_cm": 128.0, "width_cm": 101.0, "dimensions": "128 × 101 cm"}, ["128"], ["single glance", "wall at home"]),
    ({"height_cm": 30.0, "width_cm": 20.0, "dimensions": "30 × 20 cm"}, ["close"], ["single glance"]),
    # the medium line as spoken English, its form said apart
    ({"medium": "Handscroll; ink and color on silk", "classification": "Painting"},
     ["It is a handscroll.", "ink and color on silk"], ["handscroll;", "medium is handscroll"]),
    # no pressure of a pen line on a print
    ({"medium": "Woodblock print; ink and color on paper", "classification": "Print"},
     ["It is a woodblock print."], ["pressure", "painted"]),
    # a place or culture is never the maker
    ({"artist": None, "artist_bio": None, "artist_nationality": None, "culture": "India, Rajasthan, Udaipur"},
     ["India, Rajasthan, Udaipur."], [" by India"]),
    # a period's dates are never spoken, nor is "dynasty period" said
    ({"artist": None, "artist_bio": None, "culture": "China", "period": "Northern Song dynasty (960–1127)",
      "date": "c. 1000"}, ["around 1000"], ["960", "1127", "dynasty period"]),
    # a culture is a culture, not a place
    ({"artist": None, "artist_bio": None, "artist_nationality": None, "culture": "Greek"}, ["Greek"],
     ["comes from Greek", "place of origin as Greek"]),
    # a pencil drawing filed under Paintings is not "painted"; a nationality in brackets is not an adjective
    ({"medium": "Graphite and colored pencil on paper", "classification": "Painting", "date": "1995"},
     ["made in 1995", "graphite and colored pencil"], ["painted"]),
    ({"artist_bio": "American (born The Netherlands), Rotterdam 1904–1997 East Hampton, New York"},
     ["born in Rotterdam"], ["This American (born"]),
    # a medium only in Swedish is not said in an English script; nor a life the writer cannot read
    ({"medium": "olja på duk", "date": "1882"}, ["in 1882"], ["olja"]),
    ({"artist_bio": "American (born Poland) Warsaw 1898–1980 Cuernavaca, Mexico"}, [], ["Warsaw 1898 to 1980"]),
    # an artist line with no shape a sentence can carry is not read out
    ({"artist_bio": "Italian, active Venice by ca. 1472–d. before 1498"}, [], ["to died", "active Venice"]),
    # no "by Unknown": the opening says the maker is unknown
    ({"artist": "Unknown", "artist_bio": None, "artist_nationality": None}, ["by an unknown artist"], ["by Unknown"]),
    # a date that ends with its own full stop is not given a second
    ({"date": "ca. 480 B.C."}, ["480 B.C."], ["B.C.."]),
    # an artist line that names a period is not said as a person
    ({"artist_bio": "Roman Period", "artist_nationality": None}, [], ["describes the artist as Roman", "described as Roman"]),
    # Issue 36 (lives of the Met CSV sample, seed 12): a life read only where its shape is known
    ({"artist_bio": "Iranian, born Khorasan–1430 Zanjan", "artist_nationality": "Iranian"}, ["Iranian"],
     ["Khorasan", "to 1430"]),
    ({"artist_bio": "German, Nuremberg 1681–1735", "artist_nationality": "German"}, ["1681", "1735"], ["Nuremberg"]),
    ({"artist_bio": "Spanish, about 1400–1452"}, ["around 1400"], ["about 1400 to"]),
    ({"artist_bio": "Guatemalan or Mexican, active ca. 750–800 CE", "artist_nationality": None}, [],
     ["born", "died", "lived"]),
    ({"artist": "Vincennes Manufactory", "artist_bio": "French, ca. 1740–1756", "artist_nationality": "French"}, [],
     ["born", "lived from"]),
    ({"artist": "Érard", "artist_bio": "French, ca. 1780–1959", "artist_nationality": "French"}, [], ["1959", "1780"]),
    # the poet of a manuscript made after the poet's death is not its maker
    ({"artist_bio": "Indian, Patiyali, 1253–1325 Delhi", "artist_end_year": 1325, "date": "1597–98",
      "begin_year": 1597, "end_year": 1598}, ["1597"], ["1253", "1325"]),
    # a drawing's size without a judgement reviewed for paintings
    ({"form": "drawing", "classification": "Drawings", "medium": "Black chalk on paper", "height_cm": 38.0,
      "width_cm": 25.0, "dimensions": "38 × 25 cm"}, ["38 by 25"], ["intimate", "close viewing", "wall at home"]),
    # Issue 36, seed 13: a hedge in the maker's place, a note in the artist line, no maker, small sizes
    ({"artist": "Georg Voll", "artist_prefix": "possibly"}, ["possibly by Georg Voll"], [", possibly Georg Voll"]),
    ({"artist": "Hallé", "artist_prefix": "Helmet includes original paper label of"}, [], ["label of Hallé"]),
    ({"artist": None, "artist_bio": None, "artist_nationality": None, "culture": "Netherlandish"}, [],
     ["The artist"]),
    ({"artist_bio": "Swiss, Zurich before 1539–1591 Nuremberg"}, [], ["before in", "Zurich before"]),
    ({"height_cm": 2.5, "width_cm": 1.3, "dimensions": "2.5 × 1.3 cm"}, ["2.5 by 1.3"], ["about 2 by"]),
    ({"date": "probably mid-17th century"}, ["mid-17th century"], ["mid to 17th"]),
    # Issue 36: a weight where the record gives one, in kilograms or grams
    ({"form": "arms", "classification": "Armor", "dimensions": "H. 69 1/2 in. (176.5 cm); Wt. 60 lb. (27.2 kg)",
      "height_cm": 176.5, "width_cm": None}, ["It weighs about 27 kilograms."], ["pounds"]),
    ({"form": "metalwork", "classification": "Metalwork-Silver", "medium": "Silver",
      "dimensions": "H. 3 in. (7.6 cm); Wt. 16.6 oz. (470.6 g)", "height_cm": 7.6, "width_cm": None},
     ["It weighs about 471 grams."], []),
    # Issue 33, seed 17: a frame's size is said as the frame's; the artist's quoted words are not said
    ({"dimensions": "Frame: 43 1/2 × 33 1/2 in. (110.5 × 85.1 cm)", "height_cm": 110.5, "width_cm": 85.1},
     ["In its frame, it measures about 111 by 85"], ["It measures about 111"]),
    ({"notes": "Larsson painted his family at home in 1901. He wrote: \"In the background is the altar itself, "
               "the card table that I have arranged myself.\" The picture was shown in Stockholm in 1902.",
      "notes_license": None}, [], ["I have arranged"]),
])
def test_template_rules_of_issue_33(aic_paintings, fields, said, not_said):
    from museumguide.checks.sentences import check_sentences

    painting = _aic_like(aic_paintings, **fields)
    found = []
    for seed in range(6):  # every sentence shape the seeded choices can take
        text = TemplateWriter(seed=seed).write(painting)
        found.append(text)
        assert not [n for n in not_said if n in text], text
        assert [v.reason for v in check_sentences(text, painting, strict=True) if v.verdict == "unsupported"] == []
    for s in said:
        assert any(s in text for text in found), (s, found[0])


def test_metadata_sentences_pass_the_checker_word_for_word(all_met_records, aic_paintings):
    from museumguide.checks.sentences import check_sentences
    from museumguide.data.writers.template import metadata_sentences

    paintings = [clean_record(r) for r in all_met_records[:200]] + aic_paintings
    bad = [(p["key"], v.text, v.reason) for p in paintings for s in metadata_sentences(p, 0)
           for v in check_sentences(s, p, strict=True) if v.verdict != "supported"]
    assert bad == []
    assert sum(bool(metadata_sentences(p, 0)) for p in paintings) == len(paintings)


@pytest.mark.parametrize("date, said", [
    ("modeled 1880, cast 1910", "It was modeled in 1880 and cast in 1910."),  # two events, never one range
    ("1922 (cast), 2018 (tutu)", "The museum dates the cast to 1922 and the tutu to 2018."),
    ("negative 1890; print 1920", "The museum dates the negative to 1890 and the print to 1920."),
    ("model 1880; cast ca. 1917", "The museum dates the model to 1880 and the cast to around 1917."),
    ("second half 16th century (panels); ca. 1865–90 (frame)",
     "The museum dates the panels to the second half of the 16th century and the frame to around 1865 to 1890."),
    ("1851–52", None),
    ("ca. 1665, reworked", None),
])
def test_event_dates(date, said):
    from museumguide.data.writers.spoken import event_dates

    assert event_dates(date) == said


def test_template_scripts_of_every_form_pass_the_checker_word_for_word(all_met_records):
    """Every bundled object, each in its own words: the publishing checker passes the template
    writer's script of a bronze, a print, a vase, a piano as it passes a painting's."""
    from collections import Counter

    from museumguide.data.writers.template import TemplateWriter

    struck, forms = Counter(), Counter()
    for raw in all_met_records:
        painting = clean_record(raw)
        forms[painting["form"]] += 1
        text = TemplateWriter().write(painting)
        bad = [v for v in check_sentences(text, painting, strict=True) if v.verdict == "unsupported"]
        struck[painting["form"]] += bool(bad)
        if painting["form"] not in ("painting", "drawing"):  # a print, a bronze, a vase is made, never painted
            assert not re.search(r"\b(?:was|artist) painted\b|(?:^|\. )Painted ", text), text
    assert len(forms) >= 12
    assert sum(struck.values()) <= 0.02 * sum(forms.values()), struck


@pytest.mark.parametrize("date, said", [
    ("modeled 1880, cast 1910", "It was modeled in 1880 and cast in 1910."),
    ("modeled 1880 or 1881, cast 1910", "It was modeled in 1880 or 1881 and cast in 1910."),   # Met 191803
    # Met 12004 (seed 26): "Its date is given as 1871 to 1872, carved 1874" was struck
    ("1871–72, carved 1874", "It was made between 1871 and 1872 and carved in 1874."),
    ("1871–72", None),
])
def test_event_dates(date, said):
    from museumguide.data.writers.spoken import event_dates

    assert event_dates(date) == said
