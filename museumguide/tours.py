"""Guides on demand and tours to take away: the model work behind the web page.

A ``GuideService`` writes and narrates one painting's guide in a worker thread, so web requests
never wait on the model; asking again for the same painting returns the same job. Finished
guides are kept on disk (``<out>/guides/<id>.json`` and ``.mp3``) and reloaded on start. A tour
is an ordered list of painting ids exported as a zip for offline playback: one MP3 and one
transcript per stop and a ``manifest.json``.
"""

from __future__ import annotations

import json
import re
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Mapping

from museumguide import jsonl

STATES = ("queued", "writing", "narrating", "done", "error")


@dataclass
class Job:
    object_id: int
    status: str = "queued"
    transcript: str | None = None
    audio_seconds: float | None = None
    error: str | None = None

    def public(self) -> dict:
        out = asdict(self)
        out["audio_url"] = f"/api/audio/{self.object_id}" if self.status == "done" else None
        return out


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe form of ``text``: lower-case letters, digits and dashes only."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned[:limit].rstrip("-") or "untitled"


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
        self.jobs: dict[int, Job] = {}
        self._lock = threading.Lock()
        # One worker: model and voice share the CPU; queued requests simply wait their turn.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guide")
        self._load_finished()

    def _load_finished(self) -> None:
        for path in self.guides_dir.glob("*.json"):
            try:
                job = Job(**json.loads(path.read_text(encoding="utf-8")))
            except (ValueError, TypeError):
                continue  # a damaged file is regenerated on request
            if job.status == "done" and self.audio_path(job.object_id).is_file():
                self.jobs[job.object_id] = job

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
            job.status = "narrating"
            job.audio_seconds = round(self.narrate(job.transcript, self.audio_path(job.object_id)), 1)
            job.status = "done"
            jsonl.write_text_atomic(self.guides_dir / f"{job.object_id}.json", json.dumps(asdict(job)))
        except Exception as exc:  # noqa: BLE001 - reported to the page, and a retry is allowed
            job.error = f"{type(exc).__name__}: {exc}"
            job.status = "error"

    def wait(self, object_ids: list[int], timeout: float | None = None) -> None:
        """Block until the given jobs finish (for scripts and the demo, not for web requests)."""
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while any(self.jobs[i].status not in ("done", "error") for i in object_ids):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("guides still being made")
            time.sleep(0.2)

    def export_tour(self, name: str, stops: list[int]) -> Path:
        """Zip the finished guides of ``stops`` (in order) with a manifest; return the zip path."""
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
                zf.writestr(f"{stem}.txt", job.transcript + "\n")
                manifest["stops"].append({
                    "stop": n, "object_id": object_id, "title": painting["title"],
                    "artist": painting.get("artist"), "date": painting.get("date"),
                    "audio": f"{stem}.mp3", "transcript": f"{stem}.txt",
                    "seconds": job.audio_seconds, "object_url": painting.get("object_url")})
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
