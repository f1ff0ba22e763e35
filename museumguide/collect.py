"""Collect painting records from The Met and clean them.

    python -m museumguide.collect --department-id 11 --limit 200        # the live API
    python -m museumguide.collect --from-file data/raw/met-sample/objects.jsonl   # offline
    python -m museumguide.collect --from-csv MetObjects.csv             # the bulk CSV

Fetched records are appended, exactly as the API sent them, to ``<raw-dir>/objects.jsonl``;
objects the API will never serve go to ``<raw-dir>/failures.jsonl`` with the reason. A re-run
fetches only what is missing, so an interrupted or blocked run is resumed by running the same
command again. Cleaning then rewrites ``<processed-dir>/paintings.jsonl`` from the raw file
(see ``museumguide.clean`` for the schema) and ``collect_stats.json`` beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from museumguide import clean, jsonl
from museumguide.metapi import DEFAULT_API_URL, BlockedError, ApiError, MetClient, PermanentError, RetryPolicy
from museumguide.paths import PAINTINGS_FILE, PROCESSED_DIR, RAW_DIR

RAW_FILE = "objects.jsonl"
FAILURES_FILE = "failures.jsonl"
STATS_FILE = "collect_stats.json"
EXIT_BAD_INPUT = 2
EXIT_STOPPED = 3


@dataclass
class CollectConfig:
    """Everything one collector run needs; the CLI flags map onto these fields one to one."""

    api_url: str = DEFAULT_API_URL
    """Root of the Met Collection API (a loopback server in tests)."""
    department_id: int | None = 11
    """Department to collect (11 = European Paintings); None for the whole collection."""
    query: str | None = None
    """Free-text search; switches the id listing from /objects to /search."""
    has_images: bool = False
    """Only objects with images (a /search filter)."""
    highlight: bool = False
    """Only the museum's highlights (a /search filter)."""
    limit: int | None = None
    """Stop after this many object ids (or file records); None for all."""
    rps: float = 20.0
    """Requests per second, shared by all workers. The Met documents 80; bulk clients meet bot
    protection well below that, so the default is polite."""
    workers: int = 4
    """Concurrent requests in flight."""
    raw_dir: Path = RAW_DIR
    """Where the raw records and the failures file live."""
    processed_dir: Path = PROCESSED_DIR
    """Where cleaned paintings and the run's stats are written."""
    from_file: Path | None = None
    """Load saved API records (JSONL) instead of fetching."""
    from_csv: Path | None = None
    """Ingest the Met's bulk Open Access CSV instead of fetching (cleaned straight from the CSV)."""
    classification: str = "Paintings"
    """Art form to keep when cleaning; "all" keeps every classification."""
    retry_failed: bool = False
    """Try again the objects recorded as permanent failures by earlier runs."""
    attempts: int = 6
    """Tries per request before giving up on it."""
    backoff_initial: float = 1.0
    """First retry wait in seconds (doubles each time, with jitter)."""
    backoff_max: float = 60.0
    """Longest single retry wait in seconds."""
    progress: bool = True
    """Show a progress bar."""

    def __post_init__(self) -> None:
        for name in ("raw_dir", "processed_dir", "from_file", "from_csv"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                setattr(self, name, Path(value))
        if self.from_file and self.from_csv:
            raise ValueError("--from-file and --from-csv are alternatives; give one")
        if self.rps <= 0:
            raise ValueError(f"--rps must be positive, got {self.rps}")
        if self.workers < 1:
            raise ValueError(f"--workers must be at least 1, got {self.workers}")
        if self.limit is not None and self.limit < 1:
            raise ValueError(f"--limit must be at least 1, got {self.limit}")
        for source in (self.from_file, self.from_csv):
            if source is not None and not source.is_file():
                raise ValueError(f"input file not found: {source}")
        RetryPolicy(self.attempts, self.backoff_initial, self.backoff_max)  # validates


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
    """Why the run stopped early (blocked, interrupted), or None if it finished."""

    @property
    def rate(self) -> float:
        return self.fetched / self.elapsed_s if self.elapsed_s > 0 else 0.0


# -- state on disk ------------------------------------------------------------------------
def saved_ids(path: Path) -> set[int]:
    """Object ids already in a raw or failures log (repairing a crash-cut last line)."""
    jsonl.repair_tail(path)
    if not path.exists():
        return set()
    ids = set()
    for lineno, value in jsonl.iter_jsonl(path):
        object_id = clean.object_id_of(value) if isinstance(value, dict) else None
        if object_id is None:
            raise jsonl.JsonlError(path, lineno, "record has no objectID")
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
    raw_path, failures_path = raw_dir / RAW_FILE, raw_dir / FAILURES_FILE
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


def iter_file_records(path: Path, limit: int | None) -> Iterator[dict]:
    # Count records, not line numbers: blank lines do not count towards the limit.
    for count, (lineno, value) in enumerate(jsonl.iter_jsonl(path), start=1):
        if not isinstance(value, dict) or clean.object_id_of(value) is None:
            raise jsonl.JsonlError(path, lineno, "not a Met object record (no objectID)")
        yield value
        if limit is not None and count >= limit:
            return


def load_from_file(path: Path, raw_dir: Path, limit: int | None) -> FetchSummary:
    """Append the records of a saved JSONL file that the raw log lacks, as a fetch would."""
    raw_path = raw_dir / RAW_FILE
    have = saved_ids(raw_path)
    records = list(iter_file_records(path, limit))  # validate the whole file before writing
    summary = FetchSummary()
    start = time.monotonic()
    with jsonl.AppendLog(raw_path) as raw_log:
        for record in records:
            object_id = clean.object_id_of(record)
            if object_id in have:
                summary.already_present += 1
                continue
            raw_log.write(record)
            have.add(object_id)
            summary.fetched += 1
    summary.elapsed_s = time.monotonic() - start
    return summary


# -- cleaning -----------------------------------------------------------------------------
def clean_to_processed(records: Iterable[dict], processed_dir: Path, classification: str) -> clean.CleanResult:
    result = clean.clean_records(records, classification)
    jsonl.write_jsonl_atomic(processed_dir / PAINTINGS_FILE, result.paintings)
    return result


def collect(config: CollectConfig) -> tuple[FetchSummary, clean.CleanResult]:
    """Run one collection as configured: fetch (or load), then clean. The API behind the CLI."""
    if config.from_csv:
        from museumguide.metcsv import iter_csv_records

        summary = FetchSummary()
        records: Iterable[dict] = iter_csv_records(config.from_csv)
        if config.limit:
            import itertools

            records = itertools.islice(records, config.limit)
    else:
        if config.from_file:
            summary = load_from_file(config.from_file, config.raw_dir, config.limit)
        else:
            client = MetClient(
                config.api_url, config.rps,
                RetryPolicy(config.attempts, config.backoff_initial, config.backoff_max),
                pool_size=max(config.workers, 4),
            )
            try:
                ids = client.object_ids(config.department_id, config.query, config.has_images, config.highlight)
                if config.limit:
                    ids = ids[: config.limit]
                summary = fetch_objects(client, ids, config.raw_dir, config.workers,
                                        config.retry_failed, config.progress)
            finally:
                client.close()
        raw_path = config.raw_dir / RAW_FILE
        records = (v for _, v in jsonl.iter_jsonl(raw_path)) if raw_path.exists() else iter(())
    result = clean_to_processed(records, config.processed_dir, config.classification)
    stats = {
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(config).items()},
        "fetch": {**asdict(summary), "failed": dict(summary.failed), "rate_per_s": round(summary.rate, 2)},
        "clean": {"seen": result.seen, "kept": len(result.paintings), "dropped": dict(result.dropped)},
    }
    jsonl.write_text_atomic(config.processed_dir / STATS_FILE, json.dumps(stats, indent=2) + "\n")
    return summary, result


