"""Segment vocabulary and distractors met on unseen articles: faiths, the Hoa, non-state firms, captions, population shares."""

from __future__ import annotations

from services.extractor.extract import extract


def _facts(text: str) -> list[tuple[str, str, float]]:
    return [(f.metric, f.segment, f.value) for f in extract(text).facts]


def test_named_faiths_are_religious() -> None:
    text = "Năm 2016, toàn huyện Quảng Trạch đã kết nạp được 300 đảng viên mới, trong đó có 6 đảng viên là người công giáo."
    assert _facts(text)[1:] == [("admitted", "religious", 6)]


def test_the_hoa_are_an_ethnic_minority() -> None:
    text = "Năm 2022, tỉnh Sóc Trăng kết nạp 1.500 đảng viên, trong đó dân tộc Khmer 300 đồng chí, dân tộc Hoa 43 đồng chí."
    assert _facts(text)[1:] == [("admitted", "ethnic_minority", 300), ("admitted", "ethnic_minority", 43)]


def test_non_state_firms_are_private_sector() -> None:
    text = "Năm 2021, Đảng bộ Khu công nghiệp Linh Trung kết nạp được 29 đảng viên mới (28 đảng viên thuộc DN ngoài quốc doanh)."
    assert _facts(text) == [("admitted", "all", 29), ("admitted", "private_sector", 28)]


def test_candidates_admitted_with_an_adjective() -> None:
    text = "Năm 2023, có 17 quần chúng ưu tú được kết nạp vào Đảng Cộng sản Việt Nam, trong đó có 11 đoàn viên."
    assert _facts(text) == [("admitted", "all", 17), ("admitted", "youth_union", 11)]


def test_pool_counted_after_trong_so() -> None:
    text = "Trong số 60 đảng viên mới kết nạp từ đầu năm 2024 đến nay ở xã Thống Nhất, có 36 người đạo."
    assert _facts(text) == [("admitted", "all", 60), ("admitted", "religious", 36)]


def test_transfers_and_captions_are_not_admissions() -> None:
    text = "Năm 2023, quận Gò Vấp kết nạp 250 đảng viên; có 34 trường hợp chuyển sinh hoạt đảng đến các đảng bộ khác."
    assert _facts(text) == [("admitted", "all", 250)]
    assert _facts("Năm 2023, Chi bộ thôn 2 bồi dưỡng, giới thiệu kết nạp 7 đảng viên mới - Ảnh 1") == [("admitted", "all", 7)]


def test_members_as_a_share_of_population_are_not_a_rate() -> None:
    text = "Năm 2020, tỉnh Lào Cai kết nạp 2.500 đảng viên mới, góp phần đưa tỷ lệ đảng viên đạt 6,8% trên tổng dân số."
    assert _facts(text) == [("admitted", "all", 2500)]


def test_high_rate_without_a_target_is_dropped() -> None:
    text = "Đến nay, tất cả thôn, buôn ở tỉnh Đắk Lắk đều có chi bộ và có đảng viên, tỷ lệ thôn có đảng viên là người tại chỗ đạt 99,9%."
    assert not [f for f in _facts(text) if f[0] == "target_attainment_pct"]


def test_trade_union_members_are_not_youth_union() -> None:
    text = "Năm 2022, huyện Yên Thế kết nạp 200 đảng viên, trong đó đoàn viên chiếm 70%, công đoàn viên 24%."
    facts = _facts(text)
    assert ("admitted", "youth_union", 70) in facts
    assert ("admitted", "youth_union", 24) not in facts


def test_admitted_stated_after_a_longer_noun_phrase() -> None:
    text = "Năm 2024, 10 sinh viên ưu tú của Trường Đại học Hùng Vương đã được kết nạp Đảng."
    assert _facts(text) == [("admitted", "student", 10)]
    text = "Năm 2024, 40 đoàn viên ưu tú của xã Tân Lập đã được kết nạp vào Đoàn."
    assert _facts(text) == []


def test_economic_growth_and_trade_union_drives_are_not_party_figures() -> None:
    text = "Nhiệm kỳ qua, kinh tế của xã Tân Lập phát triển khá, tổng giá trị sản xuất tăng bình quân 12,5%/năm."
    assert _facts(text) == []
    text = "6 tháng đầu năm 2024, các cấp công đoàn tỉnh Bắc Ninh kết nạp 12.450 đoàn viên công đoàn, đạt 62,3% kế hoạch năm."
    assert _facts(text) == []
