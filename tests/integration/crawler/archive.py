"""A generated news site with a multi-year archive on loopback: numbered listing pages (newest first), a
monthly sitemap index, robots.txt, and some article pages gone (404) or moved (301 to a new address); and a
live section on the same host (/tin-moi, whose articles the test adds while it runs)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml
from aiohttp import web

from tests.integration.crawler.site import LoopbackServer

PER_PAGE = 20
TEXT = "Năm {y}, Đảng bộ huyện kết nạp {n} đảng viên mới, đạt {p}% kế hoạch. Công tác phát triển đảng viên được chú trọng."


@dataclass(frozen=True)
class ArchiveArticle:
    """One article of the archive."""

    n: int
    published: date
    gone: bool = False
    moved: bool = False
    private: bool = False

    @property
    def path(self) -> str:
        """Where listings and sitemaps link to it."""
        return f"/private/{self.n}.html" if self.private else f"/bai-viet/tin-{self.n}.html"

    @property
    def final_path(self) -> str:
        """Where it is served (moved pages redirect here)."""
        return f"/bai-viet-moi/tin-{self.n}.html" if self.moved else self.path


def archive(n: int, first: date = date(2015, 1, 1), last: date = date(2024, 12, 31)) -> list[ArchiveArticle]:
    """`n` articles spread evenly over [first, last], newest first; every 37th gone, every 23rd moved,
    every 101st under /private/ (disallowed by robots.txt)."""
    span = (last - first).days
    out = []
    for i in range(n):
        day = last - timedelta(days=span * i // max(1, n - 1))
        out.append(ArchiveArticle(i, day, gone=i % 37 == 5, moved=i % 23 == 7, private=i % 101 == 50))
    return out


@dataclass
class ArchiveSite:
    """The site's articles and request log."""

    articles: list[ArchiveArticle]
    port: int = 0
    calls: Counter[str] = field(default_factory=Counter)
    live: list[int] = field(default_factory=list)  # live section article numbers, newest last
    log: list[tuple[str, float]] = field(default_factory=list)  # (path, monotonic time) of every request
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (host, path and query, User-Agent)

    @property
    def base(self) -> str:
        """http://localhost:port."""
        return f"http://localhost:{self.port}"

    def published_after(self, since: date, base: str | None = None) -> set[str]:
        """Final URLs of the articles a backfill to `since` must publish (reachable, allowed, not older), on
        the site addressed as `base` (default: localhost)."""
        return {(base or self.base) + a.final_path for a in self.articles
                if a.published >= since and not a.gone and not a.private}


def archive_source(sid: str, base: str, since: date) -> dict[str, object]:
    """A registry entry: live polling of the archive's first listing page, a listing backfill down to `since`."""
    return {"id": sid, "name": sid, "province": "Huế", "kind": "party_committee", "home": base,
            "allow_loopback": True, "min_interval": 3600, "max_interval": 3600,
            "entries": [{"kind": "listing", "url": f"{base}/tin-tuc?page=1", "link_pattern": "/bai-viet/"}],
            "backfill": {"since": since.isoformat(), "listing": f"{base}/tin-tuc?page={{n}}",
                         "link_pattern": r"/(bai-viet|private)/"}}


def write_registry(path: Path, *sources: dict[str, object]) -> Path:
    """A sources file with these entries."""
    path.write_text(yaml.safe_dump({"sources": list(sources)}, allow_unicode=True), encoding="utf-8")
    return path


def _page(a: ArchiveArticle, base: str) -> str:
    return (f'<html><head><meta charset="utf-8"><title>Tin {a.n}</title>'
            f'<meta property="article:published_time" content="{a.published.isoformat()}T08:00:00+07:00">'
            f'<link rel="canonical" href="{base}{a.final_path}"></head><body><h1>Tin {a.n}</h1>'
            f"<p>{TEXT.format(y=a.published.year, n=100 + a.n % 400, p=90 + a.n % 20)}</p></body></html>")


