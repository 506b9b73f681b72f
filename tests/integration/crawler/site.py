"""A real local HTTP fixture site (aiohttp.web in a background thread) with good and hostile endpoints."""

from __future__ import annotations

import asyncio
import gzip
import ssl
import threading
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from aiohttp import web

VN_TEXT = "Năm 2025, Đảng bộ tỉnh kết nạp {n} đảng viên mới, đạt 105% kế hoạch. Công tác phát triển đảng viên được chú trọng."


def rss(base: str, sid: str, count: int, extra: str = "", ttl: str = "") -> str:
    """An RSS 2.0 feed whose links carry tracking parameters and Vietnamese dates."""
    items = "".join(
        f"<item><title>Bài {n} của {sid}</title>"
        f"<link>{base}/a/{sid}/{n}.html?utm_source=rss&amp;utm_medium=feed</link>"
        f"<pubDate>Thứ Hai, {1 + n % 27:02d}/07/2025, 08:10 [GMT+7]</pubDate><description>Tóm tắt {n}</description></item>"
        for n in range(count)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{sid}</title>{ttl}'
            f"<link>{base}/</link>{items}{extra}</channel></rss>")


def atom(base: str, sid: str, count: int) -> str:
    """An Atom feed."""
    entries = "".join(
        f'<entry><title>Atom {n}</title><link href="{base}/a/{sid}/{n}.html#top"/><id>urn:{sid}:{n}</id>'
        f"<updated>2025-07-{1 + n:02d}T08:00:00+07:00</updated></entry>"
        for n in range(count)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{sid}</title>'
            f"<id>urn:{sid}</id><updated>2025-07-01T00:00:00Z</updated>{entries}</feed>")


def article(base: str, sid: str, n: int, version: int = 0) -> str:
    """An article page with rel=canonical."""
    return (f'<html><head><meta charset="utf-8"><title>Bài {n}</title>'
            f'<link rel="canonical" href="{base}/a/{sid}/{n}.html"></head>'
            f"<body><h1>Bài {n} ({sid})</h1><p>{VN_TEXT.format(n=100 + n)}</p><p>v{version}</p></body></html>")


@cache
def gzip_bomb() -> bytes:
    """~50 MB of spaces after an RSS opening, gzip-compressed to ~50 KB."""
    return gzip.compress(b"<rss><channel>" + b" " * (50 * 1024 * 1024), 9)


@dataclass
class FixtureSite:
    """The site's state and request log."""

    counts: dict[str, int] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    hits: list[tuple[str, str]] = field(default_factory=list)
    hosts: list[tuple[str, str]] = field(default_factory=list)
    times: list[tuple[str, float]] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)
    etag_version: int = 1
    article_delay: float = 0.0
    port: int = 0

    @property
    def base(self) -> str:
        """http://localhost:port (the source host; 127.0.0.1 is a *different* host)."""
        return f"http://localhost:{self.port}"

    def requests_for(self, prefix: str) -> list[tuple[str, str]]:
        """(path, user agent) of requests whose path starts with prefix."""
        return [h for h in self.hits if h[0].startswith(prefix)]


def _xml(text: str, **headers: str) -> web.Response:
    return web.Response(text=text, content_type="application/rss+xml", headers=headers)


