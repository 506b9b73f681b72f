"""Rules 1.2.6, targets and percents of admissions: pledged attainments, quotas in brackets and fractions, rating shares."""

from __future__ import annotations

from tests.unit.extractor.sentences import facts as _facts
from tests.unit.extractor.sentences import values_of as _of


def test_a_pledged_or_projected_attainment_is_not_an_attainment() -> None:
    for text in (
        "Năm 2024, huyện phấn đấu kết nạp 250 đảng viên, phấn đấu đạt 100% chỉ tiêu.",
        "Năm 2024, Đảng bộ huyện phấn đấu hoàn thành 100% chỉ tiêu kết nạp đảng viên.",
        "Năm 2024, huyện dự kiến kết nạp 250 đảng viên, đạt 110% chỉ tiêu tỉnh giao.",
        "Dự kiến đến cuối năm 2024, toàn huyện kết nạp khoảng 260 đảng viên, vượt 4% kế hoạch.",
        "Năm 2024, Đảng bộ xã sẽ hoàn thành 100% kế hoạch kết nạp đảng viên.",
    ):
        assert _of("target_attainment_pct", text) == [], text


def test_an_attainment_reported_after_a_pledge_or_a_past_effort_is_kept() -> None:
    text = "Năm 2023, huyện phấn đấu kết nạp 250 đảng viên, kết quả đã kết nạp 260 đảng viên, đạt 104% kế hoạch."
    assert _of("target_attainment_pct", text) == [104]
    assert _of("target_attainment_pct", "Nhờ nỗ lực phấn đấu, năm 2023 huyện kết nạp 245 đảng viên, vượt 5% kế hoạch.") == [105]


def test_resolve_as_a_noun_does_not_make_a_plan() -> None:
    for text in (
        "Với quyết tâm cao, năm 2023 huyện kết nạp 245 đảng viên, đạt 105% chỉ tiêu.",
        "Với sự quyết tâm của cả hệ thống chính trị, năm 2023 huyện kết nạp 245 đảng viên, đạt 105% chỉ tiêu.",
    ):
        assert _of("admitted", text) == [245], text
        assert _of("target_attainment_pct", text) == [105], text
    assert _of("admitted_target", "Năm 2024, huyện quyết tâm kết nạp 250 đảng viên.") == [250]


def test_a_plan_named_before_a_bracket_or_slash_gives_the_target() -> None:
    for text in (
        "Năm 2023, toàn huyện kết nạp 245 đảng viên (KH: 200).",
        "Năm 2023, toàn huyện kết nạp 245 đảng viên (KH 200 đảng viên).",
        "Năm 2023, toàn huyện kết nạp 245 đảng viên/KH 200 đảng viên.",
        "Năm 2023, huyện đã kết nạp 245 đảng viên, vượt chỉ tiêu đề ra (chỉ tiêu 200 đảng viên).",
        "Năm 2023, huyện đã kết nạp 245 đảng viên, vượt chỉ tiêu tỉnh giao (200 đảng viên).",
        "Năm 2023, huyện đã kết nạp 245 đảng viên, vượt kế hoạch năm (200 đảng viên).",
    ):
        assert _of("admitted", text) == [245], text
        assert _of("admitted_target", text) == [200], text


def test_a_surplus_over_the_plan_is_still_no_count() -> None:
    assert _facts("Năm 2023, huyện đã kết nạp 245 đảng viên, vượt chỉ tiêu được giao 45 đảng viên.") == [("admitted", "all", 245)]
    assert _facts("Năm 2023, huyện vượt chỉ tiêu kết nạp đảng viên (45 đảng viên).") == []


def test_a_percent_after_an_admitted_fraction_that_states_its_ratio_is_the_attainment() -> None:
    for text in (
        "Năm 2023, toàn huyện kết nạp 180/200 đảng viên (90%).",
        "Năm 2023, toàn huyện kết nạp 18/20 đảng viên (90%).",
    ):
        assert _of("target_attainment_pct", text) == [90], text
        assert _of("admitted", text) and _of("admitted_target", text), text
    facts = _facts("Năm 2023, toàn huyện kết nạp 180/200 đảng viên (45% là nữ).")
    assert ("admitted", "female", 45) in facts
    assert not _of("target_attainment_pct", "Năm 2023, toàn huyện kết nạp 180/200 đảng viên (4%).")


def test_an_attainment_after_the_quota_places_of_the_admission() -> None:
    text = "Năm 2023, toàn tỉnh kết nạp 2.345 đảng viên trên tổng số 2.200 chỉ tiêu được giao, đạt 106,6%."
    assert _of("target_attainment_pct", text) == [106.6]
    assert _of("admitted_target", text) == [2200]
    assert not _of("target_attainment_pct", "Năm 2023, toàn tỉnh được giao 2.200 chỉ tiêu, đạt 106,6%.")


def test_the_share_of_members_rated_good_or_above_is_the_good_rating() -> None:
    for text in (
        "Năm 2023, có 1.850 đảng viên hoàn thành tốt nhiệm vụ trở lên, chiếm 89,6%.",
        "Năm 2023, số đảng viên hoàn thành tốt nhiệm vụ trở lên chiếm 89,6%.",
        "Năm 2023, có 1.850 đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên (chiếm 89,6%).",
        "Năm 2023, có 1.850 đồng chí hoàn thành tốt nhiệm vụ trở lên, tỷ lệ 89,6%.",
    ):
        assert _facts(text) == [("members_good_rating_pct", "all", 89.6)], text


