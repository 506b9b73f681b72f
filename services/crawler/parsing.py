"""Finding article links: RSS/Atom (strict bozo policy), sitemaps (index, news, gzip), HTML listings."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache

import dateparser
import feedparser
from lxml import etree
from lxml import html as lxml_html

from services.crawler.body import BodyError, gunzip_bounded
from services.crawler.urls import resolve

HARMLESS_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
SUMMARY_CHARS = 2000
PERIOD_SECONDS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "yearly": 365 * 86400}
DATE_SETTINGS = {
    "DATE_ORDER": "DMY", "TIMEZONE": "Asia/Ho_Chi_Minh", "TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True,
}
VN_TZ = timezone(timedelta(hours=7))
DMY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})(?:\D{1,3}(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
AMPM = re.compile(r"\b(AM|PM|SA|CH)\b", re.I)
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


class ParseError(ValueError):
    """A feed, sitemap or listing that cannot be trusted; `kind` is the metric label."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Item:
    """A candidate article link found on a feed, sitemap or listing page."""

    url: str
    title: str | None = None
    published: str | None = None
    summary: str | None = None


@dataclass
class Found:
    """What one entry URL yielded: article items, child sitemaps and the publisher's polling hints (s)."""

    items: list[Item] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    hint_seconds: float | None = None


def _utc(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _fast_date(text: str) -> datetime | None:
    """ISO 8601, RFC 822 and 'dd/mm/yyyy hh:mm' (Vietnam time) without dateparser's ~40 ms."""
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    with contextlib.suppress(TypeError, ValueError, IndexError):
        return parsedate_to_datetime(text)
    match = DMY.search(text)
    if match and not AMPM.search(text):
        day, month, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
        with contextlib.suppress(ValueError):
            return datetime(year, month, day, hour, minute, second, tzinfo=VN_TZ)
    return None


@lru_cache(maxsize=4096)
def parse_vn_date(text: str | None) -> str | None:
    """Parse a Vietnamese or RFC-822 date to RFC 3339 UTC (naive times are Vietnam time); None if unparseable."""
    if not text or not text.strip():
        return None
    cleaned = re.sub(r"[\[\]()]", " ", text).strip()
    fast = _fast_date(cleaned)
    if fast is not None:
        return _utc(fast)
    parsed = dateparser.parse(cleaned, languages=["vi", "en"], settings=DATE_SETTINGS)
    return _utc(parsed) if parsed is not None else None


def _feed_hint(feed: dict[str, object]) -> float | None:
    hints: list[float] = []
    ttl = str(feed.get("ttl", "")).strip()
    if ttl.isdigit():
        hints.append(int(ttl) * 60.0)
    period = str(feed.get("sy_updateperiod", "")).strip().lower()
    if period in PERIOD_SECONDS:
        freq = str(feed.get("sy_updatefrequency", "1")).strip()
        hints.append(PERIOD_SECONDS[period] / max(1, int(freq) if freq.isdigit() else 1))
    return max(hints) if hints else None


def _entry_item(entry: dict[str, object], base: str) -> Item | None:
    link = entry.get("link") or entry.get("id")
    url = resolve(base, str(link)) if link else None
    if url is None:
        return None
    raw_date = entry.get("published") or entry.get("updated")
    summary = str(entry.get("summary") or "")[:SUMMARY_CHARS] or None
    title = str(entry.get("title") or "").strip() or None
    return Item(url, title, parse_vn_date(str(raw_date)) if raw_date else None, summary)


def parse_feed(body: bytes, base: str) -> Found:
    """Parse RSS/Atom bytes; raise ParseError unless the XML is well-formed (harmless warnings aside)."""
    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=True)
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, HARMLESS_BOZO):
        raise ParseError("malformed_feed", f"feed is not well-formed: {type(exc).__name__}: {exc}")
    if not parsed.get("version"):
        raise ParseError("not_a_feed", "document is neither RSS nor Atom")
    items = [i for i in (_entry_item(e, base) for e in parsed.entries) if i is not None]
    return Found(items=items, hint_seconds=_feed_hint(dict(parsed.feed)))


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _child_text(node: etree._Element, name: str) -> str | None:
    for el in node.iter():
        if _local(el.tag) == name and el.text and el.text.strip():
            return el.text.strip()
    return None


def parse_sitemap(body: bytes, base: str, limit: int) -> Found:
    """Parse a sitemap, sitemap index or Google News sitemap (gzip allowed)."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip_bounded(body, limit)
        except BodyError as exc:  # a .xml.gz bomb or corrupt gzip is the entry's failure, not a crash
            raise ParseError(exc.kind, str(exc)) from exc
    try:
        root = etree.fromstring(body, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ParseError("malformed_sitemap", f"sitemap is not well-formed XML: {exc}") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise ParseError("not_a_sitemap", f"root element <{kind}> is not a sitemap")
    found = Found()
    for node in root:
        loc = _child_text(node, "loc")
        url = resolve(base, loc) if loc else None
        if url is None:
            continue
        if kind == "sitemapindex":
            found.sitemaps.append(url)
            continue
        date = _child_text(node, "publication_date") or _child_text(node, "lastmod")
        found.items.append(Item(url, _child_text(node, "title"), parse_vn_date(date)))
    return found


def parse_listing(text: str, base: str, pattern: str) -> Found:
    """Links on an HTML listing page whose absolute URL matches `pattern`, in page order."""
    try:
        doc = lxml_html.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError) as exc:
        raise ParseError("malformed_listing", f"listing page cannot be parsed: {exc}") from exc
    regex = re.compile(pattern)
    seen: set[str] = set()
    found = Found()
    for a in doc.iter("a"):
        url = resolve(base, a.get("href") or "")
        if url is None or url in seen or not regex.search(url):
            continue
        seen.add(url)
        title = " ".join(a.text_content().split()) or a.get("title")
        found.items.append(Item(url, title or None))
    return found
