"""The raw logs: fetch records and append them, exactly as sent, to one file per museum.

    python -m museumguide.collect --department-id 11 --limit 200   # what drives this module

Network code here only fetches and saves; ``museumguide.sources.collect`` cleans afterwards from the
saved files. The Met is fetched object by object (``fetch_objects``) with a pool of workers and a
shared rate limit; the AIC page by page (``museumguide.sources.aicapi``). Both logs are append-only JSONL,
so a crash loses at most the line being written (``jsonl.repair_tail`` drops it) and a re-run
fetches only what is missing. ``records.museums.MUSEUMS`` says what differs between the museums'
records.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from museumguide.common import jsonl
from museumguide.common.paths import MET_RAW_FILE
from museumguide.records.museums import MUSEUMS
from museumguide.sources.metapi import ApiError, BlockedError, MetClient, PermanentError

FAILURES_FILE = "failures.jsonl"
"""Objects the Met will never serve, with the reason: skipped by later runs unless --retry-failed."""


@dataclass
class FetchSummary:
    """What a fetch pass did."""

    fetched: int = 0
    already_present: int = 0
    skipped_failed: int = 0
    failed: Counter = field(default_factory=Counter)
    requests: int = 0
    retries: int = 0
    elapsed_s: float = 0.0
    stopped: str | None = None
    """Why the run stopped early (blocked, gave up, interrupted), or None if it finished."""
    note: str | None = None
    """Anything else the user should know (an AIC run resumed, or a search past the API's cap)."""

    @property
    def rate(self) -> float:
        return self.fetched / self.elapsed_s if self.elapsed_s > 0 else 0.0


# -- state on disk ------------------------------------------------------------------------
def saved_ids(path: Path, source: str = "met") -> set[int]:
    """Object ids already in a raw or failures log (repairing a crash-cut last line)."""
    jsonl.repair_tail(path)
    if not path.exists():
        return set()
    ids = set()
    id_of = MUSEUMS[source].id_of
    for lineno, value in jsonl.iter_jsonl(path):
        object_id = id_of(value) if isinstance(value, dict) else None
        if object_id is None:
            raise jsonl.JsonlError(path, lineno, "record has no id")
        ids.add(object_id)
    return ids


# -- fetching -----------------------------------------------------------------------------
def _progress(total: int, enabled: bool, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="obj", disable=not enabled, dynamic_ncols=True)


def fetch_objects(
    client: MetClient,
    object_ids: Iterable[int],
    raw_dir: Path,
    workers: int = 4,
    retry_failed: bool = False,
    progress: bool = True,
) -> FetchSummary:
    """Fetch each id not yet saved and append it to the raw log as it arrives."""
    raw_path, failures_path = raw_dir / MET_RAW_FILE, raw_dir / FAILURES_FILE
    have = saved_ids(raw_path)
    failed_before = set() if retry_failed else saved_ids(failures_path)
    summary = FetchSummary()
    todo: list[int] = []
    for object_id in dict.fromkeys(object_ids):  # dedupe, keep order
        if object_id in have:
            summary.already_present += 1
        elif object_id in failed_before:
            summary.skipped_failed += 1
        else:
            todo.append(object_id)

    stop = threading.Event()

    def task(object_id: int) -> dict | None:
        if stop.is_set():
            return None
        return client.get_object(object_id)

    start = time.monotonic()
    bar = _progress(len(todo), progress, "fetching")
    with jsonl.AppendLog(raw_path) as raw_log, jsonl.AppendLog(failures_path) as fail_log, \
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix="met") as pool:
        pending: dict[Future, int] = {}
        queue = iter(todo)
        try:
            while True:
                # Keep a small window in flight so a stop wastes little and memory stays flat.
                while not stop.is_set() and len(pending) < workers * 2:
                    object_id = next(queue, None)
                    if object_id is None:
                        break
                    pending[pool.submit(task, object_id)] = object_id
                if not pending:
                    break
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    object_id = pending.pop(fut)
                    try:
                        record = fut.result()
                    except PermanentError as exc:
                        reason = str(exc)
                        fail_log.write({"objectID": object_id, "status": exc.status, "reason": reason,
                                        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
                        summary.failed[reason] += 1
                    except BlockedError as exc:
                        summary.failed[f"blocked: {exc}"] += 1
                        summary.stopped = "blocked"
                        stop.set()
                    except ApiError as exc:
                        # Retries exhausted on a transient fault: not recorded, so a re-run tries again.
                        summary.failed[f"gave up after retries: {exc}"] += 1
                    else:
                        if record is not None:
                            raw_log.write(record)
                            summary.fetched += 1
                    bar.update(1)
        except KeyboardInterrupt:
            summary.stopped = "interrupted"
            stop.set()
            for fut in pending:
                fut.cancel()
        finally:
            bar.close()
    summary.elapsed_s = time.monotonic() - start
    summary.requests, summary.retries = client.requests_made, client.retries
    return summary


def iter_file_records(path: Path, limit: int | None, source: str = "met") -> Iterator[dict]:
    # Count records, not line numbers: blank lines do not count towards the limit.
    kind = MUSEUMS[source]
    for count, (lineno, value) in enumerate(jsonl.iter_jsonl(path), start=1):
        if not kind.is_record(value):
            raise jsonl.JsonlError(path, lineno, kind.not_a_record)
        yield value
        if limit is not None and count >= limit:
            return


def load_from_file(path: Path, raw_dir: Path, limit: int | None, source: str = "met") -> FetchSummary:
    """Append the records of a saved JSONL file that the raw log lacks, as a fetch would."""
    raw_path = raw_dir / MUSEUMS[source].raw_file
    have = saved_ids(raw_path, source)
    records = list(iter_file_records(path, limit, source))  # validate the whole file before writing
    summary = FetchSummary()
    start = time.monotonic()
    with jsonl.AppendLog(raw_path) as raw_log:
        for record in records:
            object_id = MUSEUMS[source].id_of(record)
            if object_id in have:
                summary.already_present += 1
                continue
            raw_log.write(record)
            have.add(object_id)
            summary.fetched += 1
    summary.elapsed_s = time.monotonic() - start
    return summary
