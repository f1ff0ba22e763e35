"""The AIC collector against a real HTTP server on loopback replaying real AIC records, with faults."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from museumguide import __version__
from museumguide.common.paths import AIC_RAW_FILE
from museumguide.records import aic
from museumguide.sources import aicapi, collect
from museumguide.sources.aicreplay import AicReplayServer
from museumguide.sources.metapi import RetryPolicy
from tests.conftest import FIXTURES, load_jsonl

FAST = ["--backoff-initial", "0.01", "--backoff-max", "0.5", "--no-progress", "--rps", "500"]
AIC_FIXTURE = FIXTURES / "aic_paintings_60.jsonl"


@pytest.fixture(scope="module")
def aic_records() -> list[dict]:
    return load_jsonl(AIC_FIXTURE)


def run(server: AicReplayServer, tmp_path: Path, *extra: str) -> int:
    return collect.main([
        "--source", "aic", "--api-url", server.url, "--raw-dir", str(tmp_path / "raw"),
        "--processed-dir", str(tmp_path / "processed"), "--page-size", "25", *FAST, *extra,
    ])


def raw_ids(tmp_path: Path) -> list[int]:
    return [r["id"] for r in load_jsonl(tmp_path / "raw" / AIC_RAW_FILE)]


def test_pages_with_fields_and_the_aic_user_agent(aic_records, tmp_path, capsys):
    with AicReplayServer(aic_records) as server:
        assert run(server, tmp_path, "--contact", "curator@example.org") == 0
    assert dict(server.page_requests) == {1: 1, 2: 1, 3: 1}, "60 records at 25 a page: 3 pages, once each"
    for query in server.queries:
        assert query["fields"] == ",".join(aic.AIC_FIELDS)
        assert query["limit"] == "25" and "query[term][artwork_type_id]" not in query, "every object by default"
    agents = {h.get("AIC-User-Agent") for h in server.headers_seen}
    assert agents == {f"museumguide/{__version__} (curator@example.org)"}
    saved = load_jsonl(tmp_path / "raw" / AIC_RAW_FILE)
    assert [r["id"] for r in saved] == [r["id"] for r in aic_records], "in the API's order, each once"
    wanted = set(aic.AIC_FIELDS)
    assert all(r == {"_score": 1.0, **{k: v for k, v in src.items() if k in wanted}}
               for r, src in zip(saved, aic_records)), "raw records are stored as the API sent them"
    paintings = load_jsonl(tmp_path / "processed" / "paintings.jsonl")
    assert len(paintings) >= 59 and {p["source"] for p in paintings} == {"aic"}
    assert all(p["key"] == f"aic-{p['object_id']}" for p in paintings)
    out = capsys.readouterr().out
    assert "aic: fetched 60, already present 0, failed 0" in out and "3 requests" in out
    assert f"aic: kept {len(paintings)} of 60 from the Art Institute of Chicago" in out
    stats = json.loads((tmp_path / "processed" / "collect_stats.json").read_text())
    assert stats["clean"]["by_source"]["aic"]["kept"] == len(paintings)
    assert stats["config"]["rps"] == 500 and stats["config"]["api_url"] == server.url


def test_default_header_names_the_project(aic_records):
    with AicReplayServer(aic_records[:3]) as server:
        client = aicapi.AicClient(server.url, rps=100)
        body = client.search_page({}, 1, 10)
        client.close()
    assert [r["id"] for r in body["data"]] == [r["id"] for r in aic_records[:3]]
    assert body["pagination"]["total"] == 3 and "license_text" in body["info"]
    (headers,) = server.headers_seen
    assert headers["AIC-User-Agent"] == f"museumguide/{__version__} ({aicapi.DEFAULT_CONTACT})"
    assert "museumguide" in headers["User-Agent"]


def test_defaults_are_polite_and_per_source():
    assert collect.CollectConfig(source="aic").rps == 1.0  # the AIC allows 60 a minute
    assert collect.CollectConfig(source="aic").api_url == aicapi.DEFAULT_AIC_URL
    assert collect.CollectConfig(source="aic").page_size == aicapi.MAX_PAGE_SIZE
    assert collect.CollectConfig().rps == 20.0 and collect.CollectConfig().api_url.startswith("https://collectionapi")


def test_429_and_5xx_are_retried_and_nothing_is_lost(aic_records, tmp_path):
    faults = {1: ["429:0.05"], 2: ["500", "503"], 3: ["drop", "truncate", "badjson"]}
    with AicReplayServer(aic_records, faults=faults) as server:
        assert run(server, tmp_path) == 0
    assert dict(server.page_requests) == {1: 2, 2: 3, 3: 4}
    assert dict(server.served_pages) == {1: 1, 2: 1, 3: 1}
    ids = raw_ids(tmp_path)
    assert sorted(ids) == sorted(r["id"] for r in aic_records) and len(ids) == len(set(ids))


def test_retry_after_is_honoured(aic_records):
    with AicReplayServer(aic_records[:2], faults={1: ["429:0.6"]}) as server:
        client = aicapi.AicClient(server.url, rps=100, retry=RetryPolicy(3, 0.01, 5.0))
        start = time.monotonic()
        assert len(client.search_page({}, 1, 10)["data"]) == 2
        assert time.monotonic() - start >= 0.6 and client.retries == 1


def test_blocked_run_stops_and_the_same_command_resumes(aic_records, tmp_path, capsys):
    with AicReplayServer(aic_records, block_after=2) as server:  # pages 1 and 2, then 403s
        assert run(server, tmp_path, "--attempts", "2") == collect.EXIT_STOPPED
    err = capsys.readouterr().err
    assert "HTTP 403" in err and "run the same command again to resume" in err
    assert len(raw_ids(tmp_path)) == 50
    state = json.loads((tmp_path / "raw" / aicapi.STATE_FILE).read_text())
    assert state["saved_through"] == 50 and state["total"] == 60
    with AicReplayServer(aic_records) as server:
        assert run(server, tmp_path, "--attempts", "2") == 0
    assert dict(server.page_requests) == {3: 1}, "only the page not yet saved"
    ids = raw_ids(tmp_path)
    assert sorted(ids) == sorted(r["id"] for r in aic_records) and len(ids) == len(set(ids))
    assert "resumed after the first 50 results" in capsys.readouterr().out


def test_limit_then_the_rest_fetches_no_page_twice(aic_records, tmp_path, capsys):
    with AicReplayServer(aic_records) as server:
        assert run(server, tmp_path, "--limit", "50") == 0
        assert dict(server.page_requests) == {1: 1, 2: 1} and len(raw_ids(tmp_path)) == 50
        assert run(server, tmp_path, "--limit", "50") == 0  # the same command again: nothing to do
        assert server.total_requests == 2
        assert "nothing to fetch" in capsys.readouterr().out
        assert run(server, tmp_path) == 0
        assert dict(server.page_requests) == {1: 1, 2: 1, 3: 1}
    ids = raw_ids(tmp_path)
    assert len(ids) == 60 == len(set(ids))


def test_limit_mid_page_and_a_lost_state_file_duplicate_nothing(aic_records, tmp_path):
    with AicReplayServer(aic_records) as server:
        assert run(server, tmp_path, "--limit", "30") == 0
        assert raw_ids(tmp_path) == [r["id"] for r in aic_records[:30]]
        # A kill between appending a page and saving the state is like losing the state file:
        # pages are asked for again, but no record is written twice.
        (tmp_path / "raw" / aicapi.STATE_FILE).unlink()
        assert run(server, tmp_path) == 0
    ids = raw_ids(tmp_path)
    assert ids == [r["id"] for r in aic_records]


def test_a_page_that_keeps_failing_stops_and_resumes_there(aic_records, tmp_path, capsys):
    with AicReplayServer(aic_records, faults={2: ["500"] * 10}) as server:
        assert run(server, tmp_path, "--attempts", "3") == collect.EXIT_STOPPED
        assert server.page_requests[2] == 3 and 3 not in server.page_requests
        captured = capsys.readouterr()
        assert "gave up after retries: HTTP 500" in captured.out and "resume" in captured.err
        server.faults.clear()
        assert run(server, tmp_path) == 0
        assert dict(server.page_requests) == {1: 1, 2: 4, 3: 1}
    assert len(raw_ids(tmp_path)) == 60


def test_404_for_a_page_is_the_end(aic_records, tmp_path):
    with AicReplayServer(aic_records, faults={3: ["404"]}) as server:
        assert run(server, tmp_path) == 0
    assert len(raw_ids(tmp_path)) == 50


def test_artwork_type_filter_and_query(aic_records, tmp_path):
    order = {"sort[id][order]": "asc"}  # a fixed order, so pages neither skip nor repeat records
    assert aicapi.search_params("Paintings") == {**order, "query[term][artwork_type_id]": 1}
    assert aicapi.search_params("prints", "cat") == {**order, "q": "cat",
                                                     "query[term][artwork_type_title.keyword]": "Print"}
    assert aicapi.search_params("all") == order
    mixed = [dict(r, artwork_type_title="Print") if i % 3 == 0 else r for i, r in enumerate(aic_records)]
    with AicReplayServer(mixed) as server:
        assert run(server, tmp_path, "--query", "portrait", "--classification", "Paintings") == 0
        assert server.queries[0]["q"] == "portrait"
    expected = [r["id"] for r in mixed if r["artwork_type_title"] == "Painting"
                and "portrait" in json.dumps(r, ensure_ascii=False).lower()]
    assert expected and raw_ids(tmp_path) == expected


def test_from_file_and_a_bad_line(aic_records, tmp_path, capsys):
    args = ["--source", "aic", "--from-file", str(AIC_FIXTURE), "--raw-dir", str(tmp_path / "raw"),
            "--processed-dir", str(tmp_path / "p")]
    assert collect.main(args) == 0
    assert collect.main(args) == 0
    assert "fetched 0, already present 60" in capsys.readouterr().out
    met_line = (FIXTURES / "met_objects_60.jsonl").read_text().splitlines()[0]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(AIC_FIXTURE.read_text().splitlines()[0] + "\n\n" + met_line + "\n")
    assert collect.main(["--source", "aic", "--from-file", str(bad), "--raw-dir", str(tmp_path / "raw2"),
                         "--processed-dir", str(tmp_path / "p2")]) == collect.EXIT_BAD_INPUT
    assert f"{bad}:3: not an AIC artwork record" in capsys.readouterr().err
    assert not (tmp_path / "raw2" / AIC_RAW_FILE).exists(), "nothing written from a bad file"


def test_met_and_aic_in_one_folder_share_one_schema(aic_records, tmp_path, capsys):
    common = ["--raw-dir", str(tmp_path / "raw"), "--processed-dir", str(tmp_path / "p")]
    assert collect.main(["--from-file", str(FIXTURES / "met_objects_60.jsonl"), *common]) == 0
    met_only = load_jsonl(tmp_path / "p" / "paintings.jsonl")
    assert collect.main(["--source", "aic", "--from-file", str(AIC_FIXTURE), *common]) == 0
    paintings = load_jsonl(tmp_path / "p" / "paintings.jsonl")
    sources = [p["source"] for p in paintings]
    assert sources == sorted(sources, key=["met", "aic"].index), "the Met first, then the AIC"
    assert paintings[: len(met_only)] == met_only
    keys = [p["key"] for p in paintings]
    assert len(keys) == len(set(keys)) and {k.split("-")[0] for k in keys} == {"met", "aic"}
    assert {tuple(p) for p in paintings} == {tuple(paintings[0])}, "one schema, same keys in the same order"
    aic_part = [p["object_id"] for p in paintings if p["source"] == "aic"]
    assert aic_part == sorted(aic_part)
    out = capsys.readouterr().out.split("cleaned")[-1]
    assert f"met: kept {len(met_only)} of 60" in out and f"aic: kept {len(aic_part)} of 60" in out
    stats = json.loads((tmp_path / "p" / "collect_stats.json").read_text())
    assert set(stats["clean"]["by_source"]) == {"met", "aic"} and stats["clean"]["kept"] == len(paintings)


def test_help_explains_source(capsys):
    with pytest.raises(SystemExit) as exc:
        collect.main(["--help"])
    assert exc.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--source {met,aic}" in out and "Art Institute of Chicago" in out and "--contact" in out


@pytest.mark.parametrize("argv, message", [
    (["--source", "aic", "--department-id", "11"], "--department-id, --workers: for the Met only"),
    (["--source", "aic", "--has-images"], "--has-images: for the Met only"),
    (["--source", "aic", "--from-csv", "x.csv"], "--from-csv: for the Met only"),
    (["--source", "aic", "--page-size", "30"], "--page-size must be at most 100 and divide 10000"),
    (["--contact", "me@example.org"], "--contact and --page-size are for --source aic"),
])
def test_met_only_flags_are_refused_for_aic(argv, message, capsys):
    assert collect.main(argv) == collect.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
