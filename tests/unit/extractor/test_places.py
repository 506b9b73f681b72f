"""Places to provinces (then and after the 2025 merger), by official codes, with disambiguation."""

from __future__ import annotations

from services.extractor.extract import extract
from services.extractor.places import resolve


def test_district_resolves_to_province_then_and_now() -> None:
    info = resolve("Hiệp Hòa", "district", set())
    assert (info.province, info.province_current) == ("Bắc Giang", "Bắc Ninh")
    assert info.place_code == "district:223"


def test_central_city_is_its_own_province() -> None:
    info = resolve("TPHCM", "province", set())
    assert (info.province, info.province_code) == ("Hồ Chí Minh", "79")


def test_ambiguous_ward_stays_unresolved_without_context() -> None:
    assert resolve("Hương Xuân", "commune", set()).province is None


def test_ambiguous_ward_resolved_by_the_province_hint() -> None:
    info = resolve("Hương Xuân", "commune", set(), hint="Thừa Thiên Huế")
    assert info.province == "Huế"


def test_ambiguous_ward_resolved_by_a_province_named_in_the_article() -> None:
    info = resolve("Hương Xuân", "commune", {"hue"})
    assert info.province == "Huế"


def test_extract_fills_province_fields() -> None:
    (fact,) = extract("Năm 2023, Đảng bộ huyện Lục Ngạn kết nạp 210 đảng viên.").facts
    assert (fact.province, fact.province_current) == ("Bắc Giang", "Bắc Ninh")
    assert fact.province_code == "24" and fact.place_code


def test_a_commune_is_not_disambiguated_by_its_own_name() -> None:
    (fact,) = extract("Trong năm 2022, Đảng ủy xã Tân Phú kết nạp được 18 đảng viên.").facts
    assert fact.place == "Tân Phú" and fact.province is None


def test_hint_resolves_the_ward_code_too() -> None:
    info = resolve("Hương Xuân", "commune", set(), hint="Thừa Thiên Huế")
    assert info.province == "Huế" and info.place_code and info.place_code.startswith("ward:")


def test_after_the_2025_merger_the_province_at_the_time_is_the_new_one() -> None:
    from datetime import date

    info = resolve("Hiệp Hòa", "district", set(), published=date(2026, 1, 5))
    assert (info.province, info.province_current) == ("Bắc Ninh", "Bắc Ninh")


def test_new_wards_after_the_merger_use_the_34_province_map() -> None:
    from datetime import date

    info = resolve("Long Biên", "commune", set(), published=date(2026, 2, 3))
    assert info.province == "Hà Nội" and info.place_code and info.place_code.startswith("ward2025:")


def test_hint_outweighs_a_same_named_new_ward_elsewhere() -> None:
    from datetime import date

    info = resolve("Hương Xuân", "commune", set(), hint="Thừa Thiên Huế", published=date(2025, 9, 3))
    assert info.province == "Huế"


def test_special_zone_after_the_merger() -> None:
    from datetime import date

    (fact,) = extract("Đảng bộ đặc khu Phú Quốc kết nạp 60 đảng viên trong năm 2025.", published=date(2026, 1, 15)).facts
    assert (fact.place, fact.province, fact.province_current) == ("Phú Quốc", "An Giang", "An Giang")
