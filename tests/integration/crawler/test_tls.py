"""TLS is verified by default; a per-source opt-out works and is logged and counted."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.crawler.conftest import Poller, source
from tests.integration.crawler.site import FixtureSite, SiteServer


@pytest.fixture
def tls_site(tmp_path: Path) -> Iterator[FixtureSite]:
    """The fixture site over HTTPS with a self-signed certificate for localhost (made with openssl)."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
                   check=True, capture_output=True)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    server = SiteServer(ssl_context=ctx)
    yield server.start()
    server.stop()


def test_self_signed_certificate_is_refused_by_default(tls_site: FixtureSite) -> None:
    p = Poller()
    url = f"https://localhost:{tls_site.port}/s/tls/rss.xml"
    res = asyncio.run(p.poll(source("tls", "rss", url)))
    assert res.errors == {"tls": 1} and res.articles == []
    assert p.metric("recruitwatch_crawler_errors_total", source="tls", kind="tls") == 1


def test_per_source_opt_out_is_logged_and_counted(tls_site: FixtureSite, caplog: pytest.LogCaptureFixture) -> None:
    p = Poller()
    url = f"https://localhost:{tls_site.port}/s/tls/rss.xml"
    res = asyncio.run(p.poll(source("tls", "rss", url, verify_tls=False)))
    assert res.entries_ok == 1 and len(res.articles) == 3
    assert p.metric("recruitwatch_crawler_tls_unverified_requests_total", source="tls") >= 4
    assert any(r.getMessage() == "TLS verification disabled for this source" for r in caplog.records)
