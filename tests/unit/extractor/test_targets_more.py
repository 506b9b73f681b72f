"""Aspirations are targets; ratings stated per year; cells and organisations in one phrase; number words."""

from __future__ import annotations

from services.extractor.extract import extract


def _facts(text: str) -> list[tuple[str, float, float | None, str, bool]]:
    return [(f.metric, f.value, f.value_max, f.qualifier, f.per_year) for f in extract(text).facts]


def test_aspiration_with_a_term_is_a_target() -> None:
    text = "Tỉnh Phú Yên phấn đấu nhiệm kỳ 2025 - 2030 kết nạp khoảng 6.200 đảng viên mới."
    assert _facts(text) == [("admitted_target", 6200, None, "about", False)]


def test_yearly_percent_aspiration_is_a_target_pct() -> None:
    text = "Huyện Sơn Hòa phấn đấu mỗi năm kết nạp từ 3 - 4% so với tổng số đảng viên."
    assert _facts(text) == [("admitted_target_pct", 3, 4, "exact", True)]
    text = "Mục tiêu đến năm 2030, tỷ lệ kết nạp đảng viên hằng năm đạt 2,5 - 3% tổng số đảng viên của huyện Tuy An."
    assert _facts(text) == [("admitted_target_pct", 2.5, 3, "exact", True)]


def test_good_rating_range_per_year() -> None:
    text = "Năm 2022, huyện Đồng Xuân kết nạp 95 đảng viên. Hằng năm có 87 - 90% đảng viên của Đảng bộ huyện hoàn thành tốt nhiệm vụ."
    assert ("members_good_rating_pct", 87, 90, "exact", True) in _facts(text)


def test_cells_within_organisations() -> None:
    text = "Đảng bộ huyện Tây Hòa có 152 chi bộ thuộc 38 tổ chức cơ sở đảng. Công tác phát triển đảng viên được quan tâm."
    assert [(m, v) for m, v, *_ in _facts(text)] == [("party_cells", 152), ("grassroots_orgs", 38)]


def test_number_words_and_indefinite_article() -> None:
    text = "Năm 2022, xã An Dân kết nạp mười lăm đảng viên; lễ kết nạp diễn ra tại một chi bộ thuộc Đảng ủy xã."
    assert [(m, v) for m, v, *_ in _facts(text)] == [("admitted", 15)]
    assert [(m, v) for m, v, *_ in _facts("Năm 2021, xã Hòa Mỹ kết nạp hai mươi mốt đảng viên.")] == [("admitted", 21)]
