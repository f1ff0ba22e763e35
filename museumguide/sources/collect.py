"""Collect painting records from The Met and the Art Institute of Chicago, and clean them.

    python -m museumguide.collect --department-id 11 --limit 200        # the Met's live API
    python -m museumguide.collect --from-file data/raw/met-sample/objects.jsonl   # offline
    python -m museumguide.collect --from-csv MetObjects.csv             # the Met's bulk CSV
    python -m museumguide.collect --source aic --limit 200 --contact you@example.com  # the AIC API
    python -m museumguide.collect --source aic --from-file aic_artworks.jsonl        # offline
    python -m museumguide.collect --from-lido export/ --source-name "Nationalmuseum"  # any museum's LIDO XML

Fetched records are appended, exactly as the API sent them, to ``<raw-dir>/objects.jsonl`` (the
Met) or ``<raw-dir>/aic_artworks.jsonl`` (the AIC, see ``museumguide.sources.aicapi``); a LIDO
export is copied to ``<raw-dir>/lido/<prefix>/`` (``museumguide.sources.lidofiles``); objects the Met
will never serve go to ``<raw-dir>/failures.jsonl`` with the reason. A re-run fetches only what
is missing, so an interrupted or blocked run is resumed by running the same command again.
Cleaning then rewrites ``<processed-dir>/paintings.jsonl`` from every museum's raw file in
raw-dir, the Met's first, each sorted by id, in one schema whose ``key`` ("met-436535",
"aic-6565") never collides (see ``museumguide.records.clean``), and ``collect_stats.json`` beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from museumguide.common import jsonl
from museumguide.common.paths import PAINTINGS_FILE, PROCESSED_DIR, RAW_DIR
from museumguide.records import clean
from museumguide.records.museums import MUSEUMS, clean_sources, clean_to_processed, source_name
from museumguide.sources import aicapi
from museumguide.sources.metapi import DEFAULT_API_URL, ApiError, MetClient, RetryPolicy
from museumguide.sources.rawlog import FetchSummary, fetch_objects, load_from_file, saved_ids

STATS_FILE = "collect_stats.json"


@dataclass(frozen=True)
class Politeness:
    """How to ask a museum's API: where it is, and how fast by default."""

    api_url: str
    rps: float
    """Requests per second when --rps is not given (``CollectConfig.rps`` says why these)."""


POLITENESS = {"met": Politeness(DEFAULT_API_URL, 20.0), "aic": Politeness(aicapi.DEFAULT_AIC_URL, 1.0)}
EXIT_BAD_INPUT = 2
EXIT_STOPPED = 3