def test_good_and_excellent_is_good_or_above() -> None:
    assert _of("members_good_rating_pct", "Năm 2023, tỷ lệ đảng viên hoàn thành tốt và xuất sắc nhiệm vụ đạt 92,3%.") == [92.3]


def test_members_rated_next_to_units_rated_keep_their_rating() -> None:
    text = "Năm 2023, có 92,3% tổ chức cơ sở đảng và 90,5% đảng viên hoàn thành tốt nhiệm vụ trở lên."
    assert _of("members_good_rating_pct", text) == [90.5]


def test_one_class_of_a_rating_split_or_a_subgroup_or_units_is_not_the_good_rating() -> None:
    for text in (
        "Năm 2023, đảng viên hoàn thành xuất sắc nhiệm vụ chiếm 15,2%; hoàn thành tốt nhiệm vụ chiếm 76,4%.",
        "Năm 2023, có 250 đảng viên hoàn thành xuất sắc nhiệm vụ, chiếm 12,1%.",
        "Năm 2023, có 120 đảng viên mới kết nạp hoàn thành tốt nhiệm vụ trở lên, chiếm 95%.",
        "Năm 2023, 95% tổ chức cơ sở đảng được đánh giá hoàn thành tốt nhiệm vụ trở lên.",
    ):
        assert not _of("members_good_rating_pct", text), text
    text = "Hằng năm, trên 82% số đảng viên hoàn thành tốt và xuất sắc nhiệm vụ, 80% số chi bộ đạt trong sạch, vững mạnh."
    assert _of("members_good_rating_pct", text) == [82]


def test_the_attainment_of_candidates_introduced_is_not_the_admissions() -> None:
    for text in (
        "Năm 2023, Đảng bộ huyện kết nạp 245 đảng viên; giới thiệu 300 đoàn viên ưu tú cho Đảng xem xét kết nạp, đạt 120% chỉ tiêu.",
        "Năm 2023, Đảng bộ huyện kết nạp 245 đảng viên; giới thiệu 300 đoàn viên ưu tú cho Đảng xem xét kết nạp, vượt 20% chỉ tiêu.",
    ):
        assert not _of("target_attainment_pct", text), text
    text = "Năm 2023, toàn huyện có 300 quần chúng được học lớp nhận thức về Đảng, kết nạp 245 đảng viên, đạt 98% kế hoạch."
    assert _of("target_attainment_pct", text) == [98]


def test_an_admitted_count_then_its_share_of_the_membership_is_the_admission_rate() -> None:
    for text in (
        "Năm 2023, toàn huyện kết nạp 245 đảng viên, chiếm 3,9% tổng số đảng viên.",
        "Năm 2023, toàn huyện kết nạp 245 đảng viên, tỷ lệ 3,9%.",
        "Năm 2023, toàn huyện kết nạp 245 đảng viên (tỷ lệ 3,9%).",
    ):
        assert _of("admission_rate_pct", text) == [3.9], text
    facts = _facts("Năm 2023, kết nạp 245 đảng viên, trong đó 120 đảng viên nữ, chiếm 49% tổng số đảng viên.")
    assert ("admitted", "female", 49) in facts
    assert not [f for f in facts if f[0] == "admission_rate_pct"]
    facts = _facts("Năm 2023, kết nạp 59.776 đoàn viên vào Đảng, chiếm 67,9% tổng số đảng viên được kết nạp.")
    assert ("admitted", "youth_union", 67.9) in facts
    assert not [f for f in facts if f[0] == "admission_rate_pct"]


def test_a_rate_a_resolution_sets_is_a_target_rate() -> None:
    for text in (
        "Nghị quyết đề ra tỷ lệ kết nạp đảng viên mới hằng năm đạt từ 3% trở lên.",
        "Nghị quyết Đại hội xác định tỷ lệ kết nạp đảng viên mới hằng năm từ 3 - 4% tổng số đảng viên.",
        "Nghị quyết Đại hội đề ra: tỷ lệ phát triển đảng viên mới bình quân hằng năm từ 3% trở lên.",
    ):
        assert _of("admitted_target_pct", text) == [3], text
        assert not _of("admission_rate_pct", text), text
    text = "Năm 2023, huyện kết nạp 150 đảng viên, vượt mục tiêu đề ra, đạt tỷ lệ 3,5% so với tổng số đảng viên."
    assert _of("admission_rate_pct", text) == [3.5]


def test_a_fraction_in_thousands_is_admitted_against_its_target() -> None:
    text = "Năm 2023, Đảng bộ tỉnh kết nạp 3.120/3.000 đảng viên, đạt 104% kế hoạch."
    assert _of("admitted", text) == [3120]
    assert _of("admitted_target", text) == [3000]
    assert _facts("Tháng 6/2023, Đảng bộ tỉnh kết nạp 120 đảng viên.") == [("admitted", "all", 120)]