def format_summary(config: CollectConfig, summary: FetchSummary, result: clean.CleanResult) -> str:
    lines = []
    if not config.from_csv:
        lines.append(
            f"fetched {summary.fetched}, already present {summary.already_present}"
            + (f", skipped (failed before) {summary.skipped_failed}" if summary.skipped_failed else "")
            + f", failed {sum(summary.failed.values())}"
            + (f" in {summary.elapsed_s:.1f}s ({summary.rate:.1f} objects/s, "
               f"{summary.requests} requests, {summary.retries} retries)" if summary.requests else "")
        )
        for reason, n in summary.failed.most_common():
            lines.append(f"  failed: {n:5d}  {reason}")
    lines.append(f"cleaned {result.seen} records: kept {len(result.paintings)} -> "
                 f"{config.processed_dir / PAINTINGS_FILE}")
    for reason, n in result.dropped.most_common():
        lines.append(f"  dropped: {n:5d}  {reason}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m museumguide.collect",
        description="Fetch Met painting records (API, saved JSONL or the bulk CSV) and clean them. "
                    "Re-running resumes: only missing objects are fetched.",
    )
    d = CollectConfig()
    src = p.add_argument_group("source")
    src.add_argument("--api-url", default=d.api_url, help="API root (default: %(default)s)")
    src.add_argument("--department-id", type=lambda v: int(v) or None, default=d.department_id,
                     help="department to collect, 11 = European Paintings, 0 = all (default: %(default)s)")
    src.add_argument("--query", help="search text; uses /search instead of listing the department")
    src.add_argument("--has-images", action="store_true", help="only objects with images")
    src.add_argument("--highlight", action="store_true", help="only the museum's highlights")
    src.add_argument("--limit", type=int, help="at most N objects")
    src.add_argument("--from-file", type=Path, metavar="FILE.jsonl",
                     help="load saved API records instead of the network")
    src.add_argument("--from-csv", type=Path, metavar="MetObjects.csv",
                     help="ingest the Met's bulk Open Access CSV instead of the network")
    net = p.add_argument_group("politeness")
    net.add_argument("--rps", type=float, default=d.rps,
                     help="requests per second across all workers (default: %(default)s)")
    net.add_argument("--workers", type=int, default=d.workers, help="concurrent requests (default: %(default)s)")
    net.add_argument("--attempts", type=int, default=d.attempts, help="tries per request (default: %(default)s)")
    net.add_argument("--backoff-initial", type=float, default=d.backoff_initial,
                     help="first retry wait in seconds (default: %(default)s)")
    net.add_argument("--backoff-max", type=float, default=d.backoff_max,
                     help="longest retry wait in seconds (default: %(default)s)")
    net.add_argument("--retry-failed", action="store_true",
                     help="retry objects recorded as failed (404 etc.) by earlier runs")
    out = p.add_argument_group("output")
    out.add_argument("--raw-dir", type=Path, default=d.raw_dir, help="raw records folder (default: %(default)s)")
    out.add_argument("--processed-dir", type=Path, default=d.processed_dir,
                     help="cleaned output folder (default: %(default)s)")
    out.add_argument("--classification", default=d.classification,
                     help='art form to keep, or "all" (default: %(default)s)')
    out.add_argument("--no-progress", dest="progress", action="store_false", help="hide the progress bar")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = CollectConfig(**vars(args))
        summary, result = collect(config)
    except (ValueError, OSError) as exc:  # JsonlError and CsvFormatError are ValueErrors
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ApiError as exc:
        print(f"error: could not list objects from {args.api_url}: {exc}", file=sys.stderr)
        return EXIT_STOPPED
    print(format_summary(config, summary, result))
    if summary.stopped == "blocked":
        print(
            f"stopped: the Met API kept refusing requests (HTTP 403, its bot protection) after "
            f"{config.attempts} tries. All {summary.fetched} records fetched in this run are saved "
            f"in {config.raw_dir / RAW_FILE}. Wait a while, then run the same command again to "
            f"resume (try a lower --rps), or use --from-csv with the bulk file.",
            file=sys.stderr,
        )
        return EXIT_STOPPED
    if summary.stopped == "interrupted":
        print("interrupted: everything fetched so far is saved; run the same command to resume.",
              file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
