"""Each metric and segment from short Vietnamese sentences."""

from __future__ import annotations

from datetime import date

from services.extractor.extract import Fact, extract


def _facts(text: str, published: date | None = None) -> list[tuple[str, str, float, str]]:
    return [(f.metric, f.segment, f.value, f.unit) for f in extract(text, published=published).facts]


def test_admitted_and_attainment() -> None:
    assert _facts("Năm 2021, Đảng bộ huyện Tân Yên kết nạp được 230 đảng viên, đạt 104,5% kế hoạch.") == [
        ("admitted", "all", 230, "count"),
        ("target_attainment_pct", "all", 104.5, "pct"),
    ]


def test_exceeded_by_is_recorded_as_attainment_above_hundred() -> None:
    facts = extract("Năm 2020, huyện Tân Yên kết nạp 300 đảng viên, vượt 15% chỉ tiêu nghị quyết.").facts
    vuot = [f for f in facts if f.metric == "target_attainment_pct"]
    assert [(f.value, f.note) for f in vuot] == [(115, "vuot")]


def test_target_count_per_year_and_target_rate() -> None:
    assert _facts("Nghị quyết đề ra chỉ tiêu mỗi năm phát triển 150 đảng viên mới trong nhiệm kỳ 2020-2025.") == [
        ("admitted_target", "all", 150, "count")
    ]
    rate = extract("Nhiệm kỳ 2020-2025, tỉnh đề ra chỉ tiêu kết nạp đảng viên mới từ 3-4%/năm.").facts
    assert [(f.metric, f.value, f.value_max, f.per_year) for f in rate] == [("admitted_target_pct", 3, 4, True)]


def test_members_total_cells_and_grassroots_organisations() -> None:
    text = "Đảng bộ huyện Tân Yên có 62 tổ chức cơ sở đảng, 410 chi bộ trực thuộc với 7.250 đảng viên. Công tác phát triển đảng viên được chú trọng."
    assert _facts(text, date(2022, 5, 1)) == [
        ("grassroots_orgs", "all", 62, "count"),
        ("party_cells", "all", 410, "count"),
        ("members_total", "all", 7250, "count"),
    ]


def test_breakdown_segments_counts_and_shares() -> None:
    text = (
        "Năm 2022, huyện Tân Yên kết nạp 200 đảng viên. Trong đó có 95 đảng viên nữ, chiếm 47,5%; "
        "120 đảng viên là đoàn viên thanh niên; 8 đồng chí là người dân tộc thiểu số."
    )
    assert _facts(text) == [
        ("admitted", "all", 200, "count"),
        ("admitted", "female", 95, "count"),
        ("admitted", "female", 47.5, "pct"),
        ("admitted", "youth_union", 120, "count"),
        ("admitted", "ethnic_minority", 8, "count"),
    ]


def test_removed_and_trained() -> None:
    text = "Trong năm 2023, Đảng ủy xã Tân Hòa đã xóa tên 3 đảng viên và mở lớp bồi dưỡng nhận thức về Đảng cho 40 quần chúng ưu tú."
    assert _facts(text) == [("members_removed", "all", 3, "count"), ("candidates_trained", "all", 40, "count")]


def test_good_rating_share() -> None:
    text = "Năm 2022, tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên đạt 91,2%. Công tác kết nạp đảng viên được quan tâm."
    assert _facts(text) == [("members_good_rating_pct", "all", 91.2, "pct")]


def test_title_rounding_yields_to_the_exact_body_figure() -> None:
    text = "Kết nạp hơn 2.500 đảng viên mới\nNăm 2021, toàn tỉnh kết nạp 2.530 đảng viên mới."
    assert _facts(text) == [("admitted", "all", 2530, "count")]


def test_stock_figures_are_dated_by_the_publication_month() -> None:
    fact: Fact = extract("Hiện nay Đảng bộ xã Tân Hòa có 320 đảng viên. Xã quan tâm kết nạp đảng viên.", published=date(2024, 3, 5)).facts[0]
    assert (fact.metric, fact.period_start, fact.period_end) == ("members_total", None, "2024-03")


def test_removed_stated_after_the_noun() -> None:
    assert _facts("Năm 2020, có 9 đảng viên bị xóa tên khỏi danh sách. Công tác kết nạp đảng viên tiếp tục.") == [
        ("members_removed", "all", 9, "count")
    ]


def test_breakdown_after_a_semicolon() -> None:
    text = "Năm 2023, huyện Hiệp Hòa kết nạp 260 đảng viên; trong đó có 140 đảng viên nữ, 190 đoàn viên thanh niên."
    assert _facts(text) == [
        ("admitted", "all", 260, "count"),
        ("admitted", "female", 140, "count"),
        ("admitted", "youth_union", 190, "count"),
    ]


def test_subgroup_without_a_segment_is_dropped() -> None:
    text = "Năm 2022, xã Tân Hòa kết nạp 20 đảng viên, trong đó có 12 đảng viên có trình độ đại học."
    assert _facts(text) == [("admitted", "all", 20, "count")]


def test_candidate_pool_and_rate_of_membership() -> None:
    text = "Năm 2022, Đảng bộ huyện Yên Thế có 85 quần chúng ưu tú trong diện xem xét kết nạp; kết nạp 160 đảng viên, bằng 3,1% tổng số đảng viên."
    assert _facts(text) == [
        ("candidates_trained", "all", 85, "count"),
        ("admitted", "all", 160, "count"),
        ("admission_rate_pct", "all", 3.1, "pct"),
    ]


def test_breakdown_labels_after_the_number_across_semicolons() -> None:
    text = "Năm 2023, tỉnh kết nạp 900 đảng viên. Trong số đảng viên mới có 410 đảng viên nữ; 520 đoàn viên thanh niên; 66 người dân tộc thiểu số."
    assert _facts(text)[1:] == [
        ("admitted", "female", 410, "count"),
        ("admitted", "youth_union", 520, "count"),
        ("admitted", "ethnic_minority", 66, "count"),
    ]


def test_membership_rate_is_not_attainment() -> None:
    text = "Năm 2021, huyện kết nạp 180 đảng viên, đạt 110% chỉ tiêu; tỷ lệ kết nạp đạt 4,2%."
    assert _facts(text) == [
        ("admitted", "all", 180, "count"),
        ("target_attainment_pct", "all", 110, "pct"),
        ("admission_rate_pct", "all", 4.2, "pct"),
    ]


def test_parenthesised_attainment_after_an_admission_count() -> None:
    text = "Năm 2023, Đảng bộ thành phố Đà Nẵng kết nạp 1.234 đảng viên (đạt 102,8%)."
    assert _facts(text) == [("admitted", "all", 1234, "count"), ("target_attainment_pct", "all", 102.8, "pct")]


def test_target_then_achievement_for_each_district() -> None:
    text = "Năm 2023, huyện Lục Nam: chỉ tiêu 120, kết nạp 98 (đạt 81,7%)."
    assert _facts(text) == [
        ("admitted_target", "all", 120, "count"),
        ("admitted", "all", 98, "count"),
        ("target_attainment_pct", "all", 81.7, "pct"),
    ]


def test_removal_stated_after_the_removed_with_its_agent() -> None:
    lead = "Công tác phát triển đảng viên được chú trọng. "
    text = lead + "Trong 5 năm qua, hơn 900 đảng viên không còn đủ tư cách đã được các cấp ủy trong huyện Lục Nam đưa ra khỏi Đảng."
    assert _facts(text) == [("members_removed", "all", 900, "count")]