def test_an_attainment_followed_by_its_plan_figure_in_brackets() -> None:
    text = "Năm 2023, Đảng bộ tỉnh kết nạp 3.120 đảng viên, đạt 104% (chỉ tiêu 3.000)."
    assert _of("target_attainment_pct", text) == [104]
    assert _of("admitted_target", text) == [3000]
    text = "Năm 2023, tỷ lệ kết nạp đạt 3,9% (chỉ tiêu 3,5%)."
    assert not _of("target_attainment_pct", text)
    assert _of("admission_rate_pct", text) == [3.9]


def test_the_target_of_a_segment_share_is_no_target_rate() -> None:
    text = "Năm 2023, Đảng bộ tỉnh kết nạp 3.120 đảng viên, trong đó nữ chiếm 45% (chỉ tiêu 40%)."
    assert ("admitted", "female", 45) in _facts(text)
    assert not _of("admitted_target_pct", text)
    assert _of("admitted_target_pct", "Năm 2023, tỷ lệ kết nạp đạt 3,9% (chỉ tiêu 3,5%).") == [3.5]


def test_units_listed_by_an_admission_rate_too_high_for_a_rate_are_attainments() -> None:
    head = "Năm 2023, toàn huyện kết nạp 245 đảng viên, đạt 106,5% kế hoạch. Các đơn vị có tỷ lệ kết nạp cao là: "
    text = head + "Đảng bộ xã Tân Lập đạt 150%, Đảng bộ xã Tân Mỹ đạt 130%, Đảng bộ thị trấn Đồi Ngô đạt 125%."
    assert _of("target_attainment_pct", text) == [106.5, 150, 130, 125]
    text = head + "Đảng bộ xã Tân Lập đạt 5,1%, Đảng bộ xã Tân Mỹ đạt 4,8%."
    assert _of("target_attainment_pct", text) == [106.5]


def test_the_attainment_of_another_figure_of_its_clause_is_not_the_admissions() -> None:
    for text in (
        "Năm 2023, toàn huyện kết nạp 245 đảng viên; 100% thôn, tổ dân phố có chi bộ, đạt 100% kế hoạch.",
        "Năm 2023, toàn huyện kết nạp 245 đảng viên; phát hành 5.000 thẻ đảng viên, đạt 100% kế hoạch.",
        "Năm 2023, toàn huyện kết nạp 245 đảng viên; tặng huy hiệu Đảng cho 500 đảng viên, đạt 100%.",
        "Năm 2023, toàn huyện kết nạp 245 đảng viên; tỷ lệ hộ nghèo giảm còn 3%, đạt 100% kế hoạch.",
    ):
        assert _facts(text) == [("admitted", "all", 245)], text


def test_an_attainment_in_a_later_clause_after_a_period_or_in_a_list_is_kept() -> None:
    text = "Năm 2023, toàn huyện kết nạp 245 đảng viên; riêng 6 tháng cuối năm đạt 60% kế hoạch."
    assert _of("target_attainment_pct", text) == [60]
    text = "Năm 2023, các đảng bộ vượt chỉ tiêu kết nạp đảng viên gồm: huyện A (120%); huyện B (105%) và huyện C (104,5%)."
    assert _of("target_attainment_pct", text) == [120, 105, 104.5]


def test_plans_met_then_an_admission_is_an_admission() -> None:
    for text in (
        "Năm 2023, 15/15 chỉ tiêu nghị quyết đạt và vượt, trong đó kết nạp 245 đảng viên, đạt 106,5%.",
        "Năm 2023, các chỉ tiêu về xây dựng Đảng đều đạt và vượt, trong đó kết nạp được 245 đảng viên.",
    ):
        assert _of("admitted", text) == [245], text
        assert not _of("admitted_target", text), text
    assert _of("admitted_target", "Năm 2024, chỉ tiêu đặt ra, kết nạp 250 đảng viên.") == [250]


def test_an_adjunct_carrying_out_the_plan_does_not_make_the_result_a_target() -> None:
    for text in (
        "Thực hiện chỉ tiêu Nghị quyết, năm 2023 Đảng bộ huyện kết nạp 245 đảng viên.",
        "Trên cơ sở chỉ tiêu được giao, năm 2023 Đảng bộ huyện kết nạp 245 đảng viên.",
    ):
        assert _facts(text) == [("admitted", "all", 245)], text
    text = "Thực hiện chỉ tiêu Nghị quyết, năm 2024 Đảng bộ huyện phấn đấu kết nạp 250 đảng viên."
    assert _facts(text) == [("admitted_target", "all", 250)]


def test_a_result_stated_with_the_plan_exceeded_is_an_admission() -> None:
    for text in (
        "Năm 2023, Đảng bộ huyện kết nạp vượt chỉ tiêu với 245 đảng viên.",
        "Năm 2023, Đảng bộ huyện vượt chỉ tiêu kết nạp với 245 đảng viên mới.",
    ):
        assert _facts(text) == [("admitted", "all", 245)], text
    assert _facts("Năm 2023, huyện kết nạp 250 đảng viên, vượt chỉ tiêu được giao 45 đảng viên.") == [("admitted", "all", 250)]


