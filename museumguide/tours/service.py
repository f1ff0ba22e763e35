"""Guides on demand and tours to take away: the model work behind the web page.

A ``GuideService`` writes and narrates one painting's guide in a worker thread, so web requests
never wait on the model; asking again for the same painting returns the same job. Paintings are
known by their ``key`` ("met-436535", "aic-2816"): object ids collide across museums. Finished
guides are kept on disk (``<out>/guides/<key>.json`` and ``.mp3``, with each sentence's timing in
the audio) and reloaded on start; guides saved as ``<object id>.json`` before there was a second
museum reload as the Met's. A tour is an ordered list of painting keys exported for visitors by
``museumguide.tours.package`` (player, timed transcripts, feed, IIIF, QR labels). A lexicon given
to ``default_service`` is kept as ``<out>/lexicon.csv`` and used from there on.

Curator notes under a licence that asks for attribution (the AIC's CC BY texts) are credited
wherever a guide drawn from them goes: the job carries the credit line (``notes.credit``), and
every tour stop built from such a painting carries it in the manifest and as the last line of
its transcript, even when a curator's edit dropped it from the text.

Curators review guides before they are published. A finished guide carries a verdict for each
sentence (``museumguide.checks.sentences``) and the claims its prompt does not support
(``museumguide.checks.grounding.check_guide``), and starts as a ``draft``; a curator may edit it
(it is checked again) and approve it, which is refused while an unsupported sentence remains
unless the curator keeps it with a reason. Approving narrates the approved text if it changed
and keeps it in ``<out>/approved.jsonl`` with who approved it, when, who last edited it and any
sentence kept against the checker with its reason.
``python -m museumguide.scripts --writer import --import-file approved.jsonl`` reads that file, which
always holds exactly the approved guides (plus any lines for paintings this service does not
know). Tours export drafts too, marked as drafts.
"""

from __future__ import annotations

import hashlib
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Mapping

from museumguide.common import jsonl
from museumguide.tours.keys import (  # noqa: F401 - the page and tests take these from here too
    KEY_PATTERN, row_order, as_key, credit_of, keyed, museum_name, museum_of, row_key, slug, split_key)
from museumguide.tours.package import DRAFT_LINE, TourStop, write_tour  # noqa: F401 - DRAFT_LINE public here too

STATES = ("queued", "writing", "narrating", "done", "error")
REVIEW_STATES = ("draft", "approved")
LEXICON_FILE = "lexicon.csv"
"""The pronunciation lexicon kept in the service's folder (``museumguide.voice.lexicon``)."""
MAX_GUIDE_CHARS = 5000
"""Longest text a curator may save: a guide is about 1,000 characters."""
class NotReady(Exception):
    """The guide is still being written or failed: there is nothing to review yet."""


class Unapprovable(ValueError):
    """Approval refused: sentences the checker finds unsupported remain and the curator has not
    kept each of them with a reason."""

    def __init__(self, sentences: list[str]):
        self.sentences = sentences
        quoted = "; ".join(repr(s[:80]) for s in sentences[:3]) + ("; ..." if len(sentences) > 3 else "")
        super().__init__(f"{len(sentences)} unsupported sentence{'s' if len(sentences) != 1 else ''} remain "
                         f"({quoted}): edit them out, or keep each with a reason")


class Stale(Exception):
    """A change made against a version of a guide's text that is no longer the current one."""

    def __init__(self, given: str, current: str):
        self.given, self.current = given, current
        super().__init__(f"the guide changed since version {given[:16]!r} was shown (now {current!r}): "
                         "reload it, read it again, then approve")


def text_version(text: str | None) -> str:
    """A short fingerprint of a guide's text: what a curator saw, named when they approve it."""
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()[:16]


@dataclass
class Job:
    key: str
    status: str = "queued"
    transcript: str | None = None
    """The current text: as written, or as a curator last saved it."""
    audio_seconds: float | None = None
    error: str | None = None
    review: str = "draft"
    claims: list[dict] = field(default_factory=list)
    """The transcript's unsupported claims: {kind, text, start, end}."""
    sentences: list[dict] = field(default_factory=list)
    """Every sentence of the transcript with its verdict: {start, end, text, verdict, reason,
    sources} (``museumguide.checks.sentences``)."""
    approved_at: str | None = None
    approved_by: str | None = None
    edited_by: str | None = None
    """Who last saved a changed text (None: the text is the model's)."""
    kept: list[dict] = field(default_factory=list)
    """Unsupported sentences the approving curator kept, each {sentence, reason}."""
    narrated: str | None = None
    """The text the MP3 speaks; differs from ``transcript`` after an edit not yet approved."""
    cues: list[dict] = field(default_factory=list)
    """When the MP3 says each sentence of ``narrated``: {start, end, text} in seconds."""
    voice: str | None = None
    """Which voice narrated it (``museumguide.voice.voices``)."""
    synthetic_voice: bool = False
    """Whether that voice is the synthetic fallback (espeak-ng) a museum should replace."""
    credit: str | None = None
    """The credit line the painting's notes are owed, shown with the guide and in tours."""

    def public(self) -> dict:
        out = asdict(self)
        del out["narrated"], out["cues"]  # internal; the audio URL's version says when the audio changed
        out["version"] = text_version(self.transcript)
        # The museum's own id too, for clients from before keys (it is unique only with the source).
        out["source"], out["object_id"] = split_key(self.key)
        out["audio_url"] = None
        if self.status == "done":
            # A version in the URL so a browser drops its cached copy once approval re-narrates.
            version = hashlib.sha1((self.narrated or "").encode("utf-8")).hexdigest()[:10]
            out["audio_url"] = f"/api/audio/{self.key}?v={version}"
        return out


