"""Cross-fact validation: impossible facts are dropped with a reason, contradicting facts lose confidence."""

from __future__ import annotations

from dataclasses import replace

from services.extractor.extract import Fact, extract
from services.extractor.validate import DROP_REASONS, PENALTY, check

BASE = Fact(
    metric="admitted", segment="all", value=200, value_max=None, unit="count", qualifier="exact", per_year=False,
    org="Đảng bộ huyện Tân Yên", place="Tân Yên", level="district", period_start="2022", period_end="2022",
    period_text="Năm 2022", evidence="…", confidence=0.9,
)

T = 0.6
"""A positive threshold: a plain fact that loses a validation penalty falls under it (EXPOSE_MIN_CONFIDENCE may be 0)."""


def _f(**kw: object) -> Fact:
    return replace(BASE, **kw)  # type: ignore[arg-type]


def test_percent_in_a_count_metric_and_count_in_a_percent_metric_are_dropped() -> None:
    out = check([BASE, _f(metric="members_total", unit="pct", value=45.0), _f(metric="target_attainment_pct", unit="count")])
    assert out.facts == (BASE,)
    assert sorted(out.dropped) == ["count_in_percent_metric", "percent_in_count_metric"]
    assert set(out.dropped) <= set(DROP_REASONS)


def test_shares_above_hundred_are_dropped_but_exceeded_attainment_is_kept() -> None:
    share = _f(segment="female", unit="pct", value=120.0)
    rate = _f(metric="admission_rate_pct", unit="pct", value=101.0)
    exceeded = _f(metric="target_attainment_pct", unit="pct", value=126.9, note="vuot")
    out = check([share, rate, exceeded])
    assert out.facts == (exceeded,) and out.dropped == ("share_over_100", "share_over_100")


def test_segment_larger_than_its_total_is_dropped() -> None:
    women = _f(segment="female", value=250)
    youth = _f(segment="youth_union", value=120)
    out = check([BASE, women, youth])
    assert out.facts == (BASE, youth) and out.dropped == ("segment_over_total",)


def test_attainment_that_the_figures_contradict_loses_confidence() -> None:
    target = _f(metric="admitted_target", value=250)
    wrong = _f(metric="target_attainment_pct", unit="pct", value=50.0)
    out = check([BASE, target, wrong])
    assert [f.confidence for f in out.facts] == [0.9, 0.9, round(0.9 - PENALTY["attainment_mismatch"], 3)]
    assert out.lowered == ("attainment_mismatch",)


def test_attainment_within_rounding_and_range_targets_is_consistent() -> None:
    target = _f(metric="admitted_target", value=180, value_max=200)
    for pct in (100.0, 111.1, 105.0):
        out = check([BASE, target, _f(metric="target_attainment_pct", unit="pct", value=pct)])
        assert out.lowered == (), pct
    out = check([BASE, _f(metric="admitted_target", value=300), _f(metric="target_attainment_pct", unit="pct", value=66.7)])
    assert out.lowered == ()


def test_members_fewer_than_admitted_lose_confidence_of_the_other_organisation_not() -> None:
    members = _f(metric="members_total", value=150)
    elsewhere = _f(metric="members_total", value=150, place="Hiệp Hòa", org="Đảng bộ huyện Hiệp Hòa")
    out = check([BASE, members, elsewhere])
    assert [f.confidence for f in out.facts] == [0.9, round(0.9 - PENALTY["members_below_admitted"], 3), 0.9]


def test_a_second_smaller_admission_after_trong_do_is_a_breakdown() -> None:
    sentence = "Năm 2016, Đảng bộ huyện Tân Yên đã kết nạp được 300 đảng viên mới, trong đó kết nạp 6 đảng viên ở vùng cao."
    facts = extract(sentence).facts
    assert [(f.value, f.confidence < T) for f in facts] == [(300, False), (6, True)]


def test_sub_organisations_listed_after_a_total_keep_their_confidence() -> None:
    sentence = (
        "Năm 2019, toàn tỉnh Thái Nguyên đã kết nạp được 310 đảng viên mới, trong đó, Đảng bộ huyện Phú Lương kết nạp "
        "được 74 đảng viên, Đảng bộ huyện Đại Từ kết nạp được 60 đảng viên."
    )
    facts = extract(sentence).facts
    assert [f.value for f in facts if f.confidence >= T] == [310, 74, 60]


def test_validation_drops_are_reported_on_the_extraction() -> None:
    assert extract("Năm 2023, Đảng bộ huyện Hiệp Hòa kết nạp 625 đảng viên mới.").dropped == ()


def test_dropped_facts_are_counted_by_reason_on_the_metrics_page() -> None:
    from prometheus_client import CollectorRegistry, generate_latest

    from services.extractor.metrics import ExtractorMetrics

    registry = CollectorRegistry()
    metrics = ExtractorMetrics(registry)
    page = generate_latest(registry).decode()
    assert all(f'recruitwatch_extractor_facts_dropped_total{{reason="{r}"}} 0.0' in page for r in DROP_REASONS)
    metrics.dropped((("share_over_100", 2), ("numbers_over_budget", 9940)))
    page = generate_latest(registry).decode()
    assert 'recruitwatch_extractor_facts_dropped_total{reason="share_over_100"} 2.0' in page
    assert 'recruitwatch_extractor_facts_dropped_total{reason="numbers_over_budget"} 9940.0' in page


def test_numbers_past_the_budget_are_counted() -> None:
    text = "Năm 2023, huyện Hiệp Hòa kết nạp " + ", ".join(f"{100 + i} đảng viên" for i in range(100)) + "."
    assert dict(extract(text).dropped)["numbers_over_budget"] == 40


def test_a_segment_is_compared_with_the_largest_admission_of_its_scope() -> None:
    quarter, year = _f(value=97), _f(value=286)
    private = _f(segment="private_sector", value=174)
    out = check([quarter, year, private])
    assert out.facts == (quarter, year, private) and out.dropped == ()
    assert check([quarter, _f(segment="private_sector", value=300)]).dropped == ("segment_over_total",)


def test_a_stock_dated_after_publication_is_a_goal_and_is_dropped_with_its_reason() -> None:
    from datetime import date

    from services.extractor.extract import extract

    text = "Năm 2023, huyện Lục Nam kết nạp 150 đảng viên. Đến năm 2030, toàn tỉnh Bắc Giang có 60.000 đảng viên."
    got = extract(text, published=date(2024, 1, 5))
    assert [(f.metric, f.value) for f in got.facts] == [("admitted", 150)]
    assert dict(got.dropped) == {"planned_stock": 1}
    unknown = extract(text)
    assert ("members_total", 60000) in [(f.metric, f.value) for f in unknown.facts]  # no publication date: not known to be a goal