def test_the_abbreviated_good_rating_httnv() -> None:
    assert _of("members_good_rating_pct", "Năm 2023, có 92,3% đảng viên HTTNV trở lên.") == [92.3]
    assert not _of("members_good_rating_pct", "Năm 2023, có 15,2% đảng viên HTXSNV, 77,1% đảng viên HTTNV.")


def test_an_attainment_after_the_target_stated_in_the_next_sentence() -> None:
    text = "Năm 2023, Đảng bộ xã kết nạp 8 đảng viên. Chỉ tiêu huyện giao là 6 đảng viên, đạt 133%."
    assert _of("admitted_target", text) == [6]
    assert _of("target_attainment_pct", text) == [133]
    text = "Đến nay, toàn Đảng bộ huyện đã kết nạp 96 đảng viên. So với chỉ tiêu được giao (130 đảng viên), đạt 73,8%."
    assert _of("admitted_target", text) == [130]
    assert _of("target_attainment_pct", text) == [73.8]


def test_the_sentence_after_an_admission_may_name_the_plan_before_the_attainment() -> None:
    text = "Kết quả, năm 2023 toàn huyện kết nạp 245 đảng viên. So với chỉ tiêu Nghị quyết, đạt 106,5%."
    assert _of("target_attainment_pct", text) == [106.5]
    assert not _of("target_attainment_pct", "Năm 2023, tổng sản phẩm tăng 7%. So với kế hoạch, đạt 101%.")


def test_a_list_item_with_its_target_in_brackets_then_its_attainment() -> None:
    text = "Năm 2023, toàn huyện kết nạp 245 đảng viên, đạt 106,5% kế hoạch. Cụ thể:\nXã Tân Lập: 12 đảng viên (KH 10), đạt 120%."
    assert _of("target_attainment_pct", text) == [106.5, 120]
    assert _of("admitted_target", text) == [10]


def test_vuot_after_a_change_from_last_year_is_still_an_attainment() -> None:
    text = "Năm 2023, huyện kết nạp 245 đảng viên, tăng 10% so với năm 2022, vượt 6,5% chỉ tiêu."
    assert _of("target_attainment_pct", text) == [106.5]
    text = "Năm 2023, huyện kết nạp 245 đảng viên; tỷ lệ kết nạp đạt 3,8%, vượt 0,3% chỉ tiêu."
    assert not _of("target_attainment_pct", text)


def test_vuot_with_the_plan_named_first() -> None:
    for text in (
        "Năm 2023, huyện kết nạp 245 đảng viên, vượt chỉ tiêu kế hoạch 6,5%.",
        "Năm 2023, huyện kết nạp 245 đảng viên, hoàn thành vượt mức kế hoạch (vượt 6,5%).",
    ):
        assert _of("target_attainment_pct", text) == [106.5], text


def test_how_far_over_the_plan_is_neither_a_target_rate_nor_an_attainment() -> None:
    for text in (
        "Năm 2023, huyện kết nạp 245 đảng viên, cao hơn chỉ tiêu 6,5%.",
        "Năm 2023, huyện kết nạp 245 đảng viên, vượt 15 đảng viên (6,5%) so với chỉ tiêu.",
    ):
        assert _facts(text) == [("admitted", "all", 245)], text


def test_a_scheme_or_a_programme_setting_admissions_to_come_is_a_target() -> None:
    for text in (
        "Theo Đề án, giai đoạn 2021-2025 huyện kết nạp 1.500 đảng viên.",
        "Chương trình hành động của Huyện ủy xác định đến năm 2025 kết nạp 1.500 đảng viên.",
    ):
        assert _facts(text) == [("admitted_target", "all", 1500)], text
    assert _facts("Theo Đề án, giai đoạn 2016-2020 huyện đã kết nạp 1.500 đảng viên.") == [("admitted", "all", 1500)]


_RESULT = "Năm 2023, toàn huyện kết nạp 245 đảng viên, đạt 106,5% kế hoạch.\n\n"


def test_the_items_of_a_plan_list_are_goals() -> None:
    text = _RESULT + (
        "Các chỉ tiêu chủ yếu năm 2024:\n- Kết nạp 250 đảng viên mới.\n"
        "- Có 90% đảng viên hoàn thành tốt nhiệm vụ trở lên.\n- Tỷ lệ kết nạp đạt 4% tổng số đảng viên."
    )
    assert _of("admitted", text) == [245]
    assert _of("admitted_target", text) == [250]
    assert _of("admitted_target_pct", text) == [4]
    assert not _of("members_good_rating_pct", text) and not _of("admission_rate_pct", text)


def test_a_list_under_a_result_heading_is_read_as_results() -> None:
    text = _RESULT + "Kết quả đạt được năm 2023:\n- Kết nạp 245 đảng viên mới.\n- Có 90% đảng viên hoàn thành tốt nhiệm vụ trở lên."
    assert _of("admitted", text) == [245]
    assert _of("members_good_rating_pct", text) == [90]
    text = _RESULT + "Các chỉ tiêu chủ yếu năm 2024:\n- Kết nạp 250 đảng viên mới.\nNăm 2023, có 90% đảng viên hoàn thành tốt nhiệm vụ trở lên."
    assert _of("members_good_rating_pct", text) == [90]


