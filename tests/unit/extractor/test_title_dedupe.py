"""A title restating a body figure rounded is annotated once, with the body's value."""

from __future__ import annotations

from services.extractor.extract import extract


def test_rounded_title_figure_yields_to_the_body() -> None:
    text = "Năm 2022, huyện Cư Kuin kết nạp 1.347 đảng viên, đạt 112% kế hoạch."
    facts = extract(text, title="Huyện Cư Kuin kết nạp hơn 1.340 đảng viên").facts
    assert [(f.metric, f.value, f.qualifier) for f in facts if f.metric == "admitted"] == [("admitted", 1347, "exact")]


def test_nearly_and_about_titles_also_yield() -> None:
    text = "Năm 2021, thị xã Buôn Hồ kết nạp 188 đảng viên mới."
    for title in ("Buôn Hồ kết nạp gần 190 đảng viên", "Buôn Hồ kết nạp khoảng 190 đảng viên"):
        assert [f.value for f in extract(text, title=title).facts] == [188]


def test_distinct_round_figure_is_kept() -> None:
    text = "Năm 2021, thị xã Buôn Hồ kết nạp 188 đảng viên; năm 2022 kết nạp hơn 250 đảng viên."
    assert sorted(f.value for f in extract(text).facts) == [188, 250]


def test_close_figures_of_different_years_are_both_kept() -> None:
    text = "Năm 2021, thị xã Buôn Hồ kết nạp 188 đảng viên; năm 2022 kết nạp gần 190 đảng viên."
    assert sorted(f.value for f in extract(text).facts) == [188, 190]


def test_headline_line_restating_a_body_figure_with_another_place_yields_to_the_body() -> None:
    text = (
        "Huyện Lục Nam kết nạp thêm 12 đảng viên\n\n"
        "Ngày 5-3-2022, Đảng bộ thị trấn Đồi Ngô (huyện Lục Nam) đã tổ chức lễ kết nạp đảng viên cho 12 quần chúng ưu tú."
    )
    facts = [f for f in extract(text).facts if f.metric == "admitted"]
    assert [(f.value, f.place) for f in facts] == [(12, "Đồi Ngô")]


def test_headline_figure_absent_from_the_body_is_kept() -> None:
    text = "Thị trấn Đồi Ngô kết nạp 12 đảng viên\n\nNăm 2022, Đảng bộ thị trấn Đồi Ngô kết nạp 9 đảng viên mới."
    assert sorted(f.value for f in extract(text).facts if f.metric == "admitted") == [9, 12]


def test_equal_body_figures_of_two_places_are_both_kept() -> None:
    text = "Năm 2022, Đảng bộ xã Tân Lập kết nạp 7 đảng viên mới.\nNăm 2022, Đảng bộ xã Tân Mộc kết nạp 7 đảng viên mới."
    assert [f.place for f in extract(text).facts if f.metric == "admitted"] == ["Tân Lập", "Tân Mộc"]


def test_table_rows_at_the_top_are_not_headlines() -> None:
    text = (
        "TT | Đơn vị | Chỉ tiêu giao | Số đảng viên kết nạp | Tỷ lệ đạt (%)\n"
        "1 | Đảng bộ xã Tân Lập | 9 | 7 | 77,8\n\n"
        "Năm 2022, Đảng bộ xã Tân Mộc kết nạp 7 đảng viên mới."
    )
    assert sorted(f.place or "" for f in extract(text).facts if f.metric == "admitted") == ["Tân Lập", "Tân Mộc"]


def test_a_headline_lower_bound_restates_the_body_figure_above_it() -> None:
    text = "Hơn 1.000 đảng viên mới\n\nNăm 2023, toàn tỉnh Bắc Giang kết nạp 1.250 đảng viên."
    assert [(f.metric, f.value) for f in extract(text).facts] == [("admitted", 1250)]
    text = "Hơn 1.000 đảng viên mới\n\nNăm 2023, toàn tỉnh Bắc Giang kết nạp 2.250 đảng viên."
    assert len(extract(text).facts) == 2  # far above the bound: another figure
