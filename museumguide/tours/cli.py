"""Export a tour for visitors without the page: player, timed transcripts, feed, IIIF, QR labels.

    python -m museumguide.tours --keys met-436535,aic-6565 --out tour.zip
    python -m museumguide.tours --keys-file stops.txt --out-dir tour/ --base-url https://museum.example/tour/ \\
        --title "Highlights" --lexicon names.csv
    python -m museumguide.tours --keys met-436535,aic-6565 --style standard,family,description --out tour.zip

Each stop speaks its curator-approved text where the run's web folder has one (``--web-dir``,
by default ``<run>/web``, the page's own); any other stop gets a strict guide written and narrated
now, kept there as a draft for a curator to review on the page, and marked as a draft in the tour.
A painting refused by the strict check (no sentence of the model's survived) is left out, and
named. With ``--style`` naming several styles, the tour carries each as a parallel track of the
same stops (a stop refused in any style is left out of all), the first the default; each style's
guides are kept in its own folder of the web folder (``museumguide.tours.defaults.track_dir``).
What the export holds: ``museumguide.tours.package``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from museumguide.common.paths import PROCESSED_DIR
from museumguide.tours.keys import as_key


def read_keys(keys: str | None, keys_file: Path | None) -> list[str]:
    """Painting keys from ``--keys`` (comma-separated) and ``--keys-file`` (one a line, ``#``
    comments), in order; raises ValueError naming a bad key and its line."""
    found: list[str] = []
    for n, value in enumerate((keys or "").split(","), start=1):
        if value.strip():
            try:
                found.append(as_key(value.strip()))
            except ValueError as exc:
                raise ValueError(f"--keys item {n}: {exc}") from None
    if keys_file is not None:
        try:
            lines = keys_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{keys_file}: cannot read it ({exc})") from None
        for n, line in enumerate(lines, start=1):
            value = line.split("#", 1)[0].strip()
            if value:
                try:
                    found.append(as_key(value))
                except ValueError as exc:
                    raise ValueError(f"{keys_file}:{n}: {exc}") from None
    if not found:
        raise ValueError("no stops: give --keys or --keys-file")
    twice = sorted({k for k in found if found.count(k) > 1})
    if twice:
        raise ValueError(f"a painting appears twice in the tour: {', '.join(twice)}")
    return found


def read_styles(value: str) -> list[str]:
    """``--style``'s styles ("standard,family"), checked, in order, without repeats."""
    from museumguide.records.styles import check_style

    styles = list(dict.fromkeys(check_style(s.strip()) for s in value.split(",") if s.strip()))
    if not styles:
        raise ValueError("--style names no style")
    return styles


def export(keys: list[str], out: Path, title: str, paintings: dict[str, dict], web_dir: Path, run,
           base_url: str | None = None, lexicon: str | None = None, seed: int | None = 0,
           max_new_tokens: int = 300, progress: bool = False, language: str = "en",
           voice: str | None = None, styles: list[str] = ("standard",)) -> tuple[Path, dict[str, str]]:
    """Write the tour of ``keys`` to ``out``, a track per style of ``styles``; return its path and
    the stops left out, with why."""
    from concurrent.futures import ThreadPoolExecutor

    from tqdm import tqdm

    from museumguide.tours.defaults import default_service, track_dir

    unknown = [k for k in keys if k not in paintings]
    if unknown:
        raise ValueError(f"unknown painting key(s): {', '.join(unknown[:10])} (collect them first, or check "
                         "--processed-dir)")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guide")  # one model, one guide at a time
    # The page keeps each language's and style's guides in its own folder: the tour finds them there.
    services = [default_service(paintings, track_dir(web_dir, language, style), run, max_new_tokens, seed,
                                lexicon=lexicon, strict=True, language=language, voice=voice, pool=pool, style=style)
                for style in styles]
    todo = []
    for service in services:
        ready = [k for k in keys if k in service.jobs and service.jobs[k].status == "done"]
        missing = [k for k in keys if k not in ready]
        approved = sum(service.jobs[k].review == "approved" for k in ready)
        if progress:
            print(f"{service.style}: {len(keys)} stops: {approved} approved, {len(ready) - approved} drafts kept in "
                  f"{service.out_dir}, {len(missing)} to write and narrate now", file=sys.stderr)
        todo += [(service, key) for key in missing]
        for key in missing:
            service.request(key)
    with tqdm(total=len(todo), desc="writing and narrating", unit="stop", disable=not progress or not todo) as bar:
        while (finished := sum(s.jobs[k].status in ("done", "error") for s, k in todo)) < len(todo):
            bar.update(finished - bar.n)
            time.sleep(0.5)
        bar.update(len(todo) - bar.n)
    left_out = {}
    for service in services:
        for k in keys:
            if service.jobs[k].status != "done" and k not in left_out:
                left_out[k] = (service.jobs[k].error or "failed") + ("" if len(services) == 1 else f" ({service.style})")
    stops = [k for k in keys if k not in left_out]
    if not stops:
        raise ValueError("no stop has a guide: " + "; ".join(f"{k}: {e}" for k, e in left_out.items()))
    return services[0].export_tour(title, stops, out=out, base_url=base_url, tracks=services[1:]), left_out