def narration_of(result: Any) -> tuple[float, list[dict], str | None, bool]:
    """(seconds, cues, voice, synthetic) of what a narrate function returned: a ``Narration``
    or, from simpler voices, the seconds alone (then the text is one cue)."""
    if isinstance(result, (int, float)):
        return float(result), [], None, False
    cues = [{"start": c.start, "end": c.end, "text": c.text} for c in result.cues]
    return float(result.seconds), cues, getattr(result, "voice", None) or None, bool(getattr(result, "fallback", False))


class GuideService:
    def __init__(self, paintings: Mapping[Any, dict], out_dir: Path,
                 write_guide: Callable[[dict], str], narrate: Callable[[str, Path], Any], language: str = "en",
                 pool: ThreadPoolExecutor | None = None, template_of: Callable[[dict], list[str]] | None = None,
                 style: str = "standard"):
        from museumguide.records.prompt import in_language, in_style

        # Each painting as a guide in the language and style sees it (its title, medium and notes
        # in the language), so the checks, the page and the tours show what the guide was written from.
        self.paintings = {key: in_style(in_language(p, language), style) for key, p in keyed(paintings).items()}
        self.style = style
        """The guides' style (``museumguide.records.styles``); each style has its own service and folder."""
        self.out_dir = Path(out_dir)
        self.guides_dir = self.out_dir / "guides"
        self.exports_dir = self.out_dir / "exports"
        self.guides_dir.mkdir(parents=True, exist_ok=True)
        self.exports_dir.mkdir(parents=True, exist_ok=True)
        self.write_guide, self.narrate = write_guide, narrate
        self.language = language
        """The language the guides are written and narrated in (tours say so)."""
        self.template_of = template_of
        """The template writer's sentences a guide for a painting may hold (``guides.generate.
        template_sentences``), so each sentence's origin can be shown; None: all are the model's."""
        self.approved_path = self.out_dir / "approved.jsonl"
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        # Reviews, approvals and exports take turns: an export never sees half an approval.
        self._review_lock = threading.RLock()
        # One worker: model and voice share the CPU; queued requests simply wait their turn (services
        # of several languages over one model share one ``pool``).
        self._pool = pool or ThreadPoolExecutor(max_workers=1, thread_name_prefix="guide")
        self._load_finished()
        # A crash between saving a guide and rewriting approved.jsonl is repaired here.
        self._sync_approved()

    def _load_finished(self) -> None:
        for path in sorted(self.guides_dir.glob("*.json")):  # a list: migrating adds files
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                legacy = path.stem.isdigit() and "key" not in data
                if legacy:  # saved before keys: <object id>.json, a Met painting
                    data["key"] = as_key(data.pop("object_id"))
                job = Job(**data)
                if job.key != path.stem and not legacy:
                    continue  # a key is a file name: one that does not match was not saved by us
                as_key(job.key)
            except (ValueError, TypeError, KeyError):
                continue  # a damaged file is regenerated on request
            if legacy:
                if (self.guides_dir / f"{job.key}.json").exists():
                    continue  # already migrated, or regenerated since: the keyed file is newer
                self._migrate(path, job)
            if job.status != "done" or not self.audio_path(job.key).is_file():
                continue
            job.narrated = job.narrated or job.transcript  # files from before reviews
            job.review = job.review if job.review in REVIEW_STATES else "draft"
            if job.key in self.paintings:
                job.credit = credit_of(self.paintings[job.key])  # the notes may have changed since
                try:
                    self._check(job)  # the checker may have changed since
                except (ValueError, TypeError):
                    pass  # keep the stored claims rather than lose a reviewed guide
            self.jobs[job.key] = job

    def _migrate(self, path: Path, job: Job) -> None:
        """Move a guide saved as <object id>.json/.mp3 to its key's names. The audio moves first
        and the old JSON goes last, so a crash part way leaves files this repeats from."""
        old_audio, new_audio = path.with_suffix(".mp3"), self.audio_path(job.key)
        if old_audio.is_file() and not new_audio.exists():
            old_audio.replace(new_audio)
        if new_audio.is_file():
            self._save(job)
            path.unlink()

    def _check(self, job: Job) -> None:
        """The transcript's claims and sentence verdicts, against the whole painting (notes too)."""
        from museumguide.checks.grounding import check_guide
        from museumguide.checks.sentences import check_sentences

        painting, text = self.paintings[job.key], job.transcript or ""
        job.claims = [{"kind": c.kind, "text": c.text, "start": c.start, "end": c.end}
                      for c in check_guide(text, painting)]
        # Each sentence says where it came from (model, notes, template) for the curator.
        written = self.template_of(painting) if self.template_of else []
        job.sentences = [asdict(v) for v in check_sentences(text, painting, template=written)] if text.strip() else []

    def _save(self, job: Job) -> None:
        jsonl.write_text_atomic(self.guides_dir / f"{as_key(job.key)}.json", json.dumps(asdict(job)))

    def audio_path(self, key: str | int) -> Path:
        return self.guides_dir / f"{as_key(key)}.mp3"

    def request(self, key: str | int) -> Job:
        """Start (or reuse) the job for a painting (a key, or a Met object id); raises KeyError
        for unknown paintings."""
        key = self._known(key)
        with self._lock:
            job = self.jobs.get(key)
            if job is not None and job.status != "error":
                return job
            job = self.jobs[key] = Job(key, credit=credit_of(self.paintings[key]))
        self._pool.submit(self._run, job)
        return job

    def _known(self, key: str | int) -> str:
        try:
            key = as_key(key)
        except ValueError:
            raise KeyError(key) from None
        if key not in self.paintings:
            raise KeyError(key)
        return key

    def _run(self, job: Job) -> None:
        try:
            job.status = "writing"
            job.transcript = self.write_guide(self.paintings[job.key])
            self._check(job)
            job.status = "narrating"
            self._narrate(job, job.transcript)
            job.status = "done"
            self._save(job)
        except Exception as exc:  # noqa: BLE001 - reported to the page, and a retry is allowed
            job.error = f"{type(exc).__name__}: {exc}"
            job.status = "error"

    def _narrate(self, job: Job, text: str) -> None:
        """Narrate ``text`` into the job's MP3 and note its length and sentence timings. The notes'
        credit line is not spoken (``records.notes.without_credit``): the transcript, player,
        feed and manifests carry it."""
        from museumguide.records.notes import credit, without_credit

        said = without_credit(text, credit(self.paintings[job.key]))
        seconds, cues, job.voice, job.synthetic_voice = narration_of(self.narrate(said, self.audio_path(job.key)))
        job.audio_seconds, job.narrated = round(seconds, 1), text
        job.cues = cues or [{"start": 0.0, "end": round(seconds, 3), "text": " ".join(said.split())}]

    def _reviewable(self, key: str | int) -> Job:
        """The finished job of a painting; KeyError if none was requested, NotReady if unfinished."""
        key = self._known(key)
        if key not in self.jobs:
            raise KeyError(key)
        job = self.jobs[key]
        if job.status != "done":
            raise NotReady(f"the guide is not done (it is {job.status})")
        return job

    def edit(self, key: str | int, text: str, curator: str | None = None, version: str | None = None) -> Job:
        """Save a curator's text as a draft and check its sentences again. Saving the same text
        again (a plain re-check) keeps an approval; a changed text needs approving anew, and is
        recorded as ``curator``'s. With ``version`` (``text_version`` of the text the curator
        started from), ``Stale`` if the text has changed since."""
        text = text.strip()
        if not text:
            raise ValueError("the guide text is empty")
        if len(text) > MAX_GUIDE_CHARS:
            raise ValueError(f"the guide text is over {MAX_GUIDE_CHARS} characters")
        with self._review_lock:
            job = self._reviewable(key)
            if version is not None and version != text_version(job.transcript):
                raise Stale(version, text_version(job.transcript))
            if text != job.transcript:
                job.transcript, job.review, job.approved_at, job.approved_by = text, "draft", None, None
                job.edited_by, job.kept = curator, []
            self._check(job)
            self._save(job)
            self._sync_approved()
        return job

    def approve(self, key: str | int, curator: str | None = None, keep: list[dict] | None = None,
                version: str | None = None) -> Job:
        """Approve the current text as ``curator``: narrate it if the audio says something else,
        then record it in approved.jsonl with who approved it and when. Refused (``Unapprovable``)
        while a sentence the checker finds unsupported remains, unless ``keep`` holds it,
        ``{"sentence": text, "reason": why}``; the reasons are recorded beside the text. With
        ``version`` (the page always sends it: ``text_version`` of the text the curator saw),
        refused (``Stale``) if the text has changed since. The state changes only once the
        narration has succeeded."""
        reasons = {" ".join(k["sentence"].split()): k["reason"].strip() for k in keep or []}
        with self._review_lock:
            job = self._reviewable(key)
            if version is not None and version != text_version(job.transcript):
                raise Stale(version, text_version(job.transcript))
            self._check(job)  # the verdicts of the text being approved, by the checker as it is now
            struck = [v["text"] for v in job.sentences if v["verdict"] == "unsupported"]
            unkept = [t for t in struck if not reasons.get(" ".join(t.split()))]
            if unkept:
                raise Unapprovable(unkept)
            if job.narrated != job.transcript:
                self._narrate(job, job.transcript)
            job.review, job.approved_by = "approved", curator
            job.kept = [{"sentence": t, "reason": reasons[" ".join(t.split())]} for t in struck]
            job.approved_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            self._save(job)
            self._sync_approved()
        return job

    def _sync_approved(self) -> None:
        """Make approved.jsonl hold one line per approved guide, in the importer's format.
        Lines for paintings this service has no guide for are kept (another run's approvals).
        Each line names the painting by key, and by source and object id for the importer."""
        with self._review_lock:
            try:
                old = jsonl.read_jsonl(self.approved_path) if self.approved_path.exists() else []
            except jsonl.JsonlError:
                old = []  # written atomically, so only a hand edit breaks it; rebuilt from the guides
            kept = [row for row in old if row_key(row) not in self.jobs]
            approved = []
            for job in list(self.jobs.values()):
                if job.status == "done" and job.review == "approved":
                    source, number = split_key(job.key)
                    approved.append({"key": job.key, "source": source, "object_id": number, "language": self.language,
                                     **({"style": self.style} if self.style != "standard" else {}),
                                     "title": self.paintings.get(job.key, {}).get("title"),
                                     "script": job.transcript, "approved_at": job.approved_at,
                                     "approved_by": job.approved_by, "edited_by": job.edited_by,
                                     "kept_unsupported": job.kept})
            rows = sorted(kept + approved, key=row_order)
            if rows != old:
                jsonl.write_jsonl_atomic(self.approved_path, rows)

    def wait(self, keys: list[str | int], timeout: float | None = None) -> None:
        """Block until the given jobs finish (for scripts and the demo, not for web requests)."""
        import time

        keys = [as_key(k) for k in keys]
        deadline = None if timeout is None else time.monotonic() + timeout
        while any(self.jobs[k].status not in ("done", "error") for k in keys):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("guides still being made")
            time.sleep(0.2)

    def export_tour(self, name: str, stops: list[str | int], out: Path | None = None,
                    base_url: str | None = None, tracks: list["GuideService"] = ()) -> Path:
        """Export the finished guides of ``stops`` (keys, or Met object ids; in order) as a tour
        (``museumguide.tours.package.write_tour``) to ``out``, by default
        ``<out>/exports/<name>.zip``; return its path. Raises LookupError listing stops without a
        finished guide.

        Each stop speaks an approved guide's approved text, or a draft's last narration marked as
        a draft; a stop whose notes are owed a credit shows it, from the painting, not the text (a
        curator's edit may have dropped the line). Guides narrated before sentence timings were
        kept are narrated again first. ``tracks``: the services of other styles whose guides of the
        same stops the tour carries as parallel tracks."""
        stops = [as_key(s) for s in stops]
        with self._review_lock:
            if out is None:
                out = (self.exports_dir / f"{slug(name)}.zip").resolve()
                if out.parent != self.exports_dir.resolve():  # belt and braces: slug() allows no separators
                    raise ValueError("bad tour name")
            tour = self.tour_stops(stops)
            more = {svc.style: svc.tour_stops(stops) for svc in tracks if svc.style != self.style}
            lexicon = self.out_dir / LEXICON_FILE
            return write_tour(tour, out, name, base_url=base_url, language=self.language,
                              lexicon=lexicon if lexicon.is_file() else None, style=self.style, tracks=more)

    def tour_stops(self, stops: list[str]) -> list[TourStop]:
        """The tour stops of ``stops`` (keys, in order) in this service's style; LookupError lists
        the stops without a finished guide."""
        with self._review_lock:
            missing = [k for k in stops if self.jobs.get(k) is None or self.jobs[k].status != "done"]
            if missing:
                raise LookupError(missing)
            tour = []
            for key in stops:
                job = self.jobs[key]
                if not job.cues:
                    self._narrate(job, job.narrated or job.transcript or "")
                    self._save(job)
                tour.append(TourStop(key, self.paintings[key], job.narrated or "", self.audio_path(key),
                                     job.audio_seconds or 0.0, job.cues, job.review == "approved",
                                     credit_of(self.paintings[key]), job.voice, job.synthetic_voice))
            return tour
