"""A loopback server that replays saved Art Institute of Chicago API records, with faults on demand.

    python -m museumguide.aicreplay tests/fixtures/aic_paintings_60.jsonl --port 8766
    python -m museumguide.collect --source aic --api-url http://127.0.0.1:8766/api/v1 --rps 50

It answers ``/artworks`` and ``/artworks/search`` as the real API does: ``page`` (from 1) and
``limit`` (at most 100) page through the records in file order, ``fields`` keeps only the named
keys, ``query[term][artwork_type_id]`` and ``query[term][artwork_type_title.keyword]`` filter by
artwork type and ``q`` by text; each answer carries ``pagination``, ``data``, ``info`` and
``config``, and search results a ``_score`` as the real ones do. It keeps every request's
headers (``headers_seen``) and query (``queries``) so tests can check what the client sent.

Faults are injected per page number, in order, with the Met replay's spellings (``"429:S"``,
``"500"``, ``"403"``, ``"404"``, ``"drop"``, ``"truncate"``, ``"badjson"``; see
``museumguide.sources.replay``); ``block_after`` and ``rate_limit`` work as there.
"""

from __future__ import annotations

import collections
import json
import math

from museumguide.sources.aicapi import ARTWORK_TYPE_IDS, MAX_PAGE_SIZE
from museumguide.sources.replay import LoopbackServer, serve_main

API_PREFIX = "/api/v1"
DEFAULT_LIMIT = 12  # the API's page size when a client gives no limit
INFO = {
    "license_text": "The `description` field in this response is licensed under a Creative Commons "
                    "Attribution 4.0 Generic License (CC-By) and the Terms and Conditions of artic.edu. "
                    "All other data in this response is licensed under a Creative Commons Zero (CC0) 1.0 "
                    "designation and the Terms and Conditions of artic.edu.",
    "license_links": ["https://creativecommons.org/publicdomain/zero/1.0/",
                      "https://www.artic.edu/terms"],
    "version": "1.9",
}
CONFIG = {"iiif_url": "https://www.artic.edu/iiif/2", "website_url": "http://www.artic.edu"}


class AicReplayServer(LoopbackServer):
    """Serve AIC artwork ``records`` a page at a time; ``faults`` maps page numbers to faults."""

    prefix = API_PREFIX

    def __init__(self, records: list[dict], faults: dict[int, list[str]] | None = None,
                 latency: float = 0.0, rate_limit: float | None = None,
                 block_after: int | None = None, port: int = 0):
        self.records = list(records)
        self.faults = {int(k): list(v) for k, v in (faults or {}).items()}
        self.page_requests: collections.Counter = collections.Counter()
        """Requests per page number, faults included."""
        self.served_pages: collections.Counter = collections.Counter()
        """Pages answered with records (200)."""
        self.queries: list[dict] = []
        super().__init__(latency, rate_limit, block_after, port)

    def _matching(self, query: dict) -> list[dict]:
        rows = self.records
        type_id = query.get("query[term][artwork_type_id]", [None])[0]
        if type_id is not None:
            names = {name for name, i in ARTWORK_TYPE_IDS.items() if str(i) == type_id}
            rows = [r for r in rows if r.get("artwork_type_id", -1) == int(type_id)
                    or r.get("artwork_type_title") in names]  # the dump has titles, not type ids
        title = query.get("query[term][artwork_type_title.keyword]", [None])[0]
        if title is not None:
            rows = [r for r in rows if r.get("artwork_type_title") == title]  # keyword: exact
        text = query.get("q", [""])[0].lower()
        if text:
            rows = [r for r in rows if text in json.dumps(r, ensure_ascii=False).lower()]
        return rows

    def _page(self, path: str, query: dict, page: int, limit: int) -> dict:
        rows = self._matching(query)
        fields = [f for f in query.get("fields", [""])[0].split(",") if f]
        start = (page - 1) * limit
        data = []
        for record in rows[start: start + limit]:
            row = {k: record[k] for k in fields if k in record} if fields else dict(record)
            data.append({"_score": 1.0, **row} if path.endswith("/search") else row)
        total_pages = math.ceil(len(rows) / limit)
        next_url = (f"{self.url}{path}?page={page + 1}&limit={limit}" if page < total_pages else None)
        return {
            "preference": None,
            "pagination": {"total": len(rows), "limit": limit, "offset": start, "total_pages": total_pages,
                           "current_page": page, "next_url": next_url},
            "data": data, "info": INFO, "config": CONFIG,
        }

    def route(self, request, path: str, query: dict, global_fault: str | None) -> None:
        if path not in ("/artworks", "/artworks/search"):
            return request._send(404, b'{"status":404,"error":"Not found","detail":"No such endpoint"}')
        try:
            page = int(query.get("page", ["1"])[0])
            limit = int(query.get("limit", [str(DEFAULT_LIMIT)])[0])
        except ValueError:
            return request._send(400, b'{"status":400,"error":"Invalid parameter","detail":"page, limit"}')
        if page < 1 or not 0 <= limit <= MAX_PAGE_SIZE:
            # The API refuses a limit over 100 rather than capping it.
            return request._send(403, b'{"status":403,"error":"Invalid limit","detail":"limit <= 100"}')
        with self.lock:
            self.page_requests[page] += 1
            self.queries.append({k: v[0] for k, v in query.items()})
            queue = self.faults.get(page)
            fault = global_fault or (queue.pop(0) if queue else None)
        body = json.dumps(self._page(path, query, page, limit), ensure_ascii=False).encode()
        if fault:
            return request._fault(fault, body)
        with self.lock:
            self.served_pages[page] += 1
        return request._send(200, body)


def main(argv: list[str] | None = None) -> int:
    return serve_main(argv, AicReplayServer, "museumguide.aicreplay", __doc__, "JSONL of saved AIC artwork records",
                      "id", 8766)


if __name__ == "__main__":
    raise SystemExit(main())
