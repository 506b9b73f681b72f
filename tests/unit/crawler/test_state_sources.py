"""Crawl state round-trip, adaptive polling, commit, partitioning and registry validation."""

from __future__ import annotations

import pytest
from aiokafka.partitioner import DefaultPartitioner

from services.crawler.crawl import Candidate, PollResult, commit
from services.crawler.settings import CrawlerSettings
from services.crawler.sources import SourceError, parse_registry, parse_registry_lenient
from services.crawler.state import SourceState, Validators, cache_hint, dump_state, load_state, next_interval
from services.shared.events import RawArticle
from services.shared.kafkaio import partition_for

SRC = """
sources:
  - id: a-1
    name: A
    province: Huế
    kind: party_committee
    home: https://a.vn
    min_interval: 60
    max_interval: 600
    entries: [{kind: rss, url: "https://a.vn/rss"}]
"""


def test_state_round_trips() -> None:
    s = SourceState("a", validators={"u": Validators('"e"', "Mon", "h")}, interval=5.0, failures=2)
    s.remember("x", "h1", "2025", 1.0, 10)
    s.pending["y"] = ["h2", 3, 17, None]
    s.open_from = {"0": 12, "3": 0}
    assert load_state(dump_state(s)) == s


def test_seen_is_bounded_oldest_first() -> None:
    s = SourceState("a")
    for i in range(5):
        s.remember(f"id{i}", "h", None, float(i), 3)
    s.remember("id2", "h", None, 9.0, 3)
    assert list(s.seen) == ["id3", "id4", "id2"]


def test_next_interval_adapts_within_bounds_and_hints() -> None:
    assert next_interval(100, 0, 10, None, 60, 600) == 150  # nothing new: slower
    assert next_interval(100, 8, 10, None, 60, 600) == 60  # mostly new: faster, floored
    assert next_interval(500, 0, 10, None, 60, 600) == 600
    assert next_interval(100, 8, 10, 300, 60, 600) == 300  # publisher says ttl 5 min
    assert next_interval(100, 8, 10, 9999, 60, 600) == 600
    assert cache_hint("public, max-age=120") == 120 and cache_hint(None) is None


def _record(aid: str) -> RawArticle:
    return RawArticle(aid, "a-1", "u", "u", "t", 200, "<p>", "h-" + aid, "v")


def test_commit_success_and_failure() -> None:
    source = parse_registry(SRC).sources[0]
    settings = CrawlerSettings(backoff_base=10, backoff_max=100)
    res = PollResult("a-1", articles=[Candidate(_record("x"), "s")], validators={"u": Validators("e")},
                     found=1, new_links=1, entries_ok=1)
    state = commit(SourceState("a-1", pending={"x": ["h", 0, 0, None]}), res, source, settings, 1000.0)
    assert state.seen["x"][:2] == ["h-x", "s"] and state.pending == {} and state.validators["u"].etag == "e"
    assert state.next_due == 1000.0 + state.interval and 60 <= state.interval <= 600
    failed = commit(state, PollResult("a-1", validators=state.validators, entries_failed=1), source, settings, 2000.0,
                    retry_after=500.0)
    assert failed.failures == 1 and failed.next_due == 2500.0 and "x" in failed.seen


def test_a_poll_cut_by_its_budget_continues_after_one_host_delay_only_when_it_made_progress() -> None:
    source = parse_registry(SRC).sources[0]
    settings = CrawlerSettings(host_min_delay=2.0)
    cut = PollResult("a-1", articles=[Candidate(_record("x"), "s")], found=60, new_links=60, entries_ok=1)
    cut.skipped["deferred_budget"] = 10
    state = commit(SourceState("a-1", open_from={"0": 5}), cut, source, settings, 1000.0)
    assert state.next_due == 1002.0 and state.open_from == {} and 60 <= state.interval <= 600
    stuck = PollResult("a-1", found=60, new_links=60, entries_ok=1)  # every fetched link failed: no busy loop
    stuck.skipped["deferred_budget"] = 10
    assert commit(SourceState("a-1"), stuck, source, settings, 1000.0).next_due >= 1060.0
    blocked = commit(SourceState("a-1"), cut, source, settings, 1000.0, retry_after=30.0)
    assert blocked.next_due == 1030.0


def test_partition_for_matches_the_kafka_producer() -> None:
    parts = list(range(8))
    for key in ("nhandan", "baonghean", "thainguyen-dcs", "src07", "Đảng"):
        assert partition_for(key, 8) == DefaultPartitioner()(key.encode(), parts, parts)


def test_registry_errors_name_file_source_and_field() -> None:
    one = SRC.split("sources:\n", 1)[1]
    bad = one.replace("min_interval: 60", "min_interval: 900").replace("id: a-1", "id: b-2")
    bad += one.replace("kind: rss", "kind: atom").replace("id: a-1", "id: c-3")
    with pytest.raises(SourceError) as err:
        parse_registry("sources:\n" + one + one + bad, "s.yaml")
    problems = err.value.problems
    assert "s.yaml: source 'a-1': field id: duplicate id" in problems
    assert any(p.startswith("s.yaml: source 'b-2': field (source): ") and "min_interval" in p for p in problems)
    assert any(p.startswith("s.yaml: source 'c-3': field entries.0.kind") for p in problems)


@pytest.mark.parametrize(
    ("text", "needle"),
    [("sources: []", "field sources"), ("[1", "not valid YAML"), ("sources: [3]", "sources[0]"),
     (SRC.replace("id: a-1", "id: A B"), "field id"), (SRC.replace("home: https://a.vn", "home: a.vn"), "field home"),
     (SRC.replace("    name: A\n", "    name: A\n    colour: red\n"), "field colour"),
     (SRC.replace('{kind: rss, url: "https://a.vn/rss"}', '{kind: listing, url: "https://a.vn/", link_pattern: "("}'),
      "link_pattern")],
)
def test_registry_rejects_bad_input(text: str, needle: str) -> None:
    with pytest.raises(SourceError) as err:
        parse_registry(text, "f.yaml")
    assert needle in str(err.value) and "f.yaml" in str(err.value)


def test_lenient_registry_keeps_valid_sources() -> None:
    one = SRC.split("sources:\n", 1)[1]
    registry, problems = parse_registry_lenient("sources:\n" + one + "  - {id: x y}\n", "f.yaml")
    assert [s.id for s in registry.sources] == ["a-1"] and len(problems) >= 1
    assert parse_registry_lenient("[", "f.yaml")[0].sources == ()
