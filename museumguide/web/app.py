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
not kept with a reason, ``{"version": ..., "keep": [{"sentence": ..., "reason": ...}]}``; the version
is the one the page showed, so a text changed since is not approved unseen). Beyond loopback, every
change needs a signed-in curator (``museumguide.web.auth``; ``/api/session``); what guards every
route is in ``museumguide.web.protect``.

Guides may be served in several languages (``--language en,sv``) and styles (``--style
standard,family``): one ``GuideService`` for each language and style, in the folder
``museumguide.tours.defaults.track_dir`` names (English standard guides in the out folder, each
other language's in ``<out>/<code>``, a style's in a folder of its name below); the page shows a
language switch and a style switch, and every guide, audio and tour call takes ``?language=sv``
and ``&style=family`` (default: the first of each). A tour exported in several styles carries them
as parallel tracks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Mapping

from museumguide.records.forms import FORMS
from museumguide.tours.service import NotReady, Stale, Unapprovable, as_key, credit_of, museum_of, slug
from museumguide.web.auth import COOKIE, LOOPBACK, SESSION_SECONDS, Curators, local_curator
from museumguide.web.guard import Refused
from museumguide.web.protect import MAX_BODY, protect  # noqa: F401 - MAX_BODY: the page's limit, as before

STATIC = Path(__file__).parent / "static"

from fastapi import Request, Response  # noqa: E402 - FastAPI reads handlers' annotations from this module

from museumguide.web.bodies import Approval, GuideEdit, SignIn, TourRequest  # noqa: E402


def _card(p: dict) -> dict:
    return {"key": p["key"], "source": p["source"], "museum": museum_of(p),
            "object_id": p["object_id"], "title": p["title"], "artist": p.get("artist") or p.get("culture"),
            "date": p.get("date"), "thumbnail": p.get("image_small_url"), "has_notes": bool(p.get("notes")),
            "form": p.get("form"),
            # Paintings were the page's only form: the others say what they are on their card.
            "form_name": FORMS.get(p.get("form")) if p.get("form") not in (None, "painting", "object") else None}


def _detail(p: dict) -> dict:
    """A painting's record with what the page shows beside it: its museum and its notes' credit."""
    return {**p, "museum": museum_of(p), "credit": credit_of(p)}


