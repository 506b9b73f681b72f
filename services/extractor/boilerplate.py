"""Page chrome removed by structure before trafilatura runs (pure, in place on the lxml tree).

Vietnamese portals wrap an article in menus, breadcrumbs, "Tin liên quan" lists with their own titles and
dates, tag clouds, share bars, comment boxes and footers with the newsroom's address. Old ASP.NET portals lay
the whole page out in one table, which trafilatura then keeps whole. Nothing here names a site: blocks are
judged by their role (nav/aside/footer, the page <header>, forms), their class/id vocabulary, their link
density, their text (footer contact lines, section labels), and layout tables are turned into plain blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from services.extractor.vocab import RELATED_LABELS

CHROME_NAMES = (
    "menu", "navbar", "navigation", "sidebar", "footer", "breadcrumb", "share", "social", "related",
    "comment", "banner", "advert", "quangcao", "lienquan", "lien-quan", "counter", "thongke", "thong-ke",
    "tinkhac", "tin-khac", "tin_khac", "other-news", "othernews", "news-other", "tag-list", "tags-links", "keyword",
    "widget", "copyright", "foot-", "-foot", "toolbar", "hotline",
)
"""Substrings of class/id values that mark page chrome on Vietnamese portals and news sites."""
CHROME_LABELS = (
    *RELATED_LABELS, "ý kiến bạn đọc",
    "bình luận", "gửi bình luận", "viết bình luận", "chia sẻ", "từ khóa", "từ khoá", "tags", "thẻ", "tag",
    "văn bản mới", "liên kết website", "thống kê truy cập", "lượt truy cập", "in bài", "gửi email", "cỡ chữ",
    "chuyên mục", "video", "thư viện ảnh", "quảng cáo", "đánh giá bài viết", "bản in", "lên đầu trang",
)
"""Section labels of page chrome ("Tin liên quan", "Chia sẻ:"): a short block saying only this is chrome."""
FOOTER_MARKERS = (
    "©", "bản quyền", "giấy phép", "địa chỉ:", "điện thoại:", "fax", "email:", "e-mail:", "tòa soạn:",
    "toà soạn:", "hotline", "đường dây nóng", "chịu trách nhiệm", "tổng biên tập", "ghi rõ nguồn",
)
"""Phrases of a site footer's imprint; a short block with two of them is the footer, not the article."""
MIN_FOOTER_MARKERS = 2
MAX_FOOTER_CHARS = 900
MAX_LABEL_CHARS = 40
MIN_LINKS = 3
MAX_LINK_DENSITY = 0.5
"""A block with at least MIN_LINKS links whose text is mostly link text is a list of links (menu, related)."""
MIN_PROSE = 200
"""A text run outside links this long is prose: a link-dense block holding one is not a link list, and the
block holding the page's longest such run (the article's) is never removed by its name or role."""
MAX_CHROME_SHARE = 1 / 3
"""A block holding more than this share of the page's text is kept, whatever it looks like."""
LAYOUT_CELL_CHARS = 400
MIN_TEASERS = 3
MAX_TEASER_CHARS = 400
TEASER_SHARE = 0.6
_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d{2}(?!\d)")
FORM_TAGS = ("select", "option", "textarea", "button", "input", "label")
_CHROME_NAME = re.compile("|".join(map(re.escape, CHROME_NAMES)), re.IGNORECASE)
_CHROME_TAGS = frozenset(("nav", "aside", "footer", "form"))
_BLOCKS = frozenset(
    ("div", "ul", "ol", "section", "table", "tbody", "tr", "td", "th", "span", "p", "nav", "aside", "footer",
     "header", "form", "li", "dl", "center", "font", "h2", "h3", "h4", "h5", "h6", "b", "strong", "em", "i", "a")
)
_LABEL_STRIP = re.compile(r"^[\s\W]+|[\s\W]+$")
_LABELS = frozenset(CHROME_LABELS)
_STRING = etree.XPath("string()")


@dataclass(slots=True)
class _Stats:
    chars: int = 0
    link_chars: int = 0
    links: int = 0
    prose: int = 0
    """Length of the longest text run outside links in the element (a paragraph of the article, typically)."""


def unwrap_layout_tables(tree: lxml_html.HtmlElement) -> int:
    """Turn layout tables into divs: those holding tables or forms, of one column, or with cells of long prose.

    Data tables (figures by unit and year) have several columns of short cells and stay tables.
    """
    changed = 0
    for table in list(tree.iter("table")):
        if not _is_layout_table(table):
            continue
        for element in [table, *_own_rows_and_cells(table)]:
            element.tag = "div"
            for attr in ("width", "align", "valign", "cellpadding", "cellspacing", "colspan", "bgcolor"):
                element.attrib.pop(attr, None)
        changed += 1
    return changed