def test_a_sentence_of_tasks_states_goals() -> None:
    text = _RESULT + "Phương hướng, nhiệm vụ năm 2024: Kết nạp 250 đảng viên mới; 90% đảng viên hoàn thành tốt nhiệm vụ trở lên."
    assert _of("admitted_target", text) == [250]
    assert not _of("members_good_rating_pct", text)
    assert _of("admitted_target", _RESULT + "Nhiệm vụ năm 2024, Đảng bộ huyện tập trung tạo nguồn, kết nạp 250 đảng viên mới.") == [250]


def test_candidates_sourced_in_a_plan_are_no_admission_target() -> None:
    text = "Trong năm 2024, Huyện ủy đề ra các chỉ tiêu: kết nạp 250 đảng viên, tạo nguồn 400 quần chúng ưu tú."
    assert _of("admitted_target", text) == [250]
    assert _of("admitted_target", "Năm 2024, huyện phấn đấu kết nạp 250 quần chúng ưu tú vào Đảng.") == [250]


def test_a_percent_bounded_from_above_is_no_figure() -> None:
    for text in (
        "Năm 2023, toàn huyện mới kết nạp 80 đảng viên, chưa đạt 50% kế hoạch.",
        "Năm 2023, toàn huyện kết nạp 80 đảng viên, đạt dưới 50% kế hoạch.",
        "Năm 2023, toàn huyện kết nạp 80 đảng viên, đạt chưa tới 50% kế hoạch.",
    ):
        assert _facts(text) == [("admitted", "all", 80)], text
    assert _of("target_attainment_pct", "Năm 2023, toàn huyện mới kết nạp 80 đảng viên, chỉ đạt 35% kế hoạch.") == [35]


def test_the_youth_unions_own_target_is_not_the_partys() -> None:
    assert _facts("Năm 2024, Thành Đoàn phấn đấu kết nạp 10.000 đoàn viên mới, thành lập thêm 12 chi đoàn.") == []
    assert _of("admitted_target", "Năm 2024, huyện phấn đấu kết nạp 50 đoàn viên ưu tú vào Đảng.") == [50]


def test_a_segment_breakdown_of_a_target_has_no_metric() -> None:
    for text in (
        "Năm 2024, huyện phấn đấu kết nạp 250 đảng viên, trong đó 100 đảng viên nữ.",
        "Năm 2024, Tỉnh ủy giao chỉ tiêu kết nạp 3.000 đảng viên, trong đó kết nạp ít nhất 300 đảng viên trong doanh nghiệp tư nhân.",
    ):
        facts = _facts(text)
        assert len(facts) == 1 and facts[0][:2] == ("admitted_target", "all"), text


def test_next_years_floor_target_near_this_years_target_is_its_own_figure() -> None:
    text = (
        "Tính đến ngày 25/12, toàn Đảng bộ huyện đã kết nạp 312 đảng viên, đạt 104% chỉ tiêu (chỉ tiêu 300 đảng viên). "
        "Năm 2024, Huyện ủy phấn đấu kết nạp từ 310 đảng viên trở lên."
    )
    assert sorted(_of("admitted_target", text)) == [300, 310]


def test_a_rate_in_a_later_clause_of_a_goal_sentence_is_a_target_rate() -> None:
    text = (
        "Mục tiêu giai đoạn 2025 - 2030, Đảng bộ huyện phấn đấu kết nạp 450 - 500 đảng viên, bình quân mỗi năm 90 - 100 đảng viên; "
        "tỷ lệ kết nạp hằng năm đạt 3 - 3,5% tổng số đảng viên."
    )
    assert _of("admitted_target_pct", text) == [3]
    assert not _of("admission_rate_pct", text)
    assert _of("admission_rate_pct", "Năm 2023, huyện kết nạp 245 đảng viên; tỷ lệ kết nạp đạt 3,5%.") == [3.5]


def test_percents_with_a_decimal_point() -> None:
    text = "Năm 2023, huyện kết nạp 245 đảng viên, đạt 106.5% kế hoạch; tỷ lệ kết nạp đạt 3.6% tổng số đảng viên."
    assert _of("target_attainment_pct", text) == [106.5]
    assert _of("admission_rate_pct", text) == [3.6]
    assert _of("admitted_target_pct", "Nghị quyết đề ra chỉ tiêu mỗi năm kết nạp từ 3.5-4% tổng số đảng viên.") == [3.5]
    assert _of("admitted", "Năm 2023, toàn tỉnh kết nạp 1.245 đảng viên.") == [1245]


def test_a_bare_bracketed_percent_over_100_after_an_admitted_count_is_its_attainment() -> None:
    assert _of("target_attainment_pct", "Năm 2023, kết nạp mới 245 đảng viên (105%).") == [105]
    assert not _of("target_attainment_pct", "Năm 2023, kết nạp mới 245 đảng viên (45%).")


def test_the_admissions_plan_as_the_subject_of_done_or_exceeded() -> None:
    assert _of("target_attainment_pct", "Năm 2023, chỉ tiêu kết nạp đảng viên hoàn thành 105%.") == [105]
    assert _of("target_attainment_pct", "Năm 2023, chỉ tiêu kết nạp đảng viên vượt 5%.") == [105]
    assert not _of("target_attainment_pct", "Năm 2024, chỉ tiêu kết nạp đảng viên tăng 5% so với năm 2023.")


