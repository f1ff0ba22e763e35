"""Guides on demand and tours to take away: the model work behind the web page.

A ``GuideService`` writes and narrates one painting's guide in a worker thread, so web requests
never wait on the model; asking again for the same painting returns the same job. Finished
guides are kept on disk (``<out>/guides/<id>.json`` and ``.mp3``) and reloaded on start. A tour
is an ordered list of painting ids exported as a zip for offline playback: one MP3 and one
transcript per stop and a ``manifest.json``.

Curators review guides before they are published. A finished guide carries the claims its
prompt does not support (``museumguide.grounding.check_guide``) and starts as a ``draft``; a
curator may edit it (the claims are checked again) and approve it. Approving narrates the
approved text if it changed and keeps it in ``<out>/approved.jsonl``, which
``python -m museumguide.scripts --writer import --import-file approved.jsonl`` reads; that file
always holds exactly the approved guides (plus any lines for paintings this service does not
know). Tours export drafts too, marked as drafts.
"""

from __future__ import annotations

import json
import re
import hashlib
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Mapping

from museumguide import jsonl

STATES = ("queued", "writing", "narrating", "done", "error")
REVIEW_STATES = ("draft", "approved")
DRAFT_LINE = "DRAFT - not reviewed by a curator"
"""First line of an unapproved guide's transcript in a tour export."""
MAX_GUIDE_CHARS = 5000
"""Longest text a curator may save: a guide is about 1,000 characters."""


class NotReady(Exception):
    """The guide is still being written or failed: there is nothing to review yet."""


@dataclass
class Job:
    object_id: int
    status: str = "queued"
    transcript: str | None = None
    """The current text: as written, or as a curator last saved it."""
    audio_seconds: float | None = None
    error: str | None = None
    review: str = "draft"
    claims: list[dict] = field(default_factory=list)
    """The transcript's unsupported claims: {kind, text, start, end}."""
    approved_at: str | None = None
    narrated: str | None = None
    """The text the MP3 speaks; differs from ``transcript`` after an edit not yet approved."""

    def public(self) -> dict:
        out = asdict(self)
        del out["narrated"]  # internal; the audio URL's version says when the audio changed
        out["audio_url"] = None
        if self.status == "done":
            # A version in the URL so a browser drops its cached copy once approval re-narrates.
            version = hashlib.sha1((self.narrated or "").encode("utf-8")).hexdigest()[:10]
            out["audio_url"] = f"/api/audio/{self.object_id}?v={version}"
        return out


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe form of ``text``: lower-case letters, digits and dashes only."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned[:limit].rstrip("-") or "untitled"


def _id_order(row: dict) -> int:
    raw = str(row.get("object_id"))
    return int(raw) if raw.isdigit() else -1