def build_app(site: ArchiveSite) -> web.Application:
    """Listing pages /tin-tuc?page=N, /sitemap_index.xml → /sitemaps/YYYY-MM.xml, article pages."""
    by_path = {a.path: a for a in site.articles} | {a.final_path: a for a in site.articles}
    months: dict[str, list[ArchiveArticle]] = {}
    for a in site.articles:
        months.setdefault(a.published.strftime("%Y-%m"), []).append(a)

    @web.middleware
    async def record(request: web.Request, handler):  # type: ignore[no-untyped-def]
        site.calls[request.path] += 1
        site.log.append((request.path, time.monotonic()))
        site.requests.append((request.host, request.path_qs, request.headers.get("User-Agent", "")))
        return await handler(request)

    async def robots(request: web.Request) -> web.Response:
        return web.Response(text="User-agent: *\nDisallow: /private/\n")

    async def listing(request: web.Request) -> web.Response:
        n = int(request.query.get("page", "1"))
        chunk = site.articles[(n - 1) * PER_PAGE: n * PER_PAGE]
        links = "".join(f'<li><a href="{a.path}">Tin {a.n}</a></li>' for a in chunk)
        last = (len(site.articles) + PER_PAGE - 1) // PER_PAGE
        pager = "".join(f'<a href="/tin-tuc?page={k}">{k}</a>' for k in (n + 1, n + 2, last) if k <= last)
        return web.Response(text=f'<html><body><a href="/lien-he">Liên hệ</a><ul>{links}</ul>{pager}</body></html>',
                            content_type="text/html")

    async def index(request: web.Request) -> web.Response:
        base = f"http://{request.host}"
        items = "".join(f"<sitemap><loc>{base}/sitemaps/{m}.xml</loc></sitemap>" for m in sorted(months, reverse=True))
        return web.Response(text=f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                                 f'sitemap/0.9">{items}</sitemapindex>', content_type="application/xml")

    async def month(request: web.Request) -> web.Response:
        base = f"http://{request.host}"
        items = "".join(f"<url><loc>{base}{a.path}</loc><lastmod>{a.published.isoformat()}</lastmod></url>"
                        for a in months.get(request.match_info["m"], []))
        return web.Response(text=f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                 f"{items}</urlset>", content_type="application/xml")

    async def live_listing(request: web.Request) -> web.Response:
        links = "".join(f'<li><a href="/tin-moi/{k}.html">Mới {k}</a></li>' for k in reversed(site.live[-20:]))
        return web.Response(text=f"<html><body><ul>{links}</ul></body></html>", content_type="text/html")

    async def live_article(request: web.Request) -> web.Response:
        k = int(request.match_info["k"])
        if k not in site.live:
            raise web.HTTPNotFound()
        today = date.today()
        return web.Response(text=_page(ArchiveArticle(100_000 + k, today), f"http://{request.host}").replace(
            f"/bai-viet/tin-{100_000 + k}.html", f"/tin-moi/{k}.html"), content_type="text/html")

    async def article(request: web.Request) -> web.Response:
        a = by_path.get(request.path)
        if a is None or a.gone:
            raise web.HTTPNotFound()
        if a.moved and request.path == a.path:
            raise web.HTTPMovedPermanently(a.final_path)
        return web.Response(text=_page(a, f"http://{request.host}"), content_type="text/html")

    app = web.Application(middlewares=[record])
    app.router.add_get("/robots.txt", robots)
    app.router.add_get("/tin-tuc", listing)
    app.router.add_get("/sitemap_index.xml", index)
    app.router.add_get("/sitemaps/{m}.xml", month)
    app.router.add_get("/tin-moi", live_listing)
    app.router.add_get("/tin-moi/{k:\\d+}.html", live_article)
    app.router.add_get("/{section}/{name}", article)
    return app


class ArchiveServer(LoopbackServer):
    """Serves an ArchiveSite on 127.0.0.1 (and on 127.0.0.2 … as `extra_hosts` more hosts) in a background thread."""

    def __init__(self, site: ArchiveSite, extra_hosts: int = 0) -> None:
        super().__init__(extra_hosts)
        self.site = site

    def start(self) -> ArchiveSite:
        """Start serving; returns the site with its port."""
        self.site.port = self.serve(build_app(self.site))
        return self.site
