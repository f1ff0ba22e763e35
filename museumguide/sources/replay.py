"""A loopback server that replays saved Met API records, with faults on demand.

    python -m museumguide.replay data/raw/met-sample/objects.jsonl --port 8765 --latency 0.05
    python -m museumguide.collect --api-url http://127.0.0.1:8765/public/collection/v1

It answers ``/objects``, ``/objects/{id}`` and ``/search`` the way the real API does (404
``{"message": "ObjectID not found"}``, ``"objectIDs": null`` for no hits), so the collector can
be developed, tested and benchmarked offline. Faults are injected per object id, in order:

=============  ==============================================================
``"429:S"``    429 Too Many Requests with ``Retry-After: S``
``"500"``      500 (any 5xx code works)
``"drop"``     close the connection without answering
``"truncate"`` promise the full body in Content-Length, send half, close
``"badjson"``  200 with half a JSON body (Content-Length matches)
``"403"``      the HTML page bot protection serves
``"404"``      ``{"message": "ObjectID not found"}``
=============  ==============================================================

``block_after=N`` makes every request after the N-th answer 403, like a bot block;
``rate_limit=R`` answers 429 to requests beyond R in any one second. ``LoopbackServer`` holds
what the Met replay and the Art Institute of Chicago's (``museumguide.sources.aicreplay``) share.
"""

from __future__ import annotations

import argparse
import collections
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

API_PREFIX = "/public/collection/v1"
BLOCK_PAGE = (
    b"<!DOCTYPE html><html><head><title>Access Denied</title></head><body>"
    b"<h1>Access Denied</h1><p>You don't have permission to access this server.</p></body></html>"
)
# Department names in the records -> the API's department ids.
DEPARTMENT_IDS = {
    "The American Wing": 1, "Ancient Near Eastern Art": 3, "Arms and Armor": 4,
    "The Michael C. Rockefeller Wing": 5, "Asian Art": 6, "The Cloisters": 7,
    "The Costume Institute": 8, "Drawings and Prints": 9, "Egyptian Art": 10,
    "European Paintings": 11, "European Sculpture and Decorative Arts": 12,
    "Greek and Roman Art": 13, "Islamic Art": 14, "Robert Lehman Collection": 15,
    "The Libraries": 16, "Medieval Art": 17, "Musical Instruments": 18, "Photographs": 19,
    "Modern and Contemporary Art": 21,
}


