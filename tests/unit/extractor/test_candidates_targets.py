"""Candidates introduced or in classes are not admissions; obligations are targets; a target's remainder is nothing."""

from __future__ import annotations

from services.extractor.extract import extract


def _facts(text: str) -> list[tuple[str, str, float]]:
    return [(f.metric, f.segment, f.value) for f in extract(text).facts]


def test_introduced_for_consideration_are_candidates() -> None:
    text = "Năm 2021, Huyện đoàn Krông Pắc đã có 320 đoàn viên ưu tú được giới thiệu cho Đảng xem xét kết nạp."
    assert _facts(text) == [("candidates_trained", "all", 320)]
    text = "Năm 2022, Quận đoàn Cẩm Lệ trao danh sách 75 đoàn viên ưu tú cho Đảng xem xét kết nạp, trong đó các phường là 60 đoàn viên."
    assert _facts(text) == [("candidates_trained", "all", 75), ("candidates_trained", "all", 60)]


def test_class_for_candidates_is_not_an_admission() -> None:
    text = "Năm 2020, Đảng bộ Khối đã tổ chức 2 lớp bồi dưỡng đối tượng kết nạp Đảng cho 140 quần chúng ưu tú."
    assert _facts(text) == [("candidates_trained", "all", 140)]
    text = "Năm 2021, tỉnh Sóc Trăng mở 30 lớp nhận thức về Đảng cho 2.100 cảm tình đảng."
    assert _facts(text) == [("candidates_trained", "all", 2100)]


def test_subgroup_of_the_class_is_not_another_candidates_figure() -> None:
    text = "Lớp bồi dưỡng nhận thức về Đảng năm 2023 của Đảng ủy trường có 80 học viên, trong đó có 52 sinh viên."
    assert _facts(text) == [("candidates_trained", "all", 80)]


def test_admission_ceremony_for_candidates_is_an_admission() -> None:
    text = "Sáng 5-9-2023, Chi bộ thôn 3 tổ chức lễ kết nạp Đảng cho 3 quần chúng ưu tú: một học sinh lớp 12 và hai thanh niên."
    assert _facts(text)[0] == ("admitted", "all", 3)
    assert not [f for f in _facts(text) if f[0] == "candidates_trained"]


def test_standing_in_the_ranks_is_an_admission_not_a_candidate() -> None:
    text = "Năm 2020, 900 đoàn viên ưu tú được giới thiệu cho Đảng xem xét kết nạp, trong đó có 400 đoàn viên được đứng trong hàng ngũ của Đảng."
    facts = _facts(text)
    assert ("candidates_trained", "all", 900) in facts
    assert ("admitted", "youth_union", 400) in facts or ("admitted", "all", 400) in facts


def test_youth_union_admission_is_not_a_party_admission() -> None:
    text = "Năm 2023, Đoàn phường 4 trao quyết định kết nạp Đoàn cho 46 em học sinh ưu tú của trường THCS Lê Lợi."
    assert _facts(text) == []


def test_obligation_is_a_target() -> None:
    text = "Năm 2012, đối với đảng bộ các phường, phải kết nạp được từ 1-2 đảng viên trong lực lượng dân quân."
    assert [f[0] for f in _facts(text)] == ["admitted_target"]


def test_remainder_of_a_target_is_not_a_figure() -> None:
    text = "Từ nay đến cuối năm 2018, huyện Hàm Tân còn phải kết nạp trên 150 đảng viên mới hoàn thành chỉ tiêu đề ra."
    assert _facts(text) == []


def test_considered_and_admitted_is_an_admission() -> None:
    assert _facts("Năm 2022, Ban Thường vụ Huyện ủy Lục Nam đã xem xét, kết nạp 120 đảng viên mới.") == [("admitted", "all", 120)]
    text = "Năm 2022, Ban Thường vụ Huyện ủy Lục Nam đã xem xét kết nạp 120 quần chúng ưu tú vào Đảng."
    assert _facts(text) == [("admitted", "all", 120)]


