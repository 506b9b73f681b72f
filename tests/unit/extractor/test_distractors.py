"""Figures that look like facts but are not: document numbers, dates, ages, villages, counters, changes."""

from __future__ import annotations

from services.extractor.extract import extract
from services.extractor.numbers import find_numbers


def _values(text: str) -> list[float]:
    return [n.value for n in find_numbers(text)]


def test_document_numbers_are_not_figures() -> None:
    assert _values("Thực hiện Nghị quyết số 45-NQ/HU và Chỉ thị 12- CT/TU") == []


def test_dates_and_times_are_not_figures() -> None:
    assert _values("Ngày 12/3/2021, lúc 08:30, sáng 5-9") == []


def test_ages_and_village_numbers_are_not_figures() -> None:
    assert _values("anh Nam (24 tuổi) ở thôn 7, tổ 3") == []


def test_year_on_year_change_is_not_a_fact() -> None:
    facts = extract("Năm 2020, huyện Yên Dũng kết nạp 210 đảng viên, tăng 12,5% so với cùng kỳ.").facts
    assert [(f.metric, f.value) for f in facts] == [("admitted", 210)]


def test_share_of_organisations_is_not_a_fact() -> None:
    text = "Năm 2021, huyện Yên Dũng kết nạp 150 đảng viên; 100% tổ chức cơ sở đảng có đảng viên mới."
    assert [(f.metric, f.value) for f in extract(text).facts] == [("admitted", 150)]


def test_subgroup_of_membership_is_not_members_total() -> None:
    text = "Đảng bộ huyện Yên Dũng có 5.100 đảng viên, trong đó có 900 đảng viên là người dân tộc thiểu số. Công tác phát triển đảng viên được quan tâm."
    facts = extract(text).facts
    assert [(f.metric, f.value) for f in facts] == [("members_total", 5100)]


def test_view_counters_are_ignored() -> None:
    text = "Kết nạp đảng viên mới ở xã.\nLượt truy cập: 125.300\nHôm nay: 420"
    assert extract(text).facts == ()


def test_economy_article_is_not_relevant() -> None:
    text = "Sáu tháng đầu năm, GRDP của tỉnh tăng 7,2%; thu ngân sách đạt 52% dự toán."
    result = extract(text)
    assert not result.relevant
    assert result.facts == ()


def test_described_subgroups_of_members_are_not_totals() -> None:
    text = "Đảng bộ xã có 320 đảng viên, trong đó 45 đảng viên được miễn sinh hoạt, 60 đảng viên trên 70 tuổi. Xã chú trọng kết nạp đảng viên."
    assert [(f.metric, f.value) for f in extract(text).facts] == [("members_total", 320)]


def test_party_badges_are_not_admissions() -> None:
    text = "Tỉnh ủy trao Huy hiệu 50 năm tuổi Đảng cho 25 đảng viên. Đây là dịp kết nạp đảng viên mới."
    assert extract(text).facts == ()


def test_share_of_organisations_meeting_a_goal_is_not_a_fact() -> None:
    text = "Nghị quyết đề ra mục tiêu mỗi năm kết nạp từ 200 đảng viên trở lên; tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ đạt 90%."
    assert [(f.metric, f.value) for f in extract(text).facts] == [("admitted_target", 200)]


def test_average_age_is_not_a_count() -> None:
    text = "Năm 2024, huyện kết nạp 150 đảng viên. Tuổi đời bình quân của đảng viên mới là 27,5."
    assert [(f.metric, f.value) for f in extract(text).facts] == [("admitted", 150)]


def test_executive_committee_size_is_not_membership() -> None:
    text = "Đại hội bầu Ban Chấp hành Đảng bộ huyện gồm 39 đồng chí. Công tác kết nạp đảng viên được quan tâm."
    assert extract(text).facts == ()


def test_youth_union_admissions_are_not_party_admissions() -> None:
    text = "Năm 2023, Đoàn Thanh niên huyện kết nạp 1.200 đoàn viên mới, giới thiệu 150 đoàn viên ưu tú cho Đảng xem xét kết nạp."
    assert [(f.metric, f.value) for f in extract(text).facts] == [("candidates_trained", 150)]


def test_union_members_admitted_into_the_party_count() -> None:
    (fact,) = extract("Năm 2022, huyện Yên Dũng kết nạp 45 đoàn viên ưu tú vào Đảng.").facts
    assert (fact.metric, fact.segment, fact.value) == ("admitted", "youth_union", 45)
