"""Texts cut mid-sentence (page openings, feed summaries): the number a cut ends in may be cut too, so it is not read."""

from __future__ import annotations

from services.extractor.candidates import without_cut_number
from services.extractor.extract import extract


def _facts(text: str) -> list[tuple[str, float]]:
    return [(f.metric, f.value) for f in extract(text).facts]


def test_a_number_the_cut_ends_in_is_not_an_admission() -> None:
    text = "Phát triển đảng viên ở Khối Doanh nghiệp\n\nKết quả, năm 2009, Đảng bộ kết nạp được 73 đảng viên, năm 2010 kết nạp 1"
    assert _facts(text) == [("admitted", 73)]


def test_a_finished_sentence_keeps_its_last_number() -> None:
    text = "Phát triển đảng viên\n\nNăm 2023, Đảng bộ huyện Lục Nam kết nạp 125 đảng viên, đạt 104% kế hoạch"
    assert without_cut_number(text) == text
    text = "Phát triển đảng viên\n\nNăm 2023, Đảng bộ huyện Lục Nam kết nạp được 125"
    assert without_cut_number(text).endswith("kết nạp được")


def test_table_rows_and_lone_numbers_are_not_cut() -> None:
    for text in ("Đơn vị | Kết nạp\nLục Nam | 125", "Bài viết\n\n62", "Lượt xem: 4"):
        assert without_cut_number(text) == text


def test_a_number_before_the_final_full_stop_is_read() -> None:
    text = "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 52 đảng viên, nâng tổng số lên 12.100."
    assert without_cut_number(text) == text
