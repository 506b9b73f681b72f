"""One poll of one source: entry URLs → candidate links → article pages → RawArticle records.

poll() never mutates the state it is given. Each new article is handed to the caller's `publish` callback as
soon as it is fetched (the service sends it to Kafka there); the caller commits the PollResult at the end.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from services.crawler.fetch import FetchError, HttpClient, RequestOptions, Response
from services.crawler.metrics import CrawlerMetrics, non_html_reason, status_class, status_kind
from services.crawler.pages import FEED_TYPES, challenge_reason, is_html, looks_binary, trusted_canonical
from services.crawler.parsing import Found, Item, ParseError, parse_feed, parse_listing, parse_sitemap
from services.crawler.politeness import backoff_delay
from services.crawler.robots import RobotsCache
from services.crawler.settings import CRAWLER_VERSION, CrawlerSettings
from services.crawler.sources import Entry, Source
from services.crawler.state import SourceState, Validators, cache_hint, next_interval
from services.crawler.textenc import LegacyEncoding, decode_text
from services.crawler.urls import article_id, canonicalize, log_url
from services.shared.events import RawArticle, utc_now

log = logging.getLogger(__name__)
DEFERRED = "deferred_retry_after"
TRANSIENT = frozenset({DEFERRED, "timeout", "connect", "http", "http_5xx", "http_429", "bot_challenge", "robots_unreachable"})
MAX_CHILD_SITEMAPS = 10


@dataclass
class Candidate:
    """A new or changed article ready to publish, with the entry stamp to remember."""

    record: RawArticle
    stamp: str | None


Publish = Callable[[Candidate], Awaitable[None]]
"""Called with each new article as soon as it is fetched; raising aborts the poll (nothing is committed)."""


class PublishFailed(Exception):
    """A record may or may not have reached Kafka: the poll stops and its open publication is resolved later."""


async def keep(cand: Candidate) -> None:
    """The default publisher: records stay in PollResult.articles only."""


@dataclass
class PollResult:
    """Everything one poll produced; committed to the state only after publishing."""

    source_id: str
    articles: list[Candidate] = field(default_factory=list)
    touched: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # seen, unchanged: id -> (hash, stamp)
    validators: dict[str, Validators] = field(default_factory=dict)
    found: int = 0
    fetched: int = 0
    new_links: int = 0
    entries_ok: int = 0
    entries_failed: int = 0
    hint: float | None = None
    skipped: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    moved: list[tuple[str, str]] = field(default_factory=list)
    done: set[str] = field(default_factory=set)  # article ids handled by this poll, across all entries

    def summary(self) -> dict[str, object]:
        """Per-source summary for logs and `crawl --once`."""
        return {
            "source": self.source_id, "found": self.found, "fetched": self.fetched,
            "published": len(self.articles), "skipped": dict(self.skipped), "errors": dict(self.errors),
            "entries_ok": self.entries_ok, "entries_failed": self.entries_failed,
            "moved": [f"{a} -> {b}" for a, b in self.moved],
        }


def source_hosts(source: Source) -> frozenset[str]:
    """Host names of a source's home and entry URLs."""
    urls = [source.home, *(e.url for e in source.entries)]
    if source.backfill:
        urls += [*source.backfill.sitemaps, *([source.backfill.page_url(1)] if source.backfill.listing else [])]
    return frozenset((urlsplit(u).hostname or "").lower() for u in urls)


