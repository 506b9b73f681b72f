"""Article pages in the layouts of Vietnamese Party, government and newspaper sites, built from corpus texts.

Each dev/dev2 `.txt` text is read as an article — headline, own publication date (the gold `published`),
body lines — and wrapped, at test time, in page templates modelled on the CMSs those sites run: an old
table-based ASP.NET portal, Liferay and SharePoint e-government portals, NukeViet, a WordPress-like district
portal, a modern newspaper CMS (og:/article: meta, JSON-LD, a related box inside the body), an AMP page, a page
without <h1>, a byline after the title and a "Cập nhật lúc …" line. Every page carries menus, breadcrumbs,
related-news lists with their own titles and dates, tag clouds, comment boxes, share bars and footers with
addresses and phone numbers. The texts stay in the corpus; only the templates live here.
"""

from __future__ import annotations

import html as htmllib
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SPLITS = ("dev", "dev2")
MIN_RECALL_WORDS = 6
"""Body lines with fewer words (captions, counters, kickers) are not required in the main text."""
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\s*")
_HAS_DATE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}:\d{2}|tháng\s+\d+\s*,?\s*\d{4}|ngày \d+ tháng", re.I)
_NOT_TITLE = re.compile(r"\||^(?:cỡ chữ|hotline|hôm nay|chi tiết)", re.I)
"""Header lines of the source site's chrome ("Cỡ chữ: A+ A-", "Tiếng Việt | English", "Chi tiết - Huyện X"), never its headline."""
_PROSE_WORDS = 15
_PROSE_CHARS = 120
HEADER_LINES = 6

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
SITES = (
    ("Cổng thông tin điện tử huyện Tân Yên", "tanyen.bacgiang.gov.vn", "Số 1 đường Nguyễn Văn Cừ, thị trấn Cao Thượng, huyện Tân Yên, tỉnh Bắc Giang"),
    ("Báo Nhân Dân điện tử", "nhandan.vn", "Tòa soạn: 71 Hàng Trống, quận Hoàn Kiếm, Hà Nội"),
    ("Trang thông tin điện tử Đảng bộ tỉnh Lâm Đồng", "lamdong.dcs.vn", "Số 2 Trần Hưng Đạo, phường 3, thành phố Đà Lạt, tỉnh Lâm Đồng"),
    ("Báo Quảng Ninh điện tử", "baoquangninh.vn", "Tòa soạn: đường Nguyễn Văn Cừ, phường Hồng Hải, thành phố Hạ Long, tỉnh Quảng Ninh"),
    ("Ban Tuyên giáo Thành ủy Cần Thơ", "tuyengiao.cantho.gov.vn", "Số 2 Hòa Bình, quận Ninh Kiều, thành phố Cần Thơ"),
)
MENU = ("Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Xây dựng Đảng", "Chính trị", "Kinh tế", "Văn hóa - Xã hội",
        "Quốc phòng - An ninh", "Văn bản", "Liên hệ")
RELATED = (
    "Kết nạp 113 đảng viên mới", "Huyện ủy Lục Ngạn kết nạp 85 đảng viên trong 6 tháng đầu năm",
    "Đảng bộ thành phố Hà Nội kết nạp hơn 10.000 đảng viên", "Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm",
    "Khai giảng lớp bồi dưỡng nhận thức về Đảng", "Toàn tỉnh có 78.047 đảng viên, đạt 103% kế hoạch",
    "Trao Huy hiệu Đảng cho các đảng viên lão thành", "Lễ kết nạp đảng viên là học sinh trường THPT Chu Văn An",
    "Ra mắt chi bộ ấp văn hóa kiểu mẫu", "Xã Tân Hòa đạt chuẩn nông thôn mới nâng cao",
)
TAGS = ("phát triển đảng viên", "xây dựng Đảng", "kết nạp đảng viên", "tổ chức cơ sở đảng", "chi bộ", "đoàn viên ưu tú")
AUTHORS = ("Phóng viên", "Văn Hiến", "Thu Hà")
"""Bylines the templates print with the article: part of the article, not chrome."""
COMMENTS = ("Bài viết rất hay, cảm ơn tòa soạn!", "Mong các địa phương tiếp tục phát huy.")


@dataclass(frozen=True)
class Article:
    """A corpus text read as an article: headline, own date (None: the page prints none), body lines."""

    doc: str
    split: str
    title: str | None
    published: date | None
    body: tuple[str, ...]
    text: str
    gold: dict[str, Any]

    @property
    def key(self) -> str:
        return f"{self.split}/{self.doc}"


