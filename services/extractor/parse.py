"""Parse stage: an article page's main text, title, publication date, author and language (pure).

The page is parsed once with lxml (a C-level element class lookup instead of lxml.html's Python one),
scripts and styles are dropped, and trafilatura runs on that tree in fast precision mode; only when that
under-delivers does the full trafilatura cascade (readability/justext fallbacks) run. Metadata comes from
the same tree: trafilatura's meta/JSON-LD readers, our own date readers (htmldate is not used).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.metadata import examine_meta, extract_meta_json
from trafilatura.settings import Extractor
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML

from services.extractor import pagedates
from services.extractor.boilerplate import is_chrome_label, prune_chrome, unwrap_layout_tables
from services.extractor.language import detect_language

PARSER_VERSION = f"parse/1+trafilatura-{trafilatura.__version__}"

PublishedFrom = Literal["meta", "feed", "text", "url"]
METHOD_FAST = "trafilatura_fast"
METHOD_FULL = "trafilatura_full"
METHOD_FEED = "feed_summary"

MIN_TEXT_CHARS = 100
"""Shortest main text accepted at all."""
MIN_DISTINCT_WORDS = 15
"""Fewest distinct words in an accepted main text."""
MAX_TEXT_CHARS = 100_000
"""Longest main text passed on: news articles stay far below; beyond it is a dump, and fact rules cost per char."""
MIN_FAST_CHARS = 250
"""Shorter fast-mode output triggers the full trafilatura cascade."""
JUNK_SAMPLE = 8192
MAX_JUNK_SHARE = 0.02
DROP_TAGS = ("head", "script", "style", "noscript", "iframe", "svg", "template", "object", "embed")

_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement,
    comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity,
)
_LOCAL = threading.local()
_FAST = Extractor(output_format="txt", fast=True, precision=True, comments=False, tables=True)
"""Fast precision mode: no readability/justext comparison, no comment capture, no recall escalation."""
_FULL = Extractor(output_format="txt", comments=False, tables=True)
"""trafilatura's default cascade (without comments): the fallback when fast mode under-delivers."""
_STRING = etree.XPath("string()")
_MASTHEAD = re.compile(r"logo|banner|brand|masthead|site-?name", re.IGNORECASE)
_PAGE_HEADER = re.compile(r"(?<![\w-])(?:header|top|topbar|page-header)(?![\w-])", re.IGNORECASE)
_WINDOW = pagedates.TITLE_WINDOW
_PROSE_WINDOW = 3 * _WINDOW
"""How far below the start of the main text its first prose line is looked for (kickers, counters, captions)."""
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5"))
_INLINE = frozenset(("a", "b", "strong", "span", "em", "i", "font", "u", "small"))
_TITLE_NAME = re.compile(r"title|tieude|tieu-de|tieu_de|headline|heading", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+(?:[-|–—:»›/]|::)\s+")
_SITE_NAME = re.compile(
    r"^(?:báo|cổng thông tin|trang thông tin|trang tin|tạp chí|đài phát thanh)\b|điện tử$|\.(?:vn|com|net|org)$|online$",
    re.IGNORECASE,
)
"""A <title> part that names the site ("Báo Quảng Ninh điện tử", "Cổng thông tin điện tử huyện X", "nhandan.vn")."""
MIN_PROBE = 10
KICKER_LINES = 3
"""Text nodes just above the article's heading read for a date line when none follows the heading."""
PROBE = 30
MIN_TITLE_CHARS = 6
SAME_TITLE_SHARE = 0.6
"""A <title> part names a heading when one contains the other and the shorter has this share of the length."""
MIN_TITLE_WORDS = 2
MAX_TITLE_CHARS = 300
_FOLLOWING = etree.XPath(f"following::text()[normalize-space()][position() <= {_WINDOW}]")
_PRECEDING = etree.XPath(f"preceding::text()[normalize-space()][position() <= {_WINDOW}]")
_AUTHOR = etree.XPath(
    "//body//*[@rel='author' or contains(@itemprop, 'author') or contains(@class, 'author') or contains(@id, 'author')]"
)
MAX_AUTHOR_CHARS = 120
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_STRAY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_MOJIBAKE = re.compile(r"[ÃÄÆÂ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u2122]|á[»º]")
MIN_MOJIBAKE_HITS = 3
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TAG = re.compile(r"<[a-zA-Z!/?]")
_MARKUP = re.compile(r"<[^>]{0,500}>")
_WORDS = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BYLINE = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯÀ-Ỹ][\wÀ-ỹ]*\.?\s){0,4}[A-ZĐÂĂÊÔƠƯÀ-Ỹ][\wÀ-ỹ]*$")


