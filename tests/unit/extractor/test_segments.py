"""Breakdowns of admissions: each figure takes the segment named next to it, labels before or after, shares."""

from __future__ import annotations

from services.extractor.extract import extract


def _segs(text: str) -> list[tuple[str, str, float, str]]:
    return [(f.metric, f.segment, f.value, f.unit) for f in extract(text).facts]


def test_second_figure_does_not_inherit_the_first_segment() -> None:
    text = (
        "Năm 2022, tỉnh Long An kết nạp 3.410 đảng viên, trong đó có 1.205 học sinh, sinh viên và "
        "734 người lao động trong doanh nghiệp có vốn đầu tư nước ngoài."
    )
    segs = _segs(text)
    assert ("admitted", "student", 1205, "count") in segs
    assert ("admitted", "private_sector", 734, "count") in segs


def test_label_before_each_figure() -> None:
    text = "Năm 2022, huyện Ia Grai kết nạp 160 đảng viên, trong đó dân tộc thiểu số 57 đồng chí; nữ 33 đồng chí."
    assert _segs(text)[1:] == [("admitted", "ethnic_minority", 57, "count"), ("admitted", "female", 33, "count")]
    text = "Năm 2021, huyện Ea H'leo kết nạp 240 đảng viên, trong đó đảng viên là người dân tộc thiểu số 71 đồng chí, đoàn viên thanh niên 95 đồng chí."
    assert _segs(text)[1:] == [("admitted", "ethnic_minority", 71, "count"), ("admitted", "youth_union", 95, "count")]


def test_religious_and_ethnic_nouns() -> None:
    text = "Năm 2021, huyện Mang Yang kết nạp 145 đảng viên, trong đó có 11 người có đạo, 63 người Ba Na, 8 đồng bào Jrai và 4 tín đồ."
    assert _segs(text)[1:] == [
        ("admitted", "religious", 11, "count"), ("admitted", "ethnic_minority", 63, "count"),
        ("admitted", "ethnic_minority", 8, "count"), ("admitted", "religious", 4, "count"),
    ]
    text = "Năm 2020, huyện Trà Cú kết nạp 120 đảng viên, trong đó 58 người Khmer và 2 chức sắc."
    assert _segs(text)[1:] == [("admitted", "ethnic_minority", 58, "count"), ("admitted", "religious", 2, "count")]


def test_bare_breakdown_counts_and_parenthesised_shares() -> None:
    text = "Năm 2022, tỉnh Kon Tum kết nạp 930 đảng viên, trong đó có 412 nữ (44,3%) và 501 người dân tộc thiểu số (53,9%)."
    assert _segs(text)[1:] == [
        ("admitted", "female", 412, "count"), ("admitted", "female", 44.3, "pct"),
        ("admitted", "ethnic_minority", 501, "count"), ("admitted", "ethnic_minority", 53.9, "pct"),
    ]


def test_members_who_are_youth_union_members_are_the_youth_union_segment() -> None:
    text = "Năm 2023, Chi bộ thôn Tân Hòa kết nạp ba đảng viên là đoàn viên thanh niên."
    assert _segs(text) == [("admitted", "youth_union", 3, "count")]  # like "14 đảng viên là học sinh" (ANNOTATION.md)


def test_all_of_them_youth_union_members_still_counts_everyone() -> None:
    text = "Năm 2023, Chi bộ thôn Tân Hòa kết nạp ba đảng viên, đều là đoàn viên thanh niên."
    assert _segs(text) == [("admitted", "all", 3, "count")]  # "đều là": a remark on all of them (ANNOTATION.md)


def test_religious_label_with_co_is_not_a_total() -> None:
    text = "Năm 2022, tỉnh Nam Định kết nạp 2.310 đảng viên, trong đó đoàn viên thanh niên 1.404 đồng chí; người có đạo 72 đồng chí."
    assert _segs(text)[1:] == [("admitted", "youth_union", 1404, "count"), ("admitted", "religious", 72, "count")]


def test_breakdown_takes_the_period_of_its_own_sentence() -> None:
    text = (
        "Từ đầu nhiệm kỳ đến nay, huyện Đắk Hà kết nạp 640 đảng viên. "
        "Năm 2022, huyện kết nạp 190 đảng viên, trong đó nữ 71 đồng chí; đoàn viên thanh niên 102 đồng chí."
    )
    facts = extract(text).facts
    assert [(f.segment, f.period_end) for f in facts if f.segment != "all"] == [("female", "2022"), ("youth_union", "2022")]


def test_labels_in_semicolon_separated_breakdowns() -> None:
    text = "Năm 2021, huyện Sơn Tây kết nạp 76 đảng viên, trong đó: nữ 30; dân tộc thiểu số 52; đoàn viên 61 (80,3%)."
    assert _segs(text)[1:] == [
        ("admitted", "female", 30, "count"), ("admitted", "ethnic_minority", 52, "count"),
        ("admitted", "youth_union", 61, "count"), ("admitted", "youth_union", 80.3, "pct"),
    ]
    text = "Năm 2021, huyện Sơn Tây kết nạp 76 đảng viên; nữ 30; người có đạo 4."
    assert _segs(text)[1:] == [("admitted", "female", 30, "count"), ("admitted", "religious", 4, "count")]