def test_gained_new_members_is_an_admission() -> None:
    assert _facts("Năm 2022, huyện Lục Nam có thêm 120 đảng viên mới.") == [("admitted", "all", 120)]


def test_typed_units_listed_after_the_admission() -> None:
    text = "Năm 2022, huyện Lục Nam kết nạp 120 đảng viên, trong đó xã Bảo Đài 12, xã Tam Dị 15."
    facts = [(f.metric, f.value, f.place) for f in extract(text).facts]
    assert facts == [("admitted", 120, "Lục Nam"), ("admitted", 12, "Bảo Đài"), ("admitted", 15, "Tam Dị")]


def test_need_to_admit_is_a_target() -> None:
    assert _facts("Năm 2023, huyện Lục Nam cần kết nạp 150 đảng viên.") == [("admitted_target", "all", 150)]


def test_number_of_quota_places_is_the_target() -> None:
    text = "Năm 2023, huyện Lục Nam kết nạp 120 đảng viên trên tổng số 150 chỉ tiêu được giao."
    assert _facts(text) == [("admitted", "all", 120), ("admitted_target", "all", 150)]


def test_pledges_and_assignments_are_targets() -> None:
    for text in (
        "Nghị quyết Đại hội Đảng bộ huyện Lục Nam đề ra kết nạp 700 đảng viên trong nhiệm kỳ 2020-2025.",
        "Năm 2023, huyện Lục Nam quyết tâm kết nạp 700 đảng viên.",
        "Năm 2023, các chi bộ của huyện Lục Nam đăng ký kết nạp 700 đảng viên.",
        "Năm 2023, huyện Lục Nam được Tỉnh ủy giao kết nạp 700 đảng viên.",
    ):
        assert _facts(text) == [("admitted_target", "all", 700)], text


def test_membership_goal_is_not_an_admission_target() -> None:
    assert _facts("Đến năm 2025, huyện Lục Nam phấn đấu có 6.000 đảng viên.") == []


def test_units_listed_with_a_colon_after_the_admission() -> None:
    text = "Năm 2023, tỉnh Bắc Giang kết nạp 2.500 đảng viên; trong đó huyện Lục Nam: 120 đảng viên; huyện Yên Thế: 90 đảng viên."
    assert [(f.value, f.place) for f in extract(text).facts] == [(2500, "Bắc Giang"), (120, "Lục Nam"), (90, "Yên Thế")]


def test_ranking_after_the_admission_names_admissions_not_memberships() -> None:
    text = "Năm 2023, tỉnh Bắc Giang kết nạp 2.500 đảng viên. Dẫn đầu là huyện Lục Nam với 120 đảng viên, tiếp đến huyện Yên Thế với 90 đảng viên."
    assert [(f.metric, f.value) for f in extract(text).facts] == [("admitted", 2500), ("admitted", 120), ("admitted", 90)]


def test_removals_of_members_who_violated_are_removals() -> None:
    text = "Năm 2023, các cấp ủy huyện Yên Thành đã rà soát, xóa tên 87 đảng viên, khai trừ ra khỏi Đảng 12 đảng viên vi phạm tư cách."
    assert _facts(text) == [("members_removed", "all", 87), ("members_removed", "all", 12)]


def test_count_of_congress_goals_is_not_a_target() -> None:
    text = "Đại hội đề ra 22 chỉ tiêu chủ yếu cho nhiệm kỳ 2020 - 2025, trong đó có chỉ tiêu kết nạp từ 1.500 đảng viên trở lên."
    assert _facts(text) == [("admitted_target", "all", 1500)]


def test_target_rate_stated_with_dat_under_a_set_target() -> None:
    text = (
        "Nghị quyết Đại hội Đảng bộ huyện Yên Thành đề ra chỉ tiêu mỗi năm kết nạp từ 280 - 300 đảng viên, "
        "tỷ lệ kết nạp đảng viên mới hằng năm đạt 4-5% tổng số đảng viên."
    )
    assert [f.metric for f in extract(text).facts] == ["admitted_target", "admitted_target_pct"]


