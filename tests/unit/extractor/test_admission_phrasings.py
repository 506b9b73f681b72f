"""Rules 1.2.1: admissions phrased around the admitted people, and what is not an admission."""

from __future__ import annotations

from tests.unit.extractor.sentences import facts as _facts


def test_youth_union_members_admitted_to_the_party_without_vao() -> None:
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam có 38 đoàn viên ưu tú được kết nạp Đảng.") == [
        ("admitted", "youth_union", 38)
    ]
    assert _facts("Trong năm 2022, 64 đoàn viên được kết nạp Đảng.") == [("admitted", "youth_union", 64)]


def test_youth_union_members_admitted_to_the_youth_union_are_not_party_admissions() -> None:
    assert _facts("Trong năm 2022, 64 đoàn viên được kết nạp Đoàn.") == []


def test_breakdown_item_by_source_names_its_segment() -> None:
    facts = _facts(
        "Năm 2022, Đảng bộ huyện Lục Nam kết nạp được 300 đảng viên, trong đó có 120 là nữ; "
        "210 kết nạp từ đoàn viên thanh niên."
    )
    assert ("admitted", "youth_union", 210) in facts and ("admitted", "female", 120) in facts
    facts = _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp được 300 đảng viên, trong đó 210 đảng viên được kết nạp từ nguồn đoàn viên.")
    assert ("admitted", "youth_union", 210) in facts


def test_new_members_label_after_moi_names_the_segment() -> None:
    facts = _facts("Năm 2022, Chi bộ Trường THPT Lục Nam tổ chức lễ kết nạp Đảng cho 16 quần chúng ưu tú, trong đó có 7 đảng viên mới là học sinh.")
    assert facts == [("admitted", "all", 16), ("admitted", "student", 7)]


def test_a_future_admission_is_a_target_not_an_admission() -> None:
    assert _facts("Năm 2023, Đảng bộ huyện Lục Nam sẽ kết nạp mới 350 đảng viên.") == [("admitted_target", "all", 350)]
    facts = _facts("Năm 2023, Đảng bộ huyện Lục Nam kết nạp 300 đảng viên; năm 2024 sẽ kết nạp 350 đảng viên.")
    assert facts == [("admitted", "all", 300), ("admitted_target", "all", 350)]


def test_percent_of_the_membership_after_a_count_is_its_rate() -> None:
    facts = _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp được 150 đảng viên mới, đạt 3,02% số đảng viên cuối năm trước.")
    assert facts == [("admitted", "all", 150), ("admission_rate_pct", "all", 3.02)]
    facts = _facts("Năm 2023, Đảng bộ huyện Lục Nam sẽ kết nạp 350 đảng viên, bằng 6,6% số đảng viên cuối năm 2022.")
    assert facts == [("admitted_target", "all", 350), ("admitted_target_pct", "all", 6.6)]


def test_percent_of_a_cells_membership_after_a_segment_count_is_no_rate() -> None:
    facts = _facts("Năm 2022, huyện Lục Nam kết nạp được 150 đảng viên mới, trong đó 12 đảng viên nữ (bằng 8% số đảng viên của chi bộ).")
    assert [f for f in facts if f[0].endswith("_pct")] == []


def test_admission_after_an_apposition_of_the_admitted() -> None:
    facts = _facts("Năm 2022, huyện Lục Nam có 45 đoàn viên ưu tú, công nhân được vinh dự kết nạp vào Đảng.")
    assert facts == [("admitted", "youth_union", 45)]


def test_apposition_then_a_future_admission_is_no_admission() -> None:
    facts = _facts("Năm 2022, Huyện đoàn giới thiệu 45 đoàn viên ưu tú, những đoàn viên này sẽ được kết nạp vào Đảng.")
    assert [f for f in facts if f[0] == "admitted"] == []


def test_youth_union_members_admitted_without_naming_the_party() -> None:
    assert _facts("Năm 2022, huyện Lục Nam có 52 đoàn viên ưu tú đã được kết nạp.") == [("admitted", "youth_union", 52)]
    assert _facts("Năm 2022, huyện Lục Nam có 52 đoàn viên ưu tú được kết nạp vào Đoàn.") == []