def test_labels_after_an_admission_without_a_breakdown_word() -> None:
    text = "Năm 2022, huyện Krông Nô kết nạp 204 đảng viên, đoàn viên thanh niên 131 đồng chí, nữ 96 đồng chí."
    assert _segs(text) == [
        ("admitted", "all", 204, "count"), ("admitted", "youth_union", 131, "count"), ("admitted", "female", 96, "count"),
    ]


def test_parenthesised_chiem_share_after_a_segment_count() -> None:
    text = "Năm 2021, tỉnh Lai Châu kết nạp 1.310 đảng viên, trong đó nữ 602 (45,9%), dân tộc thiểu số 988 (chiếm 75,4%)."
    assert _segs(text)[1:] == [
        ("admitted", "female", 602, "count"), ("admitted", "female", 45.9, "pct"),
        ("admitted", "ethnic_minority", 988, "count"), ("admitted", "ethnic_minority", 75.4, "pct"),
    ]


def test_breakdown_counts_named_by_their_segment_alone() -> None:
    text = "Năm 2022, huyện Phong Thổ kết nạp 140 đảng viên, trong đó 101 dân tộc thiểu số, 58 là nữ, 3 là người có đạo."
    assert _segs(text)[1:] == [
        ("admitted", "ethnic_minority", 101, "count"), ("admitted", "female", 58, "count"), ("admitted", "religious", 3, "count"),
    ]
    text = "Năm 2022, huyện Phong Thổ kết nạp 140 đảng viên; 12 xã đạt chuẩn nông thôn mới."
    assert _segs(text) == [("admitted", "all", 140, "count")]


def test_a_segment_name_split_by_a_comma_is_one_label() -> None:
    assert _segs("Năm 2023, Đảng bộ huyện Lục Nam kết nạp 12 đảng viên là trưởng, phó thôn.") == [
        ("admitted", "village_head", 12, "count")
    ]
    assert _segs("Năm 2023, Đảng bộ huyện Lục Nam kết nạp 12 đảng viên là cán bộ, công chức.") == [
        ("admitted", "civil_servant", 12, "count")
    ]


def test_outstanding_people_who_are_youth_union_members() -> None:
    text = "Năm 2023, Đảng bộ huyện Lục Nam kết nạp 30 quần chúng ưu tú là đoàn viên thanh niên."
    assert _segs(text) == [("admitted", "youth_union", 30, "count")]


def test_a_mixed_list_after_the_count_still_counts_everyone() -> None:
    text = "Trường Đại học Thủ Dầu Một tổ chức lễ kết nạp Đảng cho 8 quần chúng ưu tú là cán bộ đoàn, sinh viên tiêu biểu."
    assert _segs(text) == [("admitted", "all", 8, "count")]


def test_a_labelled_subgroup_does_not_inherit_the_segment_before_it() -> None:
    text = "Năm 2023, Đảng bộ huyện Lục Nam kết nạp 12 đảng viên là phụ nữ, 5 đảng viên là thanh niên."
    assert _segs(text) == [("admitted", "female", 12, "count")]


def test_a_segment_named_as_the_pool_before_the_count_is_its_segment() -> None:
    first = "Năm 2023, huyện Lục Nam kết nạp 150 đảng viên. "
    cases = {
        "Số đảng viên nữ được kết nạp là 45 đồng chí.": "female",
        "Riêng đối tượng là học sinh, kết nạp được 12 em.": "student",
        "Đối với đoàn viên thanh niên, đã có 120 người được kết nạp.": "youth_union",
        "Riêng trong đồng bào dân tộc thiểu số, huyện kết nạp được 40 đảng viên.": "ethnic_minority",
    }
    for sentence, segment in cases.items():
        assert _segs(first + sentence)[1][:2] == ("admitted", segment), sentence


def test_a_place_or_an_organisation_named_before_the_count_is_not_its_pool() -> None:
    assert _segs("Năm 2023, Đảng bộ Công an tỉnh kết nạp 21 đảng viên.") == [("admitted", "all", 21, "count")]
    assert _segs("Năm 2023, ở vùng đồng bào dân tộc thiểu số, huyện Lục Nam kết nạp 150 đảng viên.") == [
        ("admitted", "all", 150, "count")
    ]


def test_the_organisations_within_a_force_are_not_a_segment_pool() -> None:
    text = (
        "Năm 2021, Đảng ủy Quân sự tỉnh Nghệ An đã lãnh đạo các tổ chức đảng trong lực lượng vũ trang tỉnh "
        "kết nạp 235 đảng viên, đạt 117,5% chỉ tiêu."
    )
    assert _segs(text)[0] == ("admitted", "all", 235, "count")


def test_labels_after_the_pool_of_new_members_are_segments() -> None:
    text = "Năm 2023, huyện Lục Nam kết nạp 150 đảng viên; trong số đảng viên mới, nữ có 45 người, dân tộc thiểu số 20 người."
    assert _segs(text) == [
        ("admitted", "all", 150, "count"), ("admitted", "female", 45, "count"), ("admitted", "ethnic_minority", 20, "count")
    ]


def test_a_rate_named_for_a_segment_of_the_new_members_is_its_share() -> None:
    text = "Năm 2023, huyện Lục Nam kết nạp 150 đảng viên, đạt 75% kế hoạch; tỷ lệ đảng viên được kết nạp là đoàn viên đạt 80%."
    assert _segs(text) == [
        ("admitted", "all", 150, "count"), ("target_attainment_pct", "all", 75, "pct"), ("admitted", "youth_union", 80, "pct")
    ]