def test_a_rating_goal_next_to_an_admission_target_is_no_target_rate() -> None:
    for text in (
        "Năm 2024, Đảng ủy Khối giao chỉ tiêu kết nạp 320 đảng viên, phấn đấu 90% đảng viên hoàn thành tốt nhiệm vụ trở lên.",
        "Năm 2024, Đảng ủy Khối phấn đấu kết nạp 320 đảng viên, tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 90%.",
    ):
        assert _facts(text) == [("admitted_target", "all", 320)], text
    assert _of("admitted_target_pct", "Năm 2024, phấn đấu tỷ lệ kết nạp đạt 4%.") == [4]


def test_a_doubtfully_high_rate_not_said_of_the_membership_is_dropped() -> None:
    assert _facts("Năm 2023, huyện kết nạp 245 đảng viên, đạt tỷ lệ 28%.") == [("admitted", "all", 245)]
    assert _facts("Năm 2023, huyện kết nạp 245 đảng viên, tỷ lệ 28%.") == [("admitted", "all", 245)]
    assert _of("admission_rate_pct", "Năm 2023, huyện kết nạp 245 đảng viên, đạt tỷ lệ 5,8%.") == [5.8]
    assert _of("admission_rate_pct", "Nhiệm kỳ 2015-2020, tỷ lệ kết nạp đạt 20% so với tổng số đảng viên.") == [20]


def test_the_plan_of_another_party_task_is_not_the_admissions() -> None:
    for text in (
        "Năm 2023, huyện kết nạp 245 đảng viên. Việc cấp thẻ đảng viên đạt 100% kế hoạch.",
        "Năm 2023, huyện kết nạp 245 đảng viên. Huyện đã hoàn thành 100% kế hoạch đại hội chi bộ.",
    ):
        assert _facts(text) == [("admitted", "all", 245)], text
    text = "Năm 2023, huyện kết nạp 245 đảng viên, đạt 102% chỉ tiêu Nghị quyết Đại hội Đảng bộ huyện."
    assert _of("target_attainment_pct", text) == [102]
    assert _of("target_attainment_pct", "Năm 2023, huyện kết nạp 245 đảng viên, vượt chỉ tiêu Đại hội đề ra 5%.") == [105]


def test_an_adjunct_naming_the_plan_then_the_result_is_an_admission() -> None:
    for text in (
        "Năm 2023, dù chỉ tiêu cao, huyện vẫn kết nạp 245 đảng viên.",
        "Trong năm, các chi bộ thực hiện tốt kế hoạch, kết nạp 245 đảng viên.",
        "Năm 2023, với quyết tâm hoàn thành chỉ tiêu, huyện kết nạp 245 đảng viên.",
        "Năm 2023, Đảng bộ huyện xác định phát triển đảng viên là nhiệm vụ trọng tâm, kết nạp 245 đảng viên.",
        "Năm 2023, huyện giao chỉ tiêu cụ thể cho từng chi bộ, qua đó kết nạp 245 đảng viên.",
    ):
        assert _facts(text) == [("admitted", "all", 245)], text
    assert _facts("Với mục tiêu kết nạp 250 đảng viên trong năm 2024, Huyện ủy đã chỉ đạo quyết liệt.") == [("admitted_target", "all", 250)]


def test_unit_fraction_lines_under_an_admission() -> None:
    text = (
        "Năm 2023, toàn huyện kết nạp 245/230 đảng viên, đạt 106,5% kế hoạch. Kết quả các đơn vị:\n"
        "Xã Tân Lập: 12/10 (120%)\nXã Tân Mỹ: 9/10 (90%)"
    )
    assert _of("admitted", text) == [245, 12, 9]
    assert _of("admitted_target", text) == [230, 10, 10]
    assert _of("target_attainment_pct", text) == [106.5, 120, 90]
    assert _facts("Các đơn vị như sau:\nXã Tân Lập: 12/10 (120%)") == []


def test_the_bracket_after_the_plan_exceeded() -> None:
    text = "Năm 2023, tỷ lệ kết nạp đạt 3,2%, vượt chỉ tiêu Nghị quyết (3%)."
    assert _of("admission_rate_pct", text) == [3.2]
    assert _of("admitted_target_pct", text) == [3]
    assert _of("target_attainment_pct", "Năm 2023, kết nạp 245 đảng viên, đạt 104%, vượt chỉ tiêu (5%).") == [104]


def test_vuot_by_100_or_more_is_doubtful() -> None:
    assert _facts("Năm 2023, huyện kết nạp 245 đảng viên, vượt 106,5% kế hoạch.") == [("admitted", "all", 245)]
    assert _of("target_attainment_pct", "Năm 2023, huyện kết nạp 245 đảng viên, vượt 6,5% kế hoạch.") == [106.5]


def test_good_rating_with_the_excellent_as_a_part_of_it() -> None:
    text = "Năm 2023, có trên 92% đảng viên hoàn thành tốt nhiệm vụ, trong đó 15% hoàn thành xuất sắc nhiệm vụ."
    assert _facts(text) == [("members_good_rating_pct", "all", 92)]
    assert _facts("Năm 2023, có 77% đảng viên hoàn thành tốt nhiệm vụ, 15% hoàn thành xuất sắc nhiệm vụ.") == []


