"""Readable organisation labels for generic references, built from the level and the resolved place."""

from __future__ import annotations

from services.extractor.extract import extract


def _orgs(text: str) -> list[tuple[float, str | None]]:
    return [(f.value, f.org) for f in extract(text).facts]


def test_generic_party_committee_reference_gets_a_canonical_label() -> None:
    text = "Đảng bộ thành phố Uông Bí có 9.800 đảng viên. Năm 2022, toàn Đảng bộ kết nạp 310 đảng viên."
    assert _orgs(text) == [(9800, "Đảng bộ thành phố Uông Bí"), (310, "Đảng bộ thành phố Uông Bí")]


def test_toan_tinh_and_toan_huyen_references() -> None:
    text = "Tỉnh ủy Lạng Sơn tổng kết công tác năm 2022. Toàn tỉnh kết nạp 1.930 đảng viên."
    assert _orgs(text) == [(1930, "Đảng bộ tỉnh Lạng Sơn")]
    text = "Năm 2022, huyện Lộc Bình chú trọng tạo nguồn. Toàn huyện kết nạp 205 đảng viên."
    assert _orgs(text) == [(205, "Đảng bộ huyện Lộc Bình")]


def test_fully_named_organisation_keeps_its_name() -> None:
    text = "Năm 2022, Huyện ủy Văn Quan kết nạp 118 đảng viên."
    assert _orgs(text) == [(118, "Huyện ủy Văn Quan")]


def test_province_reference_labelled_from_the_source_province() -> None:
    facts = extract("Năm 2022, toàn tỉnh kết nạp 1.870 đảng viên.", province_hint="Thái Bình").facts
    assert [(f.org, f.place, f.province) for f in facts] == [("Đảng bộ tỉnh Thái Bình", None, "Thái Bình")]
    facts = extract("Năm 2022, Thành ủy kết nạp 6.300 đảng viên.", province_hint="Hải Phòng").facts
    assert [f.org for f in facts] == ["Đảng bộ thành phố Hải Phòng"]


def test_school_name_stops_at_the_verb() -> None:
    facts = extract("Năm 2022, Trường THPT chuyên Lê Quý Đôn duy trì kết nạp ba đảng viên học sinh.").facts
    assert [f.org for f in facts] == ["Trường THPT chuyên Lê Quý Đôn"]
