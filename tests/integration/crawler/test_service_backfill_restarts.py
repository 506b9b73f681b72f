"""The crawler service's background backfill across restarts (real broker, real processes, loopback archive):
SIGKILLed twice mid-walk and restarted, it publishes every article after the cutoff exactly once and none
before it; live polling never publishes again an article an earlier backfill run published, and a backfill
never publishes again what a live poll SIGKILLed before its commit published."""

from __future__ import annotations

import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from services.shared.topics import TopicNames
from tests.integration.crawler.archive import (
    PER_PAGE,
    ArchiveServer,
    ArchiveSite,
    archive,
    archive_source,
    write_registry,
)
from tests.integration.crawler.replicas import (
    count_raw,
    log_events,
    snapshot_raw,
    start_replica,
    stop,
    wait_until,
)
from tests.integration.crawler.test_backfill import _backfill

pytestmark = pytest.mark.kafka
SINCE = date(2020, 1, 1)
ENV = {
    "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": "0.02",  # the backfill takes one slot in 3: ~16 requests/s
    "RECRUITWATCH_CRAWLER_BACKFILL_CHECKPOINT_SECONDS": "0",  # progress after every page: kills land mid-page
    "RECRUITWATCH_CRAWLER_SETTLE_SECONDS": "0.5",
}


@contextmanager
def serve(articles: int) -> Iterator[ArchiveSite]:
    """A generated 10-year archive of `articles` on 127.0.0.1."""
    server = ArchiveServer(ArchiveSite(archive(articles)))
    try:
        yield server.start()
    finally:
        server.stop()


def test_service_sigkilled_twice_mid_backfill_resumes_without_loss_or_duplicate(
    tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str],
) -> None:
    with serve(200) as site:  # 10 listing pages, 92 reachable articles after the cutoff
        reg = write_registry(tmp_path / "sources.yaml", archive_source("archive", site.base, SINCE))
        expected = site.published_after(SINCE)
        env = {**ENV, "RECRUITWATCH_CRAWLER_MAX_ARTICLES_PER_POLL": "5"}  # live polling works through page 1
        kills = []  # records on articles.raw at each kill
        for n, at_least in enumerate((30, 60)):
            proc = start_replica(service_env, reg, f"k{n}", tmp_path, **env)
            try:
                wait_until(lambda k=at_least, p=proc: count_raw(kafka, namespace.raw) >= k or p.poll() is not None,
                           90, f"{at_least} records", [proc], tmp_path)
                assert proc.poll() is None, (tmp_path / f"replica-k{n}.log").read_text()[-3000:]
            finally:
                stop(proc, signal.SIGKILL)
            kills.append(count_raw(kafka, namespace.raw))
            assert not log_events(tmp_path / f"replica-k{n}.log", "backfill done"), "killed after the walk ended"
        last = tmp_path / "replica-end.log"
        proc = start_replica(service_env, reg, "end", tmp_path, **env)
        try:
            wait_until(lambda: bool(log_events(last, "backfill done")) or proc.poll() is not None, 90,
                       "backfill done", [proc], tmp_path)
            assert proc.poll() is None, last.read_text()[-3000:]
        finally:
            stop(proc)

    records = snapshot_raw(kafka, namespace.raw)
    by_url = Counter(r.canonical_url for r in records)
    dupes = [u for u, k in by_url.items() if k > 1]
    assert not dupes, f"{len(dupes)} duplicates: {dupes[:3]}"
    assert set(by_url) - expected == set(), "published before the cutoff or not an article"
    assert expected - set(by_url) == set(), f"lost {len(expected - set(by_url))}"
    assert {r.article_id for r in snapshot_raw(kafka, namespace.raw_store)} == {r.article_id for r in records}
    assert not [p for p in site.calls if p.startswith("/private/")], "robots.txt ignored"
    assert kills[0] < kills[1] < len(expected), kills  # both kills were mid-walk
    done = log_events(last, "backfill done")[0]
    assert done["complete"] and done["published_this_run"] > 0, done  # the last run resumed the walk
    # resumed from the progress record: listing pages past page 1 (which is also the live entry) are fetched
    # once, a second time only the page a kill interrupted
    pages = Counter(q for _, q, _ in site.requests if q.startswith("/tin-tuc?page=") and q != "/tin-tuc?page=1")
    boundary = max(i for i, a in enumerate(site.articles) if a.published >= SINCE) // PER_PAGE + 1
    assert len(pages) <= boundary + 1 and sum(pages.values()) <= len(pages) + 2, pages


def test_live_polling_never_republishes_what_an_earlier_backfill_published(
    tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str],
) -> None:
    with serve(60) as site:  # 3 listing pages; page 1 lists 19 reachable articles
        reg = write_registry(tmp_path / "sources.yaml", archive_source("archive", site.base, SINCE))
        log = tmp_path / "backfill.log"
        first = _backfill(service_env, reg, log)  # `recruitwatch backfill` before the service ever ran
        first.communicate(timeout=120)
        assert first.returncode == 0, log.read_text()[-3000:]
        before = snapshot_raw(kafka, namespace.raw)
        on_page_1 = {site.base + a.final_path for a in site.articles[:PER_PAGE] if not a.gone and not a.private}
        assert on_page_1 <= {r.canonical_url for r in before}

        service = tmp_path / "replica-live.log"
        proc = start_replica(service_env, reg, "live", tmp_path, **ENV)
        try:  # its first live poll of page 1 fetches 19 articles its crawl state has never seen
            wait_until(lambda: bool(log_events(service, "poll done")) or proc.poll() is not None, 60,
                       "the first live poll", [proc], tmp_path)
            assert proc.poll() is None, service.read_text()[-3000:]
        finally:
            stop(proc)
    after = snapshot_raw(kafka, namespace.raw)
    dupes = [u for u, k in Counter(r.canonical_url for r in after).items() if k > 1]
    assert not dupes, f"{len(dupes)} published again by live polling"
    assert len(after) == len(before)
    skipped = {e["url"] for e in log_events(service, "published by the backfill")}
    assert len(skipped) == len(on_page_1), skipped  # live polling fetched them all: the case was exercised


def test_a_backfill_never_republishes_what_a_killed_live_poll_published(
    tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str],
) -> None:
    with serve(60) as site:
        reg = write_registry(tmp_path / "sources.yaml", archive_source("archive", site.base, SINCE))
        env = {**ENV, "RECRUITWATCH_CRAWLER_BACKFILL_IN_SERVICE": "false",
               "RECRUITWATCH_CRAWLER_FAILPOINT": "after_publish:3"}  # SIGKILL after 3 articles, before the commit
        proc = start_replica(service_env, reg, "live", tmp_path, **env)
        try:
            wait_until(lambda: proc.poll() is not None, 60, "the failpoint", [proc], tmp_path)
        finally:
            stop(proc)
        assert proc.returncode == -signal.SIGKILL
        live = snapshot_raw(kafka, namespace.raw)
        assert len(live) == 3  # on articles.raw, in no committed crawl state: only the open poll's offsets
        log = tmp_path / "backfill.log"
        backfill = _backfill(service_env, reg, log)
        backfill.communicate(timeout=120)
        assert backfill.returncode == 0, log.read_text()[-3000:]
    records = snapshot_raw(kafka, namespace.raw)
    by_url = Counter(r.canonical_url for r in records)
    assert not [u for u, k in by_url.items() if k > 1], "published again by the backfill"
    assert set(by_url) == site.published_after(SINCE)
