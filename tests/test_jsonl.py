"""JSONL helpers: file modes of atomic writes, and errors that name the file's real line."""

from __future__ import annotations

import os
import re
import stat

import pytest

from museumguide.common import jsonl
from museumguide.data import dataset
from museumguide.sources import collect, rawlog

GOOD = '{"id": "0", "prompt": "p", "completion": "fine<END>"}'


@pytest.fixture
def umask():
    """Set the process umask for one test and put the old one back (it is process-wide)."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002], ids=oct)
def test_new_files_get_the_umask_mode(tmp_path, umask, mask):
    umask(mask)
    jsonl.write_jsonl_atomic(tmp_path / "rows.jsonl", [{"a": 1}])
    jsonl.write_text_atomic(tmp_path / "config.yaml", "a: 1\n")
    with jsonl.atomic_open(tmp_path / "tour.zip", "wb") as fh:
        fh.write(b"PK")
    with jsonl.AppendLog(tmp_path / "log.jsonl") as log:
        log.write({"a": 1})
    for name in ("rows.jsonl", "config.yaml", "tour.zip", "log.jsonl"):
        assert mode(tmp_path / name) == 0o666 & ~mask, name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.yaml", "log.jsonl", "rows.jsonl", "tour.zip"]


@pytest.mark.parametrize("mask", [0o022, 0o077], ids=oct)
def test_replacing_a_file_keeps_its_mode(tmp_path, umask, mask):
    umask(mask)
    path = tmp_path / "paintings.jsonl"
    path.write_text("{}\n")
    os.chmod(path, 0o640)
    jsonl.write_jsonl_atomic(path, [{"a": 1}])
    assert mode(path) == 0o640
    assert jsonl.read_jsonl(path) == [{"a": 1}]


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "a.json"
    jsonl.write_text_atomic(path, "old")
    with pytest.raises(RuntimeError), jsonl.atomic_open(path) as fh:
        fh.write("half")
        raise RuntimeError
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


# Blank lines (and whitespace-only ones) before the bad line must still count.
@pytest.mark.parametrize("bad, message", [
    (b"{oops", "not valid JSON"),
    (b"[1, 2]", "expected a JSON object"),
    (b'{"b": 1}', "missing key(s): a"),
    (b'{"a": "\xff"}', "not UTF-8"),
])
def test_read_errors_name_the_real_line(tmp_path, bad, message):
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'\n{"a": 1}\n\n   \n' + bad + b"\n")
    with pytest.raises(jsonl.JsonlError, match=f"{re.escape(str(path))}:5: {re.escape(message)}") as err:
        jsonl.read_jsonl(path, require=("a",))
    assert err.value.lineno == 5


def test_iter_yields_file_line_numbers(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('\n{"a": 1}\r\n\n{"a": 2}\n\n')
    assert list(jsonl.iter_jsonl(path)) == [(2, {"a": 1}), (4, {"a": 2})]


def test_dataset_loader_names_the_real_line(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_text(f"\n{GOOD}\n\n\n" + '{"id": "1", "prompt": "p", "completion": "no marker"}\n')
    with pytest.raises(jsonl.JsonlError, match=f"{re.escape(str(path))}:5: completion does not end"):
        dataset.load_split(path)


def test_collect_file_limit_counts_records_not_lines(tmp_path):
    path = tmp_path / "objects.jsonl"
    path.write_text('\n\n{"objectID": 1}\n\n{"objectID": 2}\n{"objectID": 3}\n')
    assert [r["objectID"] for r in rawlog.iter_file_records(path, limit=2)] == [1, 2]
    path.write_text('{"objectID": 1}\n\n{"title": "no id"}\n')
    with pytest.raises(jsonl.JsonlError, match=r":3: not a Met object record"):
        list(rawlog.iter_file_records(path, limit=None))
