"""`recruitwatch crawl --once` and `recruitwatch sources check` as a user runs them (subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import orjson
import yaml

from services.shared.events import RawArticle, decode
from tests.integration.crawler.site import FixtureSite

REPO = Path(__file__).resolve().parents[3]


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "services.cli", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env=env, check=False)


def write_sources(path: Path, site: FixtureSite, entries: dict[str, tuple[str, str]]) -> Path:
    """A registry of loopback-allowed fixture sources: id -> (kind, path)."""
    sources = [
        {"id": sid, "name": f"Fixture {sid}", "province": "Hà Nội", "home": site.base, "kind": "party_committee",
         "allow_loopback": True, "entries": [{"kind": kind, "url": site.base + p}]}
        for sid, (kind, p) in entries.items()
    ]
    path.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
    return path


def test_crawl_once_writes_records_and_a_summary_per_source(site: FixtureSite, tmp_path: Path) -> None:
    reg = write_sources(tmp_path / "s.yaml", site, {
        "good-rss": ("rss", "/s/good/rss.xml"), "bomb": ("rss", "/bomb/feed.xml"),
        "broken": ("rss", "/malformed/feed.xml"), "meta": ("rss", "/redir/meta"), "pdf": ("rss", "/pdf/feed.xml"),
    })
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": "0"}
    proc = _cli("crawl", "--sources", str(reg), "--once", "--output", str(out), env=env)
    assert proc.returncode == 0, proc.stderr
    schema = orjson.loads((REPO / "schemas" / "articles.raw.v1.schema.json").read_bytes())
    for line in out.read_bytes().splitlines():
        jsonschema.validate(orjson.loads(line), schema)
    records = [decode(line, RawArticle) for line in out.read_bytes().splitlines()]
    assert sorted(r.source_id for r in records) == ["good-rss"] * 3 + ["pdf"]
    summaries = {s["source"]: s for s in (orjson.loads(x) for x in proc.stderr.splitlines() if x.startswith("{\"source"))}
    assert summaries["bomb"]["errors"] == {"decompression_bomb": 1}
    assert summaries["broken"]["errors"] == {"malformed_feed": 1}
    assert summaries["meta"]["errors"] == {"blocked_address": 1}
    assert summaries["pdf"]["skipped"] == {"non_html:application/pdf": 1}
    assert summaries["good-rss"]["found"] == 3 and summaries["good-rss"]["published"] == 3


def test_sources_check_reports_file_source_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"sources": [
        {"id": "ok-one", "name": "x", "province": "Huế", "home": "https://a.vn", "kind": "national",
         "entries": [{"kind": "rss", "url": "https://a.vn/rss"}]},
        {"id": "no-pattern", "name": "x", "province": "Huế", "home": "https://b.vn", "kind": "national",
         "entries": [{"kind": "listing", "url": "https://b.vn/tin"}]},
        {"id": "bad-url", "name": "x", "province": "Huế", "home": "ftp://c.vn", "kind": "national",
         "entries": [{"kind": "rss", "url": "https://c.vn/rss"}]},
    ]}))
    proc = _cli("sources", "check", str(bad))
    assert proc.returncode == 1
    assert f"{bad}: source 'no-pattern': field entries.0: " in proc.stderr and "link_pattern" in proc.stderr
    assert f"{bad}: source 'bad-url': field home: " in proc.stderr


def test_the_shipped_registry_is_valid_and_broad() -> None:
    proc = _cli("sources", "check", str(REPO / "seeds" / "sources.yaml"))
    assert proc.returncode == 0, proc.stderr
    data = yaml.safe_load((REPO / "seeds" / "sources.yaml").read_text(encoding="utf-8"))
    assert len(data["sources"]) >= 40
    assert len({s["province"] for s in data["sources"]}) >= 20


def test_sources_discover_proposes_feeds_and_sitemaps(site: FixtureSite) -> None:
    env = {**os.environ, "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": "0"}
    proc = _cli("sources", "discover", site.base + "/", "--allow-loopback", env=env)
    assert proc.returncode == 0, proc.stderr
    assert f'{{kind: rss, url: "{site.base}/s/home/rss.xml"}}' in proc.stdout
    assert "via html <link>" in proc.stdout
    assert f'{{kind: sitemap, url: "{site.base}/sitemap.xml"}}' in proc.stdout


def test_sources_discover_proposes_the_backfill_pagination_of_a_listing_page(tmp_path: Path) -> None:
    from tests.integration.crawler.archive import ArchiveServer, ArchiveSite, archive

    server = ArchiveServer(ArchiveSite(archive(100)))
    site = server.start()
    try:
        proc = _cli("sources", "discover", f"{site.base}/tin-tuc?page=1", "--allow-loopback")
    finally:
        server.stop()
    assert f'backfill: {{listing: "{site.base}/tin-tuc?page={{n}}"' in proc.stdout, proc.stdout + proc.stderr
    assert "pager up to page 5" in proc.stdout
