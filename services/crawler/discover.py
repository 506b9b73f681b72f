"""`recruitwatch sources discover URL`: propose feeds and sitemaps for a site (trafilatura + probes)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlsplit

from trafilatura.feeds import FeedParameters, determine_feed
from trafilatura.sitemaps import extract_robots_sitemaps

from services.crawler.fetch import FetchError, HttpClient, RequestOptions
from services.crawler.parsing import ParseError, parse_feed, parse_sitemap
from services.crawler.settings import CrawlerSettings
from services.crawler.textenc import LegacyEncoding, decode_text

GUESSES = (
    "/rss/home.rss", "/rss", "/rss.xml", "/feed", "/news/rss/", "/vi/news/rss/", "/home.rss",
    "/sitemap.xml", "/sitemap_index.xml", "/sitemaps/news.xml", "/news-sitemap.xml",
)


@dataclass(frozen=True)
class Proposal:
    """A working entry for the registry, with how many items it lists."""

    kind: str
    url: str
    items: int
    via: str


async def _candidates(client: HttpClient, home: str, opts: RequestOptions) -> list[tuple[str, str]]:
    parts = urlsplit(home)
    origin = f"{parts.scheme}://{parts.netloc}"
    out: list[tuple[str, str]] = []
    try:
        resp = await client.fetch(home, opts)
        text, _ = decode_text(resp.body, resp.headers.get("content-type"))
        params = FeedParameters(resp.final_url, parts.hostname or "", resp.final_url)
        out += [(u, "html <link>/anchors") for u in determine_feed(text, params)]
    except (FetchError, LegacyEncoding):
        pass
    try:
        robots = await client.fetch(origin + "/robots.txt", opts)
        if robots.status == 200:
            out += [(u, "robots.txt") for u in extract_robots_sitemaps(robots.body.decode("utf-8", "replace"), origin)]
    except FetchError:
        pass
    return out + [(origin + g, "common path") for g in GUESSES]


async def _probe(client: HttpClient, url: str, via: str, opts: RequestOptions, limit: int) -> Proposal | None:
    try:
        resp = await client.fetch(url, opts)
    except FetchError:
        return None
    if resp.status != 200:
        return None
    try:
        return Proposal("rss", resp.final_url, len(parse_feed(resp.body, resp.final_url).items), via)
    except ParseError:
        pass
    try:
        found = parse_sitemap(resp.body, resp.final_url, limit)
        return Proposal("sitemap", resp.final_url, len(found.items) + len(found.sitemaps), via)
    except ParseError:
        return None


async def discover(home: str, settings: CrawlerSettings, verify_tls: bool = True) -> list[Proposal]:
    """Working feeds and sitemaps of a site, best first (no duplicates)."""
    opts = RequestOptions(verify_tls=verify_tls, allow_loopback=settings.allow_loopback)
    async with HttpClient(settings) as client:
        seen: set[str] = set()
        found: list[Proposal] = []
        for url, via in await _candidates(client, home, opts):
            if url in seen:
                continue
            seen.add(url)
            prop = await _probe(client, url, via, opts, settings.max_decoded_bytes)
            if prop is not None and prop.url not in {p.url for p in found}:
                found.append(prop)
    return sorted(found, key=lambda p: (p.kind != "rss", -p.items))


def discover_sync(home: str, settings: CrawlerSettings, verify_tls: bool = True) -> list[Proposal]:
    """discover() for the CLI."""
    return asyncio.run(discover(home, settings, verify_tls))
