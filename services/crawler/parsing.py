"""Finding article links: RSS/Atom (strict bozo policy), sitemaps (index, news, gzip), HTML listings."""

from __future__ import annotations

import contextlib
import re
import time
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
DATEPARSER_BUDGET_SECONDS = 1.0
"""CPU seconds per feed or sitemap for dateparser, the slow fallback (~40 ms a date) after the cheap parser."""
FEED_ITEMS = ("item", "entry")
DATE_FIELDS = ("pubDate", "published", "updated", "date", "issued", "modified", "created", "publication_date", "lastmod")


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
    """What one entry URL yielded: article items, child sitemaps, the publisher's polling hints (s) and the
    number of links dropped by the link cap before any expensive step (`dropped`, the oldest)."""

    items: list[Item] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    hint_seconds: float | None = None
    dropped: int = 0


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


def _clean(text: str) -> str:
    return re.sub(r"[\[\]()]", " ", text[:200]).strip()


def cheap_date(text: str | None) -> str | None:
    """ISO 8601, RFC 822 or dd/mm/yyyy to RFC 3339 UTC without dateparser; None when they do not apply."""
    if not text or not text.strip():
        return None
    fast = _fast_date(_clean(text))
    return _utc(fast) if fast is not None else None


@lru_cache(maxsize=4096)
def parse_vn_date(text: str | None) -> str | None:
    """Parse a Vietnamese or RFC-822 date to RFC 3339 UTC (naive times are Vietnam time); None if unparseable."""
    if not text or not text.strip():
        return None
    fast = cheap_date(text)
    if fast is not None:
        return fast
    parsed = dateparser.parse(_clean(text), languages=["vi", "en"], settings=DATE_SETTINGS)
    return _utc(parsed) if parsed is not None else None


class DateBudget:
    """Dates of one document: the cheap parser always, dateparser only until the document's budget is spent."""

    def __init__(self, seconds: float = DATEPARSER_BUDGET_SECONDS) -> None:
        self.left = seconds
        self.skipped = 0

    def parse(self, text: str | None) -> str | None:
        """The date, or None (unparseable, or over budget and not cheaply parseable)."""
        fast = cheap_date(text)
        if fast is not None or not text or not text.strip():
            return fast
        if self.left <= 0:
            self.skipped += 1
            return None
        started = time.process_time()
        try:
            return parse_vn_date(text)
        finally:
            self.left -= time.process_time() - started


def newest(keys: list[str | None], cap: int | None) -> set[int]:
    """Indexes of the `cap` newest positions by cheap date (dated first, newest first; then document order)."""
    if cap is None or len(keys) <= cap:
        return set(range(len(keys)))
    dated = sorted((i for i, k in enumerate(keys) if k is not None), key=lambda i: keys[i] or "", reverse=True)
    undated = [i for i, k in enumerate(keys) if k is None]
    return set((dated + undated)[:cap])


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


def _entry_item(entry: dict[str, object], base: str, dates: DateBudget) -> Item | None:
    link = entry.get("link") or entry.get("id")
    url = resolve(base, str(link)) if link else None
    if url is None:
        return None
    raw_date = entry.get("published") or entry.get("updated")
    summary = str(entry.get("summary") or "")[:SUMMARY_CHARS] or None
    title = str(entry.get("title") or "").strip() or None
    return Item(url, title, dates.parse(str(raw_date)) if raw_date else None, summary)


def _element_date(node: etree._Element) -> str | None:
    """The cheaply parsed date of a feed item or sitemap <url> element."""
    for el in node.iter():
        if isinstance(el.tag, str) and _local(el.tag) in DATE_FIELDS and el.text:
            return cheap_date(el.text)
    return None


def trim_feed(body: bytes, max_items: int | None) -> tuple[bytes, int]:
    """The feed with only its `max_items` newest items (cheap dates), and how many were dropped.

    Runs before feedparser, whose cost grows with every item; a document lxml cannot parse is left to
    feedparser's verdict unchanged."""
    if max_items is None or body.count(b"<") < max_items:
        return body, 0
    try:
        root = etree.fromstring(body, _XML_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return body, 0
    nodes = [el for el in root.iter() if isinstance(el.tag, str) and _local(el.tag) in FEED_ITEMS]
    keep = newest([_element_date(n) for n in nodes], max_items)
    if len(keep) == len(nodes):
        return body, 0
    for index, node in enumerate(nodes):
        if index not in keep and node.getparent() is not None:
            node.getparent().remove(node)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8"), len(nodes) - len(keep)


def parse_feed(body: bytes, base: str, max_items: int | None = None) -> Found:
    """Parse RSS/Atom bytes; raise ParseError unless the XML is well-formed (harmless warnings aside).

    With `max_items`, only the newest items reach feedparser and the date parser (the rest is `dropped`)."""
    body, dropped = trim_feed(body, max_items)
    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=True)
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, HARMLESS_BOZO):
        raise ParseError("malformed_feed", f"feed is not well-formed: {type(exc).__name__}: {exc}")
    if not parsed.get("version"):
        raise ParseError("not_a_feed", "document is neither RSS nor Atom")
    dates = DateBudget()
    items = [i for i in (_entry_item(e, base, dates) for e in parsed.entries) if i is not None]
    return Found(items=items, hint_seconds=_feed_hint(dict(parsed.feed)), dropped=dropped)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _child_text(node: etree._Element, name: str) -> str | None:
    for el in node.iter():
        if _local(el.tag) == name and el.text and el.text.strip():
            return el.text.strip()
    return None


def parse_sitemap(body: bytes, base: str, limit: int, max_items: int | None = None) -> Found:
    """Parse a sitemap, sitemap index or Google News sitemap (gzip allowed); with `max_items`, the newest only
    (cheap dates) reach the date parser, the rest is `dropped`."""
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
    entries: list[tuple[str, etree._Element]] = []
    for node in root:
        loc = _child_text(node, "loc")
        url = resolve(base, loc) if loc else None
        if url is None:
            continue
        if kind == "sitemapindex":
            found.sitemaps.append(url)
        else:
            entries.append((url, node))
    keep = newest([_element_date(node) for _, node in entries], max_items)
    found.dropped = len(entries) - len(keep)
    dates = DateBudget()
    for index, (url, node) in enumerate(entries):
        if index in keep:
            date = _child_text(node, "publication_date") or _child_text(node, "lastmod")
            found.items.append(Item(url, _child_text(node, "title"), dates.parse(date)))
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
