"""Publication dates of article pages: page metadata, feed entries, visible date lines and URLs (pure)."""

from __future__ import annotations

import email.utils
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

from lxml import etree

VIETNAM = timezone(timedelta(hours=7))
MIN_YEAR, MAX_YEAR = 1990, 2100

META_DATE_KEYS = frozenset(
    ("article:published_time", "pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "dc.date",
     "datepublished", "og:published_time", "publication_date")
)
"""Lower-cased property/name/itemprop values of <meta> tags that carry the publication date."""
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')

_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_ANY_DATE = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})(?![\d/])"
    r"|(?:ngày\s+)?(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s*(?:,|\s)\s*(?:năm\s+)?(?P<wy>(?:19|20)\d{2})"
    r"|(?<!\d)(?P<iy>(?:19|20)\d{2})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d)",
    re.IGNORECASE,
)
_HAS_DIGIT = re.compile(r"\d")
_TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])\s*(?::|h|giờ)\s*[0-5]\d(?!\d)")
_LABEL = re.compile(
    r"cập nhật|ngày đăng|đăng ngày|đăng lúc|ngày xuất bản|xuất bản|thời gian đăng|ngày phát hành|posted|published",
    re.IGNORECASE,
)
_NOT_PUBLISHED = re.compile(r"hôm nay|today|bây giờ|ngày giờ hiện tại", re.IGNORECASE)
_PAREN_END = re.compile(r"\(\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\s*\)\s*$")
MAX_DATE_LINE_WORDS_CHARS = 12
"""Letters a bare date line may carry besides the date, time and weekday."""
_WEEKDAY = re.compile(r"thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|gmt\s*\+?\s*7|\bngày\b", re.IGNORECASE)
_NON_LETTERS = re.compile(r"[\W\d_]+")
MAX_DATE_LINE = 200
PROSE_LINE = 100
"""A longer line without a date is prose: the search for a date line stops there."""
"""Longer lines are prose, not date lines (and scanning them costs)."""
TITLE_WINDOW = 12
MAX_LINES = 400

_URL_PATTERNS = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)"),
    re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_-]|$)"),
    re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{0,9})(?=[./_?-]|$)"),
)


def valid_date(year: int, month: int, day: int) -> date | None:
    """A date when the parts form one within the plausible range, else None."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_value(value: str | None) -> date | None:
    """A date from a metadata or feed value: ISO 8601, RFC 822, or a Vietnamese d/m/Y."""
    if not value or not value.strip():
        return None
    value = value.strip()
    return _from_iso(value) or _from_rfc822(value) or first_date(value)


def _from_iso(value: str) -> date | None:
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = _ISO.match(value)
        return valid_date(int(match[1]), int(match[2]), int(match[3])) if match else None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(VIETNAM)
    return valid_date(stamp.year, stamp.month, stamp.day)


def _from_rfc822(value: str) -> date | None:
    try:
        stamp = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(VIETNAM)
    return valid_date(stamp.year, stamp.month, stamp.day)


def first_date(text: str) -> date | None:
    """The first valid day-month-year date written in `text` (d/m/Y, "ngày d tháng m năm Y" or ISO)."""
    if not _HAS_DIGIT.search(text):
        return None
    for match in _ANY_DATE.finditer(text):
        if match["y"]:
            found = valid_date(int(match["y"]), int(match["m"]), int(match["d"]))
        elif match["wy"]:
            found = valid_date(int(match["wy"]), int(match["wm"]), int(match["wd"]))
        else:
            found = valid_date(int(match["iy"]), int(match["im"]), int(match["id"]))
        if found is not None:
            return found
    return None


def date_from_meta(tree: etree._Element) -> date | None:
    """The publication date in the page's meta tags or <time itemprop>, else its JSON-LD (one pass)."""
    from_jsonld = None
    for element in tree.iter("meta", "time", "script"):
        if element.tag == "meta":
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
            if key in META_DATE_KEYS and (d := parse_date_value(element.get("content"))) is not None:
                return d
        elif element.tag == "time":
            if element.get("itemprop") == "datePublished" and (d := parse_date_value(element.get("datetime"))):
                return d
        elif from_jsonld is None and element.get("type") == "application/ld+json":
            match = _JSONLD_DATE.search(element.text or "")
            from_jsonld = parse_date_value(match[1]) if match else None
    return from_jsonld


def date_line(line: str, before: str = "") -> date | None:
    """The date of a visible date line ("Cập nhật lúc 22:26, Thứ Hai, 01/01/2018", "06:39, 17/03/2023")."""
    line = line.strip()
    if len(line) > MAX_DATE_LINE:
        return None
    found = first_date(line)
    if found is None or _NOT_PUBLISHED.search(before + " " + line):
        return None
    labelled = _LABEL.search(before[-40:] + " " + line) is not None
    if labelled or _TIME.search(line) or _PAREN_END.search(line) or mostly_date(line):
        return found
    return None


def mostly_date(line: str) -> bool:
    """A line that is little more than a date ("Thứ Hai, 25/11/2019"), not a sentence that mentions one."""
    rest = _WEEKDAY.sub(" ", _TIME.sub(" ", _ANY_DATE.sub(" ", line)))
    return len(_NON_LETTERS.sub("", rest)) <= MAX_DATE_LINE_WORDS_CHARS


def date_from_lines(lines: Sequence[str], title: str | None) -> date | None:
    """The date line on or nearest after the title, else nearest before it, never looking past prose.

    Date lines sit between the title and the article's prose; past the first prose line come related-news
    lists whose items carry their own dates.
    """
    anchor = _title_index(lines, title)
    if anchor is None:
        return _scan(lines, range(min(len(lines), MAX_LINES)))
    after = range(anchor + 1, min(len(lines), anchor + 1 + TITLE_WINDOW))
    before = range(anchor - 1, max(-1, anchor - TITLE_WINDOW), -1)
    on_title = date_line(lines[anchor], lines[anchor - 1] if anchor else "")
    return on_title or _scan(lines, after) or _scan(lines, before)


def _scan(lines: Sequence[str], order: Sequence[int]) -> date | None:
    for i in order:
        if (found := date_line(lines[i], lines[i - 1] if i else "")) is not None:
            return found
        if len(lines[i]) > PROSE_LINE:
            return None
    return None


def _title_index(lines: Sequence[str], title: str | None) -> int | None:
    probe = (title or "").strip()[:40]
    if probe:
        for i, line in enumerate(lines):
            if probe in line:
                return i
    return None


def date_from_url(url: str | None) -> date | None:
    """A date written in the URL path ("/2023/03/17/", "-20230317063912.htm")."""
    if not url:
        return None
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    for pattern in _URL_PATTERNS:
        for match in pattern.finditer("/" + path):
            if (d := valid_date(int(match[1]), int(match[2]), int(match[3]))) is not None:
                return d
    return None
