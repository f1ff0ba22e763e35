"""A gallery page: browse the collected paintings, generate and hear guides, build tours.

    python -m museumguide.web                      # then open http://127.0.0.1:8000
    python -m museumguide.web --port 8080 --adapter artifacts/smollm2-135m-cpu

A FastAPI app served by uvicorn, on localhost by default. Guides are written and narrated off
the request thread (``museumguide.tours.GuideService``); the page polls their progress.
Curators review each guide on the page: ``PUT /api/guides/{id}`` saves an edited text as a
draft and returns its unsupported claims, ``POST /api/guides/{id}/approve`` approves it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from museumguide import jsonl
from museumguide.tours import MAX_GUIDE_CHARS, NotReady

MAX_BODY = 64 * 1024
MAX_STOPS = 50
STATIC = Path(__file__).parent / "static"


from pydantic import BaseModel, Field  # noqa: E402 - light; FastAPI needs the body model at module level


class TourRequest(BaseModel):
    """An ordered tour: a name for the zip and the paintings' object ids."""

    name: str = Field(min_length=1, max_length=80)
    stops: list[int] = Field(min_length=1, max_length=MAX_STOPS)


class GuideEdit(BaseModel):
    """A curator's text for a guide (saved as a draft)."""

    text: str = Field(min_length=1, max_length=MAX_GUIDE_CHARS)


def _card(p: dict) -> dict:
    return {"object_id": p["object_id"], "title": p["title"], "artist": p.get("artist") or p.get("culture"),
            "date": p.get("date"), "thumbnail": p.get("image_small_url")}


def create_app(service):
    """The FastAPI app over a ``GuideService`` (whose ``paintings`` are what the page shows)."""
    from fastapi import FastAPI, HTTPException, Request
    from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

    app = FastAPI(title="museumguide", docs_url="/api/docs", redoc_url=None)
    ordered = sorted(service.paintings.values(), key=lambda p: (p["title"].lower(), p["object_id"]))

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        # Refuse big bodies from the header, before reading them; chunked uploads are refused too.
        length = request.headers.get("content-length")
        if request.method in ("POST", "PUT") and (
                (length is not None and (not length.isdigit() or int(length) > MAX_BODY))
                or (length is None and "chunked" in request.headers.get("transfer-encoding", ""))):
            return JSONResponse({"detail": f"request body over {MAX_BODY // 1024} KB"}, status_code=413)
        return await call_next(request)

    def painting_or_404(object_id: int) -> dict:
        if object_id not in service.paintings:
            raise HTTPException(404, f"no painting with object id {object_id}")
        return service.paintings[object_id]

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        return (STATIC / "index.html").read_text(encoding="utf-8")

    @app.get("/api/paintings")
    def paintings(q: str = "", offset: int = 0, limit: int = 48) -> dict:
        if not 0 <= offset or not 1 <= limit <= 200 or len(q) > 200:
            raise HTTPException(422, "offset >= 0, 1 <= limit <= 200, q at most 200 characters")
        words = q.lower().split()
        hits = [p for p in ordered if all(
            w in f"{p['title']} {p.get('artist') or ''} {p.get('culture') or ''} {p.get('date') or ''}".lower()
            for w in words)]
        return {"total": len(hits), "items": [_card(p) for p in hits[offset:offset + limit]]}

    @app.get("/api/paintings/{object_id}")
    def painting(object_id: int) -> dict:
        return painting_or_404(object_id)

    @app.post("/api/guides/{object_id}", status_code=202)
    def start_guide(object_id: int) -> dict:
        painting_or_404(object_id)
        return service.request(object_id).public()

    def job_or_404(object_id: int):
        painting_or_404(object_id)
        job = service.jobs.get(object_id)
        if job is None:
            raise HTTPException(404, "no guide requested for this painting yet; POST to start one")
        return job

    @app.get("/api/guides/{object_id}")
    def guide(object_id: int) -> dict:
        return job_or_404(object_id).public()

    @app.put("/api/guides/{object_id}")
    def edit_guide(object_id: int, edit: GuideEdit) -> dict:
        job_or_404(object_id)
        try:
            return service.edit(object_id, edit.text).public()
        except NotReady as exc:
            raise HTTPException(409, f"{exc}: generate it and wait for it to finish") from None
        except ValueError as exc:  # blank text
            raise HTTPException(422, str(exc)) from None

    @app.post("/api/guides/{object_id}/approve")
    def approve_guide(object_id: int) -> dict:
        job_or_404(object_id)
        try:
            return service.approve(object_id).public()
        except NotReady as exc:
            raise HTTPException(409, f"{exc}: generate it and wait for it to finish") from None

    @app.get("/api/audio/{object_id}")
    def audio(object_id: int):
        painting_or_404(object_id)
        job = service.jobs.get(object_id)
        if job is None or job.status != "done":
            raise HTTPException(404, "the narration is not ready")
        return FileResponse(service.audio_path(object_id), media_type="audio/mpeg")

    @app.post("/api/tours/export")
    def export(tour: TourRequest):
        unknown = [s for s in tour.stops if s not in service.paintings]
        if unknown:
            raise HTTPException(422, f"unknown object id(s): {unknown[:5]}")
        if len(set(tour.stops)) != len(tour.stops):
            raise HTTPException(422, "a painting appears twice in the tour")
        try:
            path = service.export_tour(tour.name, tour.stops)
        except LookupError as exc:
            raise HTTPException(409, f"generate these stops' guides first: {exc.args[0]}") from None
        return FileResponse(path, media_type="application/zip", filename=path.name)

    return app


def load_paintings(processed_dir: Path) -> dict[int, dict]:
    path = processed_dir / "paintings.jsonl"
    return {p["object_id"]: p for p in jsonl.read_jsonl(path, require=("object_id", "title"))}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m museumguide.web", description="Serve the gallery page.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    p.add_argument("--port", type=int, default=8000, help="default: %(default)s")
    p.add_argument("--processed-dir", type=Path, default=Path("data/processed"))
    p.add_argument("--out-dir", type=Path, help="guides, audio and tour zips (default: <run>/web, so "
                   "each fine-tuned run keeps its own guides)")
    p.add_argument("--adapter", help="run folder (default: $MUSEUMGUIDE_ADAPTER or newest in artifacts/)")
    p.add_argument("--max-new-tokens", type=int, default=300)
    args = p.parse_args(argv)
    try:
        from museumguide.generate import find_run
        from museumguide.tours import default_service

        run = find_run(args.adapter)
        service = default_service(load_paintings(args.processed_dir), args.out_dir or run / "web", run,
                                  args.max_new_tokens)
    except (ValueError, OSError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    import uvicorn

    print(f"museumguide: {len(service.paintings)} paintings, guides by {run}; open http://{args.host}:{args.port}")
    uvicorn.run(create_app(service), host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
