"""The crawler service's background backfill across restarts (real broker, real processes, loopback archive):
SIGKILLed twice mid-walk and restarted, it publishes every article after the cutoff exactly once and none
before it; and live polling never publishes again an article an earlier backfill run published."""

from __future__ import annotations

import json
import signal
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from services.shared.topics import TopicNames
from tests.integration.crawler.archive import PER_PAGE, ArchiveServer, ArchiveSite, archive
from tests.integration.crawler.replicas import count_raw, read_raw, start_replica, stop, wait_until
from tests.integration.crawler.test_backfill import _backfill

pytestmark = pytest.mark.kafka
ARTICLES = 300  # 10 years, 15 listing pages; 137 reachable articles after the cutoff
SINCE = date(2020, 1, 1)
ENV = {
    "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": "0.03",  # the backfill takes one slot in 3: ~11 requests/s
    "RECRUITWATCH_CRAWLER_BACKFILL_CHECKPOINT_SECONDS": "0",  # progress after every page: kills land mid-page
    "RECRUITWATCH_CRAWLER_MAX_ARTICLES_PER_POLL": "5",  # live polling works through page 1 beside the backfill
    "RECRUITWATCH_CRAWLER_SETTLE_SECONDS": "0.5",
}


@pytest.fixture
def archive_site() -> Iterator[ArchiveSite]:
    """The generated archive on 127.0.0.1."""
    server = ArchiveServer(ArchiveSite(archive(ARTICLES)))
    yield server.start()
    server.stop()


def registry(site: ArchiveSite, path: Path, sid: str = "archive", base: str | None = None) -> dict[str, object]:
    """A source whose live entry is the archive's first listing page, with a listing backfill to SINCE."""
    base = base or site.base
    return {"id": sid, "name": sid, "province": "Huế", "kind": "party_committee", "home": base,
            "allow_loopback": True, "min_interval": 3600, "max_interval": 3600,
            "entries": [{"kind": "listing", "url": f"{base}/tin-tuc?page=1", "link_pattern": "/bai-viet/"}],
            "backfill": {"since": SINCE.isoformat(), "listing": f"{base}/tin-tuc?page={{n}}",
                         "link_pattern": r"/(bai-viet|private)/"}}


def write(path: Path, *sources: dict[str, object]) -> Path:
    """The sources file."""
    path.write_text(yaml.safe_dump({"sources": list(sources)}, allow_unicode=True), encoding="utf-8")
    return path


def log_events(log: Path, message: str) -> list[dict[str, object]]:
    """The JSON log lines of a replica with this message."""
    out = []
    for line in log.read_text().splitlines():
        if f'"{message}"' in line:
            out.append(json.loads(line[line.index("{"):]))
    return out


def test_service_sigkilled_twice_mid_backfill_resumes_without_loss_or_duplicate(
    archive_site: ArchiveSite, tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str],
) -> None:
    site = archive_site
    reg = write(tmp_path / "sources.yaml", registry(site, tmp_path))
    expected = site.published_after(SINCE)
    kills = []
    for n, at_least in enumerate((30, 75)):
        proc = start_replica(service_env, reg, f"k{n}", tmp_path, **ENV)
        try:
            wait_until(lambda n=at_least, p=proc: count_raw(kafka, namespace.raw) >= n or p.poll() is not None,
                       90, f"{at_least} records", [proc], tmp_path)
            assert proc.poll() is None, (tmp_path / f"replica-k{n}.log").read_text()[-3000:]
        finally:
            stop(proc, signal.SIGKILL)  # type: ignore[arg-type]
        kills.append(count_raw(kafka, namespace.raw))
        assert not log_events(tmp_path / f"replica-k{n}.log", "backfill done"), "killed after the walk ended"
    last = tmp_path / "replica-end.log"
    proc = start_replica(service_env, reg, "end", tmp_path, **ENV)
    try:
        wait_until(lambda: bool(log_events(last, "backfill done")) or proc.poll() is not None, 90, "backfill done",
                   [proc], tmp_path)
        assert proc.poll() is None, last.read_text()[-3000:]
    finally:
        stop(proc)  # type: ignore[arg-type]

    records = read_raw(kafka, namespace.raw, idle=1.5)
    by_url = Counter(r.canonical_url for r in records)
    assert not [u for u, k in by_url.items() if k > 1], "duplicates"
    assert set(by_url) - expected == set(), "published before the cutoff or not an article"
    assert expected - set(by_url) == set(), f"lost {len(expected - set(by_url))}"
    assert {r.article_id for r in read_raw(kafka, namespace.raw_store, idle=0.5)} == {r.article_id for r in records}
    assert not [p for p in site.calls if p.startswith("/private/")], "robots.txt ignored"
    assert kills[0] < kills[1] < len(expected), kills  # both kills were mid-walk
    done = log_events(last, "backfill done")[0]
    assert done["published_this_run"] > 0 and done["complete"], done  # the last run resumed, not restarted
    # resumed from the progress record: archive pages past page 1 are fetched once, again only the page a
    # kill interrupted (page 1 is also the live entry)
    pages = Counter(q for _, q, _ in site.requests if q.startswith("/tin-tuc?page=") and q != "/tin-tuc?page=1")
    boundary = max(i for i, a in enumerate(site.articles) if a.published >= SINCE) // PER_PAGE + 1
    assert len(pages) <= boundary + 1 and sum(pages.values()) <= len(pages) + 2, pages


def test_live_polling_never_republishes_what_an_earlier_backfill_published(
    archive_site: ArchiveSite, tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str],
) -> None:
    site = archive_site
    reg = write(tmp_path / "sources.yaml", registry(site, tmp_path))
    log = tmp_path / "backfill.log"
    first = _backfill(service_env, reg, log)  # `recruitwatch backfill` before the service ever ran
    first.communicate(timeout=120)
    assert first.returncode == 0, log.read_text()[-3000:]
    before = read_raw(kafka, namespace.raw, idle=1.0)
    on_page_1 = {site.base + a.final_path for a in site.articles[:PER_PAGE] if not a.gone and not a.private}
    assert on_page_1 <= {r.canonical_url for r in before}

    service = tmp_path / "replica-live.log"
    proc = start_replica(service_env, reg, "live", tmp_path, **ENV)
    try:  # the live entry (page 1) lists 18 articles its crawl state has never seen: all published by the backfill
        wait_until(lambda: sum(1 for e in log_events(service, "poll done") if e.get("source") == "archive") >= 4
                   or proc.poll() is not None, 60, "four live polls", [proc], tmp_path)
        assert proc.poll() is None, service.read_text()[-3000:]
    finally:
        stop(proc)  # type: ignore[arg-type]
    after = read_raw(kafka, namespace.raw, idle=1.0)
    dupes = [u for u, k in Counter(r.canonical_url for r in after).items() if k > 1]
    assert not dupes, f"{len(dupes)} published again by live polling"
    assert len(after) == len(before)
    skipped = {e["url"] for e in log_events(service, "published by the backfill")}
    assert len(skipped) == len(on_page_1), skipped  # live polling fetched them all: the case was exercised
