"""Write audio-guide scripts for the cleaned paintings and turn them into training data.

    python -m museumguide.scripts                          # offline template writer
    python -m museumguide.scripts --writer teacher --teacher-url http://localhost:8000/v1 \\
        --teacher-model Qwen/Qwen2.5-72B-Instruct
    python -m museumguide.scripts --writer import --import-file curators.csv
    python -m museumguide.scripts --notes-file labels.csv         # a museum's own label texts

Reads ``<processed-dir>/paintings.jsonl`` and writes, in the same folder: ``scripts.jsonl``
(every script kept, with its writer), ``rejected.jsonl`` (every script refused, with the
reason), ``train.jsonl``/``val.jsonl``/``test.jsonl`` (prompt/completion, ``<END>``-terminated),
``dataset_stats.json`` and a ``README.md`` dataset card.

With the template writer, scripts in other languages are written too
(``museumguide.data.writers.languages``): one in each language a record has curator notes in
(the Nationalmuseum's Swedish), and a metadata-only one in Swedish, French, German, Spanish or
Italian for ``--language-share`` of the other paintings. Their rows carry ``"language"``, their
prompts ask for the language, and they fall in their painting's split. ``--style-share`` of the
records also get a script in one of the other styles (short, family, description in turn;
``museumguide.data.writers.styles``), saved in ``scripts_styles.jsonl``; their rows carry
``"style"`` and their prompts name it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from museumguide.common import jsonl
from museumguide.common.paths import NOTES_JOINED_FILE, PAINTINGS_FILE, PROCESSED_DIR
from museumguide.data import dataset
from museumguide.data.quality import QualityGate
from museumguide.records.clean import read_paintings
from museumguide.records.notes import credit, load_notes_file

WRITERS = ("template", "teacher", "import")


@dataclass
class ScriptsConfig:
    """One run of the script stage; CLI flags map onto these fields."""

    processed_dir: Path = PROCESSED_DIR
    """Folder with paintings.jsonl; outputs are written beside it."""
    writer: str = "template"
    """Who writes the scripts: template (offline), teacher (an LLM endpoint) or import (a file)."""
    seed: int = 0
    """Seed for the template writer's choices and for the split hash."""
    min_words: int = 90
    """Shortest script kept (about 35 seconds of speech)."""
    max_words: int = 150
    """Longest script kept (about 55 seconds of speech)."""
    split_by: str = "object"
    """"object" splits paintings at random; "artist" keeps every artist in one split."""
    val_frac: float = 0.1
    """Share of keys in the validation split."""
    test_frac: float = 0.1
    """Share of keys in the test split."""
    near_duplicate: float = 0.8
    """Word-trigram Jaccard similarity at which a script counts as a copy of another."""
    limit: int | None = None
    """Only the first N paintings (quick trials)."""
    teacher_url: str | None = None
    """OpenAI-compatible API root, e.g. http://localhost:8000/v1."""
    teacher_model: str | None = None
    """Model name the endpoint serves."""
    teacher_api_key_env: str = "OPENAI_API_KEY"
    """Environment variable holding the API key (may be unset for local servers)."""
    teacher_workers: int = 4
    """Concurrent teacher requests."""
    teacher_attempts: int = 5
    """Tries per teacher request."""
    teacher_timeout: float = 120.0
    """Seconds to wait for one teacher reply."""
    import_file: Path | None = None
    """CSV or JSONL of human-written scripts keyed by objectID (the import writer)."""
    language_share: float = 0.1
    """With the template writer: the share of paintings without notes in another language that
    also get a metadata-only script in one (sv, fr, de, es, it in turn); 0 writes none. Paintings
    with notes in a language always get a script in it."""
    style_share: float = 0.3
    """With the template writer: the share of records that also get a script in another style
    than the standard one (short, family, description, in turn; ``museumguide.records.styles``);
    0 writes none."""
    notes_file: Path | None = None
    """CSV of a museum's own label texts (columns object_id,notes; optional license,attribution)
    joined to the collected paintings: they replace the paintings' notes in prompts and scripts."""

    def __post_init__(self) -> None:
        self.processed_dir = Path(self.processed_dir)
        if self.import_file is not None:
            self.import_file = Path(self.import_file)
        if self.notes_file is not None:
            self.notes_file = Path(self.notes_file)
        if self.writer not in WRITERS:
            raise ValueError(f"--writer must be one of {', '.join(WRITERS)}, got {self.writer!r}")
        if not 0 < self.min_words <= self.max_words:
            raise ValueError(f"need 0 < --min-words <= --max-words, got {self.min_words} and {self.max_words}")
        if self.split_by not in ("object", "artist"):
            raise ValueError(f"--split-by must be object or artist, got {self.split_by!r}")
        if not (0 <= self.val_frac < 1 and 0 <= self.test_frac < 1 and self.val_frac + self.test_frac < 1):
            raise ValueError("--val-frac and --test-frac must be in [0, 1) and leave room for training")
        if self.writer == "teacher" and not (self.teacher_url and self.teacher_model):
            raise ValueError("--writer teacher needs --teacher-url and --teacher-model")
        if self.writer == "import" and not self.import_file:
            raise ValueError("--writer import needs --import-file")
        if not 0 <= self.language_share <= 1:
            raise ValueError(f"--language-share must be between 0 and 1, got {self.language_share}")
        if not 0 <= self.style_share <= 1:
            raise ValueError(f"--style-share must be between 0 and 1, got {self.style_share}")


