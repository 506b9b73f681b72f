"""A generated fixture site: hundreds of article pages built from the seed articles with varied
organisations, figures and publication dates, served through paged RSS feeds and HTML listing pages.

Deterministic for a given seed, so the expected facts can be computed exactly by running the pure
extraction on the same pages. Several versions of one organisation's article carry different dates
and figures, so "latest published wins" is exercised.
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

from aiohttp import web

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "articles"
VN = timezone(timedelta(hours=7))

# Templates: seed article, the place it reports on (every spelling), whether that place can be swapped.
TEMPLATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("000_6511829d81916481", ("Hiệp Hòa", "Hiệp Hoà")),
    ("001_f2f262a344c2f3a3", ("Ea Súp", "EaSúp", "Easúp", "EASÚP")),
    ("003_e9fc23dd2bee9b62", ("Hương Khê",)),
    ("002_3e2dcad87906c609", ()),
    ("004_43c1438c74c6943c", ()),
)
# Real district-level units (before July 2025), to vary the reporting organisation.
DISTRICTS = (
    "Yên Dũng", "Lục Nam", "Tân Yên", "Lạng Giang", "Sơn Động", "Yên Thế", "Quế Võ", "Gia Bình", "Tiên Du",
    "Thuận Thành", "Lương Tài", "Krông Búk", "Cư M'gar", "Krông Pắc", "Lắk", "Buôn Đôn", "Can Lộc", "Đức Thọ",
    "Nghi Xuân", "Thạch Hà", "Kỳ Anh", "Hương Sơn", "Vũ Quang", "Cẩm Xuyên", "Tiên Yên", "Đầm Hà", "Hải Hà",
    "Vân Đồn", "Ba Chẽ", "Bình Liêu", "Phú Lương", "Đại Từ", "Định Hóa", "Võ Nhai", "Đồng Hỷ", "Phú Bình",
    "Thanh Chương", "Nam Đàn", "Hưng Nguyên", "Diễn Châu", "Yên Thành", "Quỳnh Lưu", "Tam Nông", "Thanh Ba",
)
COUNT_BEFORE = re.compile(r"(?<=kết nạp được )(\d{2,4})\b|(?<=kết nạp )(\d{2,4})\b|\b(\d{2,4})(?= đảng viên)")


@dataclass(frozen=True)
class GeneratedArticle:
    """One page of the generated site."""

    path: str
    title: str
    published: datetime
    text: str
    template: str


def _vary_counts(text: str, rng: random.Random) -> str:
    """Shift admission/membership counts by a random amount (same shift across one article)."""
    delta = rng.randint(-9, 40)
    return COUNT_BEFORE.sub(lambda m: str(max(1, int(m.group(0)) + delta)), text)


def _swap_place(text: str, spellings: tuple[str, ...], new: str) -> str:
    for old in spellings:
        text = text.replace(old, new).replace(old.upper(), new.upper())
    return text


def _title(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if len(ln.strip()) > 25]
    return lines[0][:160] if lines else "Công tác phát triển đảng viên"


def generate(n: int, seed: int = 7, versions: int = 3) -> list[GeneratedArticle]:
    """`n` articles; each (template, place) gets up to `versions` dated versions."""
    rng = random.Random(seed)
    texts = {doc: (SEEDS / f"{doc}.txt").read_text(encoding="utf-8") for doc, _ in TEMPLATES}
    out: list[GeneratedArticle] = []
    start = datetime(2019, 1, 1, 8, 0, tzinfo=VN)
    # distinct publication days: the sink breaks same-day ties by fetch time, which expectations cannot know
    days = rng.sample(range(max(n, 6 * 365)), n)
    while len(out) < n:
        i = len(out)
        doc, spellings = TEMPLATES[i % len(TEMPLATES)]
        place = DISTRICTS[(i // (len(TEMPLATES) * versions)) % len(DISTRICTS)]
        text = _swap_place(texts[doc], spellings, place) if spellings else texts[doc]
        text = _vary_counts(text, rng)
        published = start + timedelta(days=days[i], minutes=rng.randint(0, 600))
        out.append(GeneratedArticle(f"/bai-viet/{doc[:3]}-{i:04d}.html", _title(text), published, text, doc))
    return out


def render_page(a: GeneratedArticle) -> str:
    """An article page with chrome, a meta publication time and a visible date line."""
    body = "\n".join(f"<p>{html.escape(ln.strip())}</p>" for ln in a.text.splitlines() if ln.strip())
    when = a.published.strftime("%H:%M, %d/%m/%Y")
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(a.title)}</title>'
        f'<meta property="article:published_time" content="{a.published.isoformat()}"></head><body>'
        '<header><nav><a href="/">Trang chủ</a> | Xây dựng Đảng | Thời sự</nav></header>'
        f"<main><article><h1>{html.escape(a.title)}</h1><div class='date'>Cập nhật lúc {when}</div>"
        f"<div class='content'>{body}</div></article></main><footer>Cổng thông tin (chaos fixture)</footer>"
        "</body></html>"
    )


def render_feed(items: list[GeneratedArticle], base: str, tracking: bool) -> str:
    """RSS 2.0 feed of `items`; with `tracking` the links carry utm parameters the crawler strips."""
    suffix = "?utm_source=rss&utm_medium=feed" if tracking else ""
    entries = "".join(
        f"<item><title>{html.escape(a.title)}</title><link>{html.escape(base + a.path + suffix)}</link>"
        f"<pubDate>{format_datetime(a.published)}</pubDate></item>"
        for a in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>chaos</title>'
        f"<link>{base}/</link><description>generated</description>{entries}</channel></rss>"
    )


def render_listing(items: list[GeneratedArticle]) -> str:
    """An HTML listing page linking to `items`."""
    links = "".join(f'<li><a href="{a.path}">{html.escape(a.title)}</a></li>' for a in items)
    return f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body><ul>{links}</ul></body></html>'


def build_app(articles: list[GeneratedArticle], per_feed: int = 50) -> web.Application:
    """Serve pages, /rss/<k>.xml feeds and /tin-tuc/trang-<k>.html listings over `articles`."""
    pages = {a.path: render_page(a) for a in articles}
    chunks = [articles[i : i + per_feed] for i in range(0, len(articles), per_feed)]

    async def page(request: web.Request) -> web.Response:
        body = pages.get(request.path)
        if body is None:
            raise web.HTTPNotFound()
        return web.Response(text=body, content_type="text/html", charset="utf-8")

    async def feed(request: web.Request) -> web.Response:
        k = int(request.match_info["k"])
        base = f"{request.scheme}://{request.host}"
        xml = render_feed(chunks[k], base, tracking=k % 2 == 1) if k < len(chunks) else ""
        return web.Response(text=xml, content_type="application/rss+xml", charset="utf-8")

    async def listing(request: web.Request) -> web.Response:
        k = int(request.match_info["k"])
        return web.Response(text=render_listing(chunks[k] if k < len(chunks) else []), content_type="text/html")

    async def robots(request: web.Request) -> web.Response:
        return web.Response(text="User-agent: *\nAllow: /\n")

    app = web.Application()
    app.router.add_get("/robots.txt", robots)
    app.router.add_get("/rss/{k:\\d+}.xml", feed)
    app.router.add_get("/tin-tuc/trang-{k:\\d+}.html", listing)
    app.router.add_get("/bai-viet/{name}", page)
    return app


def sources_yaml(base: str, n_feeds: int, listing_pages: int = 2, poll_s: float = 2.0) -> str:
    """A sources registry: one RSS source per feed plus a listing-page source."""
    import yaml

    def source(sid: str, entries: list[dict[str, str]]) -> dict[str, object]:
        return {
            "id": sid, "name": sid, "province": "Toàn quốc", "home": base + "/", "kind": "national",
            "entries": entries, "min_interval": poll_s, "max_interval": poll_s * 3, "allow_loopback": True,
        }

    sources = [source(f"chaos-feed-{k}", [{"kind": "rss", "url": f"{base}/rss/{k}.xml"}]) for k in range(n_feeds)]
    listing = [
        {"kind": "listing", "url": f"{base}/tin-tuc/trang-{k}.html", "link_pattern": r"/bai-viet/[\w-]+\.html$"}
        for k in range(listing_pages)
    ]
    sources.append(source("chaos-listing", listing))
    return yaml.safe_dump({"sources": sources}, allow_unicode=True, sort_keys=False)