class ParseError(ValueError):
    """A page that yields no usable Vietnamese article; `reason` is a short snake_case code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """What the parse stage learns from one page."""

    title: str | None
    text: str
    published: date | None
    published_from: PublishedFrom | None
    author: str | None
    language: str | None
    method: str


def parse_page(
    html: str,
    *,
    url: str | None = None,
    feed_title: str | None = None,
    feed_published: str | None = None,
    feed_summary: str | None = None,
) -> ParsedPage:
    """Parse a decoded HTML page into main text and metadata; raise ParseError with a reason."""
    tree = load_tree(html)
    meta = examine_meta(tree)
    if "ld+json" in html:
        meta = extract_meta_json(tree, meta)
    head_title = _clean(tree.findtext(".//title"))
    h1 = article_h1(tree)
    meta_date = pagedates.date_from_meta(tree)
    etree.strip_elements(tree, *DROP_TAGS, with_tail=False)
    unwrap_layout_tables(tree)
    prune_chrome(tree)
    author = _clean(meta.author) or author_element(tree)
    text, method = cap_text(*main_text(tree, feed_summary))
    nodes = text_nodes(tree)
    text = trim_to_article(text, nodes)
    if detect_language(text) != "vi":
        raise ParseError("not_vietnamese", text[:80])
    head = ArticleHead.locate(nodes, text)
    title = choose_title(h1, meta.title, feed_title, head.heading, head_title, meta.sitename)
    published, source = choose_published(meta_date, feed_published, tree, head, title, text, url)
    return ParsedPage(title, text, published, source, author or byline(text), "vi", method)


def load_tree(html: str) -> lxml_html.HtmlElement:
    """Check the decoded page and parse it once; empty, binary-looking or tagless input is refused."""
    if not isinstance(html, str) or not html.strip():
        raise ParseError("empty_page")
    head = html[:JUNK_SAMPLE]
    if len(_CONTROL.findall(head)) > MAX_JUNK_SHARE * len(head):
        raise ParseError("junk_html", "binary-looking content")
    if not _TAG.search(head):
        raise ParseError("not_html", "no markup in the first 8 KiB")
    parser = html_parser()
    try:
        tree = etree.fromstring(clean_chars(html), parser)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError("junk_html", str(exc)[:200]) from exc
    if tree is None or tree.find(".//body") is None:
        raise ParseError("junk_html", "no document body")
    if not any(not t.isspace() for t in tree.find(".//body").itertext()):
        fatal = [e.message for e in parser.error_log if e.level_name == "FATAL"]
        raise ParseError("junk_html", fatal[0]) if fatal else ParseError("empty_page", "no visible text")
    return tree


def html_parser() -> etree.HTMLParser:
    """This thread's lxml HTML parser (lxml parsers must not be shared between threads)."""
    parser: etree.HTMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)
        parser.set_element_class_lookup(_LOOKUP)
        _LOCAL.parser = parser
    return parser


def clean_chars(html: str) -> str:
    """Text lxml can parse: UTF-8 mojibake undone, no XML declaration, stray controls or lone surrogates; NFC."""
    html = _XML_DECLARATION.sub("", repair_mojibake(html), count=1)
    if _STRAY.search(html):
        html = _STRAY.sub("", html)
    if not unicodedata.is_normalized("NFC", html):
        html = unicodedata.normalize("NFC", html)
    return _repair_markup(html)