def make_writer(config: ScriptsConfig):
    if config.writer == "template":
        from museumguide.data.writers.template import TemplateWriter

        return TemplateWriter(config.seed, config.min_words, config.max_words)
    if config.writer == "teacher":
        from museumguide.data.writers.teacher import TeacherWriter

        return TeacherWriter(
            config.teacher_url, config.teacher_model, config.processed_dir / "teacher_cache.jsonl",
            config.teacher_api_key_env, config.teacher_workers, config.teacher_attempts,
            config.teacher_timeout, min_words=config.min_words, max_words=config.max_words,
        )
    from museumguide.data.writers.imported import ImportWriter

    return ImportWriter(config.import_file)


def run(config: ScriptsConfig, writer=None, progress: bool = True) -> dict:
    """Write, gate, split and save; return the stats that also go to dataset_stats.json."""
    from tqdm import tqdm

    paintings = read_paintings(config.processed_dir)  # as collected: this run decides the notes
    joined_path = config.processed_dir / NOTES_JOINED_FILE
    if config.limit:
        paintings = paintings[: config.limit]
    if not paintings:
        raise ValueError(f"{config.processed_dir / PAINTINGS_FILE} holds no paintings; run python -m museumguide.collect first")
    if config.notes_file:
        joined = load_notes_file(config.notes_file, paintings)
        paintings = [{**p, **joined.get(p["key"], {})} for p in paintings]
        # Saved so evaluation, generation and the page build the same prompts as training did.
        jsonl.write_jsonl_atomic(joined_path, ({"key": k, **v} for k, v in joined.items()))
    elif joined_path.exists():
        joined_path.unlink()  # notes of an earlier --notes-file no longer match these prompts
    writer = writer or make_writer(config)
    gate = QualityGate(config.min_words, config.max_words, config.near_duplicate)
    kept, rejected = [], []
    reasons: Counter = Counter()
    # Gate in a fixed order (by object id) so near-duplicate decisions do not depend on which
    # teacher reply happened to arrive first.
    results = sorted(writer.write_all(paintings), key=lambda r: (r[0]["source"], r[0]["object_id"]))
    for painting, text, error in tqdm(results, desc="gating", unit="script", disable=not progress):
        oid = painting["object_id"]
        if error or not text:
            reasons[error or "no text"] += 1
            rejected.append({"key": painting["key"], "object_id": oid, "reason": error or "no text", "text": text})
            continue
        verdict = gate.admit(text, painting)
        if not verdict.ok:
            reasons[verdict.reason] += 1
            rejected.append({"key": painting["key"], "object_id": oid, "reason": verdict.reason,
                             "detail": verdict.detail, "text": text})
            continue
        kept.append((painting, text))
    in_languages = other_languages(paintings, config, rejected, reasons) if writer.name == "template" else []
    in_styles = other_styles(paintings, config, rejected, reasons) if writer.name == "template" else []
    out = config.processed_dir
    jsonl.write_jsonl_atomic(out / "scripts.jsonl", (
        {"key": p["key"], "object_id": p["object_id"], "writer": writer.name, "words": len(t.split()), "script": t}
        for p, t in kept))
    jsonl.write_jsonl_atomic(out / "scripts_languages.jsonl", (
        {"key": p["key"], "language": lang, "writer": f"template-{lang}", "words": len(t.split()), "script": t}
        for p, t, lang in in_languages))
    jsonl.write_jsonl_atomic(out / "scripts_styles.jsonl", (
        {"key": p["key"], "style": style, "writer": f"template-{style}", "words": len(t.split()), "script": t}
        for p, t, style in in_styles))
    jsonl.write_jsonl_atomic(out / "rejected.jsonl", rejected)
    examples = [dataset.make_example(p, t) for p, t in kept]
    examples += [dataset.make_example(p, t, lang) for p, t, lang in in_languages]
    examples += [dataset.make_example(p, t, style=style) for p, t, style in in_styles]
    keys = {dataset.painting_id(p): dataset.split_key(p, config.split_by)
            for p in [p for p, _ in kept] + [p for p, _, _ in in_languages] + [p for p, _, _ in in_styles]}
    split_of_key = dataset.assign_splits(keys.values(), config.val_frac, config.test_frac, config.seed)
    by_split = dataset.write_splits(examples, {i: split_of_key[k] for i, k in keys.items()}, out)
    stats = {
        "writer": writer.name, "split_by": config.split_by, "seed": config.seed,
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(config).items()},
        "paintings": len(paintings), "kept": len(kept), "rejected": dict(reasons),
        "splits": {s: dataset.length_stats(rows) for s, rows in by_split.items()},
        "sources": source_counts(kept),
        "languages": dict(Counter(lang for _, _, lang in in_languages)),
        "styles": dict(Counter(style for _, _, style in in_styles)),
        "credits": dict(Counter(line for line in (credit(p) for p, _ in kept) if line)),
    }
    dataset.write_card(stats, out)
    return stats


