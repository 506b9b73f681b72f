"""`recruitwatch backfill` against a generated multi-year archive on loopback and the real broker: every
article after the cutoff published exactly once, none before it, robots.txt respected; SIGKILLed twice and
resumed with no loss and no duplicate."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from services.shared.topics import TopicNames
from tests.integration.crawler.archive import PER_PAGE, ArchiveServer, ArchiveSite, archive
from tests.integration.crawler.replicas import count_raw, read_raw, stop, wait_until

pytestmark = pytest.mark.kafka
REPO = Path(__file__).resolve().parents[3]
ARTICLES = 300  # 10 years, 15 listing pages, 120 monthly sitemaps (the full 2,000: python -m bench.backfill)
SINCE = date(2020, 1, 1)


@pytest.fixture
def archive_site() -> Iterator[ArchiveSite]:
    """The generated archive on 127.0.0.1."""
    server = ArchiveServer(ArchiveSite(archive(ARTICLES)))
    yield server.start()
    server.stop()


def _registry(site: ArchiveSite, path: Path, mode: str) -> Path:
    plan: dict[str, object] = {"since": SINCE.isoformat()}
    if mode == "sitemaps":
        plan["sitemaps"] = [f"{site.base}/sitemap_index.xml"]
    else:
        plan.update(listing=f"{site.base}/tin-tuc?page={{n}}", link_pattern=r"/(bai-viet|private)/")
    source = {"id": "archive", "name": "Archive", "province": "Huế", "kind": "party_committee", "home": site.base,
              "allow_loopback": True, "backfill": plan,
              "entries": [{"kind": "listing", "url": f"{site.base}/tin-tuc?page=1", "link_pattern": "/bai-viet/"}]}
    path.write_text(yaml.safe_dump({"sources": [source]}, allow_unicode=True), encoding="utf-8")
    return path


def _backfill(env: dict[str, str], reg: Path, log: Path, delay: float = 0.005, checkpoint: float = 2.0
              ) -> subprocess.Popen[str]:
    env = {**env, "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": str(delay),  # × BACKFILL_DELAY_FACTOR 3
           "RECRUITWATCH_CRAWLER_BACKFILL_CHECKPOINT_SECONDS": str(checkpoint)}
    return subprocess.Popen([sys.executable, "-m", "services.cli", "backfill", "--source", "archive", "--sources",
                             str(reg), "--log-level", "INFO"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=log.open("a"), text=True)


@pytest.mark.parametrize("mode", ["sitemaps", "listing"])
def test_backfill_to_a_cutoff_survives_two_sigkills_without_loss_or_duplicate(
    archive_site: ArchiveSite, tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str],
    mode: str,
) -> None:
    site, log = archive_site, tmp_path / "backfill.log"
    reg = _registry(site, tmp_path / "sources.yaml", mode)
    expected = site.published_after(SINCE)
    assert len(expected) > 120
    for _ in range(2 if mode == "listing" else 0):  # killed twice (mid-page: 20 links a page), 25 more articles each
        at_least = count_raw(kafka, namespace.raw) + 25
        # ~10 articles/s, so it is killed while it walks; a checkpoint per page, so the kill lands in a page
        # begun after a checkpoint (a resumed walk must go back to that page: it once skipped ahead)
        proc = _backfill(service_env, reg, log, delay=0.03, checkpoint=0.0)
        wait_until(lambda n=at_least, p=proc: count_raw(kafka, namespace.raw) >= n or p.poll() is not None,
                   60, f"{at_least} records", log_dir=None)
        assert proc.poll() is None, f"finished before the kill\n{log.read_text()[-3000:]}"
        stop(proc, signal.SIGKILL)  # type: ignore[arg-type]
    proc = _backfill(service_env, reg, log)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, log.read_text()[-3000:]
    summary = json.loads(out.strip().splitlines()[-1])
    records = read_raw(kafka, namespace.raw, idle=1.5)
    by_url = Counter(r.canonical_url for r in records)
    assert not [u for u, k in by_url.items() if k > 1], "duplicates"
    assert set(by_url) - expected == set(), "published before the cutoff or not an article"
    assert expected - set(by_url) == set(), f"lost {len(expected - set(by_url))}"
    # the raw store is written first: a kill between the two sends leaves a copy there that the resumed run
    # writes again (compaction keeps the latest), never an article missing from it
    assert {r.article_id for r in read_raw(kafka, namespace.raw_store, idle=0.5)} == {r.article_id for r in records}
    assert summary["complete"] and summary["oldest"] >= SINCE.isoformat(), summary
    assert mode == "sitemaps" or summary["published_this_run"] > 0, summary  # the kills were mid-walk
    assert not [p for p in site.calls if p.startswith("/private/")], "robots.txt ignored"
    if mode == "listing":  # newest first: the walk stops one page after the cutoff, not at the archive's end
        boundary = max(i for i, a in enumerate(site.articles) if a.published >= SINCE) // PER_PAGE + 1
        assert site.calls["/tin-tuc"] <= (boundary + 1) + 2 * 3, site.calls["/tin-tuc"]  # + the killed runs' pages
    again = _backfill(service_env, reg, log)  # a finished walk does nothing
    out, _ = again.communicate(timeout=60)
    rerun = json.loads(out.strip().splitlines()[-1])
    assert rerun["pages_this_run"] == 0 and rerun["published"] == summary["published"], rerun
    assert len(read_raw(kafka, namespace.raw, idle=0.5)) == len(records)