def test_good_rating_after_an_achieved_target() -> None:
    text = "Trong nhiệm kỳ, xã Tân Thành đã kết nạp 42 đảng viên, đạt 120% chỉ tiêu nghị quyết; hằng năm có trên 90% đảng viên hoàn thành tốt nhiệm vụ trở lên."
    assert ("members_good_rating_pct", "all", 90) in _facts(text)


def test_raised_total_of_a_subgroup_is_not_the_membership() -> None:
    text = "Từ năm 2020 đến nay, huyện Hải Hậu kết nạp 96 đảng viên là người theo đạo, nâng tổng số đảng viên là người có đạo lên 412 người."
    assert not [f for f in _facts(text) if f[0] == "members_total"]


def test_attendance_is_not_an_admission() -> None:
    text = "Năm 2023, hội nghị tổng kết công tác phát triển đảng viên của huyện Lục Nam có sự tham dự của 150 đảng viên."
    assert _facts(text) == []


def test_exempted_members_are_not_admitted() -> None:
    assert _facts("Năm 2023, huyện Lục Nam kết nạp 120 đảng viên, 15 đảng viên được miễn sinh hoạt.") == [("admitted", "all", 120)]


def test_counts_with_their_own_predicate_after_an_admission_are_not_admissions() -> None:
    for tail in (
        "300 đảng viên đi làm ăn xa", "200 đảng viên học lớp bồi dưỡng lý luận chính trị", "80 đảng viên dự bị được chuyển chính thức",
        "40 đảng viên từ trần", "25 đảng viên được phát thẻ đảng", "phát thẻ cho 110 đảng viên", "35 đồng chí được bầu vào cấp ủy",
    ):
        assert _facts(f"Năm 2023, huyện Lục Nam kết nạp 120 đảng viên, {tail}.") == [("admitted", "all", 120)], tail
    assert ("admitted", "youth_union", 95) in _facts("Năm 2023, huyện Lục Nam kết nạp 120 đảng viên, 95 đồng chí là đoàn viên.")


def test_working_in_a_firm_describes_a_segment_not_another_predicate() -> None:
    text = "Năm 2023, quận Bình Thạnh kết nạp 186 đảng viên, trong đó 35 đảng viên đang làm việc trong doanh nghiệp tư nhân."
    assert ("admitted", "private_sector", 35) in _facts(text)


def test_becoming_members_is_an_admission() -> None:
    assert _facts("Năm 2023, ở huyện Lục Nam có 120 quần chúng ưu tú trở thành đảng viên.") == [("admitted", "all", 120)]


def test_list_of_units_with_parenthesised_counts_goes_on_after_a_full_stop() -> None:
    text = (
        "Năm 2023, tỉnh Hải Dương kết nạp 2.500 đảng viên. Một số đảng bộ kết nạp được nhiều đảng viên là: "
        "Trường Đại học Kỹ thuật y tế Hải Dương (12 đảng viên). Bệnh viện Nhi Hải Dương (6 đảng viên)."
    )
    assert [f[2] for f in _facts(text)] == [2500, 12, 6]


def test_students_of_other_courses_are_not_candidates() -> None:
    from services.extractor.extract import extract

    lead = "Công tác phát triển đảng viên được chú trọng. "
    for text in (
        "Năm 2023, Trung tâm Chính trị huyện tổ chức lớp trung cấp lý luận chính trị cho 80 học viên.",
        "Năm 2023, Trung tâm Chính trị huyện mở 25 lớp với 2.300 học viên, trong đó có 6 lớp cảm tình Đảng.",
    ):
        assert [f for f in extract(lead + text).facts if f.metric == "candidates_trained"] == [], text
    awareness = extract(lead + "Năm 2023, Trung tâm Chính trị huyện mở 6 lớp bồi dưỡng nhận thức về Đảng cho 420 học viên.")
    assert [(f.metric, f.value) for f in awareness.facts] == [("candidates_trained", 420)]
