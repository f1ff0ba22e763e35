"""The collector against a real HTTP server on loopback replaying real Met records, with faults."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from museumguide.sources import collect
from museumguide.sources.metapi import MetClient, RetryPolicy, TokenBucket
from museumguide.sources.replay import ReplayServer
from tests.conftest import FIXTURES, ROOT, load_jsonl

FAST = ["--backoff-initial", "0.01", "--backoff-max", "0.5", "--no-progress", "--rps", "500"]


def run(server: ReplayServer, tmp_path: Path, *extra: str) -> int:
    return collect.main([
        "--api-url", server.url, "--department-id", "0", "--raw-dir", str(tmp_path / "raw"),
        "--processed-dir", str(tmp_path / "processed"), *FAST, *extra,
    ])


def raw_ids(tmp_path: Path) -> list[int]:
    return [r["objectID"] for r in load_jsonl(tmp_path / "raw" / "objects.jsonl")]


def test_fetches_every_record_once_and_cleans(met_records, tmp_path, capsys):
    with ReplayServer(met_records) as server:
        assert collect.main([
            "--api-url", server.url, "--raw-dir", str(tmp_path / "raw"),
            "--processed-dir", str(tmp_path / "processed"), "--department-id", "11", *FAST,
        ]) == 0
    european = [r["objectID"] for r in met_records if r["department"] == "European Paintings"]
    assert sorted(raw_ids(tmp_path)) == sorted(european)
    assert all(server.object_requests[i] == 1 for i in european)
    assert sum(server.object_requests.values()) == len(european)
    saved = load_jsonl(tmp_path / "raw" / "objects.jsonl")
    by_id = {r["objectID"]: r for r in met_records}
    assert all(r == by_id[r["objectID"]] for r in saved), "raw records must be stored as received"
    cleaned = load_jsonl(tmp_path / "processed" / "paintings.jsonl")
    assert cleaned and [p["object_id"] for p in cleaned] == sorted(p["object_id"] for p in cleaned)
    out = capsys.readouterr().out
    assert f"fetched {len(european)}, already present 0, failed 0" in out


def test_faults_are_retried_and_nothing_is_lost(met_records, tmp_path):
    ids = [r["objectID"] for r in met_records]
    faults = {
        ids[0]: ["429:0.05", "429:0.05"], ids[1]: ["500"], ids[2]: ["503", "500"], ids[3]: ["drop"],
        ids[4]: ["truncate"], ids[5]: ["badjson"], ids[6]: ["drop", "truncate", "badjson"],
    }
    gone = [999999991, 999999992]
    with ReplayServer(met_records, faults=faults) as server:
        server.order += gone  # listed, but the API answers 404 for them
        assert run(server, tmp_path, "--workers", "6") == 0
        saved = raw_ids(tmp_path)
        assert sorted(saved) == sorted(ids), "every real record saved"
        assert len(saved) == len(set(saved)), "no record saved twice"
        for object_id in ids:
            expected = 1 + len(faults.get(object_id, []))
            assert server.object_requests[object_id] == expected, object_id
        failures = load_jsonl(tmp_path / "raw" / "failures.jsonl")
        assert {f["objectID"] for f in failures} == set(gone)
        assert all(f["reason"] == "ObjectID not found" and f["status"] == 404 for f in failures)

        # A second run fetches nothing: records are present, 404s are known failures.
        before = sum(server.object_requests.values())
        assert run(server, tmp_path) == 0
        assert sum(server.object_requests.values()) == before
        # --retry-failed asks for the 404s again, and only those.
        assert run(server, tmp_path, "--retry-failed") == 0
        assert sum(server.object_requests.values()) == before + len(gone)


def test_retry_after_is_honoured(met_records, tmp_path):
    record = met_records[0]
    with ReplayServer([record], faults={record["objectID"]: ["429:0.6"]}) as server:
        client = MetClient(server.url, rps=100, retry=RetryPolicy(3, 0.01, 5.0))
        start = time.monotonic()
        assert client.get_object(record["objectID"]) == record
        assert time.monotonic() - start >= 0.6
        assert client.retries == 1


def test_transient_failures_give_up_after_the_attempt_bound(met_records, tmp_path, capsys):
    target = met_records[0]["objectID"]
    with ReplayServer(met_records[:5], faults={target: ["500"] * 10}) as server:
        assert run(server, tmp_path, "--attempts", "3") == 0
        assert server.object_requests[target] == 3
        assert target not in raw_ids(tmp_path)
        assert "gave up after retries: HTTP 500" in capsys.readouterr().out
        # Not a permanent failure: the next run tries again and gets it.
        server.faults.clear()
        assert run(server, tmp_path) == 0
        assert target in raw_ids(tmp_path)


def test_bot_protection_stops_the_run_and_it_resumes(met_records, tmp_path, capsys):
    with ReplayServer(met_records, block_after=21) as server:  # 1 listing + 20 objects, then 403s
        code = run(server, tmp_path, "--workers", "1", "--attempts", "3")
        err = capsys.readouterr().err
    assert code == collect.EXIT_STOPPED
    assert "HTTP 403" in err and "run the same command again to resume" in err
    first = raw_ids(tmp_path)
    assert len(first) == 20
    with ReplayServer(met_records) as server:
        assert run(server, tmp_path) == 0
        assert sum(server.object_requests.values()) == len(met_records) - 20, "only the missing ones"
    assert sorted(raw_ids(tmp_path)) == sorted(r["objectID"] for r in met_records)


def test_search_with_no_hits(met_records, tmp_path, capsys):
    with ReplayServer(met_records) as server:
        assert run(server, tmp_path, "--query", "no-such-word-anywhere") == 0
        assert server.object_requests == {}
    assert "fetched 0, already present 0, failed 0" in capsys.readouterr().out


def test_search_filters(met_records, tmp_path):
    with ReplayServer(met_records) as server:
        client = MetClient(server.url, rps=100)
        with_images = client.object_ids(None, None, has_images=True)
        highlights = client.object_ids(None, None, highlight=True)
    assert set(with_images) == {r["objectID"] for r in met_records if r["primaryImage"]}
    assert set(highlights) == {r["objectID"] for r in met_records if r["isHighlight"]}


def test_rate_limit_is_shared_across_workers(met_records, tmp_path):
    # 31 requests (a listing and 30 objects) at 40/s cannot take less than 30/40 s.
    with ReplayServer(met_records[:30]) as server:
        start = time.monotonic()
        assert collect.main([
            "--api-url", server.url, "--department-id", "0", "--raw-dir", str(tmp_path / "raw"),
            "--processed-dir", str(tmp_path / "p"), "--no-progress", "--rps", "40", "--workers", "8",
        ]) == 0
        assert time.monotonic() - start >= 30 / 40
        assert server.total_requests == 31


def test_token_bucket_rejects_nonsense():
    with pytest.raises(ValueError):
        TokenBucket(0)


def test_sigkill_at_any_moment_resumes_to_the_same_result(met_records, tmp_path):
    raw = tmp_path / "raw" / "objects.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with ReplayServer(met_records, latency=0.02) as server:
        cmd = [sys.executable, "-m", "museumguide.collect", "--api-url", server.url,
               "--raw-dir", str(tmp_path / "raw"), "--processed-dir", str(tmp_path / "p"),
               "--department-id", "0", "--workers", "4", *FAST]
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if raw.exists() and raw.read_bytes().count(b"\n") >= 15:
                break
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert raw.read_bytes().count(b"\n") < len(met_records), "killed mid-run"
        # Simulate the worst moment: the kill landed half-way through writing a line.
        with raw.open("ab") as fh:
            fh.write(b'{"objectID": 4367, "title": "half a rec')
        served_before = sum(server.served.values())
        assert subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True).returncode == 0
        refetched = sum(server.served.values()) - served_before
    ids = raw_ids(tmp_path)
    assert sorted(ids) == sorted(r["objectID"] for r in met_records)
    assert len(ids) == len(set(ids))
    # Only what was in flight at the kill (at most 2 windows of 4 workers) is fetched twice.
    assert refetched - (len(met_records) - 15) <= 8


def test_from_file_and_bad_lines(tmp_path, capsys):
    src = FIXTURES / "met_objects_60.jsonl"
    args = ["--from-file", str(src), "--raw-dir", str(tmp_path / "raw"), "--processed-dir", str(tmp_path / "p")]
    assert collect.main(args) == 0
    assert collect.main(args) == 0
    assert "fetched 0, already present 60" in capsys.readouterr().out
    bad = tmp_path / "bad.jsonl"
    bad.write_text(src.read_text().splitlines()[0] + "\n{not json\n")
    assert collect.main(["--from-file", str(bad), "--raw-dir", str(tmp_path / "raw2"),
                         "--processed-dir", str(tmp_path / "p2")]) == collect.EXIT_BAD_INPUT
    assert f"{bad}:2: not valid JSON" in capsys.readouterr().err
    assert not (tmp_path / "raw2" / "objects.jsonl").exists(), "nothing written from a bad file"


def test_from_csv(tmp_path, capsys):
    assert collect.main(["--from-csv", str(FIXTURES / "metobjects_113.csv"), "--processed-dir",
                         str(tmp_path / "p"), "--raw-dir", str(tmp_path / "raw")]) == 0
    paintings = load_jsonl(tmp_path / "p" / "paintings.jsonl")
    assert len(paintings) >= 30
    first = paintings[0]
    assert isinstance(first["object_id"], int) and isinstance(first["begin_year"], int)
    assert all(" " not in str(p["artist_begin_year"]) for p in paintings)
    stats = json.loads((tmp_path / "p" / "collect_stats.json").read_text())
    assert stats["clean"]["kept"] == len(paintings)
    assert stats["config"]["from_csv"].endswith("metobjects_113.csv")


def test_csv_with_wrong_columns_is_refused(tmp_path, capsys):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n")
    assert collect.main(["--from-csv", str(bad), "--processed-dir", str(tmp_path)]) == collect.EXIT_BAD_INPUT
    assert "not a MetObjects.csv file" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["--rps", "0"], "--rps must be positive"),
    (["--workers", "0"], "--workers must be at least 1"),
    (["--from-file", "nope.jsonl"], "input file not found"),
])
def test_bad_flags_give_one_line_errors(argv, message, capsys):
    assert collect.main(argv) == collect.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_import_stays_light():
    code = "import sys, museumguide.collect; print('torch' in sys.modules, 'transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False False"
