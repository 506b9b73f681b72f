"""Checks on fetched documents: content type, bot-challenge pages, rel=canonical."""

from __future__ import annotations

import re

from services.crawler.urls import resolve, same_site

HTML_TYPES = ("text/html", "application/xhtml+xml", "")
FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
    "text/html", "text/plain", "application/x-gzip", "application/gzip", "application/octet-stream", "",
)
CHALLENGE_MARKERS = (
    re.compile(r"document\.cookie\s*=.{0,400}?(location\.reload|location\.href|window\.location)", re.S | re.I),
    re.compile(r"cf[-_]chl|challenge-platform|cf-browser-verification|Just a moment\.\.\.", re.I),
    re.compile(r"Checking your browser before accessing|DDoS protection by|sucuri_cloudproxy_js", re.I),
    re.compile(r"<noscript>[^<]{0,200}(enable|bật)\s+JavaScript", re.I),
)
CHALLENGE_MAX_BYTES = 64 * 1024
BINARY_SAMPLE = 8192
MAX_CONTROL_SHARE = 0.02
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
ATTR = re.compile(r"""([a-zA-Z:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


def is_html(content_type: str) -> bool:
    """Whether a media type is an HTML page we can parse."""
    return content_type in HTML_TYPES


def looks_binary(text: str) -> bool:
    """Whether a decoded page is binary (an image or PDF served as text/html): many control characters."""
    head = text[:BINARY_SAMPLE]
    return len(_CONTROL.findall(head)) > MAX_CONTROL_SHARE * len(head)


def challenge_reason(status: int, text: str) -> str | None:
    """Why a response looks like a bot challenge rather than content, or None."""
    if len(text) > CHALLENGE_MAX_BYTES:
        return None
    for marker in CHALLENGE_MARKERS:
        if marker.search(text):
            return f"bot challenge ({marker.pattern[:40]})"
    if status == 202:
        return "HTTP 202 with a small body (challenge or queued response)"
    return None


def _attrs(tag: str) -> dict[str, str]:
    return {k.lower(): v.strip("\"'") for k, v in ATTR.findall(tag)}


def canonical_link(text: str, base: str) -> str | None:
    """The absolute href of <link rel="canonical"> in the page head, if any."""
    head = text[: text.lower().find("</head>") if "</head>" in text.lower() else 200_000]
    for tag in LINK_TAG.findall(head):
        attrs = _attrs(tag)
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            return resolve(base, attrs["href"])
    return None


def trusted_canonical(text: str, final_url: str, own_hosts: frozenset[str]) -> tuple[str, bool]:
    """(identity URL, whether a foreign canonical was refused): rel=canonical counts only on the page's own
    registrable domain or the source's declared hosts, else the fetched URL is the article's identity."""
    canonical = canonical_link(text, final_url)
    if canonical is None:
        return final_url, False
    if same_site(final_url, canonical, own_hosts):
        return canonical, False
    return final_url, True
