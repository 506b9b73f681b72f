"""Publication-date readers: metadata values, visible date lines and URLs."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from services.extractor.pagedates import (
    date_from_lines,
    date_from_meta,
    date_from_url,
    date_line,
    parse_date_value,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-15", date(2024, 1, 15)),
        ("2024-01-15T23:59:00+07:00", date(2024, 1, 15)),
        ("2024-01-15T17:30:00Z", date(2024, 1, 16)),
        ("Tue, 02 Jul 2024 09:00:00 GMT", date(2024, 7, 2)),
        ("02/07/2024 09:00", date(2024, 7, 2)),
        ("", None),
        ("không rõ", None),
        ("31/02/2024", None),
        ("1899-01-01", None),
    ],
)
def test_metadata_and_feed_values_parse_to_the_vietnamese_calendar_day(value: str, expected: date | None) -> None:
    assert parse_date_value(value) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Hôm nay: Thứ Hai, 22/11/2026",
        "Trong 4 năm từ 2017 đến năm 2020, chi bộ thôn 5 đã kết nạp 3 đảng viên theo Kế hoạch ngày 16/5/2019 của Ban Thường vụ.",
        "Nghị quyết 130-NQ/HU",
        "Điện thoại: 0204.3854.123",
    ],
)
def test_lines_that_are_not_publication_dates_are_ignored(line: str) -> None:
    assert date_line(line) is None


def test_label_in_the_previous_text_node_counts_for_a_bare_date() -> None:
    assert date_line("02/07/2024", before="Ngày đăng:") == date(2024, 7, 2)


def test_the_date_line_nearest_after_the_title_wins_over_earlier_chrome() -> None:
    lines = ["Thứ Hai, 22/11/2026 08:00", "Trang chủ", "Tiêu đề bài viết", "Xây dựng Đảng", "06:39, 17/03/2023", "Nội dung"]
    assert date_from_lines(lines, "Tiêu đề bài viết") == date(2023, 3, 17)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.vn/2023/03/17/bai.html", date(2023, 3, 17)),
        ("https://x.vn/tin/bai-viet-20191125140300.htm", date(2019, 11, 25)),
        ("https://x.vn/tin/bai-viet-post123456.html", None),
        ("https://x.vn/tin/bai-viet-20191345.htm", None),
        ("https://x.vn/2023/bai.html", None),
        (None, None),
    ],
)
def test_url_dates_need_a_full_valid_day(url: str | None, expected: date | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<meta name="pubdate" content="2022-05-04">', date(2022, 5, 4)),
        ('<meta itemprop="datePublished" content="2022-05-04T10:00:00+07:00">', date(2022, 5, 4)),
        ('<meta name="DC.date.issued" content="04/05/2022">', date(2022, 5, 4)),
        ('<time itemprop="datePublished" datetime="2022-05-04">4/5</time>', date(2022, 5, 4)),
        ('<meta name="date" content="">', None),
        ('<meta name="description" content="2022-05-04">', None),
    ],
)
def test_metadata_dates_in_meta_and_time_elements(markup: str, expected: date | None) -> None:
    tree = etree.fromstring(f"<html><head>{markup}</head><body><p>x</p></body></html>", etree.HTMLParser())
    assert date_from_meta(tree) == expected


def test_meta_tag_wins_over_json_ld() -> None:
    ld = '<script type="application/ld+json">{"datePublished": "2020-01-01"}</script>'
    tree = etree.fromstring(f'<html><head>{ld}<meta name="pubdate" content="2022-05-04"></head></html>', etree.HTMLParser())
    assert date_from_meta(tree) == date(2022, 5, 4)


def test_dates_of_related_news_after_the_article_prose_are_not_the_publication_date() -> None:
    prose = "Năm 2023, Đảng bộ huyện đã kết nạp được 312 đảng viên mới, đạt 104% kế hoạch năm; trong đó có 118 đảng viên là nữ, 204 đoàn viên."
    lines = ["Trang chủ", "Tiêu đề bài viết", prose, "Tin cùng chuyên mục", "Hội nghị Ban Chấp hành", "16/08/2024"]
    assert date_from_lines(lines, "Tiêu đề bài viết") is None
    assert date_from_lines(["Tiêu đề bài viết", "Cập nhật: 02/07/2024", prose, "16/08/2024"], "Tiêu đề bài viết") == date(2024, 7, 2)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Thứ Hai, 25/11/2019", date(2019, 11, 25)),
        ("Ngày 5 tháng 9 năm 2022", date(2022, 9, 5)),
        ("(31/03/2020)", date(2020, 3, 31)),
        ("Ngày 26/2/2024, Công an tỉnh đã tổ chức lễ giao nhận quân.", None),
        ("Hội nghị tổng kết 16/08/2024", None),
    ],
)
def test_an_unlabelled_line_without_time_counts_only_when_it_is_little_more_than_a_date(
    line: str, expected: date | None
) -> None:
    assert date_line(line) == expected
