"""Flattened tables: header roles, rows attributed to their own unit, headerless target/admitted/% rows."""

from __future__ import annotations

from services.extractor.extract import extract


def _rows(text: str) -> list[tuple[str, float, str | None, str | None]]:
    return [(f.metric, f.value, f.place, f.period_end) for f in extract(text).facts]


def test_piped_table_with_header_reads_each_column() -> None:
    text = (
        "Kết quả kết nạp đảng viên năm 2022 của huyện Vĩnh Cửu:\n"
        "TT | Đơn vị | Chỉ tiêu giao | Số đảng viên kết nạp | Tỷ lệ đạt (%)\n"
        "1 | Đảng bộ xã Thạnh Phú | 9 | 11 | 122,2\n"
        "2 | Đảng bộ thị trấn Vĩnh An | 14 | 7 | 50\n"
    )
    rows = _rows(text)
    assert ("admitted_target", 9, "Thạnh Phú", "2022") in rows
    assert ("admitted", 11, "Thạnh Phú", "2022") in rows
    assert ("target_attainment_pct", 122.2, "Thạnh Phú", "2022") in rows
    assert ("admitted", 7, "Vĩnh An", "2022") in rows
    assert ("target_attainment_pct", 50, "Vĩnh An", "2022") in rows
    assert len(rows) == 6


def test_headerless_row_infers_target_admitted_and_ratio() -> None:
    text = "Năm 2021, các xã của huyện Ba Tơ phát triển đảng viên như sau.\n1 | Đảng bộ xã Ba Vì | 8 | 10 | 125\n"
    assert sorted(_rows(text)) == sorted(
        [("admitted_target", 8, "Ba Vì", "2021"), ("admitted", 10, "Ba Vì", "2021"), ("target_attainment_pct", 125, "Ba Vì", "2021")]
    )


def test_tab_and_multispace_rows_are_tables() -> None:
    text = (
        "Năm 2020, kết quả kết nạp đảng viên ở huyện Lắk.\n"
        "STT\tĐơn vị\tChỉ tiêu\tKết nạp\n"
        "1\tĐảng bộ xã Buôn Triết\t6\t9\n"
        "2   Đảng bộ xã Đắk Nuê   5   4\n"
    )
    rows = _rows(text)
    assert ("admitted", 9, "Buôn Triết", "2020") in rows
    assert ("admitted_target", 6, "Buôn Triết", "2020") in rows
    assert ("admitted", 4, "Đắk Nuê", "2020") in rows


def test_total_row_goes_to_the_article_organisation() -> None:
    text = (
        "Năm 2023, Đảng bộ huyện Đức Trọng kết nạp đảng viên mới.\n"
        "Đơn vị | Chỉ tiêu | Kết nạp\n"
        "Xã Hiệp An | 10 | 12\n"
        "Tổng cộng | 40 | 44\n"
    )
    rows = _rows(text)
    assert ("admitted", 44, "Đức Trọng", "2023") in rows
    assert ("admitted", 12, "Hiệp An", "2023") in rows


def test_navigation_bar_is_not_a_table() -> None:
    text = "Trang chủ | Tin tức | Xây dựng Đảng | 24 | Liên hệ\nNăm 2019, huyện Cam Lâm kết nạp 130 đảng viên."
    assert [(f.metric, f.value) for f in extract(text).facts] == [("admitted", 130)]


def test_rows_without_index_align_right_and_header_dates_the_rows() -> None:
    text = (
        "Kết quả công tác phát triển đảng viên của huyện Tánh Linh.\n"
        "STT | Tên đơn vị | Kế hoạch năm 2021 | Thực hiện | Đạt (%)\n"
        "1 | Xã Gia An | 10 | 13 | 130\n"
        "Xã Đức Phú | 9 | 6 | 66,7\n"
        "Tổng | 19 | 19 | 100\n"
    )
    rows = _rows(text)
    assert ("admitted", 6, "Đức Phú", "2021") in rows
    assert ("target_attainment_pct", 66.7, "Đức Phú", "2021") in rows
    assert ("admitted", 19, "Tánh Linh", "2021") in rows


def test_abbreviated_headers_members_new_members_and_cells() -> None:
    text = "Năm 2022, kết quả phát triển đảng viên của huyện Cư Jút.\nĐơn vị | Tổng số ĐV | Số ĐV mới | Số chi bộ\nXã Nam Dong | 305 | 11 | 19\n"
    facts = {(f.metric, f.value, f.place) for f in extract(text).facts}
    assert facts == {("members_total", 305, "Nam Dong"), ("admitted", 11, "Nam Dong"), ("party_cells", 19, "Nam Dong")}
