"""A text as a search index stores a page keeps the page's list of other articles after the article: their titles are
not the article's facts."""

from __future__ import annotations

from services.extractor.candidates import without_related
from services.extractor.extract import extract

ARTICLE = "Huyện Lục Nam kết nạp 150 đảng viên mới\n\nNăm 2023, Đảng bộ huyện Lục Nam kết nạp 150 đảng viên, đạt 105% kế hoạch.\n\n"
RELATED = "Huyện Yên Thế kết nạp 120 đảng viên mới\nTân Yên: Kết nạp 95 đảng viên trong 6 tháng đầu năm\n"


def _facts(text: str) -> list[tuple[str, float]]:
    return [(f.metric, f.value) for f in extract(text).facts]


def test_titles_after_a_related_articles_label_are_not_read() -> None:
    for label in ("Tin liên quan", "CÁC TIN KHÁC", "Bài viết liên quan:"):
        assert _facts(ARTICLE + label + "\n" + RELATED) == [("admitted", 150), ("target_attainment_pct", 105)], label


def test_a_label_in_the_menu_above_the_article_does_not_end_it() -> None:
    text = "Tin mới\n" + ARTICLE
    assert without_related(text) == text


def test_a_label_inside_a_sentence_is_prose() -> None:
    text = ARTICLE + "Xem thêm các tin khác về công tác phát triển đảng viên, năm 2024 kết nạp 160 đảng viên.\n"
    assert without_related(text) == text


def test_a_label_with_its_first_title_on_the_same_line_ends_the_article() -> None:
    text = ARTICLE + "Tin liên quan: Huyện Yên Thế kết nạp 120 đảng viên mới, đạt 110% kế hoạch\n"
    assert _facts(text) == [("admitted", 150), ("target_attainment_pct", 105)]


def test_dated_titles_of_other_articles_are_not_read() -> None:
    text = ARTICLE + "Huyện Yên Thế kết nạp 120 đảng viên mới (12/05/2023)\nTân Yên: Kết nạp 95 đảng viên - 10/05/2023\n"
    assert _facts(text) == [("admitted", 150), ("target_attainment_pct", 105)]
    prose = ARTICLE + "Ngày 12/5/2023, Đảng bộ huyện Yên Thế kết nạp 120 đảng viên, đạt 110% kế hoạch.\n"
    assert ("admitted", 120) in _facts(prose)
