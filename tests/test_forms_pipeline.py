"""A record of each form through the whole pipeline: collect, scripts, a strict guide, a tour.
Real records of the bundled Met sample (data/raw/met-sample/objects.jsonl, one per form), the
session's small trained run; the tour read back as its consumers read it (JSON-LD, the manifest)."""

from __future__ import annotations

import json
import re

import pytest

from museumguide.checks import vetted
from museumguide.common import jsonl
from tests.conftest import ROOT

slow = pytest.mark.slow
FORMS = ["drawing", "print", "photograph", "manuscript", "sculpture", "instrument", "arms", "furniture", "ceramic",
         "glass", "textile", "metalwork"]


def one_of_each_form() -> list[dict]:
    from museumguide.records.clean import clean_record

    chosen = {}
    for raw in jsonl.read_jsonl(ROOT / "data" / "raw" / "met-sample" / "objects.jsonl"):
        chosen.setdefault(clean_record(raw)["form"], raw)
    return [chosen[form] for form in FORMS]


@slow
def test_a_record_of_each_form_through_collect_scripts_a_strict_guide_and_a_tour(tmp_path, trained_run):
    import extruct

    from museumguide import collect, scripts
    from museumguide.checks.grounding import check_guide
    from museumguide.guides.generate import UngroundedGuideError, generate_guide
    from museumguide.records.clean import load_paintings
    from museumguide.tours import cli as tours

    raw = tmp_path / "objects.jsonl"
    jsonl.write_jsonl_atomic(raw, one_of_each_form())
    processed = tmp_path / "processed"
    assert collect.main(["--from-file", str(raw), "--raw-dir", str(tmp_path / "raw"), "--processed-dir",
                         str(processed), "--no-progress"]) == 0
    objects = {p["form"]: p for p in load_paintings(processed)}
    assert sorted(objects) == sorted(FORMS), "collect keeps every form, each named"

    assert scripts.main(["--processed-dir", str(processed), "--no-progress"]) == 0
    written = {row["object_id"]: row["script"] for row in jsonl.read_jsonl(processed / "scripts.jsonl")}
    assert len(written) == len(FORMS), "a grounded script for every form"
    for form in ("print", "photograph", "sculpture", "ceramic", "furniture"):  # made, never painted
        assert not re.search(r"\b(?:was|artist) painted\b", written[objects[form]["object_id"]]), form
    sculpture = written[objects["sculpture"]["object_id"]]
    assert any(prompt in sculpture for prompt in vetted.looking_prompts("sculpture")), "invited in its own terms"
    painting_only = set(vetted.LOOKING) - set(vetted.looking_prompts("sculpture"))
    assert not any(prompt in sculpture for prompt in painting_only), "not as a painting is"

    refused = 0
    for form, obj in objects.items():
        try:
            guide = generate_guide(obj, adapter=trained_run, seed=0)
        except UngroundedGuideError:
            refused += 1
            continue
        unsupported = [c.text for c in check_guide(guide, obj) if not c.supported]
        assert unsupported == [], (form, guide)
        assert not (form not in ("drawing", "manuscript") and " was painted " in f" {guide} "), (form, guide)
    assert refused <= 2

    stops = [objects[f]["key"] for f in ("sculpture", "photograph", "ceramic", "print")]
    out = tmp_path / "tour"
    assert tours.main(["--keys", ",".join(stops), "--processed-dir", str(processed), "--adapter", str(trained_run),
                       "--web-dir", str(tmp_path / "web"), "--out-dir", str(out), "--title", "Every form"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    said = {s["key"]: s for s in manifest["stops"]}
    for key in said:
        form = next(f for f, o in objects.items() if o["key"] == key)
        assert said[key]["form"] == form and said[key]["form_name"]
    page = (out / "index.html").read_text()
    trip = next(d for d in extruct.extract(page, syntaxes=["json-ld"])["json-ld"] if d["@type"] == "TouristTrip")
    types = {item["item"]["name"]: item["item"]["@type"] for item in trip["itinerary"]["itemListElement"]}
    assert types.get(objects["sculpture"]["title"]) in (None, "Sculpture")
    assert types.get(objects["photograph"]["title"]) in (None, "Photograph")
    assert "VisualArtwork" in types.values() or objects["ceramic"]["title"] not in types
