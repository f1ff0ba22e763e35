"""The Art Institute of Chicago's API: a polite client and a paged, resumable fetch of artworks.

    python -m museumguide.collect --source aic --limit 500 --contact you@example.com

The AIC's public API (https://api.artic.edu/docs/) lists artworks a page at a time from
``/artworks/search``: ``page`` counts from 1, ``limit`` is at most 100 a page, ``fields`` picks
the keys each record carries (``aic.AIC_FIELDS``, what cleaning reads) and an Elasticsearch
``query`` in GET parameters filters by artwork type. A search serves at most 10,000 results.
Unauthenticated clients may make 60 requests a minute, and the docs ask each client to say who it
is in an ``AIC-User-Agent`` header; the defaults here are one request a second and a header that
names the project (``--contact`` adds your address).

Every record is appended, exactly as the API sent it, to ``<raw-dir>/aic_artworks.jsonl``; after
each page ``<raw-dir>/aic_state.json`` is rewritten atomically with the search and how many of its
results are saved, so running the same command again starts at the first page not yet saved.
An id already in the raw file is never written again, whatever the search or page size.

Retries and failures are the Met client's (``metapi.JsonApiClient``): 429 (``Retry-After``), 5xx
and dropped connections are retried with backoff and jitter; a 403 that persists stops the run
("blocked"), everything saved kept; a 404 for a page means there are no more pages.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from museumguide.common import __version__, jsonl
from museumguide.common.paths import AIC_RAW_FILE
from museumguide.records import aic
from museumguide.sources.metapi import (
    ApiError,
    BlockedError,
    JsonApiClient,
    PermanentError,
    RetryPolicy,
    TransientError,
)
from museumguide.sources.rawlog import FetchSummary

DEFAULT_AIC_URL = "https://api.artic.edu/api/v1"
DEFAULT_CONTACT = "+https://github.com/museumguide/museumguide"
"""Who to write to about this client, when the user gives no ``--contact``: the project."""
MAX_PAGE_SIZE = 100
"""The API's largest ``limit``."""
SEARCH_CAP = 10_000
"""``/artworks/search`` refuses pages past its 10,000th result (offset + limit)."""
STATE_FILE = "aic_state.json"
ARTWORK_TYPE_IDS = {"Painting": 1}
"""Artwork types whose numeric id is known: a term query on an integer field needs no analyser,
so the default (paintings) filters on ``artwork_type_id``; other types go by their title."""


def aic_user_agent(contact: str | None = None) -> str:
    """The ``AIC-User-Agent`` value: the client's name and version, and whom to contact."""
    return f"museumguide/{__version__} ({contact or DEFAULT_CONTACT})"


def artwork_type(classification: str | None) -> str | None:
    """The AIC artwork type for a ``--classification``: "Paintings" -> "Painting"; "all" -> None.

    The API's types are singular and capitalised ("Painting", "Print", "Textile"); a term query
    on a keyword is exact, so the user's plural, lower-case spelling is mended here.
    """
    if not classification or classification.strip().lower() == "all":
        return None
    kind = classification.strip()
    if kind.lower().endswith("s") and not kind.lower().endswith("ss"):
        kind = kind[:-1]
    return kind[:1].upper() + kind[1:]


def search_params(classification: str | None, query: str | None = None) -> dict[str, Any]:
    """The search's own GET parameters (no paging): the artwork-type filter and ``q`` text."""
    # A fixed order, or Elasticsearch may order a filter's equal-scoring hits differently from one
    # request to the next, and paging would skip some records and repeat others.
    params: dict[str, Any] = {"sort[id][order]": "asc"}
    if query:
        params["q"] = query
    kind = artwork_type(classification)
    if kind in ARTWORK_TYPE_IDS:
        params["query[term][artwork_type_id]"] = ARTWORK_TYPE_IDS[kind]
    elif kind:
        params["query[term][artwork_type_title.keyword]"] = kind
    return params


class AicClient(JsonApiClient):
    """``/artworks/search`` pages on ``JsonApiClient``, identified by ``AIC-User-Agent``."""

    blocked_message = "HTTP 403 Forbidden (the AIC API refuses this client)"

    def __init__(
        self,
        api_url: str = DEFAULT_AIC_URL,
        rps: float = 1.0,
        retry: RetryPolicy | None = None,
        contact: str | None = None,
        timeout: tuple[float, float] = (5.0, 30.0),
    ):
        # Pages are fetched one after another, so one pooled connection is all it needs.
        super().__init__(api_url, rps, retry, timeout, pool_size=1,
                         headers={"AIC-User-Agent": aic_user_agent(contact)})

    def _check_body(self, data: dict, status: int) -> dict:
        if not isinstance(data.get("data"), list):
            # A listing always has a "data" list; anything else is a cut or foreign answer.
            raise TransientError(f"HTTP {status} but the body has no 'data' list", status)
        return data

    def search_page(self, params: dict[str, Any], page: int, limit: int = MAX_PAGE_SIZE,
                    fields: tuple[str, ...] = aic.AIC_FIELDS) -> dict:
        """One page of ``/artworks/search``: ``{"pagination": ..., "data": [...], ...}``."""
        return self.get_json("/artworks/search",
                             {**params, "page": page, "limit": limit, "fields": ",".join(fields)})