@dataclass
class CollectConfig:
    """Everything one collector run needs; the CLI flags map onto these fields one to one."""

    source: str = "met"
    """The museum to collect from: "met" (The Met) or "aic" (the Art Institute of Chicago)."""
    api_url: str | None = None
    """Root of the source's API (a loopback server in tests); None for the museum's own."""
    department_id: int | None = 11
    """Met only: department to collect (11 = European Paintings); None for the whole collection."""
    query: str | None = None
    """Free-text search: the Met's /search instead of the department listing; the AIC's ``q``."""
    has_images: bool = False
    """Met only: only objects with images (a /search filter)."""
    highlight: bool = False
    """Met only: only the museum's highlights (a /search filter)."""
    limit: int | None = None
    """Stop after this many listed objects (or file records); None for all."""
    rps: float | None = None
    """Requests per second, shared by all workers; None for the source's polite default. The Met
    documents 80 but bulk clients meet bot protection well below that, so 20; the AIC allows
    60 a minute without a key, so 1."""
    workers: int = 4
    """Met only: concurrent requests in flight (AIC pages come one after another)."""
    contact: str | None = None
    """AIC only: who to contact about this client, sent in the AIC-User-Agent header the AIC's
    docs ask for; None names the project."""
    page_size: int | None = None
    """AIC only: results per page (at most 100, the API's cap; the default)."""
    raw_dir: Path = RAW_DIR
    """Where the raw records and the failures file live."""
    processed_dir: Path = PROCESSED_DIR
    """Where cleaned paintings and the run's stats are written."""
    from_file: Path | None = None
    """Load saved API records (JSONL) instead of fetching."""
    from_csv: Path | None = None
    """Met only: ingest the bulk Open Access CSV instead of fetching (cleaned straight from it)."""
    from_lido: Path | None = None
    """Any museum's LIDO XML export (a file of one record or a lidoWrap, or a folder of them),
    saved among the raw records and cleaned with them."""
    source_name: str | None = None
    """With ``from_lido``: the museum's name, whose first word gives the key prefix; None for the
    records' own repository name (``legalBodyName``)."""
    classification: str = "all"
    """The museum's classification to keep when cleaning ("Paintings" keeps paintings only, as
    collecting did before every form was kept); "all" keeps every object."""
    retry_failed: bool = False
    """Met only: try again the objects recorded as permanent failures by earlier runs."""
    attempts: int = 6
    """Tries per request before giving up on it."""
    backoff_initial: float = 1.0
    """First retry wait in seconds (doubles each time, with jitter)."""
    backoff_max: float = 60.0
    """Longest single retry wait in seconds."""
    progress: bool = True
    """Show a progress bar."""

    def __post_init__(self) -> None:
        for name in ("raw_dir", "processed_dir", "from_file", "from_csv", "from_lido"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                setattr(self, name, Path(value))
        if sum(x is not None for x in (self.from_file, self.from_csv, self.from_lido)) > 1:
            raise ValueError("--from-file, --from-csv and --from-lido are alternatives; give one")
        if self.source_name is not None and self.from_lido is None:
            raise ValueError("--source-name names the museum of a --from-lido export")
        if self.from_lido is not None and not self.from_lido.exists():
            raise ValueError(f"--from-lido: no such file or folder: {self.from_lido}")
        if self.source not in MUSEUMS:
            raise ValueError(f"--source must be one of {', '.join(MUSEUMS)}, got {self.source!r}")
        if self.source == "aic":
            given = [flag for flag, value in (("--from-csv", self.from_csv), ("--has-images", self.has_images),
                                              ("--highlight", self.highlight), ("--retry-failed", self.retry_failed))
                     if value]
            if given:
                raise ValueError(f"{', '.join(given)}: for the Met only, not --source aic")
            self.page_size = aicapi.MAX_PAGE_SIZE if self.page_size is None else self.page_size
            if not 1 <= self.page_size <= aicapi.MAX_PAGE_SIZE or aicapi.SEARCH_CAP % self.page_size:
                # Dividing 10,000 keeps every page inside the search's 10,000-result cap.
                raise ValueError(f"--page-size must be at most {aicapi.MAX_PAGE_SIZE} and divide "
                                 f"{aicapi.SEARCH_CAP}, got {self.page_size}")
        elif self.contact is not None or self.page_size is not None:
            raise ValueError("--contact and --page-size are for --source aic")
        self.api_url = self.api_url or POLITENESS[self.source].api_url
        self.rps = POLITENESS[self.source].rps if self.rps is None else self.rps
        if self.rps <= 0:
            raise ValueError(f"--rps must be positive, got {self.rps}")
        if self.workers < 1:
            raise ValueError(f"--workers must be at least 1, got {self.workers}")
        if self.limit is not None and self.limit < 1:
            raise ValueError(f"--limit must be at least 1, got {self.limit}")
        for source in (self.from_file, self.from_csv):
            if source is not None and not source.is_file():
                raise ValueError(f"input file not found: {source}")
        self.retry_policy()  # validates

    def retry_policy(self) -> RetryPolicy:
        """The tries and waits of every request, from --attempts and the backoff bounds."""
        return RetryPolicy(self.attempts, self.backoff_initial, self.backoff_max)


def _fetch_aic(config: CollectConfig) -> FetchSummary:
    client = aicapi.AicClient(config.api_url, config.rps, contact=config.contact,
                              retry=config.retry_policy())
    summary = FetchSummary()
    try:
        have = saved_ids(config.raw_dir / MUSEUMS["aic"].raw_file, "aic")
        params = aicapi.search_params(config.classification, config.query)
        aicapi.fetch_artworks(client, config.raw_dir, params, have, summary, config.limit,
                              config.page_size, config.progress)
    finally:
        client.close()
    return summary


def _fetch_met(config: CollectConfig) -> FetchSummary:
    client = MetClient(
        config.api_url, config.rps,
        config.retry_policy(),
        pool_size=max(config.workers, 4),
    )
    try:
        ids = client.object_ids(config.department_id, config.query, config.has_images, config.highlight)
        if config.limit:
            ids = ids[: config.limit]
        return fetch_objects(client, ids, config.raw_dir, config.workers, config.retry_failed, config.progress)
    finally:
        client.close()


def collect(config: CollectConfig) -> tuple[FetchSummary, clean.CleanResult]:
    """Run one collection as configured: fetch (or load), then clean. The API behind the CLI."""
    met_records: Iterable[dict] | None = None
    if config.from_csv:
        from museumguide.sources.metcsv import iter_csv_records

        summary = FetchSummary()
        met_records = iter_csv_records(config.from_csv)
        if config.limit:
            import itertools

            met_records = itertools.islice(met_records, config.limit)
    elif config.from_file:
        summary = load_from_file(config.from_file, config.raw_dir, config.limit, config.source)
    elif config.from_lido:
        from museumguide.sources.lidofiles import save_export

        _, summary = save_export(config.from_lido, config.raw_dir, config.source_name)
    else:
        summary = _fetch_aic(config) if config.source == "aic" else _fetch_met(config)
    result = clean_to_processed(clean_sources(config.raw_dir, config.classification, met_records),
                                config.processed_dir)
    stats = {
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(config).items()},
        "fetch": {**asdict(summary), "failed": dict(summary.failed), "rate_per_s": round(summary.rate, 2)},
        "clean": {"seen": result.seen, "kept": len(result.paintings), "dropped": dict(result.dropped),
                  "by_source": {name: {"seen": r.seen, "kept": len(r.paintings), "dropped": dict(r.dropped)}
                                for name, r in result.by_source.items()}},
    }
    jsonl.write_text_atomic(config.processed_dir / STATS_FILE, json.dumps(stats, indent=2) + "\n")
    return summary, result


