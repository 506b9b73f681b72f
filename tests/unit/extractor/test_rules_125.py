"""Rules 1.2.5: "vượt N%" after another percent, attainments of other indicators or counts, plans after the count."""

from __future__ import annotations

from tests.unit.extractor.sentences import facts as _facts


def _attainments(text: str) -> list[float]:
    return [value for metric, _, value in _facts(text) if metric == "target_attainment_pct"]


def test_vuot_after_a_share_or_rating_is_points_over_its_target() -> None:
    for text in (
        "Năm 2023, kết nạp 150 đảng viên, trong đó đảng viên nữ chiếm 45%, vượt 5% so với chỉ tiêu Nghị quyết.",
        "Năm 2023, kết nạp 150 đảng viên, trong đó đoàn viên chiếm 85%, vượt 5% so với chỉ tiêu.",
        "Năm 2023, kết nạp 150 đảng viên; tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 92%, vượt 2% chỉ tiêu.",
        "Năm 2023, kết nạp 150 đảng viên; tỷ lệ chi bộ trong sạch vững mạnh đạt 90%, vượt 10% so với chỉ tiêu.",
        "Số đảng viên mới kết nạp chiếm 3,5% tổng số đảng viên, vượt 0,5% chỉ tiêu đề ra.",
        "Tỷ lệ đảng viên trẻ dưới 30 tuổi được kết nạp chiếm 70%, vượt 10% so với chỉ tiêu.",
    ):
        assert not [a for a in _attainments(text) if a > 100], text


def test_vuot_after_a_count_is_still_an_attainment() -> None:
    assert _attainments("Năm 2023, Đảng bộ huyện kết nạp 150 đảng viên, vượt 25% chỉ tiêu, trong đó nữ chiếm 45%.") == [125]
    assert _attainments("Năm 2023, Đảng bộ huyện kết nạp 150 đảng viên mới, vượt 25% kế hoạch đề ra.") == [125]


def test_a_share_in_parentheses_after_a_segment_count_is_not_an_attainment() -> None:
    facts = _facts("Năm 2023, kết nạp 150 đảng viên, trong đó 60 đảng viên là nữ (40%), vượt 10% chỉ tiêu.")
    assert ("admitted", "female", 40) in facts
    assert not [f for f in facts if f[0] == "target_attainment_pct"]


def test_another_indicator_reaching_a_percent_is_not_the_admissions_attainment() -> None:
    text = "Năm 2023, chỉ tiêu phát triển đảng viên đạt 105%, chỉ tiêu chi bộ có đảng viên đạt 100%, chỉ tiêu thôn có chi bộ đạt 100%."
    assert _attainments(text) == [105]
    text = "Các chỉ tiêu về xây dựng Đảng đều đạt, như kết nạp đảng viên đạt 118%, tổ chức cơ sở đảng trong sạch vững mạnh đạt 85%."
    assert _attainments(text) == [118]


def test_a_count_of_candidates_or_units_reaching_a_percent_is_not_the_admissions_attainment() -> None:
    text = "Năm 2023, kết nạp 150 đảng viên, đạt 100% kế hoạch; tạo nguồn 300 quần chúng ưu tú, đạt 150% kế hoạch."
    assert _attainments(text) == [100]
    text = "Năm 2023, kết nạp 150 đảng viên, đạt 107% kế hoạch; thành lập mới 3 tổ chức đảng trong doanh nghiệp, đạt 150%."
    assert _attainments(text) == [107]
    assert _attainments("Năm 2023, Đảng bộ xã kết nạp 5 quần chúng ưu tú vào Đảng, đạt 100% kế hoạch.") == [100]


def test_a_count_the_sentence_calls_a_plan_is_a_target() -> None:
    for text in (
        "Kết nạp 200 đảng viên là chỉ tiêu mà Đảng bộ huyện đặt ra trong năm 2024.",
        "Kết nạp 200 đảng viên trong năm 2024 là nhiệm vụ trọng tâm của Đảng bộ huyện.",
        "Trong 6 tháng cuối năm, Đảng bộ huyện tiếp tục kết nạp 100 đảng viên để hoàn thành chỉ tiêu năm.",
    ):
        facts = _facts(text)
        assert facts and all(metric == "admitted_target" for metric, _, _ in facts), text
    assert _facts("Năm 2024, Đảng bộ huyện kết nạp 200 đảng viên mới, đạt chỉ tiêu kế hoạch đề ra.") == [("admitted", "all", 200)]