def other_languages(paintings: list[dict], config: ScriptsConfig, rejected: list[dict],
                    reasons: Counter) -> list[tuple[dict, str, str]]:
    """(painting in the language, script, language) of every script in another language that
    passes its own gate (shorter scripts allowed; the same checks otherwise)."""
    from museumguide.data.writers.languages import MIN_WORDS, LanguageWriter, language_rows
    from museumguide.records.prompt import in_language

    writers: dict[str, LanguageWriter] = {}

    def write(painting: dict, lang: str) -> tuple[dict, str]:
        local = in_language(painting, lang)
        writer = writers.setdefault(lang, LanguageWriter(lang, config.seed, config.max_words))
        return local, writer.write(local)

    return _gated(language_rows(paintings, config.language_share, config.seed), write, "language",
                  QualityGate(MIN_WORDS, config.max_words, config.near_duplicate), rejected, reasons)


def other_styles(paintings: list[dict], config: ScriptsConfig, rejected: list[dict],
                 reasons: Counter) -> list[tuple[dict, str, str]]:
    """(painting in the style, script, style) of every script in another style that passes the
    same gate as a standard one (shorter scripts allowed)."""
    from museumguide.data.writers.styles import MIN_WORDS, StyleWriter, style_rows
    from museumguide.records.prompt import in_style

    writer = StyleWriter(config.seed)

    def write(painting: dict, style: str) -> tuple[dict, str]:
        styled = in_style(painting, style)
        return styled, writer.write(styled, style)

    return _gated(style_rows(paintings, config.style_share, config.seed), write, "style",
                  QualityGate(MIN_WORDS, config.max_words, config.near_duplicate), rejected, reasons)


def _gated(rows, write, field: str, gate: QualityGate, rejected: list[dict],
           reasons: Counter) -> list[tuple[dict, str, str]]:
    """(painting as written for, script, tag) of each (painting, tag) row whose script ``write``
    makes passes ``gate``; a refused one is counted as "<tag>: <reason>" and kept in ``rejected``
    with the tag under ``field`` ("language", "style")."""
    out = []
    for painting, tag in rows:
        local, text = write(painting, tag)
        verdict = gate.admit(text, local)
        if not verdict.ok:
            reasons[f"{tag}: {verdict.reason}"] += 1
            rejected.append({"key": painting["key"], field: tag, "reason": verdict.reason,
                             "detail": verdict.detail, "text": text})
            continue
        out.append((local, text, tag))
    return out


