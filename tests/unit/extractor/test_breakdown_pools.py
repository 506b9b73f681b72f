"""Breakdowns of an admitted pool named as a noun phrase, shares stated with "chiếm", and "Hồ Chí Minh" never a place."""

from __future__ import annotations

from services.extractor.extract import extract


def _facts(text: str) -> list[tuple[str, str, float, str]]:
    return [(f.metric, f.segment, f.value, f.unit) for f in extract(text).facts]


def test_labelled_items_after_the_admitted_pool_are_segments() -> None:
    text = (
        "Năm 2020, toàn tỉnh Gia Lai kết nạp 2.100 đảng viên. Trong số đảng viên mới kết nạp năm 2020: "
        "Đoàn viên TNCS Hồ Chí Minh: 1.300 đồng chí, chiếm 61,9% tổng số đảng viên được kết nạp; "
        "là phụ nữ 800 đồng chí, chiếm 38,1%; là người dân tộc thiểu số 600 đồng chí."
    )
    facts = _facts(text)
    assert ("admitted", "youth_union", 1300, "count") in facts
    assert ("admitted", "youth_union", 61.9, "pct") in facts
    assert ("admitted", "female", 800, "count") in facts
    assert ("admitted", "female", 38.1, "pct") in facts
    assert ("admitted", "ethnic_minority", 600, "count") in facts
    assert not [f for f in facts if f[0] in ("members_total", "target_attainment_pct", "admission_rate_pct")]


def test_next_sentence_opening_with_a_label_continues_the_breakdown() -> None:
    text = (
        "Năm 2019, tỉnh Phú Yên kết nạp 1.500 đảng viên. Cụ thể: đảng viên là đoàn viên thanh niên: 900 đồng chí (chiếm 60%). "
        "Đảng viên là phụ nữ: 500 đồng chí (chiếm 33,3%)."
    )
    facts = _facts(text)
    assert ("admitted", "female", 500, "count") in facts
    assert ("admitted", "female", 33.3, "pct") in facts
    assert not [f for f in facts if f[0] == "members_total"]


def test_unlabelled_item_of_the_pool_is_dropped() -> None:
    text = "Trong số đảng viên mới kết nạp năm 2021, cán bộ, công chức, kinh doanh 420 đồng chí."
    assert _facts(text) == []


def test_the_pool_itself_is_the_admitted_figure() -> None:
    facts = _facts("Trong tổng số 60 đảng viên mới kết nạp từ đầu năm 2024 đến nay ở xã Tân An, có 36 người theo đạo.")
    assert facts[0] == ("admitted", "all", 60, "count")
    assert ("admitted", "religious", 36, "count") in facts


def test_share_of_membership_pool_is_the_membership() -> None:
    facts = _facts("Năm 2023, Chi bộ thôn Tân Hòa, xã Ea Tul kết nạp 2 đảng viên. Trong tổng số 41 đảng viên, có 37 người dân tộc thiểu số.")
    assert [f for f in facts if f[0] == "members_total"] == [("members_total", "all", 41, "count")]
    assert not [f for f in facts if f[2] == 37]


def test_chiem_is_never_an_attainment_or_a_rate() -> None:
    text = "Năm 2022, huyện Ea Súp kết nạp 150 đảng viên, trong đó đảng viên là người dân tộc thiểu số, chiếm 45%."
    facts = _facts(text)
    assert ("admitted", "ethnic_minority", 45, "pct") in facts
    assert not [f for f in facts if f[0] in ("target_attainment_pct", "admission_rate_pct")]
    text = "Năm 2022, tỉnh Đắk Lắk có 11.000 đảng viên người dân tộc thiểu số, chiếm 35% tổng số đảng viên."
    assert not [f for f in _facts(text) if f[2] == 35]


def test_chiem_against_a_target_stays_an_attainment() -> None:
    text = "Năm 2019, toàn tỉnh kết nạp được 1.669 đảng viên, chiếm tỷ lệ 83,45% so với chỉ tiêu."
    assert ("target_attainment_pct", "all", 83.45, "pct") in _facts(text)


def test_raised_total_after_admissions_is_the_membership() -> None:
    text = (
        "Năm 2023, Ban Thường vụ Huyện ủy Di Linh đã kết nạp thêm 113 đảng viên mới, "
        "nâng tổng số đảng viên trong toàn Đảng bộ lên 3.800 đồng chí."
    )
    assert _facts(text) == [("admitted", "all", 113, "count"), ("members_total", "all", 3800, "count")]


