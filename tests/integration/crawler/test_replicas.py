"""Replicas against the real broker: sources split without overlap; SIGKILL loses and duplicates nothing."""

from __future__ import annotations

import signal
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from services.shared.broker import free_port
from services.shared.topics import TopicNames
from tests.integration.crawler.replicas import count_raw, read_raw, scrape, start_replica, stop, wait_until
from tests.integration.crawler.site import FixtureSite, SiteServer
from tests.integration.crawler.test_crawl_once_cli import write_sources

pytestmark = pytest.mark.kafka


def _registry(site: FixtureSite, tmp_path: Path, n: int) -> Path:
    return write_sources(tmp_path / "sources.yaml", site, {f"src{i:02d}": ("rss", f"/s/src{i:02d}/rss.xml")
                                                           for i in range(n)})


@pytest.fixture
def hosts20() -> Iterator[FixtureSite]:
    """The fixture site on 20 loopback addresses (127.0.0.1-20), i.e. 20 distinct hosts."""
    server = SiteServer(extra_hosts=19)
    yield server.start()
    server.stop()


def test_two_replicas_split_20_sources_without_overlap(
    hosts20: FixtureSite, tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str]
) -> None:
    site = hosts20
    sources = [{"id": f"src{i:02d}", "name": "x", "province": "Huế", "kind": "party_committee",
                "home": f"http://127.0.0.{i + 1}:{site.port}/", "allow_loopback": True,
                "entries": [{"kind": "rss", "url": f"http://127.0.0.{i + 1}:{site.port}/s/src{i:02d}/rss.xml"}]}
               for i in range(20)]
    sources.append({"id": "Bad Id", "name": "x"})  # an invalid source is logged and counted, never a crash
    reg = tmp_path / "sources.yaml"
    reg.write_text(yaml.safe_dump({"sources": sources}))
    ports = [free_port(), free_port()]
    procs = [start_replica(service_env, reg, name, tmp_path, port) for name, port in zip("ab", ports, strict=True)]
    try:
        wait_until(lambda: len({p for p, _ in site.requests_for("/s/")}) >= 20, 60, "20 feeds fetched", procs,
                   tmp_path)
        records = read_raw(kafka, namespace.raw, idle=3.0)
        pages = [scrape(port) for port in ports]
    finally:
        for p in procs:
            stop(p)
    fetchers: dict[str, set[str]] = defaultdict(set)
    for path, agent in site.requests_for("/s/"):
        fetchers[path.split("/")[2]].add(agent.split("/")[0])
    assert all(len(agents) == 1 for agents in fetchers.values()), fetchers
    per_replica = Counter(next(iter(a)) for a in fetchers.values())
    assert set(per_replica) == {"replica-a", "replica-b"}, per_replica
    assert Counter(path for path, _ in site.requests_for("/s/")).most_common(1)[0][1] == 1  # each feed once
    host_agents: dict[str, set[str]] = defaultdict(set)
    for host, agent in site.hosts:
        host_agents[host].add(agent)
    assert len(host_agents) == 20 and all(len(a) == 1 for a in host_agents.values()), host_agents
    assert len(records) == 60 and len({r.article_id for r in records}) == 60
    both = "".join(pages)
    for family in ("recruitwatch_crawler_articles_published_total", "recruitwatch_crawler_poll_interval_seconds",
                   "recruitwatch_crawler_last_success_timestamp_seconds", "recruitwatch_crawler_response_bytes_total",
                   'recruitwatch_crawler_requests_total{source="src00",status_class="2xx"}',
                   "recruitwatch_crawler_owned_sources", 'recruitwatch_records_processed_total{stage="crawl"}',
                   "recruitwatch_crawler_registry_problems 5.0"):
        assert family in both, family
    assert "invalid source skipped" in (tmp_path / "replica-a.log").read_text()
    published = sum(float(line.split()[-1]) for line in both.splitlines()
                    if line.startswith("recruitwatch_crawler_articles_published_total{"))
    assert published == 60


@pytest.mark.parametrize("how", ["external_sigkill_mid_crawl", "sigkill_after_publish_before_commit"])
def test_sigkill_then_restart_loses_and_duplicates_nothing(
    site: FixtureSite, tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str], how: str
) -> None:
    reg = _registry(site, tmp_path, 10)
    for i in range(10):
        site.counts[f"src{i:02d}"] = 15
    site.article_delay = 0.03
    fail = how.startswith("sigkill_after")
    extra = {"RECRUITWATCH_CRAWLER_FAILPOINT": "after_publish:3"} if fail else {}
    first = start_replica(service_env, reg, "a", tmp_path, RECRUITWATCH_CRAWLER_SETTLE_SECONDS="0.5", **extra)
    try:
        if fail:
            wait_until(lambda: first.poll() is not None, 90, "the failpoint", [first], tmp_path)
            assert first.returncode == -signal.SIGKILL
        else:
            wait_until(lambda: count_raw(kafka, namespace.raw) >= 15, 60, "mid-crawl", [first], tmp_path)
            stop(first, signal.SIGKILL)
        before = read_raw(kafka, namespace.raw, idle=1.0)
        assert 0 < len(before) < 150
        second = start_replica(service_env, reg, "a2", tmp_path, RECRUITWATCH_CRAWLER_SETTLE_SECONDS="0.5")
        try:
            wait_until(lambda: len(read_raw(kafka, namespace.raw, idle=0.5)) >= 150, 90, "all articles", [second],
                       tmp_path)
            records = read_raw(kafka, namespace.raw, idle=3.0)
        finally:
            stop(second, signal.SIGKILL)
        if fail:  # the committed state survives a SIGKILL at rest: a new replica has nothing to do
            feeds_before = len(site.requests_for("/s/"))
            third = start_replica(service_env, reg, "a3", tmp_path, RECRUITWATCH_CRAWLER_SETTLE_SECONDS="0.5")
            try:
                wait_until(lambda: "partitions assigned" in (tmp_path / "replica-a3.log").read_text(), 60,
                           "assignment", [third], tmp_path)
                time.sleep(2.0)
                assert len(site.requests_for("/s/")) == feeds_before
                assert len(read_raw(kafka, namespace.raw, idle=0.5)) == len(records)
            finally:
                stop(third)
    finally:
        stop(first)
    ids = Counter(r.article_id for r in records)
    assert len(ids) == 150, f"lost {150 - len(ids)}"
    assert ids.most_common(1)[0][1] == 1, f"duplicates: {[k for k, v in ids.items() if v > 1][:5]}"
