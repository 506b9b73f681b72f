"""A hostile local web site (aiohttp in a background thread): each route misbehaves in one named way."""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import cache

from aiohttp import web

GOOD_TEXT = "Năm 2025, Đảng bộ tỉnh kết nạp {n} đảng viên mới, đạt 105% kế hoạch. Công tác phát triển đảng viên."
UTF8_PAGE = ("<html><head><title>Kết nạp đảng viên</title></head><body><h1>Kết nạp đảng viên mới</h1>"
             + "<p>Năm 2025, Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới, đạt 105% kế hoạch; công tác "
               "phát triển đảng viên ở các chi bộ nông thôn được chú trọng, nhiều quần chúng ưu tú được giới "
               "thiệu vào Đảng, góp phần nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở.</p>" * 3
             + "</body></html>")
TCVN3_PAGE = ("<html><body><p>§¶ng bé tØnh kÕt n¹p ®¶ng viªn míi; ViÖt Nam; Héi nghÞ; ChÝnh quyÒn; "
              "ng­êi d©n ®­îc</p></body></html>")
CHALLENGE_PAGE = ("<html><head><title>Just a moment...</title></head><body>"
                  "<div id='cf-browser-verification'>Checking your browser before accessing.</div></body></html>")
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY l0 "lol">'
    + "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + ']>\n<rss version="2.0"><channel><title>&l9;</title><item><title>&l9;</title>'
    "<link>{base}/ok/1.html</link></item></channel></rss>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64

CRAWL_DELAYS = {"127.0.0.4": "1", "127.0.0.5": "100000"}
"""robots.txt Crawl-delay per host address (the others have none)."""
HOSTS = ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5")
"""Loopback addresses served besides 127.0.0.1 (each one another host)."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def good_page(n: int) -> str:
    """A plain Vietnamese article page."""
    return (f"<html><head><meta charset='utf-8'><title>Bài {n}</title></head>"
            f"<body><h1>Bài {n}</h1><p>{GOOD_TEXT.format(n=100 + n)}</p></body></html>")


def rss(base: str, links: list[str], title: str = "hostile") -> str:
    """An RSS 2.0 feed listing `links` (relative or absolute), one item each."""
    items = "".join(f"<item><title>Tin {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{base}/</link>{items}</channel></rss>")


def urlset(locs: list[str]) -> str:
    """A sitemap <urlset> of `locs`."""
    urls = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


@cache
def gzip_bomb() -> bytes:
    """~40 MB of spaces inside a sitemap opening, gzip-compressed to ~40 KB."""
    return gzip.compress(b"<urlset>" + b" " * (40 * 1024 * 1024), 9)


@dataclass
class HostileSite:
    """Request counts per path and the port served on."""

    calls: Counter[str] = field(default_factory=Counter)
    feeds: dict[str, str] = field(default_factory=dict)
    sitemaps: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    hits: list[tuple[float, str, str]] = field(default_factory=list)  # (monotonic time, host, path)
    port: int = 0

    @property
    def base(self) -> str:
        """http://localhost:port (the sources' own host; 127.0.0.x are other hosts)."""
        return f"http://localhost:{self.port}"


def _xml(text: str, content_type: str = "application/rss+xml") -> web.Response:
    return web.Response(text=text, content_type=content_type)


async def _drip(request: web.Request, chunk: bytes, pause: float) -> web.StreamResponse:
    """A chunked body that never ends (until the client leaves)."""
    resp = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
    resp.enable_chunked_encoding()
    await resp.prepare(request)
    try:
        while True:
            await resp.write(chunk)
            await asyncio.sleep(pause)
    except (ConnectionError, RuntimeError, asyncio.CancelledError):
        pass
    return resp


