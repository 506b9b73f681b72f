"""Article texts rendered into HTML pages with realistic Vietnamese portal chrome (bench and tests)."""

from __future__ import annotations

import html
import json
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_MENU = ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Xây dựng Đảng", "Chính trị", "Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh", "Văn bản chỉ đạo", "Lịch công tác", "Thủ tục hành chính", "Hỏi đáp", "Liên hệ", "Sơ đồ cổng", "Thông báo", "Chuyên đề", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Cải cách hành chính", "Chuyển đổi số", "Video"]
_HEADLINES = ["Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15", "Triển khai kế hoạch chuyển đổi số năm 2024", "Ra quân Tháng Thanh niên với nhiều hoạt động thiết thực", "Kiểm tra công tác phòng chống thiên tai tại các xã", "Tổng kết công tác Mặt trận năm 2023", "Hội thi báo cáo viên giỏi cấp huyện", "Trao tặng Huy hiệu 30 năm tuổi Đảng", "Giao ban công tác tuyên giáo quý III", "Đẩy mạnh phong trào thi đua yêu nước", "Lễ ra quân huấn luyện năm 2024", "Tăng cường quản lý đất đai, tài nguyên khoáng sản", "Chương trình mục tiêu quốc gia xây dựng nông thôn mới", "Hội nghị học tập, quán triệt Nghị quyết Trung ương", "Thăm, tặng quà gia đình chính sách dịp Tết", "Đối thoại với nhân dân về giải phóng mặt bằng", "Sơ kết 6 tháng thực hiện nhiệm vụ chính trị"]
_SCRIPT = (
    "var _gaq=_gaq||[];_gaq.push(['_setAccount','UA-000000-1']);_gaq.push(['_trackPageview']);"
    "function showMenu(id){var e=document.getElementById(id);if(e){e.style.display='block';}}"
    "function hideMenu(id){var e=document.getElementById(id);if(e){e.style.display='none';}}"
    "window.onload=function(){for(var i=0;i<20;i++){var m=document.getElementById('m'+i);if(m){m.onmouseover="
    "function(){showMenu(this.id+'_sub');};}}};"
) * 12
_STYLE = ".menu li{float:left;padding:4px 8px}.sidebar{width:300px}.footer{background:#a00;color:#fff}" * 20


@dataclass(frozen=True)
class Article:
    """An article text to render: name, title line, body paragraphs and publication date."""

    name: str
    title: str
    paragraphs: tuple[str, ...]
    published: date | None


def article_from_text(name: str, text: str, published: date | None = None) -> Article:
    """Split a plain-text article into its first line (title) and its paragraphs."""
    paras = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
    return Article(name, paras[0] if paras else name, tuple(paras[1:]), published)


def load_corpus(root: Path) -> list[Article]:
    """The seed and dev texts of ../shared/corpus (or seeds/articles of the repo) as Articles."""
    out: list[Article] = []
    for part, docs in (("seeds", "docs"), ("dev", "docs"), ("articles", "")):
        folder = root / part / docs if docs else root / part
        gold = _gold_dates(folder.parent / "gold.jsonl" if docs else folder / "gold.jsonl")
        for path in sorted(folder.glob("*.txt")):
            out.append(article_from_text(path.stem, path.read_text("utf-8"), gold.get(path.stem)))
    return out


def _gold_dates(path: Path) -> dict[str, date | None]:
    if not path.exists():
        return {}
    dates: dict[str, date | None] = {}
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        dates[row["doc"]] = date.fromisoformat(row["published"]) if row.get("published") else None
    return dates


def _links(items: list[str], seed: int, prefix: str) -> str:
    return "".join(
        f'<li><a href="/{prefix}/{(seed + i) % 9973}-{i}.html" title="{html.escape(t)}">{html.escape(t)}</a></li>'
        for i, t in enumerate(items)
    )


def _rotate(items: tuple[str, ...], seed: int, n: int) -> list[str]:
    return [items[(seed + i) % len(items)] for i in range(n)]


def _head(a: Article, seed: int, with_meta: bool) -> str:
    title = html.escape(a.title)
    meta = ""
    if with_meta and a.published:
        meta = (
            f'<meta property="article:published_time" content="{a.published.isoformat()}T08:30:00+07:00"/>'
            f'<meta property="og:title" content="{title}"/><meta name="author" content="Ban Tuyên giáo"/>'
        )
    return (
        f'<head><meta charset="utf-8"/><title>{title} - Cổng thông tin điện tử</title>'
        f'<meta name="viewport" content="width=device-width"/><meta name="keywords" content="xây dựng Đảng"/>{meta}'
        f"<style>{_STYLE}</style><script>{_SCRIPT}</script></head>"
    )


def _chrome_top(seed: int, named: bool) -> str:
    """Logo, today's date, a mega menu (20 sections × 8 links), search form and breadcrumb."""
    menu = "".join(
        f'<li id="m{i}"><a href="/c/{i}">{html.escape(m)}</a><ul id="m{i}_sub">'
        f"{_links(_rotate(tuple(_HEADLINES), seed + i, 8), seed + i, 'c')}</ul></li>"
        for i, m in enumerate(_MENU)
    )
    return (
        '<div id="header"><div class="logo"><a href="/"><img src="/logo.png" alt="Logo"/></a>'
        "<span>ĐẢNG CỘNG SẢN VIỆT NAM - CỔNG THÔNG TIN ĐIỆN TỬ</span></div>"
        f'<div class="today">Hôm nay: Thứ Hai, 22/11/2026</div><ul class="{"menu" if named else "nav-top"}">{menu}</ul>'
        '<form action="/search"><input name="q" placeholder="Tìm kiếm"/><button>Tìm</button></form></div>'
        f'<div class="{"breadcrumb" if named else "path"}"><a href="/">Trang chủ</a> » <a href="/c/3">Xây dựng Đảng</a></div>'
    )


