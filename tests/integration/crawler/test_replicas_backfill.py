"""Two crawler replicas each backfilling the archive of the source they own (real broker, two real processes,
two loopback hosts); one is SIGKILLed mid-walk: the other takes its source over and resumes the walk from
the progress record, and every article after the cutoff is on articles.raw exactly once."""

from __future__ import annotations

import signal
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from services.crawler.urls import host_key
from services.shared.kafkaio import partition_for
from services.shared.topics import TopicNames
from tests.integration.crawler.archive import (
    ArchiveServer,
    ArchiveSite,
    archive,
    archive_source,
    write_registry,
)
from tests.integration.crawler.replicas import (
    log_events,
    snapshot_raw,
    start_replica,
    stop,
    wait_until,
)

pytestmark = pytest.mark.kafka
ARTICLES = 200  # per host: 10 listing pages, 92 reachable articles after the cutoff
SINCE = date(2020, 1, 1)
PARTITIONS = 8
ENV = {
    "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": "0.03",  # each backfill takes one slot in 3: ~11 requests/s per host
    "RECRUITWATCH_CRAWLER_BACKFILL_CHECKPOINT_SECONDS": "0",
    "RECRUITWATCH_CRAWLER_STATE_PARTITIONS": str(PARTITIONS),
    "RECRUITWATCH_CRAWLER_SETTLE_SECONDS": "1",
}


@pytest.fixture
def hosts() -> Iterator[ArchiveSite]:
    """The archive on 127.0.0.1-16 (16 hosts, one port)."""
    server = ArchiveServer(ArchiveSite(archive(ARTICLES)), extra_hosts=15)
    yield server.start()
    server.stop()


def split_bases(site: ArchiveSite) -> tuple[str, str]:
    """Two hosts whose state partitions differ in parity, so two replicas own one each (round-robin split)."""
    bases = [f"http://127.0.0.{k}:{site.port}" for k in range(1, 17)]
    parity = {b: partition_for(host_key(b + "/"), PARTITIONS) % 2 for b in bases}
    return next(b for b in bases if parity[b] == 0), next(b for b in bases if parity[b] == 1)


def _walk_requests(site: ArchiveSite, host: str) -> list[tuple[str, str]]:
    """(replica, listing page) of every request for a listing page past page 1 (only backfills fetch those)."""
    return [(agent.split("/")[0], query) for h, query, agent in list(site.requests)
            if h == host and query.startswith("/tin-tuc?page=") and query != "/tin-tuc?page=1"]


def backfill_pages(site: ArchiveSite, host: str) -> dict[str, set[str]]:
    """Replica -> the listing pages past page 1 its backfill fetched from `host`."""
    out: dict[str, set[str]] = defaultdict(set)
    for agent, query in _walk_requests(site, host):
        out[agent].add(query)
    return out


def walker(site: ArchiveSite, host: str) -> str:
    """The replica walking `host`'s archive now (the last to fetch one of its listing pages)."""
    return _walk_requests(site, host)[-1][0]


def test_two_replicas_each_backfilling_a_source_survive_a_rebalance(
    hosts: ArchiveSite, tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str],
) -> None:
    site = hosts
    bases = split_bases(site)
    ids = ("east", "west")
    reg = write_registry(tmp_path / "sources.yaml", *(archive_source(i, b, SINCE) for i, b in zip(ids, bases,
                                                                                                   strict=True)))
    expected = {i: site.published_after(SINCE, b) for i, b in zip(ids, bases, strict=True)}
    procs = {name: start_replica(service_env, reg, name, tmp_path, **ENV) for name in ("a", "b")}

    def published() -> Counter[str]:
        return Counter(r.source_id for r in snapshot_raw(kafka, namespace.raw))

    try:
        # page 1 is the live entry (19 articles): a few more from each source are the backfills' own
        wait_until(lambda: min(published()[i] for i in ids) >= 35, 90, "both backfills under way",
                   list(procs.values()), tmp_path)
        owner = {i: walker(site, b.removeprefix("http://")) for i, b in zip(ids, bases, strict=True)}
        assert set(owner.values()) == {"replica-a", "replica-b"}, owner  # one source each, both backfilling
        victim = owner["east"].removeprefix("replica-")
        survivor = "b" if victim == "a" else "a"
        stop(procs[victim], signal.SIGKILL)
        walked_before = backfill_pages(site, bases[0].removeprefix("http://"))[owner["east"]]
        assert not [e for e in log_events(tmp_path / f"replica-{victim}.log", "backfill done")
                    if e["source_id"] == "east"], "killed after its walk ended"
        log = tmp_path / f"replica-{survivor}.log"
        wait_until(lambda: {e["source_id"] for e in log_events(log, "backfill done")} >= set(ids)
                   or procs[survivor].poll() is not None, 120, "both walks done on the survivor", [procs[survivor]],
                   tmp_path)
        assert procs[survivor].poll() is None, log.read_text()[-3000:]
    finally:
        for p in procs.values():
            stop(p)

    records = snapshot_raw(kafka, namespace.raw)
    for sid in ids:
        urls = Counter(r.canonical_url for r in records if r.source_id == sid)
        assert not [u for u, k in urls.items() if k > 1], f"duplicates of {sid}"
        assert set(urls) == expected[sid], (sid, len(set(urls) - expected[sid]), len(expected[sid] - set(urls)))
    assert len(records) == sum(len(e) for e in expected.values())
    assert not [q for _, q, _ in site.requests if q.startswith("/private/")], "robots.txt ignored"
    # the survivor resumed the victim's walk: it fetched the rest of the archive, again at most the page each
    # handover interrupted (the kill; and the start, when the first replica up may briefly own both), and
    # finished it in a run that published
    taken_over = backfill_pages(site, bases[0].removeprefix("http://"))[f"replica-{survivor}"]
    assert taken_over and len(taken_over & walked_before) <= 2, (walked_before, taken_over)
    done = next(e for e in log_events(tmp_path / f"replica-{survivor}.log", "backfill done") if e["source_id"] == "east")
    assert done["complete"] and done["published_this_run"] > 0, done