def test_striving_as_an_idiom_or_before_a_result_is_no_plan() -> None:
    for text in (
        "Năm 2023, phấn đấu vượt khó, huyện kết nạp 245 đảng viên, đạt 105% kế hoạch.",
        "Năm 2023, Đảng bộ huyện phấn đấu và đã kết nạp 245 đảng viên, đạt 105% kế hoạch.",
    ):
        assert _of("admitted", text) == [245], text
        assert _of("target_attainment_pct", text) == [105], text
        assert not _of("admitted_target", text), text
    assert _of("admitted_target", "Năm 2024, huyện phấn đấu kết nạp được 250 đảng viên.") == [250]


def test_a_segments_own_attainment_is_not_the_whole_admissions() -> None:
    for text in (
        "Năm 2023, huyện kết nạp 245 đảng viên, đạt 106% kế hoạch; kết nạp 60 đảng viên là người dân tộc thiểu số, đạt 120% chỉ tiêu đề ra.",
        "Năm 2023, huyện kết nạp 245 đảng viên, trong đó 60 đảng viên nữ, đạt 120% chỉ tiêu.",
    ):
        assert _of("target_attainment_pct", text) in ([106], []), text
        assert 120 not in _of("target_attainment_pct", text), text
    text = "Trong đó, 1.216 đoàn viên được kết nạp vào Đảng, đạt 105% chỉ tiêu Ban Thường vụ Thành Đoàn giao."
    assert _of("target_attainment_pct", text) == [105]


def test_attainments_of_admissions_named_without_the_word_ket_nap() -> None:
    text = "Năm 2023, 245 quần chúng ưu tú được đứng vào hàng ngũ của Đảng, đạt 106% kế hoạch."
    assert _of("target_attainment_pct", text) == [106]
    assert _of("target_attainment_pct", "Năm 2023: toàn huyện có 245 ĐV mới, đạt 106% KH.") == [106]


def test_a_quota_given_to_units_governs_the_count_after_them() -> None:
    for text in (
        "Ban Thường vụ Huyện ủy giao chỉ tiêu cho 25 tổ chức cơ sở đảng kết nạp 250 đảng viên.",
        "Huyện ủy giao chỉ tiêu phát triển đảng viên năm 2024 cho 25 tổ chức cơ sở đảng là 250 đảng viên.",
    ):
        assert _facts(text) == [("admitted_target", "all", 250)], text
    text = "Năm 2023, huyện giao chỉ tiêu cho 25 tổ chức cơ sở đảng, đến nay đã kết nạp 250 đảng viên."
    assert _facts(text) == [("admitted", "all", 250)]


def test_a_list_whose_items_report_results_is_read_as_results() -> None:
    text = "Các chỉ tiêu năm 2023:\n- Kết nạp 245 đảng viên, đạt 105% kế hoạch.\n- Có 92% đảng viên hoàn thành tốt nhiệm vụ trở lên."
    assert _facts(text) == [("admitted", "all", 245), ("target_attainment_pct", "all", 105), ("members_good_rating_pct", "all", 92)]
    text = "Chỉ tiêu năm 2023:\n- Kết nạp 245 đảng viên (đạt 105%).\n- 92% đảng viên hoàn thành tốt nhiệm vụ trở lên."
    assert _facts(text) == [("admitted", "all", 245), ("target_attainment_pct", "all", 105), ("members_good_rating_pct", "all", 92)]


def test_a_segment_share_of_a_target_has_no_metric() -> None:
    for text in (
        "Năm 2024, phấn đấu kết nạp 250 đảng viên, trong đó 70% là đoàn viên.",
        "Chỉ tiêu năm 2024: kết nạp 250 đảng viên, trong đó 70% là đoàn viên.",
        _RESULT + "Phương hướng, nhiệm vụ năm 2024: kết nạp 250 đảng viên, trong đó 70% là đoàn viên thanh niên.",
    ):
        assert ("admitted_target", "all", 250) in _facts(text), text
        assert not [f for f in _facts(text) if f[1] != "all" or f[0] == "admitted_target_pct"], text
    text = "Năm 2023, kết nạp 245 đảng viên (chỉ tiêu 230), trong đó 70% là đoàn viên."
    assert ("admitted", "youth_union", 70) in _facts(text)


def test_the_plan_exceeded_with_the_result_is_no_target() -> None:
    text = "Năm 2023, huyện hoàn thành vượt mức chỉ tiêu kết nạp đảng viên với 245 đảng viên mới, đạt 122,5%."
    assert _facts(text) == [("admitted", "all", 245), ("target_attainment_pct", "all", 122.5)]


def test_more_attainments_in_the_sentence_after_an_admission() -> None:
    head = "Năm 2023, Đảng bộ xã kết nạp 8 đảng viên. "
    assert _of("target_attainment_pct", head + "Tỷ lệ hoàn thành kế hoạch đạt 133%.") == [133]
    assert _of("target_attainment_pct", head + "Tính chung cả nhiệm kỳ, xã đạt 110% chỉ tiêu nghị quyết.") == [110]
    assert _of("target_attainment_pct", head + "So với kế hoạch, vượt 33%.") == [133]
    assert not _of("target_attainment_pct", head + "So với kế hoạch thu ngân sách, vượt 3%.")
    assert not _of("target_attainment_pct", head + "Tỷ lệ hoàn thành kế hoạch thu ngân sách đạt 103%.")


