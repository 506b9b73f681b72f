"""Vietnamese number formats."""

from __future__ import annotations

import pytest

from services.extractor.numbers import find_fractions, find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"), [("3.011", 3011), ("56,8", 56.8), ("02", 2), ("1.235", 1235), ("101.000", 101000)]
)
def test_parse_number_reads_vietnamese_separators(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_percent_with_decimal_comma() -> None:
    (n,) = find_numbers("Xã đạt 87,5% kế hoạch.")
    assert (n.value, n.pct, n.qualifier) == (87.5, True, "exact")


def test_qualifiers_over_nearly_about() -> None:
    nums = find_numbers("kết nạp trên 1.200 đảng viên, đạt gần 80% chỉ tiêu, khoảng 40 quần chúng")
    assert [(n.value, n.qualifier) for n in nums] == [(1200, "over"), (80, "nearly"), (40, "about")]


def test_tro_len_after_number_means_over() -> None:
    (n,) = find_numbers("phấn đấu kết nạp 45 đảng viên trở lên")
    assert n.qualifier == "over"


def test_ranges_with_and_without_spaces() -> None:
    a, b = find_numbers("mỗi năm kết nạp từ 20 - 25 đảng viên, tỷ lệ 2-3%/năm")
    assert (a.value, a.value_max, a.pct) == (20, 25, False)
    assert (b.value, b.value_max, b.pct) == (2, 3, True)


def test_thousands_word_multiplier() -> None:
    (n,) = find_numbers("tổng số đảng viên lên hơn 45 ngàn đảng viên")
    assert (n.value, n.qualifier) == (45000, "over")


def test_number_words_before_member_nouns() -> None:
    (n,) = find_numbers("Ba đảng viên trẻ vừa được kết nạp")
    assert n.value == 3


def test_fraction_of_achieved_over_target() -> None:
    assert find_fractions("Xã An Bình 9/12, xã Tân Hòa 4/5") == [(11, 15, 9, 12), (28, 31, 4, 5)]


def test_compound_number_words() -> None:
    assert [n.value for n in find_numbers("kết nạp mười lăm đảng viên và hai mươi mốt quần chúng")] == [15, 21]


def test_every_year_is_not_the_number_five() -> None:
    assert find_numbers("hằng năm đảng viên phải tự đánh giá") == []