def _is_layout_table(table: lxml_html.HtmlElement) -> bool:
    if table.find(".//table") is not None or table.find(".//form") is not None:
        return True
    cells = _own_rows_and_cells(table)
    rows = [c for c in cells if c.tag == "tr"]
    if rows and all(sum(1 for cell in row if cell.tag in ("td", "th")) <= 1 for row in rows):
        return True
    return any(len(_STRING(cell)) > LAYOUT_CELL_CHARS for cell in _own_rows_and_cells(table) if cell.tag in ("td", "th"))


def _own_rows_and_cells(table: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The table's own tbody/thead/tr/td/th (not those of tables nested in its cells)."""
    out = []
    for child in table:
        if child.tag in ("tbody", "thead", "tfoot"):
            out.append(child)
            rows = list(child)
        else:
            rows = [child]
        for row in rows:
            if row.tag == "tr":
                out.append(row)
                out += [cell for cell in row if cell.tag in ("td", "th")]
    return out


def prune_chrome(tree: lxml_html.HtmlElement) -> int:
    """Remove chrome blocks (see the module docstring); returns how many were removed."""
    for element in tree.iter(*FORM_TAGS):
        element.text = None
    body = tree.find(".//body")
    if body is None:
        return 0
    stats = _measure(body)
    total = stats[body].chars or 1
    longest = stats[body].prose
    removed = 0
    stack = list(body)
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        small = stats[element].chars <= total * MAX_CHROME_SHARE
        s = stats[element]
        holds_article = s.prose >= MIN_PROSE and s.prose == longest
        if element.tag in _BLOCKS and (
            (small and not holds_article and _is_chrome(element, s)) or _is_news_list(element, stats)
        ):
            _remove(element)
            removed += 1
        else:
            stack.extend(element)
    return removed


def _measure(body: lxml_html.HtmlElement) -> dict[lxml_html.HtmlElement, _Stats]:
    """Text, link-text length and link count of every element, in one post-order pass."""
    stats: dict[lxml_html.HtmlElement, _Stats] = {}
    for element in reversed(list(body.iter())):
        if not isinstance(element.tag, str):
            stats[element] = _Stats()
            continue
        s = _Stats(len(element.text or ""), prose=len((element.text or "").strip()))
        for child in element:
            c = stats.get(child)
            if c is not None:
                s.chars += c.chars
                s.link_chars += c.link_chars
                s.links += c.links
                s.prose = max(s.prose, c.prose)
            s.chars += len(child.tail or "")
            s.prose = max(s.prose, len((child.tail or "").strip()))
        if element.tag == "a":
            s.links += 1
            s.link_chars = s.chars
            s.prose = 0
        stats[element] = s
    return stats


def _is_chrome(element: lxml_html.HtmlElement, s: _Stats) -> bool:
    tag = element.tag
    if tag in _CHROME_TAGS or (tag == "header" and _page_header(element)):
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    if names.strip() and _CHROME_NAME.search(names):
        return True
    if s.links >= MIN_LINKS and s.link_chars > MAX_LINK_DENSITY * s.chars and s.prose < MIN_PROSE:
        return True
    if s.chars <= MAX_LABEL_CHARS and s.chars and is_chrome_label(_STRING(element)):
        return True
    if s.chars <= MAX_FOOTER_CHARS and s.chars:
        low = _STRING(element).lower()
        return sum(marker in low for marker in FOOTER_MARKERS) >= MIN_FOOTER_MARKERS
    return False


def _is_news_list(element: lxml_html.HtmlElement, stats: dict[lxml_html.HtmlElement, _Stats]) -> bool:
    """A list of news teasers: 3+ children, all short, most holding a link and a date of their own.

    Related and most-read boxes whose teasers carry summaries are not link-dense, and on a short article
    they may outweigh it; an article is never a run of short dated links, so no share limit applies.
    """
    if stats[element].links < MIN_LINKS or len(element) < MIN_TEASERS:
        return False
    children = [c for c in element if isinstance(c.tag, str) and stats[c].chars]
    if len(children) < MIN_TEASERS or any(stats[c].chars > MAX_TEASER_CHARS for c in children):
        return False
    teasers = sum(1 for c in children if stats[c].links and _DATE.search(_STRING(c)))
    return teasers >= MIN_TEASERS and teasers >= TEASER_SHARE * len(children)


def is_chrome_label(text: str) -> bool:
    """Whether a short text is a chrome section label ("Tin liên quan", "Chia sẻ:", "Từ khóa: …")."""
    low = _LABEL_STRIP.sub("", " ".join(text.lower().split()))
    if low in _LABELS:
        return True
    head = low.split(":", 1)[0].strip()
    return head != low and head in _LABELS


def _page_header(element: lxml_html.HtmlElement) -> bool:
    """A <header> of the page (outside article/main; a menu, or no heading or <time>), not an article's header."""
    if any(node.tag in ("article", "main") for node in element.iterancestors()):
        return False
    if element.find(".//nav") is not None:
        return True
    return next(element.iterdescendants("h1", "h2", "h3", "time"), None) is None


def _remove(element: lxml_html.HtmlElement) -> None:
    """Drop an element, keeping its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
