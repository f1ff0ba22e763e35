"""A gallery page: browse the collected paintings, generate and hear guides, build tours.

    python -m museumguide.web                      # then open http://127.0.0.1:8000
    python -m museumguide.web --port 8080 --adapter artifacts/smollm2-135m-cpu
    python -m museumguide.web --language en,sv     # a language switch on the page

A FastAPI app served by uvicorn, on localhost by default. Guides are written and narrated off
the request thread (``museumguide.tours.service.GuideService``); the page polls their progress.
Paintings come from more than one museum, so the API names them by key ("met-436535",
"aic-2816"); a bare number is taken as a Met object id, as before keys. The page shows each
painting's museum and, beside its guide, the curator notes the guide may draw on with the credit
line they are owed. Curators review each guide on the page: ``PUT /api/guides/{key}`` saves an
edited text as a draft and returns each sentence's verdict and sources (against the record and its
notes), ``POST /api/guides/{key}/approve`` approves it (refused while an unsupported sentence is
not kept with a reason, ``{"keep": [{"sentence": ..., "reason": ...}]}``). Beyond loopback, editing
and approving need a signed-in curator (``museumguide.web.auth``; ``/api/session``).

Guides may be served in several languages (``--language en,sv``): one ``GuideService`` each,
English guides in the out folder and each other language's in ``<out>/<code>``; the page shows a
language switch, and every guide, audio and tour call takes ``?language=sv`` (default: the first).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Mapping

from museumguide.tours.service import MAX_GUIDE_CHARS, NotReady, Unapprovable, as_key, credit_of, museum_of, slug
from museumguide.web.auth import (COOKIE, CSRF_HEADER, LOOPBACK, SESSION_SECONDS, AuthError, Curators, local_curator,
                                  loopback_only, same_site)

MAX_BODY = 64 * 1024
MAX_STOPS = 50
STATIC = Path(__file__).parent / "static"


from pydantic import BaseModel, Field, StrictInt, StrictStr, field_validator  # noqa: E402 - light; FastAPI needs the body model at module level
from fastapi import Request, Response  # noqa: E402 - FastAPI reads handlers' annotations from this module


class TourRequest(BaseModel):
    """An ordered tour: a name for the zip and the paintings' keys (or, from clients of before
    keys, Met object ids), which arrive as keys."""

    name: str = Field(min_length=1, max_length=80)
    stops: list[StrictInt | StrictStr] = Field(min_length=1, max_length=MAX_STOPS)

    @field_validator("stops")
    @classmethod
    def _keys(cls, stops: list) -> list[str]:
        return [as_key(s) for s in stops]  # ValueError -> 422 naming the stop


class GuideEdit(BaseModel):
    """A curator's text for a guide (saved as a draft)."""

    text: str = Field(min_length=1, max_length=MAX_GUIDE_CHARS)


class Kept(BaseModel):
    """An unsupported sentence the curator publishes anyway, and why."""

    sentence: str = Field(min_length=1, max_length=MAX_GUIDE_CHARS)
    reason: str = Field(min_length=3, max_length=500)


class Approval(BaseModel):
    keep: list[Kept] = Field(default_factory=list, max_length=100)


class SignIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1024)


def _card(p: dict) -> dict:
    return {"key": p["key"], "source": p["source"], "museum": museum_of(p),
            "object_id": p["object_id"], "title": p["title"], "artist": p.get("artist") or p.get("culture"),
            "date": p.get("date"), "thumbnail": p.get("image_small_url"), "has_notes": bool(p.get("notes"))}


def _detail(p: dict) -> dict:
    """A painting's record with what the page shows beside it: its museum and its notes' credit."""
    return {**p, "museum": museum_of(p), "credit": credit_of(p)}


