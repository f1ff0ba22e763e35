"""Attribution travels, end to end: CC BY curator text collected from the Art Institute of
Chicago's records is credited in the dataset card, in each guide the fine-tuned run writes from
it, on the page and in every tour manifest; Met paintings (no notes) carry no credit. Real
records (tests/fixtures), a real trained run, real narration."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from museumguide.data import scripts
from museumguide.records import clean
from museumguide.sources import collect
from tests.conftest import FIXTURES, LOOPBACK_URL

CREDIT = "Text adapted from the Art Institute of Chicago, CC BY 4.0"


@pytest.mark.slow
def test_credit_travels_from_collection_to_tour(trained_run, tmp_path):
    from fastapi.testclient import TestClient

    from museumguide.guides.generate import generate_guide
    from museumguide.tours.defaults import default_service
    from museumguide.web.app import create_app

    raw, processed = tmp_path / "raw", tmp_path / "processed"
    dirs = ["--raw-dir", str(raw), "--processed-dir", str(processed), "--no-progress"]
    assert collect.main(["--from-file", str(FIXTURES / "met_objects_60.jsonl"), *dirs]) == 0
    assert collect.main(["--source", "aic", "--from-file", str(FIXTURES / "aic_paintings_60.jsonl"), *dirs]) == 0
    assert scripts.main(["--processed-dir", str(processed), "--no-progress"]) == 0
    assert f"- {CREDIT} (60 paintings)" in (processed / "README.md").read_text()

    paintings = {p["key"]: p for p in clean.load_paintings(processed)}
    gothic, met = paintings["aic-6565"], next(p for k, p in paintings.items() if k.startswith("met-"))
    guide = generate_guide(gothic, adapter=trained_run, seed=0, max_new_tokens=16)
    assert guide.endswith("\n\n" + CREDIT) and guide.count(CREDIT) == 1
    assert "Chicago" not in generate_guide(met, adapter=trained_run, seed=0, max_new_tokens=16)

    service = default_service({k: paintings[k] for k in ("aic-6565", met["key"])}, tmp_path / "web",
                              adapter=trained_run, max_new_tokens=16)
    client = TestClient(create_app(service), base_url=LOOPBACK_URL)
    assert client.get("/api/paintings/aic-6565").json()["credit"] == CREDIT
    for key in ("aic-6565", met["key"]):
        assert client.post(f"/api/guides/{key}").status_code == 202
    service.wait(["aic-6565", met["key"]], timeout=300)
    resp = client.post("/api/tours/export", json={"name": "Credits", "stops": ["aic-6565", met["key"]]})
    assert resp.status_code == 200, resp.text
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        texts = [zf.read(s["transcript"]).decode() for s in manifest["stops"]]
    assert manifest["credits"] == [CREDIT]
    assert [s["credit"] for s in manifest["stops"]] == [CREDIT, None]
    assert texts[0].rstrip().endswith(CREDIT) and texts[0].count(CREDIT) == 1 and CREDIT not in texts[1]