class LoopbackServer:
    """An HTTP server on 127.0.0.1 in a background thread, with the faults both replays share.

    Subclasses set ``prefix`` (the API root's path) and answer requests in ``route``; this class
    counts requests, applies ``block_after`` and ``rate_limit``, keeps the last request headers it
    saw (``headers_seen``) and knows how to send every fault. Use it as a context manager.
    """

    prefix = ""

    def __init__(self, latency: float = 0.0, rate_limit: float | None = None,
                 block_after: int | None = None, port: int = 0):
        self.latency = latency
        self.rate_limit = rate_limit
        self.block_after = block_after
        self.lock = threading.Lock()
        self.total_requests = 0
        self.rate_limited = 0
        # Bounded, so a long-running replay (python -m ...) does not grow without end.
        self.headers_seen: collections.deque = collections.deque(maxlen=1000)
        self._recent: collections.deque = collections.deque()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{self.prefix}"

    def start(self):
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def serve_until_interrupted(self, what: str) -> None:
        """Serve in the foreground (the ``python -m`` replays) until Ctrl-C."""
        print(f"serving {what} at {self.url} (Ctrl-C to stop)")
        try:
            self.httpd.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self.httpd.server_close()

    # -- request handling -------------------------------------------------------------
    def _admit(self) -> str | None:
        """Account for one request; return a global fault to apply, if any."""
        with self.lock:
            self.total_requests += 1
            if self.block_after is not None and self.total_requests > self.block_after:
                return "403"
            if self.rate_limit:
                now = time.monotonic()
                while self._recent and now - self._recent[0] >= 1.0:
                    self._recent.popleft()
                if len(self._recent) >= self.rate_limit:
                    self.rate_limited += 1
                    return "429:1"
                self._recent.append(now)
        return None

    def route(self, request, path: str, query: dict, global_fault: str | None) -> None:
        """Answer one GET below ``prefix`` (``path`` without it) through ``request._send``."""
        raise NotImplementedError

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def _send(self, status: int, body: bytes, ctype: str = "application/json",
                      headers: dict | None = None, length: int | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def _fault(self, fault: str, full_body: bytes) -> None:
                kind, _, arg = fault.partition(":")
                if kind == "429":
                    self._send(429, b'{"message":"Too Many Requests"}', headers={"Retry-After": arg or "1"})
                elif kind == "403":
                    self._send(403, BLOCK_PAGE, ctype="text/html")
                elif kind == "404":
                    self._send(404, b'{"message":"ObjectID not found"}')
                elif kind == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                elif kind == "truncate":
                    self._send(200, full_body[: len(full_body) // 2], length=len(full_body))
                    self.close_connection = True
                elif kind == "badjson":
                    self._send(200, full_body[: len(full_body) // 2])
                elif kind.isdigit():
                    self._send(int(kind), b'{"message":"Internal Server Error"}')
                else:
                    raise ValueError(f"unknown fault {fault!r}")

            def do_GET(self):  # noqa: N802 - http.server's naming
                if server.latency:
                    time.sleep(server.latency)
                global_fault = server._admit()
                with server.lock:
                    server.headers_seen.append(dict(self.headers))
                url = urlparse(self.path)
                if not url.path.startswith(server.prefix):
                    return self._send(404, b'{"message":"Not Found"}')
                path = url.path[len(server.prefix):].rstrip("/")
                return server.route(self, path, parse_qs(url.query), global_fault)

        return Handler


class ReplayServer(LoopbackServer):
    """Serve Met ``records`` (``/objects/{id}`` answers) with per-object faults."""

    prefix = API_PREFIX

    def __init__(self, records: list[dict], faults: dict[int, list[str]] | None = None,
                 latency: float = 0.0, rate_limit: float | None = None,
                 block_after: int | None = None, port: int = 0):
        self.records = {int(r["objectID"]): r for r in records}
        self.order = [int(r["objectID"]) for r in records]
        self.faults = {int(k): list(v) for k, v in (faults or {}).items()}
        self.object_requests: collections.Counter = collections.Counter()
        self.served: collections.Counter = collections.Counter()
        super().__init__(latency, rate_limit, block_after, port)

    def _list(self, path: str, query: dict) -> dict:
        ids = self.order
        if path == "/objects" and "departmentIds" in query:
            wanted = {int(x) for x in query["departmentIds"][0].split("|")}
            ids = [i for i in ids if DEPARTMENT_IDS.get(self.records[i].get("department")) in wanted]
        if path == "/search":
            q = query.get("q", [""])[0].lower()
            if "departmentId" in query:
                dep = int(query["departmentId"][0])
                ids = [i for i in ids if DEPARTMENT_IDS.get(self.records[i].get("department")) == dep]
            if q and q != "*":
                ids = [i for i in ids if q in json.dumps(self.records[i]).lower()]
            if query.get("hasImages", [""])[0] == "true":
                ids = [i for i in ids if self.records[i].get("primaryImage")]
            if query.get("isHighlight", [""])[0] == "true":
                ids = [i for i in ids if self.records[i].get("isHighlight")]
            return {"total": len(ids), "objectIDs": ids or None}
        return {"total": len(ids), "objectIDs": ids}

    def route(self, request, path: str, query: dict, global_fault: str | None) -> None:
        if path in ("/objects", "/search"):
            if global_fault:
                return request._fault(global_fault, b"")
            return request._send(200, json.dumps(self._list(path, query)).encode())
        if path.startswith("/objects/"):
            key = path.rsplit("/", 1)[1]
            if not key.isdigit():
                return request._send(404, b'{"message":"Not a valid object"}')
            object_id = int(key)
            with self.lock:
                self.object_requests[object_id] += 1
                queue = self.faults.get(object_id)
                fault = global_fault or (queue.pop(0) if queue else None)
            record = self.records.get(object_id)
            body = json.dumps(record, ensure_ascii=False).encode() if record else b""
            if fault:
                return request._fault(fault, body or b'{"objectID": 0}')
            if record is None:
                return request._send(404, b'{"message":"ObjectID not found"}')
            with self.lock:
                self.served[object_id] += 1
            return request._send(200, body)
        return request._send(404, b'{"message":"Not Found"}')


def load_records(path: str | Path, id_key: str = "objectID") -> list[dict]:
    from museumguide.common.jsonl import read_jsonl

    return read_jsonl(path, require=(id_key,))


def serve_main(argv: list[str] | None, server_class: type, module: str, doc: str, records_help: str,
               id_key: str, port: int) -> int:
    """The ``python -m`` command of a replay: serve a JSONL file of records until Ctrl-C."""
    p = argparse.ArgumentParser(prog=f"python -m {module}", description=doc.split("\n")[0])
    p.add_argument("records", type=Path, help=records_help)
    p.add_argument("--port", type=int, default=port)
    p.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    p.add_argument("--rate-limit", type=float, help="answer 429 beyond this many requests a second")
    args = p.parse_args(argv)
    server = server_class(load_records(args.records, id_key), latency=args.latency,
                          rate_limit=args.rate_limit, port=args.port)
    server.serve_until_interrupted(f"{len(server.records)} records")
    return 0


def main(argv: list[str] | None = None) -> int:
    return serve_main(argv, ReplayServer, "museumguide.replay", __doc__, "JSONL of saved /objects/{id} responses",
                      "objectID", 8765)


if __name__ == "__main__":
    raise SystemExit(main())