def test_youth_union_name_is_not_a_place() -> None:
    text = "Năm 2010, cả nước kết nạp 186.000 đảng viên. Đảng viên là đoàn viên TNCS Hồ Chí Minh: 125.998 đồng chí, chiếm 67,7%."
    assert all(f.place != "Chí Minh" for f in extract(text).facts)


def test_malformed_decimal_percent_is_not_a_count() -> None:
    text = "Năm 2011, số tổ chức cơ sở đảng kết nạp được đảng viên mới là 24.31%, số đảng viên mới kết nạp là 880 đồng chí."
    assert ("admitted", "all", 24, "count") not in _facts(text)


def test_segment_words_inside_an_organisation_name_are_not_a_segment() -> None:
    text = (
        "Năm 2022, có 4 đảng bộ kết nạp đạt chỉ tiêu, bao gồm: Đảng bộ Công an tỉnh kết nạp được 21 đảng viên mới; "
        "Đảng bộ Bộ đội Biên phòng tỉnh kết nạp 4 đảng viên mới."
    )
    facts = _facts(text)
    assert ("admitted", "all", 21, "count") in facts
    assert ("admitted", "all", 4, "count") in facts
    assert not [f for f in facts if f[1] == "police_military"]


def test_membership_statistics_alone_make_an_article_relevant() -> None:
    text = "Đến tháng 11/2022, Đảng bộ xã Đồng Quang có 262 đảng viên sinh hoạt tại 11 chi bộ."
    ex = extract(text)
    assert ex.relevant
    assert sorted((f.metric, f.value) for f in ex.facts) == [("members_total", 262), ("party_cells", 11)]


def test_district_youth_union_names_its_district() -> None:
    text = "Năm 2021, Quận Đoàn Thanh Khê đã trao danh sách 89 đoàn viên ưu tú cho Đảng xem xét kết nạp."
    assert [f.place for f in extract(text).facts] == ["Thanh Khê"]


def test_a_count_after_a_province_word_is_not_its_name() -> None:
    text = "Đến tháng 3/2021, toàn Đảng bộ tỉnh 47.174 đảng viên, sinh hoạt ở 761 tổ chức cơ sở đảng."
    assert all(f.place != "47" for f in extract(text).facts)


def test_breakdown_of_the_membership_is_not_of_the_admitted() -> None:
    text = (
        "Năm 2020, huyện Đăk Glei kết nạp 120 đảng viên, nâng tổng số đảng viên của Đảng bộ huyện lên 2.500 đồng chí; "
        "trong đó, có hơn 66% đảng viên là người dân tộc thiểu số, 1.000 đảng viên nữ."
    )
    assert _facts(text) == [("admitted", "all", 120, "count"), ("members_total", "all", 2500, "count")]


def test_labelled_items_in_clauses_after_the_admission() -> None:
    text = (
        "Năm 2023, huyện Lục Nam kết nạp 120 đảng viên; đảng viên nữ 45 đồng chí (37,5%); "
        "đảng viên là người dân tộc thiểu số 30 đồng chí (25%)."
    )
    assert _facts(text)[3:] == [("admitted", "ethnic_minority", 30, "count"), ("admitted", "ethnic_minority", 25, "pct")]


def test_breakdown_labels_with_colons_verbs_and_trailing_segments() -> None:
    cases = {
        "Năm 2023, huyện Lục Nam kết nạp 120 đảng viên (nữ: 45; dân tộc thiểu số: 30).": [("female", 45), ("ethnic_minority", 30)],
        "Năm 2023, huyện Lục Nam kết nạp 120 đảng viên. Trong số đó, nữ có 45 đồng chí, người dân tộc thiểu số có 30 đồng chí.": [
            ("female", 45), ("ethnic_minority", 30)],
        "Năm 2023, huyện Lục Nam kết nạp 120 đảng viên, trong đó 45 đồng chí nữ, 30 đồng chí dân tộc thiểu số.": [
            ("female", 45), ("ethnic_minority", 30)],
        "Năm 2023, huyện Lục Nam kết nạp 120 đảng viên. Đảng viên mới là nữ: 45 đồng chí; là đoàn viên: 90 đồng chí.": [
            ("female", 45), ("youth_union", 90)],
        "Năm 2023, huyện Lục Nam kết nạp 120 đảng viên. Trong 120 đảng viên mới có 45 nữ và 90 đoàn viên.": [
            ("female", 45), ("youth_union", 90)],
    }
    for text, expected in cases.items():
        got = [(f[1], f[2]) for f in _facts(text) if f[1] != "all"]
        assert got == expected, text
