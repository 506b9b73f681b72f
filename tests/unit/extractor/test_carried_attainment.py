"""An attainment in the sentence after an admission is the admission's only when nothing else is its subject."""

from __future__ import annotations

import pytest

from services.extractor.extract import extract

ADMISSION = "Năm 2023, Đảng bộ huyện Lục Nam kết nạp 125 đảng viên. "


def _attainments(text: str) -> list[float]:
    return [f.value for f in extract(text).facts if f.metric == "target_attainment_pct"]


@pytest.mark.parametrize(
    "sentence",
    ["Kết quả này đạt 101% kế hoạch.", "Như vậy, huyện đã đạt 101% kế hoạch.", "Toàn huyện đạt 101% kế hoạch.",
     "Đảng bộ huyện Lục Nam đạt 101% kế hoạch.", "Đạt 101% chỉ tiêu."],
)
def test_the_result_or_the_organisation_carries_the_admission(sentence: str) -> None:
    assert _attainments(ADMISSION + sentence) == [101]


@pytest.mark.parametrize(
    "sentence",
    ["Tổng sản phẩm đạt 101% chỉ tiêu nghị quyết.", "Tổng sản phẩm tăng 8,5%, đạt 101% chỉ tiêu nghị quyết.",
     "Sản lượng lúa của huyện đạt 101% kế hoạch."],
)
def test_another_subject_keeps_its_own_attainment(sentence: str) -> None:
    assert _attainments(ADMISSION + sentence) == []


@pytest.mark.parametrize(
    "clause",
    ["chuyển đảng chính thức cho 120 đảng viên, đạt 100%.", "tổ chức học tập nghị quyết đạt 100% kế hoạch.",
     "thu đảng phí đạt 102%.", "thu đảng phí vượt 2% kế hoạch."],
)
def test_a_clause_of_other_party_work_after_the_admission_keeps_its_percent(clause: str) -> None:
    assert _attainments(ADMISSION.replace(". ", ", đạt 75% kế hoạch; ") + clause) == [75]


def test_points_over_a_rate_target_are_no_attainment() -> None:
    text = "Năm 2023, Đảng bộ huyện Lục Nam kết nạp 150 đảng viên, tỷ lệ kết nạp đạt 3,2%, vượt 0,2% so với chỉ tiêu."
    assert _attainments(text) == []
    text = "Năm 2023, Đảng bộ huyện Lục Nam kết nạp 150 đảng viên, đạt 3,5% so với tổng số đảng viên, vượt 16,7% kế hoạch."
    assert _attainments(text) == [116.7]  # larger than the rate: the rate's target exceeded by 16.7 %