def _repair_markup(html: str) -> str:
    """trafilatura's repair_faulty_html without its control-character pass (done above): doctype, <html/>."""
    if "doctype" in html[:50].lower():
        first, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", html, count=1)
    return html


def repair_mojibake(html: str) -> str:
    """Undo UTF-8 bytes decoded as Latin-1/cp1252 ("Ä\x91áº£ng" for "đảng"); unchanged if not clearly that."""
    head = html[:JUNK_SAMPLE]
    if not ("Ã" in head or "Ä" in head or "á»" in head or "áº" in head):
        return html
    if len(_MOJIBAKE.findall(head)) < MIN_MOJIBAKE_HITS:
        return html
    for codec in ("latin-1", "cp1252"):
        try:
            return html.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return html


def visible_lines(tree: lxml_html.HtmlElement) -> list[str]:
    """The page body's non-empty text nodes, whitespace-collapsed (scripts and styles already dropped)."""
    body = tree.find(".//body")
    if body is None:
        return []
    lines = []
    for text in body.itertext():
        if not text.isspace():
            lines.append(" ".join(text.split()))
            if len(lines) >= pagedates.MAX_LINES:
                break
    return lines


def lines_near_title(tree: lxml_html.HtmlElement, title: str | None) -> list[str]:
    """Visible text lines around the title's <h1> (window before and after); none without that <h1>."""
    anchor = None
    if title:
        anchor = next((h for h in tree.iterfind(".//h1") if _clean(h.text_content()) == title), None)
    if anchor is None:
        return []
    nodes = [*_PRECEDING(anchor), anchor.text_content(), *_FOLLOWING(anchor)]
    return [" ".join(str(node).split()) for node in nodes]


@dataclass(frozen=True, slots=True)
class TextNode:
    """A visible run of the page's text (whitespace-collapsed) and the element that contains it."""

    text: str
    element: Any


def text_nodes(tree: lxml_html.HtmlElement) -> list[TextNode]:
    """The body's non-blank text runs in document order (an element's tail belongs to its parent)."""
    body = tree.find(".//body")
    if body is None:
        return []
    out = []
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            if element.text and not element.text.isspace():
                out.append(TextNode(_collapse(element.text), element))
        elif element is not body and element.tail and not element.tail.isspace():
            out.append(TextNode(_collapse(element.tail), element.getparent()))
    return out


@dataclass(frozen=True, slots=True)
class ArticleHead:
    """The page text around the main text's start: heading, byline under it, kicker above it, the text's top."""

    heading: str | None
    byline: tuple[str, ...]
    above: tuple[str, ...]
    top: tuple[str, ...]
    found: bool

    @classmethod
    def locate(cls, nodes: list[TextNode], text: str) -> ArticleHead:
        """Find where the main text starts among the page's text nodes and read the nodes just above it.

        The heading is the nearest heading-like node (h1-h5, a class/id naming a title, a bold-only line)
        above the first prose line; the byline lines are those between it and the main text, the kicker lines
        the few just above the heading in the heading's own block (nearest first; some portals print the date
        there, while the page's top bar with today's date sits outside that block), the top lines those
        of the main text before its first prose line. Related-news lists,
        sidebars and headers elsewhere on the page are never looked at.
        """
        start = _start_index(nodes, text)
        if start is None:
            return cls(None, (), (), (), False)
        prose = next((i for i in range(start, min(len(nodes), start + _PROSE_WINDOW)) if _is_prose(nodes[i])), start)
        lowest = max(0, start - _WINDOW)
        heading_at = next((i for i in range(prose - 1, lowest - 1, -1) if _is_heading(nodes[i])), None)
        first = heading_at + 1 if heading_at is not None else lowest
        split = max(first, start)
        byline = tuple(_node_line(node) for node in nodes[first:split])
        top = tuple(_node_line(node) for node in nodes[split:prose])
        if heading_at is None:
            return cls(None, byline, (), top, True)
        box = _container(nodes[heading_at])
        kicker = nodes[max(0, heading_at - KICKER_LINES):heading_at]
        above = tuple(_node_line(node) for node in reversed(kicker) if _inside(node, box))
        return cls(nodes[heading_at].text, byline, above, top, True)