def test_members_who_did_something_are_not_the_membership() -> None:
    assert _facts("Số đảng viên được tặng Huy hiệu Đảng là 120 đồng chí.") == []
    assert _facts("Hiện nay, số đảng viên đang công tác tại các doanh nghiệp là 300 đồng chí.") == []
    assert _facts("Hiện nay, tổng số đảng viên của Đảng bộ huyện là 5.200 đồng chí.") == [("members_total", "all", 5200)]


def test_a_subgroups_rating_is_not_the_membership_rating() -> None:
    for text in (
        "Năm 2023, kết nạp 150 đảng viên; 100% đảng viên mới được đánh giá hoàn thành tốt nhiệm vụ trở lên.",
        "Năm 2023, kết nạp 150 đảng viên; có 98% đảng viên dự bị hoàn thành tốt nhiệm vụ.",
    ):
        assert [f for f in _facts(text) if f[0] == "members_good_rating_pct"] == [], text
    text = "Năm 2023, kết nạp 150 đảng viên; qua đánh giá, 92% đảng viên hoàn thành tốt nhiệm vụ trở lên."
    assert ("members_good_rating_pct", "all", 92) in _facts(text)


def test_cells_a_directive_goes_to_are_not_the_stock() -> None:
    assert _facts("Huyện ủy đã chỉ đạo 10 chi bộ trực thuộc đăng ký kết nạp đảng viên.") == []
    assert _facts("Đảng bộ xã hiện có 10 chi bộ trực thuộc.") == [("party_cells", "all", 10)]


def test_the_plan_named_right_before_a_count_is_its_figure() -> None:
    for text in (
        "Năm 2023, Đảng bộ huyện kết nạp 180 đảng viên, chưa đạt kế hoạch đề ra là 200 đảng viên.",
        "Năm 2023, Đảng bộ huyện kết nạp 180 đảng viên, chưa đạt chỉ tiêu 200 đảng viên.",
    ):
        assert _facts(text) == [("admitted", "all", 180), ("admitted_target", "all", 200)], text


def test_a_surplus_shortfall_or_rest_against_the_target_is_no_count() -> None:
    for text in (
        "Năm 2023, Đảng bộ huyện kết nạp 180 đảng viên, thấp hơn chỉ tiêu 20 đảng viên.",
        "Năm 2023, Đảng bộ huyện đã kết nạp 180 đảng viên, còn 20 đảng viên chưa đạt kế hoạch.",
        "Năm 2023, Đảng bộ huyện kết nạp 180 đảng viên, vượt chỉ tiêu 20 đảng viên.",
    ):
        assert _facts(text) == [("admitted", "all", 180)], text


def test_a_targets_breakdown_by_segment_is_not_a_target_of_all() -> None:
    facts = _facts("Kế hoạch năm 2024, toàn huyện kết nạp 200 đảng viên, trong đó nữ 80, đoàn viên 150.")
    assert facts == [("admitted_target", "all", 200)]


def test_a_purpose_adjunct_naming_the_plan_does_not_make_the_result_a_target() -> None:
    assert _facts("Với mục tiêu phát triển đảng viên, năm 2023 Đảng bộ huyện kết nạp 215 đảng viên.") == [("admitted", "all", 215)]
    assert _facts("Để hoàn thành kế hoạch, năm 2023 Đảng bộ huyện đã kết nạp 215 đảng viên.") == [("admitted", "all", 215)]
    assert _facts("Theo kế hoạch, năm 2024 Đảng bộ huyện kết nạp 200 đảng viên.") == [("admitted_target", "all", 200)]


def test_admitted_members_labelled_after_the_verb_take_the_segment() -> None:
    assert _facts("Từ năm 2015 đến nay, có 25 đảng viên được kết nạp là người Công giáo.") == [("admitted", "religious", 25)]
    assert _facts("Năm 2023, 25 đảng viên mới được kết nạp là đoàn viên thanh niên.") == [("admitted", "youth_union", 25)]
    assert _facts("Năm 2023, 25 đảng viên được kết nạp đều là đoàn viên.") == [("admitted", "all", 25)]


def test_eligible_people_and_an_audience_are_not_counts() -> None:
    assert _facts("Năm 2023, đã có 150 quần chúng ưu tú được xét kết nạp, trong đó 120 người đủ điều kiện.") == []
    assert _facts("Buổi lễ có 50 đảng viên của chi bộ tham dự.") == []
    assert _facts("Năm 2023, kết nạp 60 quần chúng đủ tiêu chuẩn vào Đảng.") == [("admitted", "all", 60)]