def create_app(service, curators: Curators | None = None, base_url: str | None = None,
               allowed_hosts: list[str] | None = None):
    """The FastAPI app over a ``GuideService`` (whose ``paintings`` are what the page shows), or
    over several (a list, or ``{language: GuideService}``), one for each language and style, the
    first the default (see the module docstring).
    With ``curators``, every change (writing, editing, approving guides, exporting tours) needs a
    signed-in curator, and requests are answered only for ``allowed_hosts`` (default: loopback
    names and ``base_url``'s host); without, changes are taken only from this machine's own page
    (loopback) and recorded as the local user's. ``base_url``: where exported tours will be
    published (their feed's URLs and QR labels)."""
    from museumguide.tours.package import check_base_url

    base_url = check_base_url(base_url)
    from fastapi import FastAPI, HTTPException
    from fastapi.responses import FileResponse, HTMLResponse

    from museumguide.records.prompt import LANGUAGES
    from museumguide.records.styles import STYLES

    given = list(service.values()) if isinstance(service, Mapping) else \
        list(service) if isinstance(service, (list, tuple)) else [service]
    services = {(s.language, getattr(s, "style", "standard")): s for s in given}
    if not services:
        raise ValueError("create_app needs a GuideService, or one per language and style")
    service = given[0]  # its paintings are the cards and the search
    default, default_style = service.language, getattr(service, "style", "standard")
    languages_served = list(dict.fromkeys(lang for lang, _ in services))
    styles_served = list(dict.fromkeys(style for _, style in services))
    app = FastAPI(title="museumguide", docs_url="/api/docs", redoc_url=None)
    ordered = sorted(service.paintings.values(), key=lambda p: (p["title"].lower(), p["key"]))
    # What a search matches: the card's words and the museum's name ("chicago" finds the AIC's).
    haystack = {p["key"]: " ".join(str(p.get(f) or "") for f in ("title", "artist", "culture", "date")).lower()
                + " " + museum_of(p).lower() for p in ordered}

    def served(language: str | None, style: str | None = None):
        """The service of ``language`` and ``style`` (the defaults' where none is named); 404 naming
        those served."""
        language, style = language or default, style or default_style
        if language not in languages_served:
            raise HTTPException(404, f"guides in {language[:10]!r} are not served here; "
                                     f"there are: {', '.join(languages_served)}")
        if (language, style) not in services:
            raise HTTPException(404, f"{style[:12]!r} guides in {language!r} are not served here; there are: "
                                     f"{', '.join(s for lang, s in services if lang == language)}")
        return services[(language, style)]

    def public(job, where) -> dict:
        out = {**job.public(), "language": where.language, "style": where.style}
        if out["audio_url"] and where is not service:
            out["audio_url"] += f"&language={where.language}&style={where.style}"
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
        """Who a change comes from: the signed-in curator (``protect`` checked the session before
        the route ran), or on loopback the local user."""
        if curators is None:
            return local_curator()
        who = getattr(request.state, "curator", None)
        if who is None:  # a route that ``protect`` did not guard: refuse rather than guess
            raise HTTPException(401, "sign in as a curator to make changes")
        return who

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
        try:
            signed = curators.sign_in(body.name, body.password, client=request.client.host if request.client else None)
        except Refused as exc:
            raise HTTPException(exc.status, exc.detail) from None
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
                                                  for code in languages_served]}

    @app.get("/api/styles")
    def styles() -> dict:
        """The styles guides are served in, the default first: the page's style switch."""
        return {"default": default_style, "styles": [{"code": code, "about": STYLES.get(code, "")}
                                                     for code in styles_served]}

    @app.get("/api/paintings")
    def paintings(q: str = "", offset: int = 0, limit: int = 48) -> dict:
        if not 0 <= offset or not 1 <= limit <= 200 or len(q) > 200:
            raise HTTPException(422, "offset >= 0, 1 <= limit <= 200, q at most 200 characters")
        words = q.lower().split()
        hits = [p for p in ordered if all(w in haystack[p["key"]] for w in words)]
        return {"total": len(hits), "items": [_card(p) for p in hits[offset:offset + limit]]}

    @app.get("/api/paintings/{key}")
    def painting(key: str, language: str | None = None, style: str | None = None) -> dict:
        """The record as a guide in ``language`` sees it: its title and notes in that language."""
        return _detail(served(language, style).paintings[key_or_404(key)])

    @app.post("/api/guides/{key}", status_code=202)
    def start_guide(key: str, request: Request, language: str | None = None, style: str | None = None) -> dict:
        where = served(language, style)
        curator_of(request)  # writing a guide costs the machine minutes: a curator's call
        return public(where.request(key_or_404(key)), where)

    def job_or_404(raw: str, where):
        job = where.jobs.get(key_or_404(raw))
        if job is None:
            raise HTTPException(404, "no guide requested for this painting yet; POST to start one")
        return job

    @app.get("/api/guides/{key}")
    def guide(key: str, language: str | None = None, style: str | None = None) -> dict:
        where = served(language, style)
        return public(job_or_404(key, where), where)

    @app.put("/api/guides/{key}")
    def edit_guide(key: str, edit: GuideEdit, request: Request, language: str | None = None,
                   style: str | None = None) -> dict:
        where = served(language, style)
        who = curator_of(request)
        job = job_or_404(key, where)
        try:
            return public(where.edit(job.key, edit.text, curator=who, version=edit.version), where)
        except NotReady as exc:
            raise HTTPException(409, f"{exc}: generate it and wait for it to finish") from None
        except Stale as exc:
            raise HTTPException(409, str(exc)) from None
        except ValueError as exc:  # blank text
            raise HTTPException(422, str(exc)) from None

    @app.post("/api/guides/{key}/approve")
    def approve_guide(key: str, request: Request, approval: Approval, language: str | None = None,
                      style: str | None = None) -> dict:
        where = served(language, style)
        who = curator_of(request)
        job = job_or_404(key, where)
        keep = [k.model_dump() for k in approval.keep]
        try:
            return public(where.approve(job.key, curator=who, keep=keep, version=approval.version), where)
        except NotReady as exc:
            raise HTTPException(409, f"{exc}: generate it and wait for it to finish") from None
        except (Unapprovable, Stale) as exc:
            raise HTTPException(409, str(exc)) from None

    @app.get("/api/audio/{key}")
    def audio(key: str, language: str | None = None, style: str | None = None):
        where = served(language, style)
        job = where.jobs.get(key_or_404(key))
        if job is None or job.status != "done":
            raise HTTPException(404, "the narration is not ready")
        return FileResponse(where.audio_path(job.key), media_type="audio/mpeg")

    @app.post("/api/tours/export")
    def export(tour: TourRequest, request: Request, language: str | None = None, style: str | None = None):
        where = served(language, style)
        curator_of(request)
        unknown = [n for n, s in enumerate(tour.stops, 1) if s not in service.paintings]
        if unknown:
            raise HTTPException(422, f"no painting here for stop(s) {', '.join(map(str, unknown[:10]))}")
        if len(set(tour.stops)) != len(tour.stops):
            raise HTTPException(422, "a painting appears twice in the tour")
        tracks = [served(where.language, name) for name in dict.fromkeys(tour.tracks) if name != where.style]
        try:
            path = where.export_tour(tour.name, tour.stops, base_url=base_url, tracks=tracks)
        except LookupError as exc:
            raise HTTPException(409, f"generate these stops' guides first, in every style of the tour: "
                                     f"{exc.args[0]}") from None
        return FileResponse(path, media_type="application/zip", filename=path.name,
                            headers={"X-Tour-Id": path.stem})

    @app.get("/api/tours/settings")
    def tour_settings():
        """Where exported tours will be published: the page shows the feed URL and QR sheet then."""
        return {"base_url": base_url, "feed_url": base_url and base_url + "feed.xml"}

    @app.get("/api/tours/{tour_id}/labels-{page}.png")
    def tour_labels(tour_id: str, page: int, language: str | None = None, style: str | None = None):
        """A page of the QR labels of an exported tour (made only when a base URL is set)."""
        import zipfile

        path = served(language, style).exports_dir / f"{tour_id}.zip"
        if tour_id != slug(tour_id) or not path.is_file():
            raise HTTPException(404, "no such tour export")
        with zipfile.ZipFile(path) as zf:
            try:
                data = zf.read(f"labels-{page}.png")
            except KeyError:
                raise HTTPException(404, "this export has no such label sheet (is a base URL set?)") from None
        return Response(data, media_type="image/png")

    if curators is not None and allowed_hosts is None:
        from urllib.parse import urlsplit

        allowed_hosts = sorted(LOOPBACK | ({urlsplit(base_url).hostname} if base_url else set()))
    protect(app, curators, allowed_hosts)
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