def _container(node: TextNode) -> Any:
    """The block that holds a heading: the parent of its innermost non-inline element."""
    element = node.element
    while element is not None and element.tag in _INLINE:
        element = element.getparent()
    return element.getparent() if element is not None else None


def _inside(node: TextNode, box: Any) -> bool:
    """Whether a text node sits in the block (a kicker of the heading, not the page's top bar)."""
    element = node.element
    return box is not None and element is not None and (element is box or any(a is box for a in element.iterancestors()))


def trim_to_article(text: str, nodes: list[TextNode]) -> str:
    """Drop main-text lines after the last prose line that come from outside the article's block.

    The block is the parent of the element holding all prose lines (so a byline or caption next to the body
    stays); a sidebar notice or teaser trafilatura let through after the article sits outside it.
    """
    lines = text.split("\n")
    found = _line_nodes(lines, nodes)
    prose = [(i, at) for i, at in enumerate(found) if at is not None and len(lines[i]) > pagedates.PROSE_LINE]
    if not prose:
        return text
    box = _common_ancestor([nodes[at].element for _, at in prose])
    if box is None or box.tag == "body":
        return text
    box = box.getparent() if box.getparent() is not None and box.getparent().tag != "body" else box
    last = prose[-1][0]
    tail = [line for line, at in zip(lines[last + 1 :], found[last + 1 :], strict=True) if at is None or _inside(nodes[at], box)]
    return "\n".join(lines[: last + 1] + tail)


def _line_nodes(lines: list[str], nodes: list[TextNode]) -> list[int | None]:
    """For each text line, the index of the page text node it starts in (searched in document order)."""
    out: list[int | None] = []
    at = 0
    for line in lines:
        probe = _collapse(line)[:PROBE]
        hit = None
        if len(probe) >= MIN_PROBE:
            for i in range(at, len(nodes)):
                value = nodes[i].text
                if len(value) >= MIN_PROBE and (value.startswith(probe) or probe.startswith(value)):
                    hit = i
                    break
        out.append(hit)
        if hit is not None:
            at = hit
    return out


def _common_ancestor(elements: list[Any]) -> Any:
    """The deepest element containing all of them (None if they share none)."""
    if not elements or elements[0] is None:
        return None
    chain = [elements[0], *elements[0].iterancestors()]
    for element in elements[1:]:
        if element is None:
            return None
        ancestors = {id(a) for a in (element, *element.iterancestors())}
        chain = [a for a in chain if id(a) in ancestors]
    return chain[0] if chain else None


def _collapse(value: str) -> str:
    return " ".join(value.split())


def _start_index(nodes: list[TextNode], text: str) -> int | None:
    """Index of the text node where one of the main text's first lines begins."""
    lines = [_collapse(line) for line in text.splitlines() if len(line.strip()) >= MIN_PROBE][:3]
    for line in lines:
        probe = line[:PROBE]
        for i, node in enumerate(nodes):
            value = node.text
            if len(value) >= MIN_PROBE and (value.startswith(probe) or probe.startswith(value)):
                return i
    return None


def _is_prose(node: TextNode) -> bool:
    return len(node.text) > pagedates.PROSE_LINE


def _node_line(node: TextNode) -> str:
    """A text node's line; a <time datetime> element's machine-readable value goes first."""
    line = node.text
    parent = node.element
    if parent is not None and parent.tag == "time" and parent.get("datetime"):
        return f"{parent.get('datetime')} {line}"
    return line


