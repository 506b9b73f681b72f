"""The re-extraction's pace (services/history/pace.py): paused by live work, climbing back to its cap when idle."""

from __future__ import annotations

import pytest

from services.history.live import STALE_SECONDS, Consuming, committed_lag
from services.history.pace import RECHECK_SECONDS, Load, RateController
from services.history.reprocess import Job, article_date

IDLE = Load()


def _taken(ctl: RateController, loads: list[Load], step: float = 0.01) -> list[float]:
    """Simulated clock: ask every `step` s (or as told); the times an article was taken."""
    now, taken = 0.0, []
    for load in loads:
        wait = ctl.decide(load, now)
        if wait == 0:
            taken.append(now)
        now += step if wait == 0 else RECHECK_SECONDS if wait is None else min(wait, step)
    return taken


def test_an_idle_pipeline_climbs_from_the_start_rate_to_the_cap_and_never_beyond() -> None:
    ctl = RateController(50, start_rate=1)
    now, taken = 0.0, []
    while now < 12:
        wait = ctl.decide(IDLE, now)
        if wait == 0:
            taken.append(now)
        else:
            assert wait is not None and wait > 0
            now += wait
    first_second = [t for t in taken if t < 1]
    last_seconds = [t for t in taken if t >= 9]
    assert len(first_second) <= 2  # starts slowly
    assert 145 <= len(last_seconds) <= 151  # 50/s once the cap is reached (~6 s of doubling from 1/s)
    assert ctl.rate == 50 and not ctl.paused


def test_live_backlog_pauses_at_once_and_resumes_at_the_start_rate() -> None:
    ctl = RateController(50, start_rate=2)
    for t in range(100):
        ctl.decide(IDLE, t * 0.1)
    assert ctl.rate == 50
    assert ctl.decide(Load(live=1), 10.0) is None
    assert ctl.paused and ctl.rate == 0 and ctl.reason == "live_backlog"
    assert ctl.decide(Load(live=3), 10.2) is None
    assert ctl.decide(IDLE, 10.4) == 0  # idle again: one article now ...
    assert not ctl.paused and ctl.rate == 2
    wait = ctl.decide(IDLE, 10.4)
    assert wait == pytest.approx(0.5)  # ... and the next at the start rate, not at the old 50/s


def test_no_article_is_taken_while_live_work_waits() -> None:
    ctl = RateController(100, start_rate=100)
    busy = [Load(live=1)] * 50 + [IDLE] * 5 + [Load(live=2)] * 50
    taken = _taken(ctl, busy)
    assert len(taken) == 5  # only in the idle stretch
    assert _taken(RateController(100), [Load(live=1)] * 1000) == []


def test_the_sink_backlog_pauses_only_above_its_allowance() -> None:
    ctl = RateController(10, max_downstream=200)
    assert ctl.decide(Load(downstream=200), 0.0) == 0
    assert ctl.decide(Load(downstream=201), 1.0) is None and ctl.reason == "sink_backlog"
    assert RateController(10, max_live=10).decide(Load(live=10), 0.0) == 0  # the CLI's allowance for commits
    assert RateController(10, max_live=10).decide(Load(live=11), 0.0) is None


def test_a_fixed_rate_ignores_live_traffic_and_runs_at_the_cap() -> None:
    ctl = RateController(20, follow_live=False)
    taken = _taken(ctl, [Load(live=99, downstream=10_000)] * 1000, step=0.001)
    assert ctl.rate == 20 and not ctl.paused
    assert len(taken) == pytest.approx(20, abs=1)  # one second of simulated time


def test_a_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_rate"):
        RateController(0)
    assert RateController(3, start_rate=10).start_rate == 3


def test_group_lag_counts_records_after_the_commits_of_a_consuming_group_only() -> None:
    from aiokafka import TopicPartition

    a, b = TopicPartition("t", 0), TopicPartition("t", 1)
    assert committed_lag({a: 10, b: 5}, {a: 7, b: 5}) == 3
    assert committed_lag({a: 10}, {a: 12}) == 0
    group = Consuming()
    assert group.lag(100, 40, 0.0) == 40
    assert group.lag(100, 60, STALE_SECONDS - 1) == 60  # not moved yet, but not for long
    assert group.lag(100, 60, STALE_SECONDS) == 0  # no commit for STALE_SECONDS: nobody is consuming
    assert group.lag(105, 55, STALE_SECONDS + 1) == 55  # it commits again: it counts again
    assert group.lag(105, 0, 1000.0) == 0 and group.lag(105, 5, 1001.0) == 5  # a burst after a long idle counts


def test_since_means_the_published_date_else_the_fetch_date() -> None:
    from datetime import date

    job = Job("facts", date(2024, 1, 1))
    assert job.selects({"published": "2024-01-01", "fetched_at": "2026-01-01T00:00:00Z"})
    assert not job.selects({"published": "2023-12-31", "fetched_at": "2026-01-01T00:00:00Z"})
    assert job.selects({"published": None, "fetched_at": "2024-02-01T00:00:00Z"})
    assert not job.selects({"published": None, "fetched_at": "2023-02-01T00:00:00Z"})
    assert article_date({"fetched_at": "2025-05-06T10:00:00Z"}) == "2025-05-06"


def test_a_reparsed_article_is_kept_by_its_published_date_once_known() -> None:
    from datetime import date

    from services.shared.events import TextArticle

    def text(published: str | None) -> TextArticle:
        return TextArticle(article_id="a", source_id="s", url="http://x.vn/a", canonical_url=None,
                           fetched_at="2025-06-01T00:00:00Z", title="t", published=published, published_from=None,
                           author=None, language="vi", text="x", text_method="trafilatura", content_hash="h",
                           parser_version="p", source_province=None)

    job = Job("parse", date(2025, 1, 1))
    assert job.selects({"fetched_at": "2025-06-01T00:00:00Z", "html": "<p>"})  # raw: fetched after, may be in
    assert not job.selects({"fetched_at": "2024-12-31T23:00:00Z", "html": "<p>"})  # fetched before: published before
    assert job.keeps(text("2025-01-01")) and not job.keeps(text("2024-05-01"))
    assert job.keeps(text(None))  # no published date: its fetch date decides
    assert Job("parse").keeps(text("1999-01-01"))
