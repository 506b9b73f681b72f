"""Sink state: most recent article wins, duplicates change nothing, newer extractions supersede and retract."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from services.shared.events import ExtractionEvent, SchemaError
from services.sink.state import (
    ArticleRecord,
    SeriesEntries,
    SeriesUpdate,
    apply_update,
    current,
    order_token,
    plan_extraction,
    series_partition,
)
from tests.support.facts import extraction, fact


class Pipeline:
    """Both sink stages in memory, exactly as the agents chain them."""

    def __init__(self) -> None:
        self.articles: dict[str, ArticleRecord] = {}
        self.series: dict[str, SeriesEntries] = {}
        self.updates: list[SeriesUpdate] = []

    def feed(self, events: Iterable[ExtractionEvent]) -> Pipeline:
        for event in events:
            plan = plan_extraction(self.articles.get(event.article_id), event)
            for update in plan.updates:
                self.updates.append(update)
                self.apply(update)
            if plan.record is not None:
                self.articles[event.article_id] = plan.record
        return self

    def apply(self, update: SeriesUpdate) -> None:
        new = apply_update(self.series.get(update.series_key), update)
        if new is not None:
            self.series[update.series_key] = new

    def values(self) -> dict[str, tuple[float, str]]:
        out = {}
        for key, entries in self.series.items():
            c = current(entries)
            if c is not None:
                out[key] = (c["value"], c["article_id"])
        return out


def ext(article_id: str, value: float, *, published: str | None = "2024-12-20",
        fetched_at: str = "2025-01-02T00:00:00Z", version: str = "1.0.0", **kw: object) -> ExtractionEvent:
    f = fact(article_id, value=value, published=published, fetched_at=fetched_at, version=version, **kw)
    return extraction(article_id, [f], published=published, fetched_at=fetched_at, version=version)


def test_most_recently_published_article_wins_whatever_the_arrival_order() -> None:
    newer, older = ext("b", 120, published="2025-01-05"), ext("a", 100, published="2024-12-20")
    assert list(Pipeline().feed([newer, older]).values().values()) == [(120, "b")]
    assert list(Pipeline().feed([older, newer]).values().values()) == [(120, "b")]


def test_ties_on_publication_go_to_latest_fetch_then_article_id() -> None:
    early = ext("a", 100, fetched_at="2025-01-02T00:00:00Z")
    late = ext("b", 110, fetched_at="2025-01-03T00:00:00Z")
    assert list(Pipeline().feed([late, early]).values().values()) == [(110, "b")]
    same_a, same_z = ext("a", 100), ext("z", 130)
    assert list(Pipeline().feed([same_z, same_a]).values().values()) == [(130, "z")]


def test_known_publication_date_beats_unknown_one() -> None:
    dated, undated = ext("a", 100, published="2020-01-01"), ext("b", 999, published=None,
                                                                fetched_at="2026-01-01T00:00:00Z")
    assert list(Pipeline().feed([dated, undated]).values().values()) == [(100, "a")]


def test_redelivered_extraction_changes_nothing() -> None:
    p = Pipeline().feed([ext("a", 100)])
    before = (dict(p.articles), dict(p.series), len(p.updates))
    p.feed([ext("a", 100), ext("a", 100)])
    assert (p.articles, p.series, len(p.updates)) == before


def test_replayed_series_updates_are_idempotent() -> None:
    p = Pipeline().feed([ext("a", 100), ext("a", 90, version="1.1.0")])
    state = dict(p.series)
    for update in list(p.updates):
        p.apply(update)
    assert p.series == state


def test_newer_extractor_version_supersedes_and_retracts_missing_series() -> None:
    f1 = fact("a", value=100)
    f2 = fact("a", metric="members_total", value=3000, period_start=None)
    v1 = extraction("a", [f1, f2])
    v2_fact = fact("a", value=105, version="1.10.0")
    v2 = extraction("a", [v2_fact], version="1.10.0")  # 1.10 > 1.9: compared as versions, not strings
    p = Pipeline().feed([v1, extraction("a", [fact("a", value=1, version="1.9.0")], version="1.9.0"), v2])
    assert p.values() == {f1.series_key: (105, "a")}


def test_older_version_arriving_late_is_ignored() -> None:
    p = Pipeline().feed([ext("a", 105, version="2.0.0"), ext("a", 100, version="1.0.0")])
    assert list(p.values().values()) == [(105, "a")]


def test_late_update_cannot_resurrect_a_retracted_series() -> None:
    p = Pipeline().feed([ext("a", 100, version="1.0.0"), extraction("a", [], version="2.0.0")])
    assert p.values() == {}
    stale = next(u for u in p.updates if u.version == "1.0.0")
    p.apply(stale)
    assert p.values() == {}


def test_retraction_falls_back_to_the_next_most_recent_article() -> None:
    p = Pipeline().feed([ext("old", 100, published="2024-01-01"), ext("new", 120, published="2025-01-01")])
    p.feed([extraction("new", [], published="2025-01-01", version="2.0.0")])
    assert list(p.values().values()) == [(100, "old")]


def test_same_version_refetched_later_replaces_the_article() -> None:
    p = Pipeline().feed([ext("a", 100), ext("a", 101, fetched_at="2025-02-01T00:00:00Z")])
    assert list(p.values().values()) == [(101, "a")]


P1, P2 = "parse/1+trafilatura-2.0.0", "parse/1+trafilatura-2.10.0"  # 2.10 > 2.0: numbers compared as numbers


def test_order_token_puts_the_parser_version_between_extractor_version_and_fetch_time() -> None:
    early, late = "2025-01-02T00:00:00Z", "2025-03-01T00:00:00Z"
    assert order_token("1.0.0", early, P2) > order_token("1.0.0", early, P1)
    assert order_token("1.0.0", early, P2) > order_token("1.0.0", late, P1)  # a newer parse of an older fetch
    assert order_token("1.1.0", early, P1) > order_token("1.0.0", late, P2)  # the extractor version comes first
    assert order_token("1.0.0", early, "parse/2+trafilatura-1.0") > order_token("1.0.0", early, P2)
    assert order_token("1.0.0", early, P1) > order_token("1.0.0", early, None)  # absent: before any version


def test_records_without_a_parser_version_order_as_before() -> None:
    early, late = "2025-01-02T00:00:00Z", "2025-03-01T00:00:00Z"
    assert order_token("1.0.0", late) > order_token("1.0.0", early)
    assert order_token("1.0.0", early) == order_token("1.0.0", early, None)
    p = Pipeline().feed([ext("a", 100), ext("a", 101, fetched_at=late)])
    assert list(p.values().values()) == [(101, "a")]
    assert "parser_version" not in p.articles["a"]  # state written as older sinks wrote it
    assert all("parser_version" not in e for entries in p.series.values() for e in entries.values())


def test_newer_parse_of_the_same_extractor_version_supersedes_and_retracts_missing_series() -> None:
    f1, f2 = fact("a", value=100), fact("a", metric="members_total", value=3000, period_start=None)
    p = Pipeline().feed([extraction("a", [f1, f2], parser_version=P1)])
    assert p.values() == {f1.series_key: (100, "a"), f2.series_key: (3000, "a")}
    p.feed([extraction("a", [fact("a", value=105)], parser_version=P2)])
    assert p.values() == {f1.series_key: (105, "a")}
    assert p.articles["a"]["parser_version"] == P2


def test_older_parse_arriving_late_changes_nothing() -> None:
    f1, f2 = fact("a", value=100), fact("a", metric="members_total", value=3000, period_start=None)
    p = Pipeline().feed([extraction("a", [fact("a", value=105)], parser_version=P2)])
    before = (dict(p.articles), dict(p.series), len(p.updates))
    p.feed([extraction("a", [f1, f2], parser_version=P1), extraction("a", [f1, f2])])
    assert (p.articles, p.series, len(p.updates)) == before
    stale = plan_extraction(p.articles["a"], extraction("a", [f1], parser_version=P1))
    assert stale.outcome == "stale" and stale.record is None


def test_late_series_update_of_an_older_parse_cannot_resurrect_a_retraction() -> None:
    p = Pipeline().feed([ext("a", 100), extraction("a", [], parser_version=P1)])
    assert p.values() == {}
    stale = next(u for u in p.updates if u.parser_version is None)
    p.apply(stale)
    assert p.values() == {}
    replayed = [SeriesUpdate.from_dict(u.to_dict()) for u in p.updates]  # the internal topic's form
    assert replayed == p.updates


def test_invalid_extractor_version_is_a_schema_error() -> None:
    with pytest.raises(SchemaError):
        plan_extraction(None, ext("a", 1, version="not a version!"))


def test_fact_with_a_non_numeric_value_is_a_schema_error() -> None:
    with pytest.raises(SchemaError):
        plan_extraction(None, extraction("a", [fact("a", value="625")]))  # type: ignore[arg-type]


def test_series_partition_matches_kafkas_default_partitioner() -> None:
    from aiokafka.partitioner import DefaultPartitioner

    for key in ("a", "series-1", "7c57db1d379f6d967c1938d4"):
        assert series_partition(key, 4) == DefaultPartitioner()(key.encode(), [0, 1, 2, 3], [0, 1, 2, 3])