def test_a_table_headed_with_the_abbreviations_kh_and_th() -> None:
    text = "STT | Đơn vị | KH | TH | %\n1 | Xã Tân Lập | 10 | 12 | 120\n2 | Xã Tân Mỹ | 10 | 9 | 90"
    assert _of("admitted_target", text) == [10, 10]
    assert _of("admitted", text) == [12, 9]
    assert _of("target_attainment_pct", text) == [120, 90]


def test_attainments_with_the_plan_in_brackets_or_named_before() -> None:
    for text in (
        "Năm 2023, huyện kết nạp 245 đảng viên, đạt 106% (so với kế hoạch).",
        "Năm 2023, huyện kết nạp 245 đảng viên, đạt 106% - kế hoạch.",
        "Năm 2023, huyện kết nạp 245 đảng viên, tỷ lệ hoàn thành kế hoạch 106%.",
        "Năm 2023, huyện kết nạp 245 đảng viên, hoàn thành kế hoạch với tỷ lệ 106%.",
    ):
        assert _of("target_attainment_pct", text) == [106], text
    assert _facts("Năm 2023, tỷ lệ hoàn thành nhiệm vụ của đảng viên đạt 95%.") == []


def test_the_admitted_pool_as_a_share_of_the_membership_is_the_admission_rate() -> None:
    assert _facts("Năm 2023, số đảng viên mới kết nạp chiếm 3,5% tổng số đảng viên.") == [("admission_rate_pct", "all", 3.5)]
    assert not _of("admission_rate_pct", "Năm 2023, số đảng viên được kết nạp chiếm 67,9% tổng số đảng viên được kết nạp.")


def test_listed_attainments_of_agencies_whose_names_are_not_all_capitalised() -> None:
    text = (
        "Trong 6 tháng đầu năm 2024, các tổ chức cơ sở đảng trực thuộc kết nạp 95 đảng viên, bằng 47,5% kế hoạch năm. "
        "Một số đảng bộ có tỷ lệ kết nạp cao như: Đảng bộ Sở Y tế đạt 80%, Đảng bộ Sở Giáo dục và Đào tạo đạt 75%."
    )
    assert _of("target_attainment_pct", text) == [47.5, 80, 75]


def test_the_sentence_detailing_a_target_gives_the_units_targets() -> None:
    for text in (
        "Năm 2024, Huyện ủy giao chỉ tiêu kết nạp 250 đảng viên. Theo đó, xã Tân Lập kết nạp 12 đảng viên, xã Tân Mỹ kết nạp 10 đảng viên.",
        "Năm 2024, Huyện ủy giao chỉ tiêu kết nạp 250 đảng viên. Trong đó, xã Tân Lập 12 đảng viên, xã Tân Mỹ 10 đảng viên.",
    ):
        assert _facts(text) == [("admitted_target", "all", 250), ("admitted_target", "all", 12), ("admitted_target", "all", 10)], text
    text = "Năm 2024, huyện phấn đấu kết nạp 250 đảng viên. Trong đó, 100 đảng viên nữ, 150 đoàn viên thanh niên."
    assert _facts(text) == [("admitted_target", "all", 250)]
    text = "Năm 2024, Huyện ủy giao chỉ tiêu kết nạp 250 đảng viên. Theo đó, đến nay đã kết nạp 120 đảng viên."
    assert _facts(text) == [("admitted_target", "all", 250), ("admitted", "all", 120)]


def test_rates_named_only_by_the_membership_or_the_pool() -> None:
    text = "Năm 2023, kết nạp 245 đảng viên, tỷ lệ so với tổng số đảng viên đạt 3,5%."
    assert _of("admission_rate_pct", text) == [3.5]
    assert _facts("Năm 2023, số đảng viên mới kết nạp bằng 3,5% số đảng viên đầu năm.") == [("admission_rate_pct", "all", 3.5)]
    assert not _of("admission_rate_pct", "Năm 2023, kết nạp 245 đảng viên; tỷ lệ đảng viên nữ so với tổng số đảng viên đạt 35%.")


def test_units_listed_with_how_far_they_exceeded_the_plan() -> None:
    text = (
        "Năm 2023, toàn tỉnh kết nạp 3.120 đảng viên, đạt 104% kế hoạch. "
        "Nhiều đơn vị vượt chỉ tiêu như: huyện Yên Thế vượt 20%, huyện Lục Nam vượt 15%."
    )
    assert _of("target_attainment_pct", text) == [104, 120, 115]
    text = "Năm 2023, toàn tỉnh kết nạp 3.120 đảng viên, vượt 4% kế hoạch; trong đó huyện Yên Thế vượt 20%, huyện Lục Nam vượt 15%."
    assert _of("target_attainment_pct", text) == [104, 120, 115]
    assert _facts("Năm 2023, dân số huyện Yên Thế tăng 2%, huyện Lục Nam vượt 15%.") == []
