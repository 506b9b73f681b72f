"""The bundled demo fixture site: the seed articles as HTML pages with an RSS feed (aiohttp).

Served by `recruitwatch up --demo` and the end-to-end tests, so the pipeline runs without internet.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

import yaml
from aiohttp import web

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLE_PATH = "/tin-tuc/{slug}.html"


@dataclass(frozen=True)
class DemoArticle:
    """One page of the demo site."""

    doc: str
    slug: str
    title: str
    published: datetime | None
    text: str


def load_articles(seeds: Path = SEEDS) -> list[DemoArticle]:
    """Read seeds/demo/site.yaml and the seed texts it names."""
    site = yaml.safe_load((seeds / "demo" / "site.yaml").read_text(encoding="utf-8"))
    out = []
    for item in site["articles"]:
        published = datetime.fromisoformat(item["published"]) if item.get("published") else None
        text = (seeds / "articles" / f"{item['doc']}.txt").read_text(encoding="utf-8")
        out.append(DemoArticle(item["doc"], item["slug"], item["title"], published, text))
    return out


def render_article(article: DemoArticle) -> str:
    """An article page with realistic chrome around the text."""
    paragraphs = "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in article.text.splitlines() if line.strip())
    meta = ""
    if article.published is not None:
        meta = f'<meta property="article:published_time" content="{article.published.isoformat()}">'
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(article.title)}</title>{meta}</head>
<body><header><nav><a href="/">Trang chủ</a> | <a href="/rss.xml">RSS</a> | Xây dựng Đảng | Chính quyền</nav></header>
<main><article><h1>{html.escape(article.title)}</h1>
<div class="article-content">
{paragraphs}
</div></article></main>
<footer>Bản quyền thuộc Ban Tuyên giáo (demo). Địa chỉ: số 1 đường Trần Phú.</footer></body></html>"""


def render_feed(articles: list[DemoArticle], base: str) -> str:
    """RSS 2.0 feed listing every article with absolute links under `base`."""
    items = []
    for a in articles:
        link = base + ARTICLE_PATH.format(slug=a.slug)
        pub = f"<pubDate>{format_datetime(a.published)}</pubDate>" if a.published else ""
        items.append(
            f"<item><title>{html.escape(a.title)}</title><link>{link}</link>"
            f'<guid isPermaLink="true">{link}</guid>{pub}</item>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Bản tin xây dựng Đảng (demo)</title><link>{base}/</link>"
        "<description>Demo feed of recruitwatch</description><ttl>1</ttl>" + "".join(items) + "</channel></rss>"
    )


def build_app(articles: list[DemoArticle] | None = None) -> web.Application:
    """The aiohttp application serving the demo site."""
    pages = {ARTICLE_PATH.format(slug=a.slug): render_article(a) for a in articles or load_articles()}
    listing = articles or load_articles()

    async def feed(request: web.Request) -> web.Response:
        base = f"{request.scheme}://{request.host}"
        return web.Response(text=render_feed(listing, base), content_type="application/rss+xml", charset="utf-8")

    async def page(request: web.Request) -> web.Response:
        body = pages.get(request.path)
        if body is None:
            raise web.HTTPNotFound()
        return web.Response(text=body, content_type="text/html", charset="utf-8")

    async def robots(request: web.Request) -> web.Response:
        return web.Response(text="User-agent: *\nAllow: /\n", content_type="text/plain")

    app = web.Application()
    app.router.add_get("/rss.xml", feed)
    app.router.add_get("/robots.txt", robots)
    app.router.add_get("/tin-tuc/{slug}.html", page)
    return app


async def start_demo_site(host: str = "127.0.0.1", port: int = 0) -> tuple[web.AppRunner, str]:
    """Start the site; return the runner (call .cleanup()) and its base URL."""
    runner = web.AppRunner(build_app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = runner.addresses[0][1]
    return runner, f"http://{host}:{bound}"