def content_hash(text: str) -> str:
    """sha256 of the decoded page."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Crawler:
    """Polls sources through a shared HttpClient and RobotsCache, recording metrics and logs."""

    def __init__(self, settings: CrawlerSettings, client: HttpClient, metrics: CrawlerMetrics,
                 background: bool = False) -> None:
        self.s = settings
        self.client = client
        self.robots = RobotsCache(client, settings.user_agent, settings.robots_ttl, settings.max_crawl_delay)
        self.m = metrics
        self.background = background  # its requests yield to live ones at each host's gate (politeness.py)

    def options(self, source: Source, v: Validators | None = None) -> RequestOptions:
        """Request options for a source (validators only for entry URLs)."""
        loopback = source_hosts(source) if source.allow_loopback else frozenset()
        self.client.loopback_hosts |= loopback
        return RequestOptions(
            verify_tls=source.verify_tls, allow_loopback=self.s.allow_loopback, loopback_hosts=loopback,
            headers=tuple(source.headers.items()), etag=v.etag if v else None,
            last_modified=v.last_modified if v else None, background=self.background,
        )

    async def _get(self, source: Source, url: str, opts: RequestOptions, res: PollResult) -> Response:
        """Fetch with robots, metrics and redirect reporting; FetchError on failure."""
        if not opts.verify_tls:
            self.m.tls_unverified.labels(source.id).inc()
            log.warning("TLS verification disabled for this source", extra={"source_id": source.id, "url": url})

        async def robots_ok(u: str) -> bool:
            return await self.robots.allowed(u, opts)

        resp = await self.client.fetch(url, opts, robots_ok)
        self.m.requests.labels(source.id, status_class(resp.status)).inc()
        self.m.bytes.labels(source.id).inc(resp.wire_bytes)
        if resp.permanent_redirect:
            res.moved.append((url, resp.permanent_redirect))
            self.m.redirects.labels(source.id).inc()
            log.warning("permanent redirect: update the registry",
                        extra={"source_id": source.id, "url": url, "location": resp.permanent_redirect})
        return resp

    def _error(self, source: Source, url: str, kind: str, message: str, res: PollResult) -> None:
        res.errors[kind] += 1
        self.m.errors.labels(source.id, kind).inc()
        log.warning("crawl error", extra={"source_id": source.id, "url": log_url(url), "kind": kind, "error": message[:500]})

    def _skip(self, source: Source, url: str, reason: str, res: PollResult) -> None:
        res.skipped[reason] += 1
        self.m.skipped.labels(source.id, reason).inc()
        log.info("skipped", extra={"source_id": source.id, "url": log_url(url), "reason": reason})

    async def poll(self, source: Source, state: SourceState, publish: Publish = keep) -> PollResult:
        """Poll every entry of `source`, fetch new or changed articles and hand each to `publish` at once."""
        res = PollResult(source.id, validators={u: Validators(**vars(v)) for u, v in state.validators.items()})
        for entry in source.entries:
            await self._poll_entry(source, entry, state, res, publish)
        return res

    async def _poll_entry(self, source: Source, entry: Entry, state: SourceState, res: PollResult,
                          publish: Publish) -> None:
        new_validators: dict[str, Validators] = {}
        try:
            found = await self._discover(source, entry, entry.url, state, res, new_validators, depth=0)
        except (FetchError, ParseError, LegacyEncoding) as exc:
            res.entries_failed += 1
            self._error(source, entry.url, getattr(exc, "kind", "legacy_encoding"), str(exc), res)
            return
        res.entries_ok += 1
        res.found += len(found.items) + found.dropped
        items = found.items
        if len(items) > self.s.max_links_per_entry:  # big sitemaps: newest first, the rest is archive
            items = sorted(items, key=lambda i: i.published or "", reverse=True)[: self.s.max_links_per_entry]
        over = found.dropped + len(found.items) - len(items)  # the parser dropped the oldest before parsing dates
        if over:
            res.skipped["over_link_limit"] += over
            self.m.skipped.labels(source.id, "over_link_limit").inc(over)
        complete = await self._articles(source, items, state, res, publish)
        if complete:
            res.validators.update(new_validators)
        if found.hint_seconds:
            res.hint = max(res.hint or 0.0, found.hint_seconds)

    async def _discover(self, source: Source, entry: Entry, url: str, state: SourceState, res: PollResult,
                        out: dict[str, Validators], depth: int) -> Found:
        old = state.validators.get(url)
        resp = await self._get(source, url, self.options(source, old), res)
        if resp.status == 304:
            self.m.not_modified.labels(source.id).inc()
            return Found()
        body_hash = self._check_entry_response(resp)
        out[url] = Validators(resp.headers.get("etag"), resp.headers.get("last-modified"), body_hash)
        if old is not None and old.body_hash == body_hash:
            self.m.not_modified.labels(source.id).inc()
            return Found()
        found = await asyncio.to_thread(self._parse_entry, entry, resp)  # big feeds must not stall heartbeats
        hint = cache_hint(resp.headers.get("cache-control"))
        found.hint_seconds = max(found.hint_seconds or 0.0, hint or 0.0) or None
        if depth == 0:
            for child in found.sitemaps[:MAX_CHILD_SITEMAPS]:
                sub = await self._discover(source, entry, child, state, res, out, depth=1)
                found.items.extend(sub.items)
                found.dropped += sub.dropped
        return found

    async def fetch_listing(self, source: Source, entry: Entry, url: str, res: PollResult) -> Found:
        """Fetch and parse one feed, sitemap or listing page without validators (backfill)."""
        resp = await self._get(source, url, self.options(source), res)
        self._check_entry_response(resp)
        return await asyncio.to_thread(self._parse_entry, entry, resp)

    async def fetch_article(self, source: Source, item: Item, state: SourceState, res: PollResult, done: set[str],
                            publish: Publish) -> bool:
        """Fetch one article page and hand its record to `publish`; False when it failed transiently."""
        return await self._article(source, item, state, res, done, publish)

    def _check_entry_response(self, resp: Response) -> str:
        if resp.status >= 400 or resp.status != 200:
            kind = status_kind(resp.status)
            reason = challenge_reason(resp.status, resp.body[:65536].decode("utf-8", "replace"))
            raise FetchError("bot_challenge" if reason else kind, reason or f"HTTP {resp.status}", resp.status)
        if resp.content_type not in FEED_TYPES:
            raise FetchError("unexpected_content_type", f"entry served as {resp.content_type}", resp.status)
        return hashlib.sha256(resp.body).hexdigest()

    def _parse_entry(self, entry: Entry, resp: Response) -> Found:
        if entry.kind == "rss":
            self._reject_challenge(resp)
            return parse_feed(resp.body, resp.final_url, self.s.max_links_per_entry)
        if entry.kind == "sitemap":
            return parse_sitemap(resp.body, resp.final_url, self.s.max_decoded_bytes, self.s.max_links_per_entry)
        text, _ = decode_text(resp.body, resp.headers.get("content-type"))
        self._reject_challenge(resp, text)
        assert entry.link_pattern is not None
        return parse_listing(text, resp.final_url, entry.link_pattern)

    @staticmethod
    def _reject_challenge(resp: Response, text: str | None = None) -> None:
        head = text if text is not None else resp.body[:65536].decode("utf-8", "replace")
        if is_html(resp.content_type) or text is not None:
            reason = challenge_reason(resp.status, head)
            if reason:
                raise FetchError("bot_challenge", reason, resp.status)

    async def _articles(self, source: Source, items: list[Item], state: SourceState, res: PollResult,
                        publish: Publish) -> bool:
        """Fetch new/changed items; True when every item was handled (validators may advance)."""
        complete = True
        budget = self.s.max_articles_per_poll
        done = res.done  # one source's RSS and sitemap often list the same article: fetched once per poll
        for item in items:
            guess = article_id(canonicalize(item.url))
            if guess in done:
                continue
            done.add(guess)
            prior = state.seen.get(guess)
            if prior is not None and prior[1] == item.published:
                continue
            res.new_links += 1
            if res.fetched >= budget:
                self._skip(source, item.url, "deferred_budget", res)
                complete = False
                continue
            complete = await self._article(source, item, state, res, done, publish) and complete
        return complete

    async def _article(self, source: Source, item: Item, state: SourceState, res: PollResult, done: set[str],
                       publish: Publish) -> bool:
        """Fetch one article page; False when it failed transiently (retry next poll)."""
        res.fetched += 1
        try:
            resp = await self._get(source, item.url, self.options(source), res)
            if resp.status != 200:
                challenge = challenge_reason(resp.status, resp.body[:65536].decode("utf-8", "replace"))
                kind = status_kind(resp.status)
                raise FetchError("bot_challenge" if challenge else kind, challenge or f"HTTP {resp.status}", resp.status)
            if not is_html(resp.content_type):
                self._skip(source, item.url, non_html_reason(resp.content_type), res)
                return True
            text, charset = decode_text(resp.body, resp.headers.get("content-type"))
        except LegacyEncoding as exc:
            self._skip(source, item.url, "legacy_encoding", res)
            log.warning("legacy encoding", extra={"source_id": source.id, "url": item.url, "family": exc.family})
            return True
        except FetchError as exc:
            if exc.kind == DEFERRED:  # the host is in Retry-After back-off: next poll, not an error
                self._skip(source, item.url, DEFERRED, res)
                return False
            self._error(source, item.url, exc.kind, str(exc), res)
            return exc.kind not in TRANSIENT and not exc.kind.startswith("http_5")
        reason = challenge_reason(resp.status, text)
        if reason:
            self._error(source, item.url, "bot_challenge", reason, res)
            return False
        if looks_binary(text):
            self._skip(source, item.url, "binary_body", res)
            return True
        cand = self._record(source, item, resp, text, charset, state, res, done)
        if cand is not None:
            await publish(cand)
            res.articles.append(cand)
        return True

    def _record(self, source: Source, item: Item, resp: Response, text: str, charset: str,
                state: SourceState, res: PollResult, done: set[str]) -> Candidate | None:
        identity, refused = trusted_canonical(text, resp.final_url, source_hosts(source))
        if refused:  # a page may not claim another site's article id (and overwrite its figures)
            self.m.canonical_refused.labels(source.id).inc()
            log.warning("foreign rel=canonical ignored", extra={"source_id": source.id, "url": log_url(resp.final_url)})
        canonical = canonicalize(identity)
        aid = article_id(canonical)
        digest = content_hash(text)
        if aid in done and aid != article_id(canonicalize(item.url)):
            self._skip(source, item.url, "duplicate_in_poll", res)
            return None
        done.add(aid)
        guess = article_id(canonicalize(item.url))
        if guess != aid:
            res.touched[guess] = (digest, item.published)  # alias: the link URL is known next time
        prior = state.seen.get(aid)
        if prior is not None and prior[0] == digest:
            res.touched[aid] = (digest, item.published)
            self._skip(source, item.url, "unchanged", res)
            return None
        html = text[: self.s.max_html_chars]
        record = RawArticle(
            article_id=aid, source_id=source.id, url=item.url, canonical_url=canonical, fetched_at=utc_now(),
            http_status=resp.status, html=html, content_hash=digest, crawler_version=CRAWLER_VERSION,
            etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"),
            entry_title=item.title, entry_published=item.published, entry_summary=item.summary,
            html_truncated=len(text) > len(html), charset=charset, source_province=source.province,
        )
        return Candidate(record, item.published)


def commit(state: SourceState, res: PollResult, source: Source, s: CrawlerSettings, now: float,
           retry_after: float = 0.0) -> SourceState:
    """The state after `res` was published: seen, validators, schedule and failure count."""
    for cand in res.articles:
        r = cand.record
        state.remember(r.article_id, r.content_hash, cand.stamp, now, s.seen_limit)
    for aid, (digest, stamp) in res.touched.items():
        state.remember(aid, digest, stamp, now, s.seen_limit)
    state.validators = res.validators
    state.pending = {}
    state.open_from = {}
    lo, hi = source.min_interval or s.min_interval, source.max_interval or s.max_interval
    if res.entries_ok == 0:
        state.failures += 1
        delay = max(backoff_delay(state.failures, s.backoff_base, s.backoff_max), retry_after)
        state.interval = state.interval or lo
        state.next_due = now + delay
        return state
    state.failures = 0
    state.last_success = now
    state.interval = next_interval(state.interval, res.new_links, res.found, res.hint, lo, hi)
    state.next_due = now + max(state.interval, retry_after)
    if res.skipped.get("deferred_budget") and (res.articles or res.touched):
        state.next_due = now + max(s.host_min_delay, retry_after)  # continue with the deferred links at once
    return state
