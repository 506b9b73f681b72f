"""Pagination patterns of listing pages, for a source's `backfill: listing:` (`sources discover` proposes them).

A pattern is a link URL with its page number replaced by `{n}`: `?page={n}`, `&p={n}`, `/trang-{n}.html`,
`/page/{n}/` … Links on a listing page that differ only in such a number are the page's pager.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree
from lxml import html as lxml_html

from services.crawler.fetch import FetchError, HttpClient, RequestOptions
from services.crawler.settings import CrawlerSettings
from services.crawler.textenc import LegacyEncoding, decode_text
from services.crawler.urls import resolve

# A page number: a query parameter with a pager name, or a path segment with a pager word before it.
QUERY = re.compile(r"(?<=[?&])(page|p|pg|paged|trang|pageindex|pagenumber|pi|currentpage)=(\d{1,5})(?=&|$|#)", re.I)
PATH = re.compile(r"(?<=[/_-])(trang|page|p|pages|pg)([-_/]?)(\d{1,5})(?=[/._-]|$|[?#])", re.I)
MIN_PAGES = 2


def _templates(url: str) -> list[tuple[str, int]]:
    """(pattern with {n}, page number) for every pager-looking number in `url`."""
    out = [(url[: m.start(2)] + "{n}" + url[m.end(2):], int(m.group(2))) for m in QUERY.finditer(url)]
    out += [(url[: m.start(3)] + "{n}" + url[m.end(3):], int(m.group(3))) for m in PATH.finditer(url)]
    return out


def pagination_patterns(html: str, base: str) -> list[tuple[str, int]]:
    """(pattern, highest page number linked) for the pagers on a listing page, most pages first."""
    try:
        doc = lxml_html.document_fromstring(html or "<html></html>")
    except (etree.ParserError, ValueError):
        return []
    pages: dict[str, set[int]] = defaultdict(set)
    for a in doc.iter("a"):
        url = resolve(base, a.get("href") or "")
        if url is None:
            continue
        for template, n in _templates(url.split("#", 1)[0]):
            pages[template].add(n)
    found = [(t, max(ns)) for t, ns in pages.items() if len(ns) >= MIN_PAGES]
    return sorted(found, key=lambda tn: (-len(pages[tn[0]]), tn[0]))


async def discover_pagination(url: str, settings: CrawlerSettings, verify_tls: bool = True) -> list[tuple[str, int]]:
    """The pagers of the listing page at `url` (fetched with the crawler's client; [] when it fails)."""
    opts = RequestOptions(verify_tls=verify_tls, allow_loopback=settings.allow_loopback)
    async with HttpClient(settings) as client:
        try:
            resp = await client.fetch(url, opts)
            text, _ = decode_text(resp.body, resp.headers.get("content-type"))
        except (FetchError, LegacyEncoding):
            return []
    return pagination_patterns(text, resp.final_url) if resp.status == 200 else []
