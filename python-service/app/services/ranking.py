"""Ranks a validated request and serialises the answer — no per-lead pydantic work.

The request arrives as plain dicts (``RankRequest`` is a TypedDict validated once), the batch
ranker builds wire-shaped camelCase dicts, and ``pydantic_core.to_json`` writes them in one
Rust pass (about 6× faster than ``json.dumps`` on 10,000 results, same bytes: compact
separators, UTF-8 rather than ``\\u`` escapes). ``RankResponse`` still documents the shape,
and the route tests validate real responses against it.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic_core import to_json

from app.schemas.rank import RankRequest
from app.scoring.rank_batch import rank_batch


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one batch.

    Ranking 10,000 leads allocates ~20,000 dicts and lists that live until the response is
    written; each allocation burst triggers collections that walk every tracked object in the
    process, which cost ~40 % of the batch's CPU time. The batch creates no reference cycles
    (reference counting frees all of it), so nothing is lost by not collecting meanwhile.
    Another thread may run without the collector for those ~50 ms too; that only delays its
    cycle collection. An already-paused collector is left as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def rank_request(request: RankRequest) -> dict[str, list[dict[str, Any]]]:
    """Wire-shaped ``{"results": [...]}`` for a validated rank request."""
    with _cyclic_gc_paused():
        return {"results": rank_batch(request["leads"])}


def rank_response_json(request: RankRequest) -> bytes:
    """The response body of ``POST /v1/rank``, as UTF-8 JSON bytes."""
    with _cyclic_gc_paused():
        return to_json(rank_request(request))