# -- resumable paging ---------------------------------------------------------------------
def load_state(path: Path, params: dict[str, Any]) -> dict:
    """The saved progress of this search, or a fresh start when there is none or it differs."""
    fresh = {"search": params, "saved_through": 0, "total": None}
    if not path.is_file():
        return fresh
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return fresh  # written atomically, so only a hand edit breaks it; the raw ids still dedupe
    if not isinstance(state, dict) or state.get("search") != params:
        return fresh
    return {**fresh, **state}


def save_state(path: Path, state: dict) -> None:
    state = {**state, "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    jsonl.write_text_atomic(path, json.dumps(state, indent=2) + "\n")


def fetch_artworks(
    client: AicClient,
    raw_dir: Path,
    params: dict[str, Any],
    have: set[int],
    summary: FetchSummary,
    limit: int | None = None,
    page_size: int = MAX_PAGE_SIZE,
    progress: bool = True,
) -> None:
    """Page through the search from the first result not yet saved, appending new records.

    ``have`` holds the ids already in the raw file (grown as records arrive); ``limit`` counts
    results of the search, as the Met's counts listed ids. ``summary`` is filled in.
    """
    from tqdm import tqdm

    raw_path, state_path = raw_dir / AIC_RAW_FILE, raw_dir / STATE_FILE
    state = load_state(state_path, params)
    done = int(state["saved_through"])
    want = min(x for x in (limit, SEARCH_CAP, state["total"]) if x is not None)
    if done >= want:
        summary.note = (f"nothing to fetch: earlier runs saved the first {done} results of this search "
                        f"(delete {state_path} to page through it again)")
    elif done:
        summary.note = f"resumed after the first {done} results of this search, saved by earlier runs"
    start = time.monotonic()
    bar = tqdm(total=want, initial=min(done, want), desc="fetching", unit="obj",
               disable=not progress, dynamic_ncols=True)
    try:
        with jsonl.AppendLog(raw_path) as raw_log:
            while done < want:
                page = done // page_size + 1
                skip = done - (page - 1) * page_size  # a --limit can end mid-page
                try:
                    body = client.search_page(params, page, page_size)
                except BlockedError as exc:
                    summary.failed[f"blocked: {exc}"] += 1
                    summary.stopped = "blocked"
                    break
                except PermanentError as exc:
                    if exc.status != 404:
                        summary.failed[f"page {page}: {exc}"] += 1
                        summary.stopped = "gave up"
                    break  # 404: past the last page
                except ApiError as exc:
                    # A page cannot be skipped (progress is a count of results), so stop here;
                    # the same command resumes at this page.
                    summary.failed[f"gave up after retries: {exc}"] += 1
                    summary.stopped = "gave up"
                    break
                total = (body.get("pagination") or {}).get("total")
                if isinstance(total, int):
                    state["total"] = total
                    want = min(want, total)
                    bar.total = want  # known only now, from the first page's pagination
                    bar.refresh()
                rows = body["data"]
                for row in rows[skip: want - (page - 1) * page_size]:
                    object_id = aic.aic_id_of(row) if isinstance(row, dict) else None
                    if object_id is None:
                        summary.failed["record without an id"] += 1
                    elif object_id in have:
                        summary.already_present += 1
                    else:
                        raw_log.write(row)  # verbatim, as the API sent it
                        have.add(object_id)
                        summary.fetched += 1
                new_done = min((page - 1) * page_size + len(rows), want)
                bar.update(max(0, new_done - done))
                done = new_done
                # Records first, then the state: a kill between them re-asks for one page, and
                # the ids in ``have`` keep its records from being written twice.
                save_state(state_path, {**state, "saved_through": done, "page_size": page_size})
                if len(rows) < page_size:
                    break  # a short (or empty) page is the last one
    except KeyboardInterrupt:
        summary.stopped = "interrupted"
    finally:
        bar.close()
    total = state["total"]
    if total is not None and total > SEARCH_CAP and (limit is None or limit > SEARCH_CAP):
        summary.note = (f"the search has {total} results but the API serves the first {SEARCH_CAP}; "
                        "narrow it with --query or --classification")
    summary.elapsed_s += time.monotonic() - start
    summary.requests, summary.retries = client.requests_made, client.retries