def _is_heading(node: TextNode) -> bool:
    """A node that reads like an article heading: in a heading element, not a label, date or sentence."""
    value = node.text
    if not MIN_TITLE_CHARS <= len(value) <= MAX_TITLE_CHARS or len(value.split()) < MIN_TITLE_WORDS:
        return False
    if is_chrome_label(value) or pagedates.date_line(value) is not None:
        return False
    element: Any = node.element
    for _ in range(3):
        if element is None or not isinstance(element.tag, str):
            return False
        if element.tag in _HEADINGS or _TITLE_NAME.search(f"{element.get('class', '')} {element.get('id', '')}"):
            return True
        if element.tag in ("b", "strong") and _collapse(element.getparent().text_content() if element.getparent() is not None else "") == value:
            return True
        element = element.getparent()
    return False


def main_text(tree: lxml_html.HtmlElement, feed_summary: str | None) -> tuple[str, str]:
    """The article's main text and how it was obtained: fast trafilatura, full cascade, or feed summary."""
    fast = _trafilatura(tree, _FAST)
    if len(fast) >= MIN_FAST_CHARS:
        return fast, METHOD_FAST
    full = _trafilatura(tree, _FULL)
    best, method = (full, METHOD_FULL) if len(full) > len(fast) else (fast, METHOD_FAST)
    if _substantial(best):
        return best, method
    summary = _summary_text(feed_summary)
    if _substantial(summary):
        return summary, METHOD_FEED
    raise ParseError("no_main_text", f"{len(best)} chars of main text")


def cap_text(text: str, method: str) -> tuple[str, str]:
    """Cut a text longer than MAX_TEXT_CHARS at a line break (method gets "+truncated"); no article is that long."""
    if len(text) <= MAX_TEXT_CHARS:
        return text, method
    cut = text.rfind("\n", 0, MAX_TEXT_CHARS)
    return text[: cut if cut > MAX_TEXT_CHARS // 2 else MAX_TEXT_CHARS].rstrip(), method + "+truncated"


def _substantial(text: str) -> bool:
    """Long enough and made of varied words (not a repeated caption or a list of menu labels)."""
    return len(text) >= MIN_TEXT_CHARS and len(set(_WORDS.findall(text.lower()))) >= MIN_DISTINCT_WORDS


def _trafilatura(tree: lxml_html.HtmlElement, options: Extractor) -> str:
    text = trafilatura.extract(tree, options=options)
    return unicodedata.normalize("NFC", text).strip() if text else ""


def _summary_text(summary: str | None) -> str:
    if not summary:
        return ""
    plain = _MARKUP.sub(" ", summary)
    return unicodedata.normalize("NFC", _SPACES.sub(" ", lxml_html.fromstring(f"<div>{plain}</div>").text_content())).strip()


def article_h1(tree: lxml_html.HtmlElement) -> str | None:
    """The text of the page's one article <h1>: outside the masthead, not a section label."""
    texts = {_clean(h.text_content()) for h in tree.iterfind(".//h1") if not _in_masthead(h)}
    texts = {t for t in texts if t and not is_chrome_label(t)}
    return texts.pop() if len(texts) == 1 else None


def choose_title(
    h1: str | None,
    meta_title: str | None,
    feed_title: str | None,
    heading: str | None,
    head_title: str | None,
    site_name: str | None,
) -> str | None:
    """The article <h1>, else og:/JSON-LD title, else the feed entry's, else the heading above the text or <title>.

    An <h1> that <title> does not name, while <title> names the heading just above the main text, is the
    section's name ("Xây dựng Đảng"), not the article's. The heading and the page's <title> (split at " - ",
    " | " …, the site's name dropped) are weighed together: the heading wins when <title> names it or offers
    nothing else.
    """
    parts = title_parts(head_title, site_name)
    if h1 and heading and heading != h1 and _named(heading, parts) and not _named(h1, parts):
        h1 = None
    chosen = _clean(h1) or _strip_site(_clean(meta_title), site_name) or _clean(feed_title)
    if chosen:
        return chosen
    if heading and (not parts or _named(heading, parts)):
        return heading
    if parts and (len(parts) < len(_TITLE_SEPARATOR.split(head_title or "")) or not heading):
        return max(parts, key=len)
    return heading or (max(parts, key=len) if parts else None)


def _named(title: str, parts: list[str]) -> bool:
    """Whether a <title> part is the title, contains it or is contained in it, at a comparable length."""
    folded = title.casefold()
    for part in (p.casefold() for p in parts):
        shorter, longer = sorted((folded, part), key=len)
        if shorter in longer and len(shorter) >= SAME_TITLE_SHARE * len(longer):
            return True
    return False


def title_parts(head_title: str | None, site_name: str | None) -> list[str]:
    """The parts of a <title> that are not the site's name ("Tin A - Báo X" → ["Tin A"])."""
    if not head_title:
        return []
    site = (site_name or "").casefold()
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(head_title) if p.strip()]
    return [p for p in parts if p.casefold() != site and not _SITE_NAME.search(p)]


