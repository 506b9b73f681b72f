"""Periods: years, months, first months of a year, ranges, congress terms, relative to publication."""

from __future__ import annotations

from datetime import date

import pytest

from services.extractor.periods import Ctx, find_periods, term_start

PUB = Ctx(date(2023, 10, 20), 2023)


def _bounds(text: str, ctx: Ctx = PUB) -> list[tuple[str | None, str | None]]:
    return [(p.period_start, p.period_end) for p in find_periods(text, ctx) if not p.compare]


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("Năm 2019, huyện kết nạp", [("2019", "2019")]),
        ("trong tháng 3/2022 đã kết nạp", [("2022-03", "2022-03")]),
        ("6 tháng đầu năm 2024, xã kết nạp", [("2024-01", "2024-06")]),
        ("9 tháng năm 2019 kết nạp", [("2019-01", "2019-09")]),
        ("Từ năm 2016 đến năm 2019, thành phố", [("2016", "2019")]),
        ("trong nhiệm kỳ 2015–2020, huyện", [("2015", "2020")]),
        ("Tính đến hết quý II/2021 toàn tỉnh", [(None, "2021-06")]),
    ],
)
def test_stated_periods(text: str, bounds: list[tuple[str | None, str | None]]) -> None:
    assert _bounds(text) == bounds


def test_since_term_start_resolved_with_publication_date() -> None:
    assert _bounds("Từ đầu nhiệm kỳ đến nay, huyện kết nạp") == [("2020", "2023-10")]


def test_since_year_start_until_now() -> None:
    assert _bounds("Từ đầu năm đến nay, xã kết nạp") == [("2023-01", "2023-10")]


def test_now_and_this_year_use_publication_date() -> None:
    assert _bounds("Hiện nay đảng bộ có") == [(None, "2023-10")]
    assert _bounds("Năm nay kết nạp") == [("2023", "2023")]


def test_last_year_is_the_year_before_publication() -> None:
    assert _bounds("Năm qua, thành phố kết nạp") == [("2022", "2022")]


def test_relative_period_without_publication_date_stays_open() -> None:
    assert _bounds("Từ đầu nhiệm kỳ đến nay, huyện kết nạp", Ctx(None, None)) == []


def test_comparison_year_is_flagged_not_a_period() -> None:
    (p,) = find_periods("tăng 8 đảng viên so với năm 2020", PUB)
    assert p.compare


@pytest.mark.parametrize(("year", "month", "start"), [(2013, 8, 2010), (2019, 11, 2015), (2020, 3, 2015), (2024, 7, 2020)])
def test_congress_term_of_a_date(year: int, month: int, start: int) -> None:
    assert term_start(year, month) == start


def test_since_the_start_of_a_named_term_until_now() -> None:
    assert _bounds("Tính từ đầu nhiệm kỳ 2020-2025 đến nay, thị xã kết nạp") == [("2020", "2023-10")]


def test_scope_of_a_numbered_resolution_is_not_the_fact_period() -> None:
    text = "Năm 2023, thực hiện Nghị quyết số 21-NQ/TU về phát triển đảng viên giai đoạn 2021-2025, tỉnh kết nạp"
    assert _bounds(text) == [("2023", "2023")]


def test_two_periods_joined_by_va_make_one_span() -> None:
    assert _bounds("Năm 2023 và 6 tháng đầu năm 2024, huyện kết nạp") == [("2023", "2024-06")]