def allowed_hosts(host: str, base_url: str | None, extra: list[str]) -> list[str]:
    """The host names a signed-in page answers for: loopback's, the address it listens on (unless
    every address), this machine's own names, the published base URL's host, and ``extra``."""
    import socket
    from urllib.parse import urlsplit

    names = set(LOOPBACK) | {socket.gethostname(), socket.getfqdn()} | {h.strip() for h in extra if h.strip()}
    if host not in ("0.0.0.0", "::", ""):
        names.add(host)
    if base_url:
        names.add(urlsplit(base_url).hostname or "")
    return sorted(n.lower() for n in names if n)


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
    p.add_argument("--style", default="standard", help="the styles guides are written in, comma-separated, the "
                   "first the page's default (of standard, short, family, description; default: %(default)s); several "
                   "give the page a style switch, and tours exported with every style as parallel tracks")
    p.add_argument("--voice", help="a Piper voice (.onnx) to narrate with, with one --language (default: the "
                   "language's voice, else espeak-ng as a synthetic fallback)")
    p.add_argument("--lexicon", help="pronunciation lexicon, a term,say CSV; kept in the out folder and used "
                   "from then on (default: the one kept there, else the starter lexicon)")
    p.add_argument("--curators", type=Path, default=Path("data/curators.json"),
                   help="the curators' accounts (names and Argon2 hashes; default: %(default)s); needed "
                   "when --host is not a loopback address")
    p.add_argument("--sign-in", action="store_true", help="need a signed-in curator to write, edit or approve "
                   "guides even on loopback (behind a reverse proxy on the same machine)")
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="with sign-in, a host name curators reach the page by (repeatable); requests for any "
                   "other Host are refused, so a page on another name rebound to this address reaches nothing "
                   "(default: loopback names, --host, this machine's names and --base-url's host)")
    p.add_argument("--behind-proxy", action="store_true", help="a reverse proxy on this machine (127.0.0.1) "
                   "forwards to the page: trust its X-Forwarded-For and X-Forwarded-Proto (the proxy must set "
                   "both); without this flag they are ignored, so no client can choose the address its sign-in "
                   "attempts are counted under")
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
        from museumguide.tours.cli import read_styles
        from museumguide.tours.defaults import default_service, track_dir

        languages = served_languages(args.language)
        styles = read_styles(args.style)
        if args.voice and len(languages) > 1:
            raise ValueError("--voice names one voice: give it with one --language, or put the voices "
                             "in the voices folder ($MUSEUMGUIDE_VOICES)")
        run = find_run(args.adapter)
        paintings, out = load_paintings(args.processed_dir), args.out_dir or run / "web"
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guide")  # one model, one guide at a time
        services = [default_service(paintings, track_dir(out, lang, style), run, args.max_new_tokens,
                                    lexicon=args.lexicon, language=lang, voice=args.voice, pool=pool, style=style)
                    for lang in languages for style in styles]
        service = services[0]
        hosts = allowed_hosts(args.host, args.base_url, args.allowed_host) if curators else None
        app = create_app(services, curators, args.base_url, hosts)
    except (ValueError, OSError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    import uvicorn

    print(f"museumguide: {len(service.paintings)} paintings, guides in {', '.join(languages)} "
          f"({', '.join(styles)}) by {run}; "
          f"open http://{args.host}:{args.port}")
    if hosts:
        print(f"sign-in on; answering for hosts: {', '.join(hosts)} (add one with --allowed-host)")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", proxy_headers=args.behind_proxy,
                forwarded_allow_ips="127.0.0.1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
