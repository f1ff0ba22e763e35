"""What stands between the gallery page's routes and a request: one place, for every route.

``protect(app, curators, allowed_hosts)`` is called once by ``create_app`` after its routes:

- every change (POST, PUT, DELETE, PATCH) is taken only from the page's own site (same scheme, host
  and port in ``Origin``), and with sign-in on, only with an ``Origin`` (browsers send one with
  every change) and from a signed-in curator with the page's CSRF token, whatever the route: a
  route added later cannot forget it. Signing in and out are the only
  changes open without a session (``OPEN_CHANGES``). On loopback, where nobody signs in, a change
  is taken only for this machine's own host name;
- with sign-in on, a request for a host the server was not told it serves is refused (400), so a
  page on another name rebound to this server's address (DNS rebinding) reaches nothing. (Not
  Starlette's ``TrustedHostMiddleware``: it cuts ``[::1]:8000`` at the first colon, so an IPv6
  literal could never be served);
- bodies over ``MAX_BODY`` are refused from their header, before they are read;
- a refused body (422) names the fields and what is wrong with them, never their values (a
  password sent in the wrong field is not echoed back);
- every answer tells browsers not to guess its type, not to show it in another site's frame, and
  not to send this page's address to other sites.
"""

from __future__ import annotations

from museumguide.web.auth import COOKIE, CSRF_HEADER, AuthError, Curators, host_name, loopback_only, same_site

MAX_BODY = 64 * 1024
CHANGES = ("POST", "PUT", "DELETE", "PATCH")
OPEN_CHANGES = {("POST", "/api/session"), ("DELETE", "/api/session")}
"""The changes a request may make without a session: signing in and signing out."""
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def protect(app, curators: Curators | None, allowed_hosts: list[str] | None = None) -> None:
    """Put the checks of the module docstring in front of ``app``'s routes. With ``curators``,
    ``allowed_hosts`` are the host names the server answers for (without port)."""
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, PlainTextResponse

    if curators is not None and not allowed_hosts:
        raise ValueError("with sign-in on, name the host names the page is served at (allowed_hosts)")
    served = {h.lower().strip("[]") for h in allowed_hosts or ()}

    @app.exception_handler(RequestValidationError)
    async def refused_body(request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.middleware("http")
    async def only_curators_change(request, call_next):
        host = request.headers.get("host")
        if curators is not None and host_name(host) not in served:
            return PlainTextResponse("this server does not serve that host name", status_code=400)
        if request.method in CHANGES:
            origin, scheme = request.headers.get("origin"), request.url.scheme
            try:
                if curators is None:
                    loopback_only(origin, host, scheme)
                elif not origin:
                    raise AuthError(403, "a change must say where it comes from (an Origin header)")
                elif (request.method, request.url.path) in OPEN_CHANGES:
                    same_site(origin, host, scheme)
                else:
                    request.state.curator = curators.authorise(
                        request.cookies.get(COOKIE), request.headers.get(CSRF_HEADER), origin, host, scheme)
            except AuthError as exc:
                return JSONResponse({"detail": exc.detail}, status_code=exc.status)
        return await call_next(request)

    @app.middleware("http")
    async def limit_body(request, call_next):
        length = request.headers.get("content-length")
        if request.method in CHANGES and (
                (length is not None and (not length.isdigit() or int(length) > MAX_BODY))
                or (length is None and "chunked" in request.headers.get("transfer-encoding", ""))):
            return JSONResponse({"detail": f"request body over {MAX_BODY // 1024} KB"}, status_code=413)
        return await call_next(request)

    @app.middleware("http")
    async def safe_headers(request, call_next):
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