def test_decided_required_and_assigned_admissions_are_targets() -> None:
    for text in (
        "Năm 2024, Đảng bộ huyện Lục Nam xác định kết nạp 150 đảng viên.",
        "Năm 2024, Đảng bộ huyện Lục Nam đặt ra yêu cầu kết nạp 150 đảng viên.",
        "Năm 2024, Đảng bộ huyện Lục Nam phải hoàn thành kết nạp 150 đảng viên.",
    ):
        assert _facts(text) == [("admitted_target", "all", 150)], text
    facts = _facts("Năm 2024, Đảng bộ huyện Lục Nam được giao 150 đảng viên, đến nay đã kết nạp 80 đảng viên.")
    assert facts == [("admitted_target", "all", 150), ("admitted", "all", 80)]


def test_a_met_target_then_the_admission_is_an_admission() -> None:
    assert _facts("Năm 2024, Đảng bộ huyện Lục Nam hoàn thành chỉ tiêu được giao, kết nạp 80 đảng viên.") == [("admitted", "all", 80)]
    assert _facts("Năm 2024, Đảng bộ huyện Lục Nam không hoàn thành chỉ tiêu kết nạp 150 đảng viên.") == [
        ("admitted_target", "all", 150)
    ]


def test_pending_admissions_are_candidates_not_admissions() -> None:
    for text in (
        "Năm 2024, Đảng ủy xã Tân Lập đã xét, đề nghị kết nạp 12 quần chúng ưu tú.",
        "Năm 2024, Đảng ủy xã Tân Lập đề nghị kết nạp đảng cho 12 quần chúng.",
        "Năm 2024, Đảng bộ huyện Lục Nam đang hoàn thiện hồ sơ kết nạp 12 quần chúng.",
    ):
        assert _facts(text) == [("candidates_trained", "all", 12)], text
    assert _facts("Năm 2024, Đảng bộ huyện Lục Nam đã xem xét, quyết định kết nạp 30 quần chúng.") == [("admitted", "all", 30)]


def test_admissions_per_unit_are_not_totals() -> None:
    assert _facts("Năm 2024, bình quân mỗi chi bộ kết nạp 2 đảng viên.") == []


def test_party_fee_plan_is_not_the_admission_plan() -> None:
    facts = _facts("Năm 2024, Đảng bộ huyện Lục Nam kết nạp 120 đảng viên; thu nộp đảng phí đạt 105% kế hoạch.")
    assert facts == [("admitted", "all", 120)]


def test_quota_given_and_yearly_resolution_targets() -> None:
    assert _facts("Năm 2024, Tỉnh ủy giao cho huyện Lục Nam 150 chỉ tiêu kết nạp đảng viên.") == [("admitted_target", "all", 150)]
    text = "Nghị quyết Đại hội Đảng bộ huyện Lục Nam nhiệm kỳ 2020-2025 đề ra mỗi năm kết nạp từ 150 đảng viên trở lên."
    assert _facts(text) == [("admitted_target", "all", 150)]


def test_share_of_units_after_a_fraction_is_not_the_attainment() -> None:
    facts = _facts("Năm 2024, huyện Lục Nam kết nạp 120 đảng viên, có 18/20 xã hoàn thành chỉ tiêu, đạt 90%.")
    assert facts == [("admitted", "all", 120)]
    facts = _facts("Năm 2024, huyện Lục Nam kết nạp 120/150 đảng viên, đạt 80% chỉ tiêu.")
    assert ("target_attainment_pct", "all", 80) in facts


def test_an_admitted_category_whose_segment_is_unknown_is_not_the_total() -> None:
    facts = _facts("Từ năm 2021 đến nay, Đảng bộ huyện Lục Nam đã kết nạp được 05 trưởng, phó ban công tác mặt trận; "
                   "08 công nhân, viên chức hợp đồng vào Đảng.")
    assert [f for f in facts if f[1] == "all"] == []


def test_an_admitted_category_with_a_known_segment_keeps_it() -> None:
    assert ("admitted", "village_head", 4) in _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp được 04 trưởng thôn vào Đảng.")
