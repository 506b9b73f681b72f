"""Plans stated without a plan word next to the number: floors ("trở lên", "ít nhất"; every such figure in dev and dev2
is a target), sentences that open with a plan, the time to come; each is an admission again once a result is reported."""

from __future__ import annotations

import pytest

from services.extractor.extract import extract


def _facts(text: str) -> list[tuple[str, float]]:
    return [(f.metric, f.value) for f in extract(text).facts]


TARGETS = {
    "floor after": "Năm 2024, Đảng bộ huyện Lục Nam kết nạp 200 đảng viên trở lên.",
    "floor before": "Năm 2024, Đảng bộ huyện Lục Nam kết nạp ít nhất 200 đảng viên.",
    "floor per year": "Giai đoạn 2025-2030, mỗi năm Đảng bộ huyện Lục Nam kết nạp 200 đảng viên trở lên.",
    "opens with a year to reach": "Đến năm 2030, toàn tỉnh Bắc Giang kết nạp 200 đảng viên mới.",
    "opens with a quota": "Chỉ tiêu năm 2024: toàn huyện Lục Nam kết nạp 200 đảng viên.",
    "time to come": "Thời gian tới, huyện Lục Nam kết nạp 200 đảng viên mỗi năm.",
    "years to come": "Những năm tới, huyện Lục Nam kết nạp 200 đảng viên mỗi năm.",
    "rest of the year": "Từ nay đến cuối năm, huyện Lục Nam kết nạp thêm 200 đảng viên.",
    "pledge before a comma": "Năm 2024, huyện Lục Nam phấn đấu bồi dưỡng, kết nạp 200 đảng viên.",
    "pledge over the sentence": "Năm 2024, huyện Lục Nam phấn đấu 100% chi bộ kết nạp đảng viên, toàn huyện kết nạp 200 đảng viên.",
}
ADMISSIONS = {
    "floor done": "Năm 2023, Đảng bộ huyện Lục Nam đã kết nạp được từ 200 đảng viên trở lên.",
    "year reached": "Đến năm 2023, huyện Lục Nam đã kết nạp 200 đảng viên.",
    "past range": "Từ năm 2016 đến năm 2020, huyện Lục Nam kết nạp 200 đảng viên.",
    "time to come, result reported": "Chuẩn bị cho nhiệm kỳ tới, huyện Lục Nam đã kết nạp 200 đảng viên.",
    "a past effort": "Sau một năm phấn đấu, năm 2023 huyện Lục Nam kết nạp 200 đảng viên mới.",
}


@pytest.mark.parametrize("text", TARGETS.values(), ids=TARGETS.keys())
def test_a_plan_without_a_plan_word_next_to_the_number_is_a_target(text: str) -> None:
    assert _facts(text) == [("admitted_target", 200)]


@pytest.mark.parametrize("text", ADMISSIONS.values(), ids=ADMISSIONS.keys())
def test_a_reported_result_stays_an_admission(text: str) -> None:
    assert _facts(text) == [("admitted", 200)]


def test_a_floor_of_a_training_class_is_not_an_admission_target() -> None:
    text = "Năm 2022, Thành ủy Vĩnh Long sẽ tạo nguồn và kết nạp đảng viên, tổ chức bồi dưỡng nhận thức về Đảng cho ít nhất 150 quần chúng ưu tú."
    assert ("admitted_target", 150) not in _facts(text)


def test_a_shortfall_from_the_target_is_no_admission() -> None:
    assert _facts("Năm 2023, huyện Lục Nam kết nạp 150 đảng viên, còn thiếu 50 đảng viên so với chỉ tiêu.") == [("admitted", 150)]


def test_candidates_in_a_plan_are_not_trained() -> None:
    for text in ("Năm 2024, huyện Lục Nam phấn đấu giới thiệu 300 đoàn viên ưu tú cho Đảng xem xét kết nạp.",
                 "Chỉ tiêu năm 2024: mở 5 lớp bồi dưỡng nhận thức về Đảng cho 300 quần chúng."):
        assert _facts(text) == [], text
    text = "Cuộc vận động đoàn viên phấn đấu trở thành đảng viên đã giới thiệu 150 đoàn viên ưu tú cho Đảng xem xét, kết nạp."
    assert _facts(text) == [("candidates_trained", 150)]


def test_a_historys_next_years_are_past() -> None:
    facts = _facts("Năm 1945, Đảng bộ có 8 đảng viên. Những năm tiếp theo, Đảng bộ kết nạp 200 đảng viên.")
    assert ("admitted", 200) in facts