def format_summary(config: CollectConfig, summary: FetchSummary, result: clean.CleanResult) -> str:
    lines = []
    if config.from_lido:
        lines.append(f"lido: copied {summary.fetched}, already present {summary.already_present}")
        lines.append(f"  note: {summary.note}")
    elif not config.from_csv:
        lines.append(
            f"{config.source}: fetched {summary.fetched}, already present {summary.already_present}"
            + (f", skipped (failed before) {summary.skipped_failed}" if summary.skipped_failed else "")
            + f", failed {sum(summary.failed.values())}"
            + (f" in {summary.elapsed_s:.1f}s ({summary.rate:.1f} objects/s, "
               f"{summary.requests} requests, {summary.retries} retries)" if summary.requests else "")
        )
        for reason, n in summary.failed.most_common():
            lines.append(f"  failed: {n:5d}  {reason}")
        if summary.note:
            lines.append(f"  note: {summary.note}")
    lines.append(f"cleaned {result.seen} records: kept {len(result.paintings)} -> "
                 f"{config.processed_dir / PAINTINGS_FILE}")
    for name, part in getattr(result, "by_source", {}).items():  # a plain CleanResult has none
        lines.append(f"  {name}: kept {len(part.paintings)} of {part.seen} from {source_name(name, config.raw_dir)}")
    for reason, n in result.dropped.most_common():
        lines.append(f"  dropped: {n:5d}  {reason}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m museumguide.collect",
        description="Fetch painting records from The Met or the Art Institute of Chicago (API or saved "
                    "JSONL; the Met's bulk CSV too), or read any museum's LIDO XML export, and clean them. "
                    "Re-running resumes: only what is missing is fetched. paintings.jsonl is rebuilt "
                    "from every museum's raw file.",
    )
    d = CollectConfig()
    met = POLITENESS["met"]
    src = p.add_argument_group("source")
    src.add_argument("--source", choices=tuple(MUSEUMS), default=d.source,
                     help="museum: met = The Met Collection API, aic = the Art Institute of Chicago API "
                          "(default: %(default)s); --department-id, --has-images, --highlight, --from-csv, "
                          "--retry-failed and --workers are for the Met only")
    src.add_argument("--api-url", help=f"API root (default: met {met.api_url}, aic {aicapi.DEFAULT_AIC_URL})")
    # None when not given, so --source aic can refuse it; 0 means every department.
    src.add_argument("--department-id", type=int,
                     help=f"department to collect, 11 = European Paintings, 0 = all (default: {d.department_id})")
    src.add_argument("--query", help="search text: the Met's /search instead of the department; the AIC's q=")
    src.add_argument("--has-images", action="store_true", help="only objects with images")
    src.add_argument("--highlight", action="store_true", help="only the museum's highlights")
    src.add_argument("--limit", type=int, help="at most N objects")
    src.add_argument("--from-file", type=Path, metavar="FILE.jsonl",
                     help="load saved API records of --source instead of the network")
    src.add_argument("--from-csv", type=Path, metavar="MetObjects.csv",
                     help="ingest the Met's bulk Open Access CSV instead of the network")
    src.add_argument("--from-lido", type=Path, metavar="PATH",
                     help="ingest any museum's LIDO XML export: a file (one record or a lidoWrap) or a folder "
                          "of them; saved under RAW-DIR/lido/ and cleaned with the other museums' records")
    src.add_argument("--source-name", help="with --from-lido: the museum's name; its first word, in lower-case "
                                           "letters, prefixes the keys (default: the records' legalBodyName)")
    net = p.add_argument_group("politeness")
    net.add_argument("--rps", type=float,
                     help=f"requests per second across all workers (default: met {met.rps:g}, "
                          f"aic {POLITENESS['aic'].rps:g}: its limit is 60 a minute)")
    net.add_argument("--workers", type=int, help=f"concurrent requests (default: {d.workers})")
    net.add_argument("--contact", help="aic: your address for the AIC-User-Agent header its docs ask for "
                                       f"(default: the project, {aicapi.DEFAULT_CONTACT})")
    net.add_argument("--page-size", type=int,
                     help=f"aic: results per page, at most {aicapi.MAX_PAGE_SIZE} (the default)")
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
                     help='the museum\'s classification to keep, e.g. Paintings (the paintings-only collection of '
                     'before), or "all" for every object; for aic also the search\'s artwork type (default: %(default)s)')
    out.add_argument("--no-progress", dest="progress", action="store_false", help="hide the progress bar")
    return p


