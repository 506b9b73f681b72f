"""Canonical article URLs and the article_id derived from them."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from publicsuffixlist import PublicSuffixList

from services.crawler.netguard import literal_ip, normalize_host, url_host
from services.shared.events import stable_id

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
        "_ga", "_gl", "ref", "ref_src", "ref_url", "zarsrc", "zarcid", "cmpid", "icid",
        "sessionid", "session_id", "sid", "phpsessid", "jsessionid", "aspsessionid", "cfid", "cftoken",
        "share", "vn_source", "vn_medium", "vn_campaign", "rss", "itm_source", "itm_medium",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "itm_", "hsa_", "p_p_")
LOG_URL_CHARS = 300
PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)


def _keep(name: str) -> bool:
    low = name.lower()
    return low not in TRACKING_PARAMS and not low.startswith(TRACKING_PREFIXES)


def _identity_host(hostname: str) -> str:
    """The host as the client reads it (one identity for `ｂａｏ.vn`, `BAO.vn.` and IDNA forms), IPv6 bracketed."""
    try:
        host = normalize_host(hostname)
    except (ValueError, UnicodeError):
        host = hostname.lower().rstrip(".")
    return f"[{host}]" if ":" in host else host


def canonicalize(url: str) -> str:
    """Lower-case scheme/host, drop default port, fragment, tracking and session params; sort the rest."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = _identity_host(parts.hostname or "")
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = PATH_SESSION.sub("", parts.path) or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if _keep(k))
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def article_id(canonical_url: str) -> str:
    """The article's stable id: stable_id of its canonical URL."""
    return stable_id(canonical_url)


def resolve(base: str, href: str) -> str | None:
    """An absolute http(s) URL for href relative to base, or None."""
    try:
        absolute = urljoin(base, href.strip())
    except ValueError:
        return None
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def host_key(url: str) -> str:
    """The politeness key of a URL: host[:port] as the client reads the host (any spelling, one key)."""
    parts = urlsplit(url)
    try:
        host = url_host(url) or (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return (parts.hostname or "").lower()
    return f"{host}:{port}" if port else host


def log_url(url: str, limit: int = LOG_URL_CHARS) -> str:
    """A URL cut to `limit` characters for logs and error messages (a hostile 100 KB URL is one short line)."""
    return url if len(url) <= limit else f"{url[:limit]}…(+{len(url) - limit} chars)"


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the list shipped with the package: no network


def registrable_domain(host: str) -> str:
    """The registrable domain of a host (public suffix + one label); an IP or a single label is itself."""
    if literal_ip(host) is not None:
        return literal_ip(host) or host
    name = host.lower().rstrip(".")
    return _suffixes().privatesuffix(name) or name


def same_site(url: str, other: str, own_hosts: frozenset[str] = frozenset()) -> bool:
    """Whether `other` is on the registrable domain of `url` or on one of the source's own hosts."""
    host, target = url_host(url), url_host(other)
    if host is None or target is None:
        return False
    if target in {url_host(f"http://[{h}]/" if ":" in h else f"http://{h}/") for h in own_hosts}:
        return True
    return registrable_domain(host) == registrable_domain(target)