class GuideService:
    def __init__(self, paintings: Mapping[int, dict], out_dir: Path,
                 write_guide: Callable[[dict], str], narrate: Callable[[str, Path], float]):
        self.paintings = paintings
        self.out_dir = Path(out_dir)
        self.guides_dir = self.out_dir / "guides"
        self.exports_dir = self.out_dir / "exports"
        self.guides_dir.mkdir(parents=True, exist_ok=True)
        self.exports_dir.mkdir(parents=True, exist_ok=True)
        self.write_guide, self.narrate = write_guide, narrate
        self.approved_path = self.out_dir / "approved.jsonl"
        self.jobs: dict[int, Job] = {}
        self._lock = threading.Lock()
        # Reviews, approvals and exports take turns: an export never sees half an approval.
        self._review_lock = threading.RLock()
        # One worker: model and voice share the CPU; queued requests simply wait their turn.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guide")
        self._load_finished()
        # A crash between saving a guide and rewriting approved.jsonl is repaired here.
        self._sync_approved()

    def _load_finished(self) -> None:
        for path in self.guides_dir.glob("*.json"):
            try:
                job = Job(**json.loads(path.read_text(encoding="utf-8")))
            except (ValueError, TypeError):
                continue  # a damaged file is regenerated on request
            if job.status != "done" or not self.audio_path(job.object_id).is_file():
                continue
            job.narrated = job.narrated or job.transcript  # files from before reviews
            job.review = job.review if job.review in REVIEW_STATES else "draft"
            if job.object_id in self.paintings:
                try:
                    job.claims = self._check(job)  # the checker may have changed since
                except (ValueError, TypeError):
                    pass  # keep the stored claims rather than lose a reviewed guide
            self.jobs[job.object_id] = job

    def _check(self, job: Job) -> list[dict]:
        from museumguide.grounding import check_guide

        return [{"kind": c.kind, "text": c.text, "start": c.start, "end": c.end}
                for c in check_guide(job.transcript or "", self.paintings[job.object_id])]

    def _save(self, job: Job) -> None:
        jsonl.write_text_atomic(self.guides_dir / f"{job.object_id}.json", json.dumps(asdict(job)))

    def audio_path(self, object_id: int) -> Path:
        return self.guides_dir / f"{int(object_id)}.mp3"

    def request(self, object_id: int) -> Job:
        """Start (or reuse) the job for a painting; raises KeyError for unknown ids."""
        if object_id not in self.paintings:
            raise KeyError(object_id)
        with self._lock:
            job = self.jobs.get(object_id)
            if job is not None and job.status != "error":
                return job
            job = self.jobs[object_id] = Job(object_id)
        self._pool.submit(self._run, job)
        return job

    def _run(self, job: Job) -> None:
        try:
            job.status = "writing"
            job.transcript = self.write_guide(self.paintings[job.object_id])
            job.claims = self._check(job)
            job.status = "narrating"
            job.audio_seconds = round(self.narrate(job.transcript, self.audio_path(job.object_id)), 1)
            job.narrated = job.transcript
            job.status = "done"
            self._save(job)
        except Exception as exc:  # noqa: BLE001 - reported to the page, and a retry is allowed
            job.error = f"{type(exc).__name__}: {exc}"
            job.status = "error"

    def _reviewable(self, object_id: int) -> Job:
        """The finished job of a painting; KeyError if none was requested, NotReady if unfinished."""
        if object_id not in self.paintings or object_id not in self.jobs:
            raise KeyError(object_id)
        job = self.jobs[object_id]
        if job.status != "done":
            raise NotReady(f"the guide is not done (it is {job.status})")
        return job

    def edit(self, object_id: int, text: str) -> Job:
        """Save a curator's text as a draft and check its claims again. Saving the same text
        again (a plain re-check) keeps an approval; a changed text needs approving anew."""
        text = text.strip()
        if not text:
            raise ValueError("the guide text is empty")
        if len(text) > MAX_GUIDE_CHARS:
            raise ValueError(f"the guide text is over {MAX_GUIDE_CHARS} characters")
        with self._review_lock:
            job = self._reviewable(object_id)
            if text != job.transcript:
                job.transcript, job.review, job.approved_at = text, "draft", None
            job.claims = self._check(job)
            self._save(job)
            self._sync_approved()
        return job

    def approve(self, object_id: int) -> Job:
        """Approve the current text: narrate it if the audio says something else, then record it
        in approved.jsonl. The state changes only once the narration has succeeded."""
        with self._review_lock:
            job = self._reviewable(object_id)
            if job.narrated != job.transcript:
                seconds = self.narrate(job.transcript, self.audio_path(object_id))
                job.audio_seconds, job.narrated = round(seconds, 1), job.transcript
            job.review = "approved"
            job.approved_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            self._save(job)
            self._sync_approved()
        return job

    def _sync_approved(self) -> None:
        """Make approved.jsonl hold one line per approved guide, in the importer's format.
        Lines for paintings this service has no guide for are kept (another run's approvals)."""
        with self._review_lock:
            try:
                old = jsonl.read_jsonl(self.approved_path) if self.approved_path.exists() else []
            except jsonl.JsonlError:
                old = []  # written atomically, so only a hand edit breaks it; rebuilt from the guides
            kept = [row for row in old if row.get("object_id") not in self.jobs]
            approved = [{"object_id": job.object_id, "title": self.paintings.get(job.object_id, {}).get("title"),
                         "script": job.transcript, "approved_at": job.approved_at}
                        for job in list(self.jobs.values()) if job.status == "done" and job.review == "approved"]
            rows = sorted(kept + approved, key=_id_order)
            if rows != old:
                jsonl.write_jsonl_atomic(self.approved_path, rows)

    def wait(self, object_ids: list[int], timeout: float | None = None) -> None:
        """Block until the given jobs finish (for scripts and the demo, not for web requests)."""
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while any(self.jobs[i].status not in ("done", "error") for i in object_ids):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("guides still being made")
            time.sleep(0.2)

    def export_tour(self, name: str, stops: list[int]) -> Path:
        """Zip the finished guides of ``stops`` (in order) with a manifest; return the zip path.

        Each stop's transcript is the text its MP3 speaks: an approved guide's approved text, or a
        draft's last narration under a first line saying it is a draft."""
        with self._review_lock:
            return self._export_tour(name, stops)

    def _export_tour(self, name: str, stops: list[int]) -> Path:
        missing = [i for i in stops if self.jobs.get(i) is None or self.jobs[i].status != "done"]
        if missing:
            raise LookupError(missing)
        manifest = {"name": name, "stops": []}
        target = (self.exports_dir / f"{slug(name)}.zip").resolve()
        if target.parent != self.exports_dir.resolve():  # belt and braces: slug() allows no separators
            raise ValueError("bad tour name")
        with jsonl.atomic_open(target, "wb") as fh, zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for n, object_id in enumerate(stops, start=1):
                painting, job = self.paintings[object_id], self.jobs[object_id]
                stem = f"{n:02d}-{slug(painting['title'])}"
                zf.write(self.audio_path(object_id), f"{stem}.mp3")
                approved = job.review == "approved"
                text = job.narrated if approved else f"{DRAFT_LINE}\n\n{job.narrated}"
                zf.writestr(f"{stem}.txt", text + "\n")
                manifest["stops"].append({
                    "stop": n, "object_id": object_id, "title": painting["title"],
                    "artist": painting.get("artist"), "date": painting.get("date"),
                    "audio": f"{stem}.mp3", "transcript": f"{stem}.txt",
                    "seconds": job.audio_seconds, "object_url": painting.get("object_url"),
                    "status": "approved" if approved else "draft"})
            zf.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        return target


def default_service(paintings: Mapping[int, dict], out_dir: Path, adapter=None, max_new_tokens: int = 300,
                    seed: int | None = 0) -> GuideService:
    """The real thing: the fine-tuned run writes, Piper narrates."""
    from museumguide.generate import generate_guide
    from museumguide.speak import speak

    def write(painting: dict) -> str:
        return generate_guide(painting, adapter=adapter, seed=seed, max_new_tokens=max_new_tokens)

    def narrate(text: str, path: Path) -> float:
        return speak(text, path).seconds

    return GuideService(paintings, out_dir, write, narrate)
