"""Organisations, their levels and within-article references."""

from __future__ import annotations

from services.extractor.extract import extract
from services.extractor.orgs import mentions


def _orgs(sentence: str) -> list[tuple[str | None, str]]:
    return [(m.org.place, m.org.level) for m in mentions(sentence)]


def test_named_district_party_committee() -> None:
    assert _orgs("Đảng bộ huyện Tân Yên kết nạp") == [("Tân Yên", "district")]


def test_provincial_city_is_district_level_central_city_is_province() -> None:
    assert _orgs("TP Bắc Giang và thành phố Đà Nẵng") == [("Bắc Giang", "district"), ("Đà Nẵng", "province")]


def test_commune_ward_and_cell_levels() -> None:
    assert _orgs("Đảng ủy phường Trần Phú") == [("Trần Phú", "commune")]
    assert _orgs("Chi bộ thôn 3, xã Quang Minh kết nạp") == [("Quang Minh", "cell")]


def test_agency_with_place_in_its_name() -> None:
    assert _orgs("Đảng ủy Khối các cơ quan tỉnh Bắc Giang kết nạp") == [("Bắc Giang", "agency")]


def test_committee_word_names_the_place_type() -> None:
    assert _orgs("Huyện ủy Lạng Giang chỉ đạo") == [("Lạng Giang", "district")]


def test_toan_huyen_refers_to_the_named_district() -> None:
    text = "Phát triển đảng viên ở huyện Lạng Giang.\nNăm 2022, toàn huyện kết nạp 320 đảng viên."
    (fact,) = extract(text).facts
    assert (fact.place, fact.level, fact.value) == ("Lạng Giang", "district", 320)


def test_list_of_figures_for_several_organisations() -> None:
    text = "Năm 2024, Tỉnh ủy giao chỉ tiêu: Đảng bộ huyện Lạng Giang chỉ tiêu phát triển 120 đảng viên mới; Tân Yên 95; Yên Thế 80."
    facts = [(f.metric, f.place, f.value) for f in extract(text).facts]
    assert facts == [
        ("admitted_target", "Lạng Giang", 120),
        ("admitted_target", "Tân Yên", 95),
        ("admitted_target", "Yên Thế", 80),
    ]


def test_named_list_items_each_get_their_place() -> None:
    text = "Năm 2022, các đảng bộ kết nạp nhiều là: Lạng Giang 120 đảng viên, Lục Nam 115 đảng viên."
    facts = [(f.place, f.value) for f in extract(text).facts]
    assert facts == [("Lạng Giang", 120), ("Lục Nam", 115)]


def test_possessive_mention_is_not_the_reporting_organisation() -> None:
    text = "Thực hiện kế hoạch của Huyện ủy Lạng Giang, Đảng bộ xã Tân Thanh kết nạp 14 đảng viên trong năm 2021."
    (fact,) = extract(text).facts
    assert (fact.place, fact.level) == ("Tân Thanh", "commune")


def test_reference_resolves_to_a_place_named_earlier_in_the_same_sentence() -> None:
    text = (
        "TP Móng Cái từ đầu năm đến nay đã kết nạp 90 đảng viên. "
        "Còn tại TP Hạ Long, Đảng bộ thành phố đã kết nạp 146 đảng viên mới trong năm 2019."
    )
    assert [(f.value, f.place) for f in extract(text).facts] == [(90, "Móng Cái"), (146, "Hạ Long")]


def test_parent_unit_in_parentheses_is_only_an_address() -> None:
    (fact,) = extract("Năm 2020, Đảng ủy xã Tân Lập (huyện Đồng Phú) kết nạp được hai mươi đảng viên mới.").facts
    assert (fact.place, fact.level, fact.value) == ("Tân Lập", "commune", 20)


def test_figures_stated_respectively() -> None:
    text = "Năm 2023, các huyện miền núi Nam Trà My, Tây Giang kết nạp lần lượt 46 và 39 đảng viên."
    assert [(f.place, f.value) for f in extract(text).facts] == [("Nam Trà My", 46), ("Tây Giang", 39)]


def test_village_cell_without_a_known_commune_is_placed_at_its_village() -> None:
    (fact,) = extract("Năm 2022, Chi bộ buôn Cư Dluê kết nạp 5 đảng viên mới.").facts
    assert (fact.place, fact.level) == ("Cư Dluê", "cell")
