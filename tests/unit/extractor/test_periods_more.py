"""Periods: cited resolutions, relative periods against the printed publication date, year-end reviews."""

from __future__ import annotations

from datetime import date

from services.extractor.extract import extract
from services.extractor.published import find_published


def _period(text: str, published: date | None = None) -> list[tuple[float, str | None, str | None]]:
    return [(f.value, f.period_start, f.period_end) for f in extract(text, published=published).facts]


def test_cited_resolution_period_does_not_override_the_sentence_period() -> None:
    text = "Năm 2022, thực hiện Nghị quyết số 09-NQ/HU của Huyện ủy về phát triển đảng viên giai đoạn 2021 - 2025, huyện Đak Pơ kết nạp 88 đảng viên."
    assert _period(text) == [(88, "2022", "2022")]


def test_printed_date_formats() -> None:
    assert find_published("Thứ Sáu, 16/02/2024\nĐảng bộ huyện...") == date(2024, 2, 16)
    assert find_published("11/10/2022 | Chuyên mục: Xây dựng Đảng\nNội dung") == date(2022, 10, 11)
    assert find_published("Báo Lào Cai Online - 05/03/2023\nNội dung") == date(2023, 3, 5)
    assert find_published("Hà Giang, 21/11/2022\nNội dung") == date(2022, 11, 21)
    assert find_published("Cập nhật: 08/09/2021\nNội dung") == date(2021, 9, 8)


def test_current_and_term_to_date_resolve_with_publication() -> None:
    text = "Cập nhật: 12/04/2023\nTừ đầu nhiệm kỳ 2020 - 2025 đến nay, huyện Quỳ Hợp kết nạp 742 đảng viên. Hiện có 6.110 đảng viên."
    assert _period(text) == [(742, "2020", "2023-04"), (6110, None, "2023-04")]


def test_n_years_past_are_the_years_before_publication() -> None:
    text = "Ba năm qua, huyện Bố Trạch kết nạp 620 đảng viên."
    assert _period(text, date(2023, 5, 2)) == [(620, "2020", "2022")]


def test_year_end_review_in_january_reports_the_previous_year() -> None:
    text = "Tổng kết công tác năm qua, Đảng bộ huyện Lệ Thủy kết nạp 231 đảng viên; 6 tháng cuối năm kết nạp 140 đảng viên."
    assert _period(text, date(2023, 1, 10)) == [(231, "2022", "2022"), (140, "2022-07", "2022-12")]


def test_current_stock_period_does_not_carry_to_later_admissions() -> None:
    text = "Năm 2022, Đảng bộ huyện Yên Thành kết nạp 260 đảng viên. Đảng bộ hiện có 11.400 đảng viên. Nhiều xã kết nạp cao như Công Thành 21, Bảo Thành 17."
    facts = extract(text, published=date(2023, 3, 1)).facts
    assert [(f.value, f.period_end) for f in facts if f.metric == "admitted"] == [(260, "2022"), (21, "2022"), (17, "2022")]


def test_iso_publication_date_and_a_date_line_below_the_menu() -> None:
    assert find_published("Ngày xuất bản: 2022-06-30\nNội dung") == date(2022, 6, 30)
    menu = "\n".join(["Trang chủ", "Tin tức", "Chính trị", "Kinh tế", "Xã hội", "Văn hóa", "Thể thao", "Quốc phòng", "Pháp luật"])
    assert find_published(f"{menu}\n17/08/2022\nTiêu đề") == date(2022, 8, 17)


def test_unnumbered_cited_document_period_yields_to_the_sentence_year() -> None:
    text = "Năm 2022, thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXII, nhiệm kỳ 2020 - 2025, huyện Hàm Yên kết nạp 176 đảng viên."
    assert _period(text) == [(176, "2022", "2022")]
    text = "Thực hiện Nghị quyết của Huyện ủy giai đoạn 2021 - 2025, huyện Hàm Yên đã kết nạp 512 đảng viên."
    assert _period(text) == [(512, "2021", "2025")]


def test_a_span_of_years_stated_with_its_length_ends_at_its_last_year() -> None:
    from services.extractor.extract import extract

    lead = "Công tác phát triển đảng viên được chú trọng. "
    for text, start, end in (
        ("Kết quả, trong 2 năm 2011-2012, Đảng bộ huyện Lục Nam đã kết nạp được 1.083 đảng viên.", "2011", "2012"),
        ("Trong 5 năm (từ 2016-2020), Đảng bộ huyện Lục Nam kết nạp 1.083 đảng viên.", "2016", "2020"),
    ):
        facts = extract(lead + text).facts
        assert [(f.period_start, f.period_end) for f in facts] == [(start, end)], text