def create_app(service, curators: Curators | None = None, base_url: str | None = None):
    """The FastAPI app over a ``GuideService`` (whose ``paintings`` are what the page shows), or
    over several, ``{language: GuideService}``, the first the default (see the module docstring).
    With ``curators``, writing, editing and approving guides need a signed-in curator; without,
    changes are taken only from this machine's own page (loopback) and recorded as the local user's.
    ``base_url``: where exported tours will be published (their feed's URLs and QR labels)."""
    from museumguide.tours.package import check_base_url

    base_url = check_base_url(base_url)
    from fastapi import Body, FastAPI, HTTPException
    from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

    from museumguide.records.prompt import LANGUAGES

    services = dict(service) if isinstance(service, Mapping) else {service.language: service}
    if not services:
        raise ValueError("create_app needs a GuideService, or one per language")
    default = next(iter(services))
    service = services[default]  # its paintings are the cards and the search
    app = FastAPI(title="museumguide", docs_url="/api/docs", redoc_url=None)
    ordered = sorted(service.paintings.values(), key=lambda p: (p["title"].lower(), p["key"]))
    # What a search matches: the card's words and the museum's name ("chicago" finds the AIC's).
    haystack = {p["key"]: " ".join(str(p.get(f) or "") for f in ("title", "artist", "culture", "date")).lower()
                + " " + museum_of(p).lower() for p in ordered}

    @app.middleware("http")
    async def same_site_changes(request: Request, call_next):
        # Every change comes from this page: on loopback, from this machine's own address (no other
        # site in the curator's browser, no name rebound to 127.0.0.1); beyond it, from its own site.
        if request.method in ("POST", "PUT", "DELETE", "PATCH"):
            try:
                (same_site if curators else loopback_only)(request.headers.get("origin"), request.headers.get("host"))
            except AuthError as exc:
                return JSONResponse({"detail": exc.detail}, status_code=exc.status)
        return await call_next(request)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        # Refuse big bodies from the header, before reading them; chunked uploads are refused too.
        length = request.headers.get("content-length")
        if request.method in ("POST", "PUT") and (
                (length is not None and (not length.isdigit() or int(length) > MAX_BODY))
                or (length is None and "chunked" in request.headers.get("transfer-encoding", ""))):
            return JSONResponse({"detail": f"request body over {MAX_BODY // 1024} KB"}, status_code=413)
        return await call_next(request)

    def served(language: str | None):
        """The service of ``language`` (the default's when none is named); 404 naming those served."""
        if not language:
            return service
        if language not in services:
            raise HTTPException(404, f"guides in {language[:10]!r} are not served here; "
                                     f"there are: {', '.join(services)}")
        return services[language]

    def public(job, where) -> dict:
        out = {**job.public(), "language": where.language}
        if out["audio_url"] and where is not service:
            out["audio_url"] += f"&language={where.language}"
        return out

    def key_or_404(raw: str) -> str:
        """The painting key a path names (a key, or a bare Met object id); 404 naming it otherwise."""
        try:
            key = as_key(raw)
        except ValueError:
            key = None
        if key not in service.paintings:
            raise HTTPException(404, f"no painting with key {raw[:40]!r}")
        return key

    def curator_of(request: Request) -> str:
        """Who a change comes from: the signed-in curator, or on loopback the local user."""
        if curators is None:
            return local_curator()
        try:
            return curators.authorise(request.cookies.get(COOKIE), request.headers.get(CSRF_HEADER),
                                      request.headers.get("origin"), request.headers.get("host"))
        except AuthError as exc:
            raise HTTPException(exc.status, exc.detail) from None

    def session_state(token: str | None) -> dict:
        session = curators.session(token) if curators else None
        return {"auth_required": curators is not None, "curator": session.curator if session else None,
                "csrf": session.csrf if session else None}

    @app.get("/api/session")
    def get_session(request: Request) -> dict:
        return session_state(request.cookies.get(COOKIE))

    @app.post("/api/session")
    def sign_in(body: SignIn, request: Request, response: Response) -> dict:
        if curators is None:
            raise HTTPException(404, "this page listens on loopback only: nobody needs to sign in")
        if curators.locked(body.name):
            raise HTTPException(429, "too many wrong passwords for this name: try again in 15 minutes")
        signed = curators.sign_in(body.name, body.password)
        if signed is None:
            raise HTTPException(401, "wrong name or password")
        token, _ = signed
        response.set_cookie(COOKIE, token, max_age=SESSION_SECONDS, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
        return session_state(token)

    @app.delete("/api/session")
    def sign_out(request: Request, response: Response) -> dict:
        if curators is not None:
            curators.sign_out(request.cookies.get(COOKIE))
        response.delete_cookie(COOKIE, path="/")
        return session_state(None)

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        return (STATIC / "index.html").read_text(encoding="utf-8")

    @app.get("/api/languages")
    def languages() -> dict:
        """The languages guides are served in, the default first: the page's language switch."""
        return {"default": default, "languages": [{"code": code, "name": LANGUAGES.get(code, code)}
                                                  for code in services]}

    @app.get("/api/paintings")
    def paintings(q: str = "", offset: int = 0, limit: int = 48) -> dict:
        if not 0 <= offset or not 1 <= limit <= 200 or len(q) > 200:
            raise HTTPException(422, "offset >= 0, 1 <= limit <= 200, q at most 200 characters")
        words = q.lower().split()
        hits = [p for p in ordered if all(w in haystack[p["key"]] for w in words)]
        return {"total": len(hits), "items": [_card(p) for p in hits[offset:offset + limit]]}

    @app.get("/api/paintings/{key}")
    def painting(key: str, language: str | None = None) -> dict:
        """The record as a guide in ``language`` sees it: its title and notes in that language."""
        return _detail(served(language).paintings[key_or_404(key)])

    @app.post("/api/guides/{key}", status_code=202)
    def start_guide(key: str, request: Request, language: str | None = None) -> dict:
        where = served(language)
        if curators is not None:  # writing a guide costs the machine minutes: a curator's call
            curator_of(request)
        return public(where.request(key_or_404(key)), where)

    def job_or_404(raw: str, where):
        job = where.jobs.get(key_or_404(raw))
        if job is None:
            raise HTTPException(404, "no guide requested for this painting yet; POST to start one")
        return job

    @app.get("/api/guides/{key}")
    def guide(key: str, language: str | None = None) -> dict:
        where = served(language)
        return public(job_or_404(key, where), where)

    @app.put("/api/guides/{key}")
    def edit_guide(key: str, edit: GuideEdit, request: Request, language: str | None = None) -> dict:
        where = served(language)
        who = curator_of(request)
        job = job_or_404(key, where)
        try:
            return public(where.edit(job.key, edit.text, curator=who), where)
        except NotReady as exc:
            raise HTTPException(409, f"{exc}: generate it and wait for it to finish") from None
        except ValueError as exc:  # blank text
            raise HTTPException(422, str(exc)) from None

    @app.post("/api/guides/{key}/approve")
    def approve_guide(key: str, request: Request, approval: Approval | None = Body(default=None),
                      language: str | None = None) -> dict:
        where = served(language)
        who = curator_of(request)
        job = job_or_404(key, where)
        keep = [k.model_dump() for k in (approval.keep if approval else [])]
        try:
            return public(where.approve(job.key, curator=who, keep=keep), where)
        except NotReady as exc:
            raise HTTPException(409, f"{exc}: generate it and wait for it to finish") from None
        except Unapprovable as exc:
            raise HTTPException(409, str(exc)) from None

    @app.get("/api/audio/{key}")
    def audio(key: str, language: str | None = None):
        where = served(language)
        job = where.jobs.get(key_or_404(key))
        if job is None or job.status != "done":
            raise HTTPException(404, "the narration is not ready")
        return FileResponse(where.audio_path(job.key), media_type="audio/mpeg")

    @app.post("/api/tours/export")
    def export(tour: TourRequest, language: str | None = None):
        where = served(language)
        unknown = [s for s in tour.stops if s not in service.paintings]
        if unknown:
            raise HTTPException(422, f"unknown painting key(s): {unknown[:5]}")
        if len(set(tour.stops)) != len(tour.stops):
            raise HTTPException(422, "a painting appears twice in the tour")
        try:
            path = where.export_tour(tour.name, tour.stops, base_url=base_url)
        except LookupError as exc:
            raise HTTPException(409, f"generate these stops' guides first: {exc.args[0]}") from None
        return FileResponse(path, media_type="application/zip", filename=path.name,
                            headers={"X-Tour-Id": path.stem})

    @app.get("/api/tours/settings")
    def tour_settings():
        """Where exported tours will be published: the page shows the feed URL and QR sheet then."""
        return {"base_url": base_url, "feed_url": base_url and base_url + "feed.xml"}

    @app.get("/api/tours/{tour_id}/labels-{page}.png")
    def tour_labels(tour_id: str, page: int, language: str | None = None):
        """A page of the QR labels of an exported tour (made only when a base URL is set)."""
        import zipfile

        path = served(language).exports_dir / f"{tour_id}.zip"
        if tour_id != slug(tour_id) or not path.is_file():
            raise HTTPException(404, "no such tour export")
        with zipfile.ZipFile(path) as zf:
            try:
                data = zf.read(f"labels-{page}.png")
            except KeyError:
                raise HTTPException(404, "this export has no such label sheet (is a base URL set?)") from None
        return Response(data, media_type="image/png")

    return app


def load_paintings(processed_dir: Path) -> dict[str, dict]:
    """The cleaned paintings by key, as the prompts saw them: files saved before keys and notes
    are completed (as the Met's) and a ``scripts --notes-file``'s notes are joined."""
    from museumguide.records.clean import load_paintings as load

    return {p["key"]: p for p in load(processed_dir)}


def served_languages(value: str) -> list[str]:
    """``--language``'s codes ("en,sv"), checked, in order, without repeats."""
    from museumguide.records.prompt import check_language

    codes = [check_language(code.strip()) for code in value.split(",") if code.strip()]
    if not codes:
        raise ValueError("--language needs at least one language code")
    return list(dict.fromkeys(codes))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m museumguide.web", description="Serve the gallery page.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    p.add_argument("--port", type=int, default=8000, help="default: %(default)s")
    p.add_argument("--processed-dir", type=Path, default=Path("data/processed"))
    p.add_argument("--out-dir", type=Path, help="guides, audio and tour zips (default: <run>/web, so "
                   "each fine-tuned run keeps its own guides)")
    p.add_argument("--adapter", help="run folder (default: $MUSEUMGUIDE_ADAPTER or newest in artifacts/)")
    p.add_argument("--max-new-tokens", type=int, default=300)
    p.add_argument("--base-url", help="the http(s) address exported tours will be published at: their feed's "
                   "URLs and QR labels point there (without it, tours are for local use and have no labels)")
    p.add_argument("--language", default="en", help="the languages guides are written and narrated in, "
                   "comma-separated, the first the page's default (of en, sv, fr, de, es, it; default: %(default)s); "
                   "several give the page a language switch; English guides are kept in the out folder, "
                   "each other language's in <out>/<code>")
    p.add_argument("--voice", help="a Piper voice (.onnx) to narrate with, with one --language (default: the "
                   "language's voice, else espeak-ng as a synthetic fallback)")
    p.add_argument("--lexicon", help="pronunciation lexicon, a term,say CSV; kept in the out folder and used "
                   "from then on (default: the one kept there, else the starter lexicon)")
    p.add_argument("--curators", type=Path, default=Path("data/curators.json"),
                   help="the curators' accounts (names and Argon2 hashes; default: %(default)s); needed "
                   "when --host is not a loopback address")
    p.add_argument("--sign-in", action="store_true", help="need a signed-in curator to write, edit or approve "
                   "guides even on loopback (behind a reverse proxy on the same machine)")
    p.add_argument("--add-curator", metavar="NAME", help="add a curator (or set a new password): asks for "
                   "the password twice, stores its salted hash in --curators, and exits")
    args = p.parse_args(argv)
    if args.add_curator:
        from museumguide.web.auth import add_curator_interactive

        try:
            return add_curator_interactive(args.curators, args.add_curator)
        except (ValueError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    curators = None
    if args.host not in LOOPBACK or args.sign_in:
        curators = Curators(args.curators)
        try:
            if not curators.accounts():
                print(f"error: sign-in is needed (--host {args.host}{' --sign-in' if args.sign_in else ''}), but "
                      f"{args.curators} holds no curator: add one with python -m museumguide.web --add-curator NAME",
                      file=sys.stderr)
                return 2
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        from concurrent.futures import ThreadPoolExecutor

        from museumguide.model.runs import find_run
        from museumguide.tours.service import default_service

        languages = served_languages(args.language)
        if args.voice and len(languages) > 1:
            raise ValueError("--voice names one voice: give it with one --language, or put the voices "
                             "in the voices folder ($MUSEUMGUIDE_VOICES)")
        run = find_run(args.adapter)
        paintings, out = load_paintings(args.processed_dir), args.out_dir or run / "web"
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guide")  # one model, one guide at a time
        services = {lang: default_service(paintings, out if lang == "en" else out / lang, run, args.max_new_tokens,
                                          lexicon=args.lexicon, language=lang, voice=args.voice, pool=pool)
                    for lang in languages}
        service = services[languages[0]]
        app = create_app(services, curators, args.base_url)
    except (ValueError, OSError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    import uvicorn

    print(f"museumguide: {len(service.paintings)} paintings, guides in {', '.join(services)} by {run}; "
          f"open http://{args.host}:{args.port}")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