def _words(line: str) -> int:
    return len(line.split())


def _is_prose(line: str) -> bool:
    return len(line) > _PROSE_CHARS or _words(line) >= _PROSE_WORDS


def read_article(split: str, path: Path, gold: dict[str, Any]) -> Article:
    """The article in one corpus text: the header's headline, the gold date, every other line as body.

    Lines above the first prose line that the text printed (its own date line, a kicker) stay in the body
    as the text has them, so facts read from the page and from the text see the same sentences.
    """
    text = path.read_text(encoding="utf-8")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and (m := _DATE_PREFIX.match(lines[0])):
        lines[0] = lines[0][m.end():]
        lines = [line for line in lines if line]
    header = []
    for line in lines[:HEADER_LINES]:
        if _is_prose(line):
            break
        header.append(line)
    titles = [h for h in header if _words(h) >= 4 and not _HAS_DATE.search(h) and not _NOT_TITLE.search(h)]
    title = max(titles, key=len) if titles else None
    at = lines.index(title) if title else -1
    body = tuple(line for i, line in enumerate(lines) if i != at)
    published = gold.get("published")
    own = date.fromisoformat(published) if published and len(published) == 10 else None
    return Article(path.stem, split, title, own, body, text, gold)


def load_articles(corpus: Path, splits: tuple[str, ...] = SPLITS) -> list[Article]:
    """Every dev/dev2 article of the corpus, with its gold record."""
    out = []
    for split in splits:
        golds = {}
        for line in (corpus / split / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                golds[obj["doc"]] = obj
        for path in sorted((corpus / split / "docs").glob("*.txt")):
            out.append(read_article(split, path, golds.get(path.stem, {"doc": path.stem, "facts": []})))
    return out


# --------------------------------------------------------------------------------------------- page parts

E = htmllib.escape


@dataclass(frozen=True)
class Chrome:
    """The page furniture of one rendering: site, related items with their own dates, a headline or not."""

    site: str
    host: str
    address: str
    related: tuple[tuple[str, date], ...]
    rng_seed: int


def chrome_for(article: Article, layout: str) -> Chrome:
    """Deterministic chrome for an article in a layout: related items dated around (never on) its date."""
    rng = random.Random(f"{article.key}/{layout}")
    site, host, address = rng.choice(SITES)
    anchor = article.published or date(2021, 6, 15)
    titles = rng.sample(RELATED, 5)
    dates = [anchor + timedelta(days=rng.choice((-1, 1)) * rng.randint(3, 400)) for _ in titles]
    return Chrome(site, host, address, tuple(zip(titles, dates, strict=True)), rng.randint(0, 10**6))


def dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def weekday(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def headline(article: Article) -> str:
    """The page's headline: the text's own, else a neutral one (the text was cut above its title)."""
    return article.title or f"Tin hoạt động cơ sở số {article.doc}"


def menu(tag: str = "ul", cls: str = "menu") -> str:
    items = "".join(f'<li><a href="/chuyen-muc/{i}">{E(m)}</a></li>' for i, m in enumerate(MENU))
    return f'<{tag} class="{cls}">{items}</{tag}>'


def breadcrumb(sep: str = " » ") -> str:
    return f'<a href="/">Trang chủ</a>{sep}<a href="/tin-tuc">Tin tức - Sự kiện</a>{sep}<a href="/xay-dung-dang">Xây dựng Đảng</a>'


def related_items(chrome: Chrome, fmt: Callable[[str, date], str]) -> str:
    return "".join(fmt(t, d) for t, d in chrome.related)


def footer_text(chrome: Chrome) -> str:
    rng = random.Random(chrome.rng_seed)
    phone = f"0{rng.randint(200, 299)}.{rng.randint(100, 999)}.{rng.randint(1000, 9999)}"
    return (f"<p>© Bản quyền thuộc về {E(chrome.site)}</p><p>Địa chỉ: {E(chrome.address)}</p>"
            f"<p>Điện thoại: {phone} - Fax: {phone[:-1]}8 - Email: toasoan@{chrome.host}</p>"
            f"<p>Giấy phép số 123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>")


def tags_html() -> str:
    return "".join(f'<a href="/tag/{i}" class="tag">{E(t)}</a> ' for i, t in enumerate(TAGS))


def comments_html() -> str:
    items = "".join(f"<li><b>Bạn đọc {i + 1}</b><p>{E(c)}</p></li>" for i, c in enumerate(COMMENTS))
    return (f"<h3>Ý kiến bạn đọc</h3><ul>{items}</ul><form><textarea placeholder=\"Nhập ý kiến của bạn\"></textarea>"
            "<input placeholder=\"Họ tên\"><button>Gửi bình luận</button></form>")


def share_html() -> str:
    return '<span>Chia sẻ:</span> <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">Twitter</a> <a href="#">In bài</a>'


def paragraphs(article: Article) -> str:
    return "".join(f"<p>{E(line)}</p>" for line in article.body)


def iso(d: date, hour: int = 8, minute: int = 15) -> str:
    return f"{d.isoformat()}T{hour:02d}:{minute:02d}:00+07:00"


def page(title_tag: str, head: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{E(title_tag)}</title>{head}'
            f"</head><body>{body}</body></html>")


# --------------------------------------------------------------------------------------------- templates


def aspnet_table(a: Article, c: Chrome) -> str:
    """An old table-based ASP.NET portal: nested layout tables, a <span> title, <br>-separated body."""
    date_html = f'<span class="date">Cập nhật lúc 10:29, {weekday(a.published)}, {dmy(a.published)} (GMT+7)</span>' if a.published else ""
    body = "<br /><br />".join(E(line) for line in a.body)
    related = related_items(c, lambda t, d: f'<tr><td><img src="/img/dot.gif"> <a href="/tin/{d.toordinal()}.aspx">{E(t)}</a> ({dmy(d)})</td></tr>')
    left = "".join(f'<tr><td class="leftmenu"><a href="/m{i}.aspx">{E(m)}</a></td></tr>' for i, m in enumerate(MENU))
    body_html = (
        '<form method="post" action="./chitiet.aspx" id="form1"><input type="hidden" name="__VIEWSTATE" value="/wEPDwUKMTY1">'
        f'<table width="1000" cellpadding="0" cellspacing="0" align="center"><tr><td colspan="3"><img src="/images/banner.jpg" alt="{E(c.site)}"></td></tr>'
        f'<tr><td colspan="3" bgcolor="#b30000">{" | ".join(f"<a href=/m{i}.aspx>{E(m)}</a>" for i, m in enumerate(MENU))}</td></tr>'
        f'<tr><td width="200" valign="top"><table>{left}</table><table><tr><td><b>Thống kê truy cập</b></td></tr><tr><td>Đang truy cập: 37</td></tr><tr><td>Tổng lượt truy cập: 1.284.551</td></tr></table></td>'
        f'<td width="600" valign="top"><table width="100%"><tr><td>{breadcrumb(" > ")}</td></tr>'
        f'<tr><td><span id="ctl00_ContentPlaceHolder1_lblTitle" class="title">{E(headline(a))}</span></td></tr>'
        f"<tr><td>{date_html}</td></tr>"
        f'<tr><td align="justify"><span id="ctl00_ContentPlaceHolder1_lblContent">{body}</span></td></tr>'
        f"<tr><td>{share_html()}</td></tr>"
        f'<tr><td><b>Các tin khác</b></td></tr>{related}</table></td>'
        f'<td width="200" valign="top"><table><tr><td><b>Liên kết website</b></td></tr><tr><td><select><option>Chọn liên kết</option><option>Báo điện tử Đảng Cộng sản Việt Nam</option></select></td></tr></table></td></tr>'
        f'<tr><td colspan="3" align="center">{footer_text(c)}</td></tr></table></form>'
    )
    return page(c.site, "", body_html)


def liferay(a: Article, c: Chrome) -> str:
    """A Liferay e-government portal: portlets, a journal-content article, an "other news" portlet."""
    date_html = f'<div class="date-news">Ngày đăng: {dmy(a.published)} 08:15</div>' if a.published else ""
    others = related_items(c, lambda t, d: f'<li><a href="/web/guest/tin/-/asset_publisher/{d.toordinal()}">{E(t)}</a> <span class="date">({dmy(d)})</span></li>')
    body_html = (
        f'<div id="wrapper"><header id="banner" role="banner"><div class="site-title"><a href="/"><span>{E(c.site)}</span></a></div>'
        f'<nav id="navigation" class="sort-pages modify-pages">{menu()}</nav></header>'
        f'<div id="content"><div class="portlet-boundary portlet-breadcrumb"><ul class="breadcrumbs">{breadcrumb("")}</ul></div>'
        '<div class="columns-2"><div class="portlet-column" id="column-1">'
        '<div class="portlet-boundary portlet-journal-content"><div class="portlet-body"><div class="journal-content-article">'
        f'<h3 class="header-title">{E(headline(a))}</h3>{date_html}{paragraphs(a)}'
        f'</div><div class="taglib-social-bookmarks">{share_html()}</div></div></div>'
        f'<div class="portlet-boundary portlet-asset-publisher"><div class="portlet-title">Các tin khác</div><ul>{others}</ul></div></div>'
        '<div class="portlet-column" id="column-2"><div class="portlet-boundary"><div class="portlet-title">Văn bản mới</div>'
        '<ul><li><a href="/vb/1">Quyết định số 1245/QĐ-UBND ngày 12/05/2021</a></li><li><a href="/vb/2">Kế hoạch số 88/KH-UBND ngày 02/03/2021</a></li></ul></div></div></div></div>'
        f'<footer id="footer" role="contentinfo">{footer_text(c)}</footer></div>'
    )
    return page(f"{headline(a)} - {c.site}", "", body_html)


def sharepoint(a: Article, c: Chrome) -> str:
    """A SharePoint e-government portal: ribbon, s4-workspace, a rich-text field, "Tin khác" web part."""
    date_html = f'<span class="ngaydang">{dmy(a.published)} 10:29</span>' if a.published else ""
    others = related_items(c, lambda t, d: f'<tr><td class="ms-vb"><a href="/Pages/tin-{d.toordinal()}.aspx">{E(t)}</a></td><td class="ms-vb2">{dmy(d)}</td></tr>')
    body_html = (
        '<div id="s4-ribbonrow"><a href="#">Skip Ribbon Commands</a><a href="#mainContent">Skip to main content</a></div>'
        f'<div id="s4-workspace"><div id="s4-bodyContainer"><div class="header-top"><img src="/logo.png" alt="logo"><span>{E(c.site)}</span></div>'
        f'<div class="top-nav">{menu()}</div>'
        f'<div class="ms-breadcrumb">{breadcrumb(" > ")}</div>'
        '<div id="contentRow"><div id="sideNavBox"><ul class="ms-core-listMenu-root"><li><a href="/">Giới thiệu chung</a></li><li><a href="/">Cơ cấu tổ chức</a></li><li><a href="/">Thủ tục hành chính</a></li></ul></div>'
        '<div id="contentBox"><div class="ms-webpart-zone"><div class="article-detail">'
        f'<div class="title-detail">{E(headline(a))}</div>{date_html}'
        f'<div class="ms-rtestate-field">{paragraphs(a)}</div></div>'
        f'<div class="tin-khac"><h4>Tin khác</h4><table>{others}</table></div></div></div></div>'
        f'<div class="bottom-page">{footer_text(c)}</div></div></div>'
    )
    return page(f"{c.site} - {headline(a)}", "", body_html)


def nukeviet(a: Article, c: Chrome) -> str:
    """NukeViet's news module: h1.title, span.time, bodytext, keywords, newer/older news lists, comments."""
    date_html = f'<span class="h-date">{weekday(a.published)} - {dmy(a.published)} 10:29</span>' if a.published else ""
    newer = related_items(c, lambda t, d: f'<li><a href="/news/tin-tuc/{d.toordinal()}.html" title="{E(t)}">{E(t)}</a> <em>({dmy(d)})</em></li>')
    body_html = (
        f'<div id="wraper"><header><div class="logo"><a href="/"><img src="/uploads/logo.png" alt="{E(c.site)}"></a><h1>{E(c.site)}</h1></div></header>'
        f'<nav class="second-nav" id="menusite"><div class="container">{menu("ul", "nav navbar-nav")}</div></nav>'
        f'<div class="breadcrumbs-wrap"><ul class="breadcrumbs">{breadcrumb("")}</ul></div>'
        '<div class="col-md-16"><div class="news_column panel panel-default"><div class="panel-body">'
        f'<h1 class="title margin-bottom-lg">{E(headline(a))}</h1><div class="row margin-bottom-lg">{date_html}</div>'
        f'<div id="news-bodyhtml" class="bodytext margin-bottom-lg">{paragraphs(a)}</div></div></div>'
        f'<div class="news_column panel panel-default"><div class="panel-body keywords"><em class="fa fa-tags"></em>Từ khóa: {tags_html()}</div></div>'
        f'<div class="news_column panel panel-default"><div id="idcomment" class="panel-body">{comments_html()}</div></div>'
        f'<div class="news_column panel panel-default"><div class="panel-body other-news"><p class="h3"><strong>Những tin mới hơn</strong></p><ul class="related">{newer}</ul></div></div></div>'
        f'<footer id="footer"><div class="wraper">{footer_text(c)}</div></footer></div>'
    )
    return page(f"{headline(a)} - {c.site}", "", body_html)


def wordpress(a: Article, c: Chrome) -> str:
    """A WordPress district portal: entry header/meta/content, tags, related posts, comments, widgets."""
    meta = (f'<div class="entry-meta"><span class="posted-on">Đăng ngày <time class="entry-date published" datetime="{iso(a.published)}">'
            f"{a.published.day} Tháng {a.published.month}, {a.published.year}</time></span> bởi <span class=\"author vcard\">admin</span></div>") if a.published else ""
    recent = related_items(c, lambda t, d: f'<li><a href="/{d.year}/{d.month:02d}/{d.toordinal()}/">{E(t)}</a><span class="post-date">{d.day} Tháng {d.month}, {d.year}</span></li>')
    related = "".join(f'<div class="jp-relatedposts-post"><a href="/?p={d.toordinal()}">{E(t)}</a><p>{dmy(d)}</p></div>' for t, d in c.related[:3])
    body_html = (
        f'<div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="/">{E(c.site)}</a></p>'
        f'<nav id="site-navigation" class="main-navigation">{menu()}</nav></header>'
        '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">'
        f'<article id="post-1" class="post type-post"><header class="entry-header"><h1 class="entry-title">{E(headline(a))}</h1>{meta}</header>'
        f'<div class="entry-content">{paragraphs(a)}<div class="sharedaddy"><h3>Chia sẻ:</h3>{share_html()}</div>'
        f'<div id="jp-relatedposts" class="jp-relatedposts"><h3>Có liên quan</h3>{related}</div></div>'
        f'<footer class="entry-footer"><span class="tags-links">Thẻ: {tags_html()}</span></footer></article>'
        f'<div id="comments" class="comments-area">{comments_html()}</div></main></div>'
        f'<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2><ul>{recent}</ul></section></aside></div>'
        f'<footer id="colophon" class="site-footer">{footer_text(c)}</footer></div>'
    )
    return page(f"{headline(a)} – {c.site}", "", body_html)


def news_cms(a: Article, c: Chrome) -> str:
    """A modern newspaper CMS: og:/article: meta, JSON-LD, sapo, a "Tin liên quan" box inside the body."""
    head = [f'<meta property="og:title" content="{E(headline(a))}"><meta property="og:site_name" content="{E(c.site)}">',
            '<meta property="og:type" content="article">']
    ld: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline(a),
                          "publisher": {"@type": "Organization", "name": c.site}}
    if a.published:
        head.append(f'<meta property="article:published_time" content="{iso(a.published)}">')
        ld["datePublished"] = iso(a.published)
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Xây dựng Đảng", "item": f"https://{c.host}/xay-dung-dang"}]}
    head.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    head.append(f'<script type="application/ld+json">{json.dumps(crumbs, ensure_ascii=False)}</script>')
    date_html = f'<span class="article__time">{weekday(a.published)}, {dmy(a.published)}, 10:29 (GMT+7)</span>' if a.published else ""
    box = ('<div class="box-related"><h4>Tin liên quan</h4><ul>'
           + "".join(f'<li><a href="/{d.toordinal()}.html">{E(t)}</a> ({dmy(d)})</li>' for t, d in c.related[:3])
           + "</ul></div>")
    paras = [f"<p>{E(line)}</p>" for line in a.body]
    paras.insert(min(2, len(paras)), box)
    most_read = related_items(c, lambda t, d: f'<li><a href="/{d.toordinal()}.html">{E(t)}</a><time>{dmy(d)}</time></li>')
    body_html = (
        f'<header class="site-header"><div class="logo"><a href="/">{E(c.site)}</a></div><nav class="main-nav">{menu()}</nav>'
        '<div class="header-date">Thứ Sáu, 04/12/2026</div></header>'
        f'<main class="container"><div class="breadcrumb">{breadcrumb(" / ")}</div>'
        f'<article class="article"><h1 class="article__title">{E(headline(a))}</h1>'
        f'<div class="article__meta">{date_html} <span class="article__author">Phóng viên</span></div>'
        f'<div class="article__body">{"".join(paras)}</div>'
        f'<div class="article__share">{share_html()}</div><div class="article__tags">{tags_html()}</div></article>'
        f'<section class="comment-box">{comments_html()}</section>'
        f'<aside class="sidebar"><h3>Đọc nhiều</h3><ol>{most_read}</ol></aside></main>'
        f'<footer class="site-footer">{footer_text(c)}</footer>'
    )
    return page(f"{headline(a)} | {c.site}", "".join(head), body_html)


def amp(a: Article, c: Chrome) -> str:
    """An AMP/mobile page: amp-sidebar menu, <time>, amp-social-share, "Xem thêm" list."""
    date_html = f'<time datetime="{iso(a.published)}">{dmy(a.published)} 10:29</time>' if a.published else ""
    more = related_items(c, lambda t, d: f'<li><a href="/amp/{d.toordinal()}.html">{E(t)}</a> <span>{dmy(d)}</span></li>')
    body_html = (
        f'<amp-sidebar id="sidebar" layout="nodisplay" side="left">{menu()}</amp-sidebar>'
        f'<header class="amp-header"><button on="tap:sidebar.toggle">☰</button><a href="/">{E(c.site)}</a></header>'
        f'<div class="amp-content"><div class="amp-breadcrumb">{breadcrumb(" › ")}</div>'
        f'<h1 class="amp-title">{E(headline(a))}</h1><div class="amp-meta">{date_html}</div>'
        f'<div class="amp-body">{paragraphs(a)}</div>'
        '<div class="amp-share"><amp-social-share type="facebook"></amp-social-share><amp-social-share type="zalo"></amp-social-share></div>'
        f'<div class="amp-more"><h3>Xem thêm</h3><ul>{more}</ul></div></div>'
        f'<div class="amp-footer">{footer_text(c)}</div>'
    )
    return page(f"{headline(a)} - {c.site}", '<link rel="canonical" href="/bai-viet.html">', body_html).replace("<html ", "<html amp ", 1)


def no_h1(a: Article, c: Chrome) -> str:
    """A div portal without <h1>: the title in a <p class="title">, <title> "site | title", date label line."""
    date_html = f"<div>Ngày đăng: {dmy(a.published)}</div>" if a.published else ""
    others = related_items(c, lambda t, d: f'<div class="item"><a href="/tin/{d.toordinal()}">{E(t)}</a><div class="item-date">{dmy(d)} 08:00</div></div>')
    body_html = (
        f'<div class="wrapper"><div class="top"><img src="/logo.png" alt="logo"><b>{E(c.site)}</b></div>'
        f'<div class="nav-bar">{menu()}</div><div class="path">{breadcrumb(" / ")}</div>'
        '<div class="main"><div class="left">'
        f'<div class="item-list"><div class="box-title">Tin mới</div>{others}</div></div>'
        f'<div class="center"><div class="detail"><p class="title"><strong>{E(headline(a))}</strong></p>{date_html}'
        f'<div class="content">{paragraphs(a)}</div></div>'
        f'<div class="share-bar">{share_html()}</div><div class="tin-lien-quan"><b>Tin liên quan</b>{others}</div></div></div>'
        f'<div class="foot">{footer_text(c)}</div></div>'
    )
    return page(f"{c.site} | {headline(a)}", "", body_html)


def byline_after(a: Article, c: Chrome) -> str:
    """A portal with a sidebar of dated news before the article and the date in a byline after the title."""
    date_html = f'<div class="byline">Văn Hiến | 06:39, {dmy(a.published)}</div>' if a.published else '<div class="byline">Văn Hiến</div>'
    latest = related_items(c, lambda t, d: f'<li><span class="time">{dmy(d)} 07:12</span> <a href="/n/{d.toordinal()}">{E(t)}</a></li>')
    body_html = (
        f'<div class="page"><div class="masthead"><a href="/" class="logo">{E(c.site)}</a><div class="hotline">Đường dây nóng: 0912.345.678</div></div>'
        f'<ul class="topmenu">{"".join(f"<li><a href=/c/{i}>{E(m)}</a></li>" for i, m in enumerate(MENU))}</ul>'
        f'<div class="col-left"><h3>Tin mới nhất</h3><ul>{latest}</ul></div>'
        f'<div class="col-main"><h2 class="detail-title">{E(headline(a))}</h2>{date_html}'
        f'<div class="detail-content">{paragraphs(a)}</div>'
        f'<div class="detail-tags">Tags: {tags_html()}</div><div class="fb-comments">{comments_html()}</div></div>'
        f'<div class="foot-info">{footer_text(c)}</div></div>'
    )
    return page(headline(a), "", body_html)


def updated_line(a: Article, c: Chrome) -> str:
    """A newspaper portal with the site name in <h1>, a kicker, and a "Cập nhật lúc …" line under the title."""
    date_html = f'<p class="updated">Cập nhật lúc 21:26, {weekday(a.published)}, {dmy(a.published)} (GMT+7)</p>' if a.published else ""
    others = related_items(c, lambda t, d: f'<li><a href="/t/{d.toordinal()}">{E(t)}</a> <i>(Cập nhật lúc 08:00, {dmy(d)})</i></li>')
    body_html = (
        f'<div id="header"><h1 class="logo"><a href="/">{E(c.site)}</a></h1><div class="today">Hôm nay, ngày 4 tháng 12 năm 2026</div></div>'
        f'<div id="menu">{menu()}</div>'
        f'<div id="main"><div class="news-detail"><h2 class="news-title">{E(headline(a))}</h2>{date_html}'
        f'<div class="news-content">{paragraphs(a)}</div>'
        f'<div class="fontsize">Cỡ chữ: A+ A- | <a href="#">In bài</a> | <a href="#">Gửi email</a></div></div>'
        f'<div class="other-news"><h3>Các tin đã đưa</h3><ul>{others}</ul></div></div>'
        f'<div id="footer">{footer_text(c)}</div>'
    )
    return page(f"{c.site}", "", body_html)


def joomla(a: Article, c: Chrome) -> str:
    """A Joomla district portal: item-page, article-info with <dd class="published">, pager, "latest news" module."""
    info = (f'<dl class="article-info"><dd class="createdby">Viết bởi Ban Biên tập</dd><dd class="published">'
            f'<time datetime="{iso(a.published)}">Ngày đăng: {dmy(a.published)}</time></dd><dd class="hits">Lượt xem: 1254</dd></dl>') if a.published else ""
    latest = related_items(c, lambda t, d: f'<li itemscope><a href="/index.php/tin/{d.toordinal()}-x"><span itemprop="name">{E(t)}</span></a> <small>{dmy(d)}</small></li>')
    body_html = (
        f'<div class="body-innerwrapper"><div id="sp-top-bar">Thứ Sáu, 04/12/2026 | Hotline: 0204.3874.123</div>'
        f'<div id="sp-header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="{E(c.site)}"></a></div>'
        f'<div class="sp-megamenu-wrapper">{menu("ul", "sp-megamenu-parent")}</div></div>'
        '<div id="sp-main-body"><div class="row"><div id="sp-component" class="col-sm-8"><div class="sp-column">'
        f'<div class="item-page" itemscope itemtype="https://schema.org/Article"><div class="page-header"><h2 itemprop="headline">{E(headline(a))}</h2></div>'
        f'{info}<div itemprop="articleBody">{paragraphs(a)}</div>'
        '<ul class="pager pagenav"><li class="previous"><a href="/p">&lt; Trước</a></li><li class="next"><a href="/n">Tiếp theo &gt;</a></li></ul></div></div></div>'
        f'<div id="sp-right" class="col-sm-4"><div class="sp-module"><h3 class="sp-module-title">Tin mới cập nhật</h3><ul class="latestnews">{latest}</ul></div></div></div></div>'
        f'<div id="sp-bottom"><div class="container">{footer_text(c)}</div></div></div>'
    )
    return page(f"{headline(a)}", "", body_html)


def party_portal(a: Article, c: Chrome) -> str:
    """A Party portal: date line above the <h1>, a sapo, related items carrying their own summaries, no chrome class names."""
    date_html = f'<div class="d-date">{weekday(a.published)}, {dmy(a.published)} | 10:42</div>' if a.published else ""
    def item(t: str, d: date) -> str:
        return (f'<div class="it"><a href="/{d.toordinal()}.html"><img src="/t.jpg"></a><div class="tt"><a href="/{d.toordinal()}.html">{E(t)}</a>'
                f'<div class="dd">{dmy(d)} 09:15</div><div class="sp">Chiều {d.day}/{d.month}, đồng chí Bí thư đã dự và phát biểu chỉ đạo hội nghị.</div></div></div>')
    body_html = (
        f'<div class="wrap"><div class="hd"><a href="/"><img src="/logo.png" alt="logo"></a><span>{E(c.site)}</span></div>'
        f'<div class="mn">{menu("ul", "mnul")}</div>'
        f'<div class="ct"><div class="cl"><div class="bc">{breadcrumb(" / ")}</div>{date_html}'
        f'<h1 class="ttl">{E(headline(a))}</h1><div class="ctn">{paragraphs(a)}<p style="text-align:right"><b>Thu Hà</b></p></div>'
        f'<div class="box"><div class="box-hd">Tin cùng chuyên mục</div>{related_items(c, item)}</div></div>'
        f'<div class="cr"><div class="box-hd">Xem nhiều nhất</div>{related_items(c, item)}</div></div>'
        f'<div class="ft">{footer_text(c)}</div></div>'
    )
    return page(f"{headline(a)}", f'<meta name="description" content="{E(a.body[0][:150]) if a.body else ""}">', body_html)


def category_h1(a: Article, c: Chrome) -> str:
    """A portal whose <h1> is the section's name; the article's title is an <h2>, repeated in <title>."""
    date_html = f"<p><i>Ngày {dmy(a.published)} 10:42</i></p>" if a.published else ""
    others = "".join(f'<p><a href="/{d.toordinal()}">{E(t)}</a></p>' for t, d in c.related)
    body_html = (
        f'<div><div><a href="/"><img src="/logo.png" alt="{E(c.site)}"></a></div><div>{menu("ul", "nav")}</div>'
        '<div class="cat-band"><h1>Xây dựng Đảng</h1></div>'
        f'<div class="row"><div class="col-9"><h2>{E(headline(a))}</h2>{date_html}<div>{paragraphs(a)}</div>'
        f'<div><h4>Các bài khác</h4>{others}</div></div>'
        f'<div class="col-3"><h4>Thông báo</h4><p>Lịch tiếp công dân tháng {(a.published or date(2021, 6, 1)).month}</p></div></div>'
        f'<div>{footer_text(c)}</div></div>'
    )
    return page(f"{headline(a)} - {c.site}", "", body_html)


def inline_related(a: Article, c: Chrome) -> str:
    """A district portal in layout tables, with a bare box of undated links floated in the middle of the body."""
    links = "".join(f'<li><a href="/{d.toordinal()}">{E(t)}</a></li>' for t, d in c.related[:4])
    paras = [f"<p>{E(line)}</p>" for line in a.body]
    paras.insert(min(1, len(paras)), f'<div style="float:right;width:40%"><ul>{links}</ul></div>')
    date_html = f"<div>Thứ {a.published.weekday() + 2 if a.published.weekday() < 6 else 'Chủ Nhật'}, {dmy(a.published)}</div>" if a.published else ""
    body_html = (
        f'<center><table width="980"><tr><td><img src="/banner.gif"></td></tr><tr><td>{menu("div", "x")}</td></tr></table></center>'
        f'<div id="ctl00_divContent"><div class="tieude">{E(headline(a))}</div>{date_html}'
        f'<div id="ctl00_noidung">{"".join(paras)}</div></div>'
        f'<center><table width="980"><tr><td>{footer_text(c)}</td></tr></table></center>'
    )
    return page(c.site, "", body_html)


LAYOUTS: dict[str, Callable[[Article, Chrome], str]] = {
    "aspnet_table": aspnet_table, "liferay": liferay, "sharepoint": sharepoint, "nukeviet": nukeviet,
    "wordpress": wordpress, "news_cms": news_cms, "amp": amp, "no_h1": no_h1, "byline_after": byline_after,
    "updated_line": updated_line, "joomla": joomla, "party_portal": party_portal,
    "category_h1": category_h1, "inline_related": inline_related,
}


def render(article: Article, layout: str) -> str:
    """The article as a page of the layout."""
    return LAYOUTS[layout](article, chrome_for(article, layout))


def pages(articles: list[Article]) -> Iterator[tuple[str, Article, str]]:
    """(layout, article, html) for every layout and article."""
    for layout in LAYOUTS:
        for article in articles:
            yield layout, article, render(article, layout)
