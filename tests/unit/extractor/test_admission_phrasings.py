"""Rules 1.2.1: admissions phrased around the admitted people, and what is not an admission."""

from __future__ import annotations

from services.extractor.extract import extract

_LEAD = "Công tác phát triển đảng viên được chú trọng. "


def _facts(text: str) -> list[tuple[str, str, float]]:
    return [(f.metric, f.segment, f.value) for f in extract(_LEAD + text).facts]


def test_youth_union_members_admitted_to_the_party_without_vao() -> None:
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam có 38 đoàn viên ưu tú được kết nạp Đảng.") == [
        ("admitted", "youth_union", 38)
    ]
    assert _facts("Trong năm 2022, 64 đoàn viên được kết nạp Đảng.") == [("admitted", "youth_union", 64)]


def test_youth_union_members_admitted_to_the_youth_union_are_not_party_admissions() -> None:
    assert _facts("Trong năm 2022, 64 đoàn viên được kết nạp Đoàn.") == []