def _date_line(a: Article, seed: int) -> str:
    if a.published is None:
        return ""
    d = a.published
    forms = (
        f"Cập nhật lúc 08:{seed % 60:02d}, Thứ Hai, {d.day:02d}/{d.month:02d}/{d.year}",
        f"{(seed % 24):02d}:39, {d.day:02d}/{d.month:02d}/{d.year}",
        f"Ngày đăng: {d.day}/{d.month}/{d.year}",
    )
    return f'<div class="date">{forms[seed % 3]}</div>'


def _body(a: Article, seed: int) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in a.paragraphs)
    share = '<div class="share"><a href="#">Chia sẻ</a> <a href="#">In bài</a> <a href="#">Gửi email</a></div>'
    return (
        f'<h1 class="title">{html.escape(a.title)}</h1>{_date_line(a, seed)}'
        f'<div class="content">{paras}<p class="author"><strong>Minh Anh</strong></p></div>{share}'
    )


def _box(title: str, items: list[str], seed: int, prefix: str, cls: str) -> str:
    """A news box as portals render it: heading, items with thumbnail and date."""
    rows = "".join(
        f'<div class="item"><a href="/{prefix}/{(seed + i) % 9973}.html"><img src="/thumb/{i}.jpg" alt=""/></a>'
        f'<a class="t" href="/{prefix}/{(seed + i) % 9973}.html">{html.escape(t)}</a>'
        f'<span class="d">{(seed + i) % 28 + 1:02d}/{(seed + i) % 12 + 1:02d}/2024</span></div>'
        for i, t in enumerate(items)
    )
    return f'<div class="{cls}"><div class="hd"><h3>{title}</h3></div><div class="bd">{rows}</div></div>'


def _sidebar(seed: int, named: bool) -> str:
    cls = "sidebar" if named else "col-md-4 col-right"
    boxes = "".join(
        _box(title, _rotate(tuple(_HEADLINES), seed + k * 3, 10), seed + k, f"s{k}", "box-news")
        for k, title in enumerate(("Tin mới", "Đọc nhiều", "Văn bản mới"))
    )
    poll = (
        '<div class="poll"><h3>Thăm dò ý kiến</h3><form action="/poll"><label><input type="radio" name="v"/>'
        "Rất hài lòng</label><label><input type=\"radio\" name=\"v\"/>Hài lòng</label><button>Bình chọn</button>"
        "</form></div>"
    )
    counter = '<div class="counter">Lượt truy cập: 6923588<br/>Hôm nay: 1557<br/>Đang truy cập: 42</div>'
    return f'<div class="{cls}">{boxes}{poll}{counter}</div>'


def _footer(seed: int, named: bool) -> str:
    columns = "".join(
        f'<div class="col"><h4>{_MENU[k]}</h4><ul>{_links(_rotate(tuple(_MENU), seed + k, 8), seed, "f")}</ul></div>'
        for k in range(4)
    )
    return (
        f'<div class="{"footer" if named else "ft"}">{columns}'
        "<p>Cơ quan chủ quản: Ban Tuyên giáo Tỉnh ủy. Địa chỉ: số 1 đường Trần Phú.</p>"
        "<p>Điện thoại: 0204.3854.123 - Email: banbientap@example.vn</p>"
        "<p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div>"
        f"<script>{_SCRIPT}</script>"
    )


def _same_section(seed: int) -> str:
    return _box("Tin cùng chuyên mục", _rotate(tuple(_HEADLINES), seed + 7, 10), seed, "cung-muc", "box-other")


def render_page(a: Article, *, with_meta: bool | None = None, chrome: str = "portal") -> str:
    """A full HTML page for `a`; chrome "portal" (mega menu, news boxes, sidebar, footer) or "thin"."""
    seed = zlib.crc32(a.name.encode())
    meta = bool(seed % 2) if with_meta is None else with_meta
    if chrome == "thin":
        return _thin_page(a, seed, meta)
    named = seed % 3 != 0
    return (
        f'<!DOCTYPE html><html lang="vi">{_head(a, seed, meta)}<body>{_chrome_top(seed, named)}'
        f'<div class="main"><div class="col-md-8"><div class="article">{_body(a, seed)}</div>{_same_section(seed)}</div>'
        f"{_sidebar(seed, named)}</div>{_footer(seed, named)}</body></html>"
    )


def _thin_page(a: Article, seed: int, meta: bool) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in a.paragraphs)
    return (
        f'<!DOCTYPE html><html lang="vi">{_head(a, seed, meta)}<body><header><nav><a href="/">Trang chủ</a> | '
        f'Xây dựng Đảng | Thời sự</nav></header><main><article><h1>{html.escape(a.title)}</h1>{_date_line(a, seed)}'
        f'<div class="content">{paras}</div></article></main><footer>Bản quyền thuộc Ban Tuyên giáo.</footer>'
        "</body></html>"
    )


def page_url(a: Article) -> str:
    """An article URL in the common `<slug>-<yyyymmdd>...html` form (date when known)."""
    stamp = a.published.strftime("%Y%m%d") if a.published else "0"
    return f"https://example.gov.vn/tin-tuc/{a.name}-{stamp}1030.html"