def _strip_site(title: str | None, site_name: str | None) -> str | None:
    """An og:/meta title without a trailing or leading " - Site name"."""
    if not title:
        return None
    parts = title_parts(title, site_name)
    if len(parts) == 1 and len(_TITLE_SEPARATOR.split(title)) > 1:
        return parts[0]
    return title


def _in_masthead(element: lxml_html.HtmlElement) -> bool:
    """Whether an element sits in the site's masthead: a logo/banner block, or the page header outside the article."""
    chain = [element, *element.iterancestors()]
    names = [f"{node.get('class', '')} {node.get('id', '')}" for node in chain]
    if any(_MASTHEAD.search(n) for n in names):
        return True
    in_article = any(node.tag in ("article", "main") for node in chain)
    return not in_article and any(node.tag == "header" or _PAGE_HEADER.search(n) for node, n in zip(chain, names, strict=True))


def choose_published(
    meta_date: date | None,
    feed_published: str | None,
    tree: lxml_html.HtmlElement,
    head: ArticleHead,
    title: str | None,
    text: str,
    url: str | None,
) -> tuple[date | None, PublishedFrom | None]:
    """Page metadata first, then the feed entry, the byline under the heading or the text's top, the URL.

    The byline is read between the article's heading and its main text, then the kicker just above the
    heading, then the main text's lines before its first prose (with no heading found, the lines just above
    the text); dates anywhere else on the page belong to other items.
    """
    if meta_date is not None:
        return meta_date, "meta"
    if (feed := pagedates.parse_date_value(feed_published)) is not None:
        return feed, "feed"
    if head.found:
        visible = next((d for zone in (head.byline, head.above, head.top) if (d := pagedates.date_from_lines(zone, None))), None)
    else:
        visible = pagedates.date_from_lines(lines_near_title(tree, title), title)
    if visible is None:
        visible = pagedates.date_from_lines(text.splitlines()[:8], None)
    if visible is not None:
        return visible, "text"
    if (from_url := pagedates.date_from_url(url)) is not None:
        return from_url, "url"
    return None, None


def author_element(tree: lxml_html.HtmlElement) -> str | None:
    """The text of a short element marked as the author (rel/itemprop/class/id "author"), if any."""
    for element in _AUTHOR(tree):
        text = _clean(element.text_content())
        if text and 2 < len(text) < MAX_AUTHOR_CHARS:
            return text
    return None


def byline(text: str) -> str | None:
    """A trailing author line ("Minh Anh", "Nguyễn Văn Hùng"): short, capitalised words, no digits."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    last = lines[-1] if len(lines) > 1 else ""
    if 3 <= len(last) <= 40 and not last.startswith("Theo ") and _BYLINE.match(last):
        return last
    return None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = unicodedata.normalize("NFC", _SPACES.sub(" ", value)).strip()
    return cleaned or None