def source_counts(kept: list[tuple[dict, str]]) -> dict:
    """Scripts kept per museum, and how many of them had curator notes in their prompt."""
    out: dict[str, dict] = {}
    for painting, _ in kept:
        row = out.setdefault(painting.get("source") or "met", {"kept": 0, "with_notes": 0})
        row["kept"] += 1
        row["with_notes"] += bool(painting.get("notes"))
    return out


def build_parser() -> argparse.ArgumentParser:
    d = ScriptsConfig()
    p = argparse.ArgumentParser(prog="python -m museumguide.scripts",
                                description="Write grounded audio-guide scripts and prompt/completion JSONL.")
    p.add_argument("--processed-dir", type=Path, default=d.processed_dir, help="default: %(default)s")
    p.add_argument("--writer", choices=WRITERS, default=d.writer, help="default: %(default)s")
    p.add_argument("--seed", type=int, default=d.seed, help="default: %(default)s")
    p.add_argument("--min-words", type=int, default=d.min_words, help="default: %(default)s")
    p.add_argument("--max-words", type=int, default=d.max_words, help="default: %(default)s")
    p.add_argument("--split-by", choices=("object", "artist"), default=d.split_by,
                   help="artist keeps each artist in one split (default: %(default)s)")
    p.add_argument("--val-frac", type=float, default=d.val_frac, help="default: %(default)s")
    p.add_argument("--test-frac", type=float, default=d.test_frac, help="default: %(default)s")
    p.add_argument("--near-duplicate", type=float, default=d.near_duplicate,
                   help="trigram Jaccard at which a script is a copy (default: %(default)s)")
    p.add_argument("--limit", type=int, help="only the first N paintings")
    p.add_argument("--language-share", type=float, default=d.language_share,
                   help="template writer: share of paintings that also get a metadata-only script in Swedish, "
                        "French, German, Spanish or Italian, in turn (default: %(default)s); paintings with notes "
                        "in a language always get one in it")
    p.add_argument("--style-share", type=float, default=d.style_share,
                   help="template writer: share of records that also get a script in the short, family or "
                        "description style, in turn (default: %(default)s)")
    t = p.add_argument_group("teacher writer")
    t.add_argument("--teacher-url", help="OpenAI-compatible API root, e.g. http://localhost:8000/v1")
    t.add_argument("--teacher-model", help="model name served there")
    t.add_argument("--teacher-api-key-env", default=d.teacher_api_key_env,
                   help="environment variable with the API key (default: %(default)s)")
    t.add_argument("--teacher-workers", type=int, default=d.teacher_workers, help="default: %(default)s")
    t.add_argument("--teacher-attempts", type=int, default=d.teacher_attempts, help="default: %(default)s")
    t.add_argument("--teacher-timeout", type=float, default=d.teacher_timeout, help="default: %(default)s")
    p.add_argument("--import-file", type=Path, help="CSV/JSONL of scripts keyed by objectID (import writer)")
    p.add_argument("--notes-file", type=Path, metavar="notes.csv",
                   help="a museum's label texts to put in the prompts: CSV with columns object_id,notes "
                        "and optional license,attribution (object_id: a key like aic-2816 or the museum's number)")
    p.add_argument("--no-progress", dest="progress", action="store_false", help="hide progress bars")
    return p


def main(argv: list[str] | None = None) -> int:
    args = vars(build_parser().parse_args(argv))
    progress = args.pop("progress")
    try:
        config = ScriptsConfig(**args)
        stats = run(config, progress=progress)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    splits = stats["splits"]
    print(f"{stats['writer']} writer: {stats['kept']} of {stats['paintings']} scripts kept; "
          + ", ".join(f"{s} {splits[s]['examples']}" for s in dataset.SPLITS)
          + f" -> {config.processed_dir}/{{train,val,test}}.jsonl")
    for reason, n in Counter(stats["rejected"]).most_common():
        print(f"  rejected: {n:5d}  {reason}")
    sample = next(iter(dataset.load_split(config.processed_dir / "train.jsonl", allow_empty=True)), None)
    if sample:
        print(f"\nsample (id {sample['id']}):\n{sample['prompt']}{sample['completion']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
