"""Attainment and rate forms: qualified "vượt gần X%", "tỷ lệ hoàn thành chỉ tiêu", list items, "đạt" is never a target rate."""

from __future__ import annotations

from services.extractor.extract import extract


def _facts(text: str) -> list[tuple[str, float, str | None]]:
    return [(f.metric, f.value, f.org) for f in extract(text).facts]


def test_exceeded_by_a_qualified_share() -> None:
    facts = _facts("Năm 2022, huyện Lục Nam kết nạp 120 đảng viên mới, vượt gần 30% chỉ tiêu.")
    assert ("target_attainment_pct", 130, "huyện Lục Nam") in facts
    assert not [f for f in facts if f[1] == 30]


def test_completion_rate_of_the_target_is_an_attainment() -> None:
    facts = _facts("Năm 2022, tỷ lệ hoàn thành chỉ tiêu kết nạp đảng viên của huyện Lục Nam đạt 80%.")
    assert [f[:2] for f in facts] == [("target_attainment_pct", 80)]


def test_achieved_share_of_membership_is_a_rate_not_a_target() -> None:
    facts = _facts("Năm 2022, huyện Lục Nam kết nạp 120 đảng viên mới, đạt 80% chỉ tiêu, đạt tỷ lệ 3,5% so với tổng số đảng viên.")
    assert ("admission_rate_pct", 3.5, "huyện Lục Nam") in facts
    assert not [f for f in facts if f[0] == "admitted_target_pct"]


def test_bare_percent_after_a_unit_name_repeats_the_attainment() -> None:
    text = "Năm 2022, toàn tỉnh kết nạp 1.200 đảng viên, đạt 96% kế hoạch; trong đó huyện Lục Nam đạt 130%, huyện Yên Thế 120%."
    facts = _facts(text)
    assert ("target_attainment_pct", 130, "huyện Lục Nam") in facts
    assert ("target_attainment_pct", 120, "huyện Yên Thế") in facts


def test_fraction_after_the_admission_verb() -> None:
    facts = _facts("Đến tháng 7/2018, huyện Hàm Thuận Bắc kết nạp được 48/204 đảng viên, đạt 23,5% so với chỉ tiêu năm.")
    assert ("admitted", 48, "huyện Hàm Thuận Bắc") in facts
    assert ("admitted_target", 204, "huyện Hàm Thuận Bắc") in facts
    assert ("target_attainment_pct", 23.5, "huyện Hàm Thuận Bắc") in facts


def test_attainment_in_the_sentence_after_the_admission() -> None:
    facts = _facts("Năm 2022, huyện Lục Nam kết nạp 120 đảng viên mới. Như vậy, huyện đã đạt 80% chỉ tiêu năm.")
    assert ("target_attainment_pct", 80, "huyện Lục Nam") in facts
    facts = _facts("Năm 2022, huyện Lục Nam kết nạp 120 đảng viên mới, trong đó 50 nữ. Đạt 80% chỉ tiêu được giao.")
    assert ("target_attainment_pct", 80, "huyện Lục Nam") in facts


def test_plan_abbreviated_kh() -> None:
    facts = _facts("Năm 2022, huyện Lục Nam kết nạp mới 120 đảng viên, đạt 80% KH.")
    assert ("target_attainment_pct", 80, "huyện Lục Nam") in facts


def test_percent_without_an_admission_before_is_not_carried() -> None:
    text = "Năm 2022, huyện Lục Nam có 5.400 đảng viên. Thu ngân sách đạt 80% kế hoạch."
    assert not [f for f in _facts(text) if f[0] == "target_attainment_pct"]


def test_units_breaking_down_the_previous_attainment() -> None:
    text = (
        "Quý I năm 2023, toàn Đảng bộ tỉnh Ninh Thuận kết nạp 187 đảng viên mới, đạt 24,9% so với kế hoạch. "
        "Trong đó, các đảng bộ trực thuộc có tỷ lệ kết nạp cao như: huyện Ninh Sơn đạt 45,2%; huyện Thuận Nam 45,1%."
    )
    facts = _facts(text)
    assert ("target_attainment_pct", 45.2, "huyện Ninh Sơn") in facts
    assert ("target_attainment_pct", 45.1, "huyện Thuận Nam") in facts


def test_breakdown_opener_without_a_previous_attainment_states_nothing() -> None:
    text = "Năm 2023, tỉnh Ninh Thuận có 20.952 đảng viên. Trong đó, huyện Ninh Sơn đạt 45,2%; huyện Thuận Nam 45,1%."
    assert not [f for f in _facts(text) if f[0] == "target_attainment_pct"]


def test_good_rating_of_members_stated_as_a_share_of_members() -> None:
    text = "Năm 2022, toàn Đảng bộ tỉnh Hải Dương có 90,33% số đảng viên được đánh giá xếp loại hoàn thành tốt nhiệm vụ trở lên."
    assert [f[:2] for f in _facts(text)] == [("members_good_rating_pct", 90.33)]


def test_rating_of_organisations_or_one_class_of_a_split_is_not_the_good_rating() -> None:
    text = "Năm 2022, tỉnh Hải Dương có 604 TCCSĐ hoàn thành tốt nhiệm vụ, đạt 91,2%."
    assert not [f for f in _facts(text) if f[0] == "members_good_rating_pct"]
    text = "Năm 2022, toàn Đảng bộ xã Đồng Lạc có 10 đảng viên hoàn thành xuất sắc nhiệm vụ, bằng 10,1%; 78 đồng chí hoàn thành tốt nhiệm vụ, đạt 78,8%."
    assert not [f for f in _facts(text) if f[0] == "members_good_rating_pct"]


def test_surplus_over_a_target_is_not_a_count() -> None:
    text = "Hằng năm, tỉnh Lào Cai kết nạp bình quân trên 2.500 đảng viên mới, vượt mục tiêu Đại hội đề ra trên 500 đảng viên."
    assert [f[:2] for f in _facts(text)] == [("admitted", 2500)]


def test_fraction_of_units_meeting_the_target_is_not_an_admission() -> None:
    text = "Năm 2023, tỉnh Bắc Giang kết nạp 2.500 đảng viên. Có 15/18 đảng bộ trực thuộc hoàn thành chỉ tiêu kết nạp đảng viên."
    assert [f[:2] for f in _facts(text)] == [("admitted", 2500)]


def test_other_programmes_against_their_plans_are_not_attainments() -> None:
    for tail in (
        "giải ngân vốn đầu tư công đạt 95% kế hoạch", "19/19 xã đạt chuẩn nông thôn mới, đạt 100% kế hoạch",
        "tỷ lệ bao phủ bảo hiểm y tế đạt 95% kế hoạch", "tỷ lệ đảng viên được đánh giá đạt 100%",
    ):
        text = f"Năm 2023, huyện Lục Nam kết nạp 120 đảng viên; {tail}."
        assert [f[:2] for f in _facts(text)] == [("admitted", 120)], tail


def test_the_sentence_after_an_admission_speaking_of_something_else() -> None:
    text = "Năm 2023, huyện Lục Nam kết nạp 120 đảng viên. Công tác giải ngân vốn đầu tư công của huyện đạt 95% kế hoạch."
    assert [f[:2] for f in _facts(text)] == [("admitted", 120)]