def _pages(site: HostileSite) -> dict[str, Handler]:
    """Article-page routes: each returns one hostile response."""

    async def ok(request: web.Request) -> web.Response:
        return web.Response(text=good_page(int(request.match_info["n"])), content_type="text/html")

    async def bomb(request: web.Request) -> web.Response:
        return web.Response(body=gzip_bomb(), headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})

    async def slow_drip(request: web.Request) -> web.StreamResponse:
        return await _drip(request, b"<p>.</p>", 0.05)

    async def endless(request: web.Request) -> web.StreamResponse:
        return await _drip(request, b"<p>" + b"x" * 65536 + b"</p>", 0)

    async def latin1_lie(request: web.Request) -> web.Response:
        return web.Response(body=UTF8_PAGE.encode("utf-8"), headers={"Content-Type": "text/html; charset=iso-8859-1"})

    async def cp1252_lie(request: web.Request) -> web.Response:
        return web.Response(body=UTF8_PAGE.encode("utf-8"), headers={"Content-Type": "text/html; charset=windows-1252"})

    async def utf8_lie(request: web.Request) -> web.Response:
        from tests.integration.crawler.site import to_cp1258

        return web.Response(body=to_cp1258(UTF8_PAGE), headers={"Content-Type": "text/html; charset=utf-8"})

    async def tcvn3(request: web.Request) -> web.Response:
        return web.Response(body=TCVN3_PAGE.encode("latin-1", "replace"), headers={"Content-Type": "text/html"})

    async def challenge(request: web.Request) -> web.Response:
        return web.Response(text=CHALLENGE_PAGE, content_type="text/html")

    async def challenge_503(request: web.Request) -> web.Response:
        return web.Response(status=503, text=CHALLENGE_PAGE, content_type="text/html")

    async def moved_private(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("http://10.0.0.7/admin")

    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=410 if request.match_info["n"] == "410" else 404, text="gone")

    async def octet(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.7\n" + bytes(range(256)) * 8, content_type="application/octet-stream")

    async def png_as_html(request: web.Request) -> web.Response:
        return web.Response(body=PNG, headers={"Content-Type": "text/html"})

    async def go(request: web.Request) -> web.Response:
        raise web.HTTPFound(site.redirects[request.match_info["name"]])

    async def poison(request: web.Request) -> web.Response:
        canonical = f"http://localhost:{site.port}/ok/1.html"  # another source's article
        return web.Response(text=good_page(90).replace("<head>", f"<head><link rel='canonical' href='{canonical}'>"),
                            content_type="text/html")

    async def canon_same(request: web.Request) -> web.Response:
        return web.Response(text=good_page(91).replace("<head>", "<head><link rel=canonical href='/ok/2.html'>"),
                            content_type="text/html")

    async def busy(request: web.Request) -> web.Response:
        return web.Response(status=429, headers={"Retry-After": "3600"}, text="slow down")

    async def utf16_lie(request: web.Request) -> web.Response:
        return web.Response(body=UTF8_PAGE.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-16"})

    async def utf32_lie(request: web.Request) -> web.Response:
        return web.Response(body=UTF8_PAGE.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-32"})

    async def utf16_real(request: web.Request) -> web.Response:
        return web.Response(body=UTF8_PAGE.encode("utf-16-le"), headers={"Content-Type": "text/html; charset=utf-16le"})

    async def pdf_as_html(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 16,
                            headers={"Content-Type": "text/html; charset=utf-8"})

    return {
        "/ok/{n}.html": ok, "/bomb.html": bomb, "/drip.html": slow_drip, "/endless.html": endless,
        "/latin1-lie.html": latin1_lie, "/cp1252-lie.html": cp1252_lie, "/utf8-lie.html": utf8_lie, "/tcvn3.html": tcvn3,
        "/challenge.html": challenge, "/challenge503.html": challenge_503, "/moved-private.html": moved_private,
        "/gone/{n}.html": gone, "/report.pdf": octet, "/image.html": png_as_html, "/pdf-as-html.html": pdf_as_html,
        "/go/{name}": go, "/poison.html": poison, "/canon-same.html": canon_same, "/busy.html": busy,
        "/utf16-lie.html": utf16_lie, "/utf32-lie.html": utf32_lie, "/utf16-real.html": utf16_real,
    }


def _entries(site: HostileSite) -> dict[str, Handler]:
    """Feed and sitemap routes."""

    async def feed(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        return _xml(site.feeds[name])

    async def laughs(request: web.Request) -> web.Response:
        return _xml(BILLION_LAUGHS.replace("{base}", site.base))

    async def truncated(request: web.Request) -> web.Response:
        full = rss(site.base, [f"{site.base}/ok/{n}.html" for n in range(5)])
        return _xml(full[: len(full) // 2])

    async def html_as_rss(request: web.Request) -> web.Response:
        return _xml(good_page(1))

    async def big(request: web.Request) -> web.Response:
        return _xml(rss(site.base, [f"/ok/{n}.html" for n in range(10_000)]))

    async def sitemap(request: web.Request) -> web.Response:
        return _xml(site.sitemaps[request.match_info["name"]], "application/xml")

    async def bomb_gz(request: web.Request) -> web.Response:
        return web.Response(body=gzip_bomb(), content_type="application/x-gzip")

    async def foreign(request: web.Request) -> web.Response:
        return _xml(urlset([f"http://127.0.0.2:{site.port}/ok/1.html", "http://10.1.2.3/ok/2.html",
                            "http://169.254.169.254/latest/meta-data/", "http://[::1]/ok/3.html",
                            f"{site.base}/ok/4.html"]), "application/xml")

    return {
        "/feed/{name}.xml": feed, "/laughs.xml": laughs, "/truncated.xml": truncated,
        "/html-as-rss.xml": html_as_rss, "/big.xml": big, "/bomb-sitemap.xml.gz": bomb_gz,
        "/foreign-sitemap.xml": foreign, "/sitemap/{name}.xml": sitemap,
    }


def build_app(site: HostileSite) -> web.Application:
    """Every route of the hostile site, with request counting."""

    @web.middleware
    async def count(request: web.Request, handler: Handler) -> web.StreamResponse:
        site.calls[request.path] += 1
        site.hits.append((time.monotonic(), request.host, request.path))
        return await handler(request)

    async def robots(request: web.Request) -> web.Response:
        delay = CRAWL_DELAYS.get(request.host.rsplit(":", 1)[0])
        return web.Response(text="User-agent: *\nAllow: /\n" + (f"Crawl-delay: {delay}\n" if delay else ""))

    app = web.Application(middlewares=[count])
    app.router.add_get("/robots.txt", robots)
    for path, handler in {**_pages(site), **_entries(site)}.items():
        app.router.add_get(path, handler)
    return app


class HostileServer:
    """Serves the hostile site on 127.0.0.1 and HOSTS (same port) from a background thread."""

    def __init__(self) -> None:
        self.site = HostileSite()
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def start(self) -> HostileSite:
        """Start serving; returns the site with its port."""
        gzip_bomb()
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self.site

    async def _start(self) -> None:
        self._runner = web.AppRunner(build_app(self.site), access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        tcp = web.TCPSite(self._runner, "127.0.0.1", 0)
        await tcp.start()
        self.site.port = tcp._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        for host in HOSTS:
            await web.TCPSite(self._runner, host, self.site.port).start()

    def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(15)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
