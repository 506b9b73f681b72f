"""Places and organisations of facts: multi-word names, qualifiers, whole-Party figures, cells, back-references."""

from __future__ import annotations

from services.extractor.extract import extract


def _orgs(text: str) -> list[tuple[float, str | None, str | None, str | None]]:
    return [(f.value, f.org, f.place, f.level) for f in extract(text).facts]


def test_hyphenated_province_name_is_kept_whole() -> None:
    facts = extract("Năm 2022, Đảng bộ tỉnh Bà Rịa - Vũng Tàu kết nạp 1.610 đảng viên.").facts
    assert [(f.place, f.level) for f in facts] == [("Bà Rịa - Vũng Tàu", "province")]
    assert facts[0].province == "Bà Rịa - Vũng Tàu"


def test_thanh_pho_is_a_type_not_a_place() -> None:
    assert _orgs("Năm 2021, Thành ủy Thành phố Hồ Chí Minh kết nạp 7.200 đảng viên.")[0][2] == "Hồ Chí Minh"
    assert _orgs("Năm 2021, Đảng bộ Thành phố kết nạp 410 đảng viên.")[0][2] != "Thành"


def test_sentence_initial_co_is_not_a_place() -> None:
    assert _orgs("Có 31 quần chúng được kết nạp vào Đảng trong năm 2022 tại huyện Hướng Hóa.") == [
        (31, "huyện Hướng Hóa", "Hướng Hóa", "district")
    ]


def test_address_in_parentheses_does_not_replace_the_commune() -> None:
    text = "Năm 2022, Đảng ủy xã Minh Hưng (huyện Chơn Thành, tỉnh Bình Phước) kết nạp 9 đảng viên."
    assert _orgs(text) == [(9, "Đảng ủy xã Minh Hưng", "Minh Hưng", "commune")]


def test_whole_party_figure_takes_no_province_named_later() -> None:
    text = "Năm 2022, cả nước kết nạp hơn 170.000 đảng viên. Tỉnh Hà Tĩnh kết nạp 2.300 đảng viên."
    facts = extract(text, province_hint="Hà Tĩnh").facts
    whole = next(f for f in facts if f.value == 170000)
    assert whole.place is None and whole.province is None
    assert next(f for f in facts if f.value == 2300).place == "Hà Tĩnh"


def test_cell_takes_its_commune() -> None:
    assert _orgs("Năm 2023, chi bộ khu phố 6, phường Phú Hòa kết nạp 2 đảng viên.")[0][2:] == ("Phú Hòa", "cell")
    text = "Đảng ủy xã Ea Kao có 25 chi bộ. Năm 2023, Chi bộ buôn Kô Tam kết nạp 3 đảng viên."
    assert [(v, p) for v, _, p, lvl in _orgs(text) if lvl == "cell"] == [(3, "Ea Kao")]


def test_short_agency_reference_resolves_to_full_name() -> None:
    text = (
        "Đảng bộ Khối các cơ quan tỉnh Kon Tum có 4.100 đảng viên. Hiện Đảng ủy Khối có 71 tổ chức cơ sở đảng. "
        "Công tác phát triển đảng viên được quan tâm."
    )
    orgs = {f.metric: f.org for f in extract(text).facts}
    assert orgs["grassroots_orgs"] == "Đảng bộ Khối các cơ quan tỉnh Kon Tum"


def test_military_unit_takes_its_district() -> None:
    assert _orgs("Năm 2023, Đảng ủy Quân sự huyện Ea Súp kết nạp 11 đảng viên.")[0][2] == "Ea Súp"


def test_list_items_and_respectively_pair_in_order() -> None:
    text = "Năm 2022, nhiều huyện kết nạp cao như Quế Sơn 96, Đại Lộc 131."
    assert [(v, p) for v, _, p, _ in _orgs(text)] == [(96, "Quế Sơn"), (131, "Đại Lộc")]
    text = "Năm 2022, huyện Tiên Phước và huyện Hiệp Đức kết nạp lần lượt 52 và 41 đảng viên."
    assert [(v, p) for v, _, p, _ in _orgs(text)] == [(52, "Tiên Phước"), (41, "Hiệp Đức")]


def test_sentence_initial_bare_type_refers_to_the_article_unit() -> None:
    text = "Năm 2022, Đảng bộ tỉnh Hà Nam kết nạp 1.120 đảng viên. Huyện Kim Bảng kết nạp 150 đảng viên. Tỉnh phấn đấu mỗi năm kết nạp từ 3 - 4% so với tổng số đảng viên."
    facts = extract(text).facts
    assert next(f for f in facts if f.metric == "admitted_target_pct").place == "Hà Nam"


def test_agency_names_keep_places_that_look_like_verbs() -> None:
    assert _orgs("Năm 2022, Đảng ủy Quân sự huyện Trần Đề kết nạp 8 đảng viên.")[0][2] == "Trần Đề"
    assert _orgs("Năm 2022, Đảng ủy Công an huyện Năm Căn kết nạp 6 đảng viên.")[0][2] == "Năm Căn"


def test_district_military_committee_without_a_name_takes_the_article_district() -> None:
    text = "Năm 2022, huyện Sa Thầy kết nạp 130 đảng viên. Đảng ủy Quân sự huyện kết nạp 10 đảng viên."
    assert [(v, p) for v, _, p, _ in _orgs(text)] == [(130, "Sa Thầy"), (10, "Sa Thầy")]


def test_place_items_inside_a_breakdown_and_bare_subjects() -> None:
    text = "Năm 2022, tỉnh Bình Định kết nạp 2.140 đảng viên; trong đó Hoài Nhơn 240, Phù Cát 198 đảng viên."
    assert [(v, p) for v, _, p, _ in _orgs(text)] == [(2140, "Bình Định"), (240, "Hoài Nhơn"), (198, "Phù Cát")]
    text = "Năm 2022, Tây Sơn kết nạp 131 đảng viên, Vân Canh 44."
    assert [(v, p) for v, _, p, _ in _orgs(text)] == [(131, "Tây Sơn"), (44, "Vân Canh")]
