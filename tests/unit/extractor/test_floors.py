"""A count set as a floor ("trở lên", "ít nhất") is a target unless the clause reports it done (every such figure in
dev and dev2 is a target)."""

from __future__ import annotations

import pytest

from services.extractor.extract import extract


def _facts(text: str) -> list[tuple[str, float]]:
    return [(f.metric, f.value) for f in extract(text).facts]


@pytest.mark.parametrize(
    "text",
    ["Năm 2024, Đảng bộ huyện Lục Nam kết nạp 200 đảng viên trở lên.",
     "Năm 2024, Đảng bộ huyện Lục Nam kết nạp ít nhất 200 đảng viên.",
     "Giai đoạn 2025-2030, mỗi năm Đảng bộ huyện Lục Nam kết nạp 200 đảng viên trở lên."],
)
def test_a_floor_is_a_target(text: str) -> None:
    assert _facts(text) == [("admitted_target", 200)]


def test_a_floor_reported_done_is_an_admission() -> None:
    assert _facts("Năm 2023, Đảng bộ huyện Lục Nam đã kết nạp được từ 200 đảng viên trở lên.") == [("admitted", 200)]


def test_a_floor_of_a_training_class_is_not_an_admission_target() -> None:
    text = "Năm 2022, Thành ủy Vĩnh Long sẽ tạo nguồn và kết nạp đảng viên, tổ chức bồi dưỡng nhận thức về Đảng cho ít nhất 150 quần chúng ưu tú."
    assert ("admitted_target", 150) not in _facts(text)


@pytest.mark.parametrize(
    "text",
    ["Đến năm 2030, toàn tỉnh Bắc Giang kết nạp 200 đảng viên mới.",
     "Chỉ tiêu năm 2024: toàn huyện Lục Nam kết nạp 200 đảng viên."],
)
def test_a_sentence_that_opens_with_a_plan_states_a_target(text: str) -> None:
    assert _facts(text) == [("admitted_target", 200)]


def test_a_plan_sentence_that_reports_a_result_states_an_admission() -> None:
    assert _facts("Đến năm 2023, huyện Lục Nam đã kết nạp 200 đảng viên.") == [("admitted", 200)]
    assert _facts("Từ năm 2016 đến năm 2020, huyện Lục Nam kết nạp 200 đảng viên.") == [("admitted", 200)]


@pytest.mark.parametrize(
    "text",
    ["Thời gian tới, huyện Lục Nam kết nạp 200 đảng viên mỗi năm.", "Những năm tiếp theo, huyện Lục Nam kết nạp 200 đảng viên.",
     "Từ nay đến cuối năm, huyện Lục Nam kết nạp thêm 200 đảng viên."],
)
def test_admissions_in_the_time_to_come_are_targets(text: str) -> None:
    assert _facts(text) == [("admitted_target", 200)]


def test_the_time_to_come_after_a_reported_result_changes_nothing() -> None:
    assert _facts("Chuẩn bị cho nhiệm kỳ tới, huyện Lục Nam đã kết nạp 200 đảng viên.") == [("admitted", 200)]


def test_a_shortfall_from_the_target_is_no_admission() -> None:
    assert _facts("Năm 2023, huyện Lục Nam kết nạp 150 đảng viên, còn thiếu 50 đảng viên so với chỉ tiêu.") == [("admitted", 150)]