def config_from_args(args: argparse.Namespace) -> CollectConfig:
    """The config for parsed flags: flags left out take the dataclass (or the source's) default."""
    given = {k: v for k, v in vars(args).items() if v is not None}
    # Refused here, not in CollectConfig: only the CLI can tell a default 11 or 4 from a given one.
    if args.source == "aic" and (args.department_id is not None or args.workers is not None):
        raise ValueError("--department-id, --workers: for the Met only, not --source aic")
    if "department_id" in given:
        given["department_id"] = given["department_id"] or None  # 0: the whole collection
    return CollectConfig(**given)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = config_from_args(args)
        summary, result = collect(config)
    except (ValueError, OSError) as exc:  # JsonlError and CsvFormatError are ValueErrors
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ApiError as exc:
        print(f"error: could not list objects from {config.api_url}: {exc}", file=sys.stderr)
        return EXIT_STOPPED
    print(format_summary(config, summary, result))
    saved = (f"All {summary.fetched} records fetched in this run are saved in "
             f"{config.raw_dir / MUSEUMS[config.source].raw_file}.")
    if summary.stopped == "blocked":
        why, advice = (("the Met API", "its bot protection"), "or use --from-csv with the bulk file") \
            if config.source == "met" else (("the AIC API", "Forbidden"), "and give --contact")
        print(f"stopped: {why[0]} kept refusing requests (HTTP 403, {why[1]}) after {config.attempts} tries. "
              f"{saved} Wait a while, then run the same command again to resume (try a lower --rps), {advice}.",
              file=sys.stderr)
        return EXIT_STOPPED
    if summary.stopped == "gave up":
        print(f"stopped: a page could not be fetched (see 'failed' above). {saved} Run the same command "
              "again to resume.", file=sys.stderr)
        return EXIT_STOPPED
    if summary.stopped == "interrupted":
        print("interrupted: everything fetched so far is saved; run the same command to resume.",
              file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
