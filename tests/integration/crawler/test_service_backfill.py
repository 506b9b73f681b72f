"""The crawler service backfills a source's archive in the background (real broker, loopback site): live
polling of another source on the same host stays on schedule, the backfill keeps to its share of the host,
publishes every article after the cutoff exactly once (also those live polling found first) and shows
`recruitwatch_backfill_*` on /metrics; a restarted replica does not walk the finished archive again."""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml

from services.shared.broker import free_port
from services.shared.topics import TopicNames
from tests.integration.crawler.archive import ArchiveServer, ArchiveSite, archive
from tests.integration.crawler.replicas import read_raw, scrape, start_replica, stop, wait_until

pytestmark = pytest.mark.kafka
ARTICLES = 200  # 10 years, 10 listing pages; about half after the cutoff
SINCE = date(2020, 1, 1)
DELAY = 0.03  # HOST_MIN_DELAY; the backfill takes one slot in BACKFILL_DELAY_FACTOR = 3
LIVE_INTERVAL = 1.0


@pytest.fixture
def archive_site() -> Iterator[ArchiveSite]:
    """The generated archive (and its live section) on 127.0.0.1."""
    server = ArchiveServer(ArchiveSite(archive(ARTICLES)))
    yield server.start()
    server.stop()


def _registry(site: ArchiveSite, path: Path) -> Path:
    common = {"province": "Huế", "kind": "party_committee", "home": site.base, "allow_loopback": True}
    archive_source = {
        "id": "archive", "name": "Archive", **common, "min_interval": 3600, "max_interval": 3600,
        "entries": [{"kind": "listing", "url": f"{site.base}/tin-tuc?page=1", "link_pattern": "/bai-viet/"}],
        "backfill": {"since": SINCE.isoformat(), "listing": f"{site.base}/tin-tuc?page={{n}}",
                     "link_pattern": r"/(bai-viet|private)/"},
    }
    live_source = {
        "id": "news", "name": "News", **common, "min_interval": LIVE_INTERVAL, "max_interval": LIVE_INTERVAL,
        "entries": [{"kind": "listing", "url": f"{site.base}/tin-moi", "link_pattern": "/tin-moi/"}],
    }
    path.write_text(yaml.safe_dump({"sources": [archive_source, live_source]}, allow_unicode=True), encoding="utf-8")
    return path


def _publish_live(site: ArchiveSite, stop_event: threading.Event) -> None:
    """A new live article every half second."""
    for k in itertools.count():
        site.live.append(k)
        if stop_event.wait(0.5):
            return


def _done(log: Path, times: int = 1) -> bool:
    return log.exists() and log.read_text().count('"backfill done"') >= times


def test_service_backfills_in_the_background_while_live_polling_keeps_its_schedule(
    archive_site: ArchiveSite, tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str],
) -> None:
    site, reg = archive_site, _registry(archive_site, tmp_path / "sources.yaml")
    env = {"RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": str(DELAY), "RECRUITWATCH_CRAWLER_BACKFILL_DELAY_FACTOR": "3"}
    port, log = free_port(), tmp_path / "replica-a.log"
    stop_live = threading.Event()
    feeder = threading.Thread(target=_publish_live, args=(site, stop_live), daemon=True)
    feeder.start()
    replica = start_replica(service_env, reg, "a", tmp_path, metrics_port=port, **env)
    try:
        wait_until(lambda: _done(log) or replica.poll() is not None, 120, "backfill done", [replica], tmp_path)
        assert replica.poll() is None, log.read_text()[-3000:]
        metrics = scrape(port)
    finally:
        stop_live.set()
        stop(replica)  # type: ignore[arg-type]
    feeder.join(2)

    # the backfill walk starts at listing page 1 again, after the archive's own live poll fetched it once
    listing = [t for p, t in site.log if p == "/tin-tuc"]
    assert len(listing) >= 2
    start = listing[1]
    archive_paths = ("/tin-tuc", "/bai-viet/", "/bai-viet-moi/", "/robots.txt")
    background = [t for p, t in site.log if t >= start and p.startswith(archive_paths) and p != "/robots.txt"]
    end = background[-1]
    assert end - start > 5 * LIVE_INTERVAL, "the backfill was too short to measure live polling beside it"
    # its share of the host: at most one request every 3 × HOST_MIN_DELAY (10 % slack for timing)
    assert (len(background) - 1) / (end - start) <= 1 / (3 * DELAY) * 1.1, (len(background), end - start)
    # live polling of the other source on the same host kept its schedule while the archive was walked
    polls = [t for p, t in site.log if p == "/tin-moi" and start <= t <= end + LIVE_INTERVAL]
    gaps = [b - a for a, b in itertools.pairwise(polls)]
    assert len(polls) >= (end - start) / (LIVE_INTERVAL + 2.0), polls
    assert max(gaps) <= LIVE_INTERVAL + 2.0, gaps  # interval + poll + tick (1.4-1.6 s measured), never starved

    records = read_raw(kafka, namespace.raw, idle=1.5)
    archived = Counter(r.canonical_url for r in records if r.source_id == "archive")
    assert not [u for u, k in archived.items() if k > 1], "duplicates"
    expected = site.published_after(SINCE)
    assert set(archived) == expected, (len(set(archived) - expected), len(expected - set(archived)))
    live = Counter(r.canonical_url for r in records if r.source_id == "news")
    assert max(live.values()) == 1 and len(live) >= 10

    by_backfill = len(expected) - 20 + sum(1 for a in site.articles[:20] if a.gone or a.private)
    assert f'recruitwatch_backfill_articles_published_total{{source="archive"}} {float(by_backfill)}' in metrics
    assert 'recruitwatch_backfill_pages_total{source="archive"}' in metrics
    oldest = [ln for ln in metrics.splitlines() if ln.startswith("recruitwatch_backfill_oldest_date_reached{")]
    assert oldest and float(oldest[0].split()[-1]) >= datetime(2020, 1, 1, tzinfo=UTC).timestamp(), oldest

    # a restarted replica finds the walk finished: nothing fetched from the archive, nothing published again
    calls_before = sum(site.calls[p] for p in site.calls if p.startswith(("/bai-viet", "/tin-tuc")))
    again = start_replica(service_env, reg, "a", tmp_path, metrics_port=free_port(), **env)
    try:
        wait_until(lambda: _done(log, 2) or again.poll() is not None, 60, "second backfill done", [again], tmp_path)
    finally:
        stop(again)  # type: ignore[arg-type]
    calls_after = sum(site.calls[p] for p in site.calls if p.startswith(("/bai-viet", "/tin-tuc")))
    assert calls_after - calls_before <= 1  # at most the archive source's live listing poll
    rerun = Counter(r.canonical_url for r in read_raw(kafka, namespace.raw, idle=1.0) if r.source_id == "archive")
    assert rerun == archived
