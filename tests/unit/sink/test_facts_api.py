"""Facts API: filters on current and historical province, place, metric, segment and period; provenance."""

from __future__ import annotations

from services.sink.facts_api import period_matches, query
from services.sink.state import SeriesEntries, SeriesUpdate, apply_update, candidate_from_fact
from tests.support.facts import fact


def series(*facts_: object) -> list[tuple[str, SeriesEntries]]:
    out: dict[str, SeriesEntries] = {}
    for f in facts_:
        c = candidate_from_fact(f)  # type: ignore[arg-type]
        u = SeriesUpdate(c["series_key"], c["article_id"], c["extractor_version"], c["fetched_at"], c)
        out[u.series_key] = apply_update(out.get(u.series_key), u) or out[u.series_key]
    return list(out.items())


def test_current_fact_carries_its_article_and_the_other_reports() -> None:
    data = series(fact("a", value=100, published="2024-12-01"), fact("b", value=101, published="2025-01-01"))
    [view] = query(data, {})
    assert view["value"] == 101
    assert view["source"]["url"] == "https://news.example.vn/b.html"
    assert view["source"]["extractor_version"] == "1.0.0" and view["source"]["published"] == "2025-01-01"
    assert [r["url"] for r in view["also_reported_by"]] == ["https://news.example.vn/a.html"]


def test_province_filter_matches_historical_and_current_names() -> None:
    data = series(fact("a"), fact("b", org="Đảng bộ tỉnh Quảng Ninh", province="Quảng Ninh",
                                  province_current="Quảng Ninh"))
    assert len(query(data, {"province": "Bắc Giang"})) == 1
    assert len(query(data, {"province": "bắc ninh"})) == 1
    assert len(query(data, {"province": "Hà Nội"})) == 0


def test_metric_segment_place_and_period_filters() -> None:
    data = series(fact("a", segment="female", value=40), fact("b", metric="members_total", period_start=None,
                                                              period_end="2024-06"))
    assert [v["segment"] for v in query(data, {"segment": "female"})] == ["female"]
    assert [v["metric"] for v in query(data, {"metric": "members_total", "period": "2024"})] == ["members_total"]
    assert len(query(data, {"place": "Hiệp Hòa", "period": "2023"})) == 0


def test_period_overlap() -> None:
    assert period_matches("2015", "2020", "2018")
    assert period_matches("2024-01", "2024-06", "2024")
    assert not period_matches("2024-01", "2024-06", "2024-07")
    assert not period_matches(None, None, "2024")


def test_min_confidence_hides_doubtful_facts_by_default_and_zero_shows_all() -> None:
    import pytest

    from services.sink.facts_api import BadQuery

    data = series(fact("a", value=100, published="2024-12-01", confidence=0.8),
                  fact("b", value=999, published="2025-01-01", confidence=0.3),
                  fact("c", metric="members_total", value=5000, period_start=None))  # no confidence: exposed
    shown = {v["metric"]: v["value"] for v in query(data, {}, 0.5)}
    assert shown == {"admitted": 100, "members_total": 5000}
    everything = query(data, {"min_confidence": "0"}, 0.5)
    assert {v["metric"]: v["value"] for v in everything} == {"admitted": 999, "members_total": 5000}
    assert [r["value"] for v in everything for r in v["also_reported_by"]] == [100]
    for bad in ("2", "-0.1", "high"):
        with pytest.raises(BadQuery):
            query(data, {"min_confidence": bad}, 0.5)