def manifest_of(path: Path) -> dict:
    """The ``manifest.json`` of an export, a folder or a zip."""
    if path.is_dir():
        return json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m museumguide.tours", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="The export: index.html (the offline player), NN-title.mp3/.vtt/.txt "
                                "per stop, feed.xml, manifest.iiif.json, manifest.json, and with --base-url "
                                "labels.pdf and labels-N.png (QR codes to each stop).")
    p.add_argument("--keys", help="painting keys in tour order, comma-separated (met-436535,aic-6565)")
    p.add_argument("--keys-file", type=Path, help="a file with one painting key a line (# comments)")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="write the tour as this .zip file")
    where.add_argument("--out-dir", type=Path, help="write the tour as this folder (replacing an earlier export)")
    p.add_argument("--title", default="Audio tour", help="the tour's name (default: %(default)s)")
    p.add_argument("--base-url", help="the http(s) address the export will be published at: makes the feed's "
                   "and manifest's URLs absolute and the QR labels; without it they are for local use")
    p.add_argument("--lexicon", help="pronunciation lexicon, a term,say CSV (default: the one kept in the web "
                   "folder, else the starter lexicon shipped with museumguide)")
    p.add_argument("--language", default="en", help="the tour's language (en, sv, fr, de, es, it): guides written "
                   "now are written in it, and every stop is narrated in it (default: %(default)s)")
    p.add_argument("--style", default="standard",
                   help="the guides' style, or several as parallel tracks of the same stops, the first the default "
                        "(standard, short, family, description; e.g. standard,family; default: %(default)s)")
    p.add_argument("--voice", help="a Piper voice (.onnx, its .onnx.json beside it) to narrate with; without one, "
                   "a voice for --language from the voices folder, else espeak-ng marked as a synthetic fallback")
    p.add_argument("--processed-dir", type=Path, default=PROCESSED_DIR, help="collected paintings (default: %(default)s)")
    p.add_argument("--adapter", help="run folder (default: $MUSEUMGUIDE_ADAPTER or newest in artifacts/)")
    p.add_argument("--web-dir", type=Path, help="the page's folder of guides and approvals (default: <run>/web)")
    p.add_argument("--seed", type=int, default=0, help="sampling seed for guides written now (default: %(default)s)")
    p.add_argument("--max-new-tokens", type=int, default=300)
    args = p.parse_args(argv)
    out = args.out or args.out_dir
    if args.out is not None and args.out.suffix.lower() != ".zip":
        p.error(f"--out must end in .zip (got {args.out.name}); use --out-dir for a folder")
    try:
        from museumguide.model.runs import find_run
        from museumguide.records.clean import load_paintings
        from museumguide.records.prompt import check_language
        from museumguide.tours.package import check_base_url

        check_base_url(args.base_url)
        check_language(args.language)
        styles = read_styles(args.style)
        keys = read_keys(args.keys, args.keys_file)
        run = find_run(args.adapter)
        paintings = {p["key"]: p for p in load_paintings(args.processed_dir)}
        path, left_out = export(keys, out, args.title, paintings, args.web_dir or run / "web", run, args.base_url,
                                args.lexicon, args.seed, args.max_new_tokens, progress=True,
                                language=args.language, voice=args.voice, styles=styles)
    except (ValueError, OSError, RuntimeError) as exc:  # VoiceNotAvailable is a RuntimeError
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for key, why in left_out.items():
        print(f"left out {key}: {why}", file=sys.stderr)
    note = "" if args.base_url else " (no --base-url: the feed and IIIF manifest are for local use, no QR labels)"
    synthetic = manifest_of(path)["synthetic_voices"]
    if synthetic:
        print(f"note: narrated by a synthetic fallback voice ({', '.join(synthetic)}): supply a Piper voice for "
              f"{args.language!r} (--voice) for a better one", file=sys.stderr)
    print(f"{path}: {len(keys) - len(left_out)} stops{note}")
    return 0
