"""Durable crawl state of one source (plain data, JSON round-trip) and adaptive polling."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import orjson

STATE_VERSION = 1
MAX_AGE = re.compile(r"max-age\s*=\s*(\d+)", re.I)


@dataclass
class Validators:
    """What we know about one entry URL (feed, sitemap, listing page) from its last fetch."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass
class SourceState:
    """Validators, seen articles, pending publications and the schedule of one source."""

    source_id: str
    validators: dict[str, Validators] = field(default_factory=dict)
    seen: dict[str, list[Any]] = field(default_factory=dict)  # article_id -> [content_hash, entry_stamp, ts]
    pending: dict[str, list[Any]] = field(default_factory=dict)  # article_id -> [hash, raw partition, offset, stamp]
    open_from: dict[str, int] = field(default_factory=dict)  # a poll is publishing: raw partition -> end offset before
    interval: float = 0.0
    next_due: float = 0.0
    failures: int = 0
    last_success: float | None = None
    version: int = STATE_VERSION

    def remember(self, article_id: str, content_hash: str, stamp: str | None, now: float, limit: int) -> None:
        """Mark an article as published with this content; forget the oldest beyond `limit`."""
        self.seen.pop(article_id, None)
        self.seen[article_id] = [content_hash, stamp, now]
        while len(self.seen) > limit:
            self.seen.pop(next(iter(self.seen)))


def dump_state(state: SourceState) -> bytes:
    """Serialize for the state topic."""
    return orjson.dumps(asdict(state))


def load_state(payload: bytes) -> SourceState:
    """Parse a state record (unknown fields ignored)."""
    data = orjson.loads(payload)
    validators = {u: Validators(**v) for u, v in data.pop("validators", {}).items()}
    known = {k: v for k, v in data.items() if k in SourceState.__dataclass_fields__}
    return SourceState(validators=validators, **known)


def cache_hint(cache_control: str | None) -> float | None:
    """max-age seconds of a Cache-Control header."""
    match = MAX_AGE.search(cache_control or "")
    return float(match.group(1)) if match else None


def next_interval(
    current: float, new: int, total: int, hint: float | None, lo: float, hi: float
) -> float:
    """Adapt the poll interval: slower when every item was already seen, faster when most are new.

    The publisher's hint (ttl, sy:updatePeriod, Cache-Control max-age) raises the lower bound,
    always within [lo, hi].
    """
    interval = current or lo
    seen_share = (total - new) / total if total else 1.0
    if new == 0:
        interval *= 1.5
    elif seen_share < 0.5:
        interval /= 2
    elif seen_share < 0.9:
        interval /= 1.25
    floor = min(hi, max(lo, hint or 0.0))
    return max(floor, min(hi, interval))