def build_app(site: FixtureSite) -> web.Application:
    """All routes of the fixture site."""
    routes = web.RouteTableDef()

    @web.middleware
    async def record(request: web.Request, handler):  # type: ignore[no-untyped-def]
        site.hits.append((request.path_qs, request.headers.get("User-Agent", "")))
        site.hosts.append((request.host, request.headers.get("User-Agent", "")))
        site.times.append((request.path, time.monotonic()))
        site.calls[request.path] += 1
        return await handler(request)

    @routes.get("/robots.txt")
    async def robots(request: web.Request) -> web.Response:
        return web.Response(text=f"User-agent: *\nDisallow: /private/\nSitemap: {site.base}/sitemap.xml\n")

    @routes.get("/")
    async def home(request: web.Request) -> web.Response:
        return web.Response(content_type="text/html", text=(
            '<html><head><link rel="alternate" type="application/rss+xml" href="/s/home/rss.xml"></head>'
            '<body><a href="/a/home/1.html">Bài</a></body></html>'))

    @routes.get("/sitemap.xml")
    async def root_sitemap(request: web.Request) -> web.Response:
        return web.Response(content_type="application/xml", text=(
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{site.base}/a/home/1.html</loc></url></urlset>"))

    @routes.get("/s/{sid}/rss.xml")
    async def feed(request: web.Request) -> web.Response:
        sid = request.match_info["sid"]
        return _xml(rss(f"{request.scheme}://{request.host}", sid, site.counts.get(sid, 3)))

    @routes.get("/s/{sid}/atom.xml")
    async def atom_feed(request: web.Request) -> web.Response:
        sid = request.match_info["sid"]
        return web.Response(text=atom(site.base, sid, 3), content_type="application/atom+xml")

    @routes.get("/s/{sid}/sitemap_index.xml")
    async def sitemap_index(request: web.Request) -> web.Response:
        sid = request.match_info["sid"]
        return web.Response(content_type="application/xml", text=(
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{site.base}/s/{sid}/sitemap-a.xml.gz</loc></sitemap>"
            f"<sitemap><loc>{site.base}/s/{sid}/news-sitemap.xml</loc></sitemap></sitemapindex>"))

    @routes.get("/s/{sid}/sitemap-a.xml.gz")
    async def sitemap_gz(request: web.Request) -> web.Response:
        sid = request.match_info["sid"]
        xml = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"<url><loc>{site.base}/a/{sid}/0.html</loc><lastmod>2025-07-01</lastmod></url>"
               f"<url><loc>{site.base}/a/{sid}/1.html</loc></url></urlset>")
        return web.Response(body=gzip.compress(xml.encode()), content_type="application/x-gzip")

    @routes.get("/s/{sid}/news-sitemap.xml")
    async def news_sitemap(request: web.Request) -> web.Response:
        sid = request.match_info["sid"]
        return web.Response(content_type="application/xml", text=(
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"<url><loc>{site.base}/a/{sid}/2.html</loc><news:news><news:publication_date>2025-07-22T16:29:00+07:00"
            "</news:publication_date><news:title>Tin 2</news:title></news:news></url></urlset>"))

    @routes.get("/s/{sid}/list.html")
    async def listing(request: web.Request) -> web.Response:
        sid = request.match_info["sid"]
        links = "".join(f'<li><a href="/a/{sid}/{n}.html?sessionid=abc">Bài {n}</a></li>' for n in range(3))
        return web.Response(text=f'<html><body><a href="/lien-he">Liên hệ</a><ul>{links}</ul>'
                                 f'<a href="/tag/dang">Tag</a></body></html>', content_type="text/html")

    @routes.get("/a/{sid}/{n}.html")
    async def page(request: web.Request) -> web.Response:
        if site.article_delay:
            await asyncio.sleep(site.article_delay)
        sid, n = request.match_info["sid"], int(request.match_info["n"])
        base = f"{request.scheme}://{request.host}"
        return web.Response(text=article(base, sid, n, site.versions.get(sid, 0)), content_type="text/html")

    @routes.get("/etag/feed.xml")
    async def etag_feed(request: web.Request) -> web.Response:
        tag = f'"v{site.etag_version}"'
        if request.headers.get("If-None-Match") == tag:
            return web.Response(status=304, headers={"ETag": tag})
        return _xml(rss(site.base, f"etag{site.etag_version}", 2), ETag=tag)

    @routes.get("/r429/feed.xml")
    async def too_many(request: web.Request) -> web.Response:
        if site.calls[request.path] == 1:
            return web.Response(status=429, headers={"Retry-After": "1"}, text="slow down")
        return _xml(rss(site.base, "r429", 1))

    @routes.get("/r500/feed.xml")
    async def flaky(request: web.Request) -> web.Response:
        if site.calls[request.path] <= 2:
            return web.Response(status=500, text="oops")
        return _xml(rss(site.base, "r500", 1))

    @routes.get("/slow/feed.xml")
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(3)
        return _xml(rss(site.base, "slow", 1))

    @routes.get("/loop/{x}")
    async def loop(request: web.Request) -> web.Response:
        nxt = "b" if request.match_info["x"] == "a" else "a"
        raise web.HTTPFound(f"/loop/{nxt}")

    @routes.get("/cookie/feed.xml")
    async def cookie_feed(request: web.Request) -> web.Response:
        if request.cookies.get("primed") != "1":  # like qdnd.vn: 302 to itself until a cookie is set
            raise web.HTTPFound("/cookie/feed.xml", headers={"Set-Cookie": "primed=1; Path=/"})
        return _xml(rss(site.base, "cookie", 1))

    @routes.get("/chain/{n}")
    async def chain(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"/chain/{int(request.match_info['n']) + 1}")

    @routes.get("/redir/local")
    async def to_local(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"http://127.0.0.1:{site.port}/s/x/rss.xml")

    @routes.get("/redir/meta")
    async def to_meta(request: web.Request) -> web.Response:
        raise web.HTTPFound("http://169.254.169.254/latest/meta-data/")

    @routes.get("/moved/feed.xml")
    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/s/moved/rss.xml")

    @routes.get("/bomb/feed.xml")
    async def bomb(request: web.Request) -> web.Response:
        return web.Response(body=gzip_bomb(), headers={"Content-Encoding": "gzip",
                                                       "Content-Type": "application/rss+xml"})

    @routes.get("/huge/feed.xml")
    async def huge(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        chunk = b"<!-- padding -->" * 4096
        try:
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                await resp.write(chunk)
        except (ConnectionError, RuntimeError):
            pass
        return resp

    @routes.get("/cp1258/list.html")
    async def cp1258_list(request: web.Request) -> web.Response:
        return web.Response(text='<html><body><a href="/cp1258/a/1.html">Bài</a></body></html>',
                            content_type="text/html")

    @routes.get("/cp1258/a/1.html")
    async def cp1258_page(request: web.Request) -> web.Response:
        text = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head>'
                "<body><p>Kết nạp đảng viên mới tại Việt Nam</p></body></html>")
        body = to_cp1258(text)
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=windows-1258"})

    @routes.get("/tcvn3/list.html")
    async def tcvn3_list(request: web.Request) -> web.Response:
        return web.Response(text='<html><body><a href="/tcvn3/a/1.html">x</a></body></html>', content_type="text/html")

    @routes.get("/tcvn3/a/1.html")
    async def tcvn3_page(request: web.Request) -> web.Response:
        text = ('<html><body style="font-family: .VnTime"><p>§¶ng bé tØnh kÕt n¹p ®¶ng viªn, ViÖt Nam</p>'
                "</body></html>")
        return web.Response(body=text.encode("latin-1", "replace"), headers={"Content-Type": "text/html"})

    @routes.get("/malformed/feed.xml")
    async def malformed(request: web.Request) -> web.Response:
        return _xml(rss(site.base, "malformed", 2)[:-40] + "<item><title>broken & </title")

    @routes.get("/pdf/feed.xml")
    async def pdf_feed(request: web.Request) -> web.Response:
        extra = f"<item><title>PDF</title><link>{site.base}/files/report.pdf</link></item>"
        return _xml(rss(site.base, "pdf", 1, extra))

    @routes.get("/files/report.pdf")
    async def pdf(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.4 fake", content_type="application/pdf")

    @routes.get("/challenge/feed.xml")
    async def challenge(request: web.Request) -> web.Response:
        return web.Response(text="<html><script>document.cookie='D1N=abc'; window.location.reload();</script></html>",
                            content_type="text/html")

    @routes.get("/private/feed.xml")
    async def private(request: web.Request) -> web.Response:
        return _xml(rss(site.base, "private", 1))

    @routes.get("/dup/feed.xml")
    async def dup(request: web.Request) -> web.Response:
        extra = "".join(f"<item><title>dup</title><link>{site.base}/a/dup/0.html{q}</link></item>"
                        for q in ("?utm_campaign=x", "?fbclid=1#c", "", "?utm_source=zalo&amp;utm_medium=s"))
        return _xml(rss(site.base, "dupx", 0, extra))

    app = web.Application(middlewares=[record])
    app.add_routes(routes)
    return app


TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as windows-1258 does: base letters precomposed, tone marks as combining characters."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + tones)
    return "".join(out).encode("cp1258")


class LoopbackServer:
    """Serves an aiohttp app on 127.0.0.1 (and on 127.0.0.2 … as `extra_hosts` more hosts) in a background thread."""

    def __init__(self, extra_hosts: int = 0, ssl_context: ssl.SSLContext | None = None) -> None:
        self.extra_hosts = extra_hosts
        self.ssl_context = ssl_context
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def serve(self, app: web.Application) -> int:
        """Start serving `app`; returns its port (the same on every host)."""
        self._thread.start()
        return asyncio.run_coroutine_threadsafe(self._serve(app), self._loop).result(10)

    async def _serve(self, app: web.Application) -> int:
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        tcp = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=self.ssl_context)
        await tcp.start()
        port: int = tcp._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        for k in range(2, 2 + self.extra_hosts):  # 127.0.0.k: distinct hosts on the loopback interface
            await web.TCPSite(self._runner, f"127.0.0.{k}", port).start()
        return port

    def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        time.sleep(0)


class SiteServer(LoopbackServer):
    """Runs the fixture site on 127.0.0.1 in a background thread."""

    def __init__(self, extra_hosts: int = 0, ssl_context: ssl.SSLContext | None = None) -> None:
        super().__init__(extra_hosts, ssl_context)
        self.site = FixtureSite()

    def start(self) -> FixtureSite:
        """Start serving; returns the site (port filled in)."""
        gzip_bomb()  # computed once per session, before any request can time out on it
        self.site.port = self.serve(build_app(self.site))
        return self.site
