"""Rules 1.2.6, admissions: thresholds, segments named after the verb, labelled breakdown sentences, passives."""

from __future__ import annotations

from services.extractor.extract import extract
from tests.unit.extractor.sentences import LEAD as _LEAD
from tests.unit.extractor.sentences import facts as _facts


def _admitted(text: str) -> list[tuple[str, float]]:
    return [(segment, value) for metric, segment, value in _facts(text) if metric == "admitted"]


def test_a_streak_threshold_is_not_an_admission() -> None:
    for text in (
        "Năm 2023, huyện Quế Võ kết nạp 212 đảng viên. Đây là năm thứ hai liên tiếp huyện kết nạp được trên 200 đảng viên.",
        "Năm 2023, Đảng bộ huyện đã kết nạp 212 đảng viên, là năm thứ 3 liên tiếp kết nạp trên 200 đảng viên.",
        "Năm 2023, Đảng bộ huyện kết nạp 212 đảng viên; nhiều năm liền, Đảng bộ huyện đều kết nạp hơn 150 đảng viên.",
        "Năm 2023, Đảng bộ huyện kết nạp 212 đảng viên. Đảng bộ huyện kết nạp trên 200 đảng viên 3 năm liên tiếp.",
    ):
        assert _admitted(text) == [("all", 212)], text
    # guards: an admission stated with "hơn" stays, also when a streak of something else follows it
    assert _admitted("Năm 2023, Đảng bộ huyện kết nạp hơn 200 đảng viên, năm thứ 3 liên tiếp vượt chỉ tiêu.") == [("all", 200)]
    assert _admitted("Năm 2023, Đảng bộ huyện tiếp tục kết nạp trên 200 đảng viên.") == [("all", 200)]


def test_where_the_counted_were_admitted_or_work_names_their_segment() -> None:
    lead = "Năm 2023, huyện kết nạp 215 đảng viên"
    assert _admitted(lead + "; 32 đảng viên được kết nạp trong doanh nghiệp tư nhân.") == [("all", 215), ("private_sector", 32)]
    assert ("private_sector", 34) in _admitted(lead + ", trong đó 34 đảng viên làm việc trong doanh nghiệp ngoài nhà nước.")
    assert ("rural", 150) in _admitted(lead + ", trong đó 150 đảng viên được kết nạp ở khu vực nông thôn.")
    assert ("police_military", 20) in _admitted(lead + ", trong đó 20 đảng viên công tác trong lực lượng vũ trang.")
    # guards: a place or an organisation named after the verb is no segment
    assert _admitted("Năm 2023, có 45 đảng viên được kết nạp tại Đảng bộ Công an tỉnh.") == [("all", 45)]
    assert _admitted("Năm 2023, có 45 đảng viên được kết nạp tại các xã.") == [("all", 45)]


def test_a_colon_labelled_sentence_after_the_whole_admission_lists_its_segments() -> None:
    facts = _facts("Năm 2023, toàn huyện kết nạp 215 đảng viên. Đảng viên nữ: 98 đồng chí; đảng viên là đoàn viên: 150 đồng chí.")
    assert facts == [("admitted", "all", 215), ("admitted", "female", 98), ("admitted", "youth_union", 150)]
    assert ("admitted", "ethnic_minority", 45) in _facts(
        "Năm 2023, toàn huyện kết nạp 215 đảng viên. Đảng viên là người dân tộc thiểu số: 45 đồng chí."
    )
    assert _admitted("Năm 2023, toàn huyện kết nạp 215 đảng viên. Nữ 98 đồng chí, đoàn viên 150 đồng chí.") == [
        ("all", 215), ("female", 98), ("youth_union", 150),
    ]
    assert _admitted("Năm 2023, toàn huyện kết nạp 215 đảng viên. Đảng viên nữ chiếm 45,6%.") == [("all", 215), ("female", 45.6)]
    # guard: a sentence about members of an association is no breakdown of the admission
    assert _admitted("Năm 2023, toàn huyện kết nạp 215 đảng viên. Hội viên phụ nữ có 120 người tham gia.") == [("all", 215)]
    # guard: after a membership figure, the labelled sentence is the membership's subgroup, no admission
    facts = _facts("Năm 2023, toàn huyện kết nạp 215 đảng viên. Toàn Đảng bộ có 5.200 đảng viên. Đảng viên nữ: 1.980 đồng chí.")
    assert not [f for f in facts if f[1] != "all"]
    text = "Năm 2023, huyện Yên Thế kết nạp 215 đảng viên. Đảng viên nữ: 1.980 đồng chí, chiếm 38% tổng số đảng viên."
    assert _admitted(text) == [("all", 215)]


def test_new_members_labelled_by_a_segment_are_admitted() -> None:
    assert _admitted("Năm 2023, toàn huyện kết nạp 215 đảng viên. Có 98 đảng viên mới là nữ, 150 đảng viên mới là đoàn viên.") == [
        ("all", 215), ("female", 98), ("youth_union", 150),
    ]
    assert ("ethnic_minority", 98) in _admitted("Năm 2023, toàn huyện kết nạp 215 đảng viên, có 98 đảng viên mới là người dân tộc thiểu số.")
    # guard: "mới là nhờ …" is no label
    assert _admitted("Năm 2023, xã có 12 đảng viên mới là nhờ làm tốt công tác tạo nguồn.") == []


def test_a_passive_admission_with_its_agent_is_an_admission() -> None:
    for text, value in (
        ("Năm 2023, có 215 quần chúng ưu tú được Ban Thường vụ Huyện ủy ra quyết định kết nạp.", 215),
        ("Năm 2023, 12 quần chúng ưu tú được Chi bộ kết nạp vào Đảng.", 12),
        ("Năm 2023, 12 đồng chí được cấp ủy có thẩm quyền ra quyết định kết nạp.", 12),
        ("Năm 2023, 12 quần chúng đã được Đảng ủy xã tổ chức lễ kết nạp.", 12),
    ):
        assert _admitted(text) == [("all", value)], text
    # guards: a pending admission stays a candidate; the Youth Union admitting is not the Party
    assert _facts("Năm 2023, 12 quần chúng ưu tú được chi bộ giới thiệu để xem xét kết nạp.") == [("candidates_trained", "all", 12)]
    assert _admitted("Năm 2023, 500 thanh niên được Huyện đoàn kết nạp vào Đoàn.") == []


def test_re_admissions_after_an_admission_are_not_a_second_intake() -> None:
    for text in (
        "Năm 2023, kết nạp 215 đảng viên, trong đó có 2 đảng viên được kết nạp lại.",
        "Năm 2023, kết nạp mới 215 đảng viên và kết nạp lại 2 đảng viên.",
        "Năm 2023, kết nạp 215 đảng viên. Ngoài ra, còn kết nạp lại 2 đảng viên.",
    ):
        assert _admitted(text) == [("all", 215)], text
    # guard: a breakdown by segment after the same admission stays
    assert _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó có 98 đảng viên nữ.") == [("all", 215), ("female", 98)]


def test_another_years_admission_after_an_admission() -> None:
    text = "Năm 2023, huyện Yên Dũng kết nạp 225 đảng viên; năm 2022 là 210 đảng viên; năm 2021: 198 đảng viên."
    facts = extract(_LEAD + text).facts
    assert [(f.metric, f.value, f.period_end) for f in facts] == [
        ("admitted", 225, "2023"), ("admitted", 210, "2022"), ("admitted", 198, "2021"),
    ]
    facts = extract(_LEAD + "Năm 2023, huyện Yên Dũng kết nạp 215 đảng viên (năm 2022: 200 đảng viên).").facts
    assert [(f.value, f.period_end) for f in facts] == [(215, "2023"), (200, "2022")]
    # an earlier period with no year of its own is compared, not dated: dropped
    for text in (
        "Năm 2023, huyện kết nạp 225 đảng viên, cùng kỳ năm trước là 210 đảng viên.",
        "Năm 2023, huyện kết nạp 225 đảng viên (năm trước: 180 đảng viên).",
        "Năm 2023, huyện kết nạp 225 đảng viên, trong khi cùng kỳ chỉ kết nạp được 180 đảng viên.",
    ):
        assert _facts(text) == [("admitted", "all", 225)], text


def test_the_sum_named_after_units_that_admitted_is_the_admission() -> None:
    assert _facts("Năm 2023, xã Phú Lâm có 5 chi bộ kết nạp được đảng viên với tổng số 12 đảng viên.") == [("admitted", "all", 12)]
    assert _facts("Năm 2023, có 18/20 chi bộ kết nạp được đảng viên, với tổng số 45 đảng viên mới.") == [("admitted", "all", 45)]
    text = "Năm 2023, toàn huyện có 25/27 tổ chức cơ sở đảng kết nạp được đảng viên, tổng số 215 đảng viên."
    assert _facts(text) == [("admitted", "all", 215)]


def test_what_a_group_of_units_admitted_is_its_own_figure() -> None:
    # ANNOTATION.md: figures of several organisations each get their own facts; dev2 a019's gold counts "các đảng bộ
    # trực thuộc Tỉnh ủy kết nạp được 288" (a set of units) as an admission.
    text = "Năm 2023, huyện kết nạp 215 đảng viên, trong đó, khối xã, thị trấn kết nạp 180 đảng viên, khối cơ quan kết nạp 35 đảng viên."
    assert _admitted(text) == [("all", 215), ("all", 180), ("all", 35)]
    # guards: a named unit keeps its figure, a year before "Đảng bộ huyện" is no count of units, the whole by its units stays
    assert _admitted("Năm 2023, huyện kết nạp 215 đảng viên; trong đó, Đảng bộ xã Tân Hòa kết nạp 12 đảng viên.") == [("all", 215), ("all", 12)]
    assert _admitted("Về công tác phát triển đảng viên, năm 2022 Đảng bộ huyện kết nạp 245 đảng viên.") == [("all", 245)]
    assert _admitted("Năm 2023, các chi, đảng bộ cơ sở trong Đảng bộ huyện kết nạp 215 đảng viên.") == [("all", 215)]
    assert _admitted("Năm 2023, Đảng ủy Khối Doanh nghiệp tỉnh kết nạp 96 đảng viên.") == [("all", 96)]
    # … nor units that are not the subject of the admission (the object of another verb, or before a comma)
    assert _admitted("Năm 2023, Đảng ủy Khối thành lập mới 5 chi bộ, kết nạp 45 đảng viên.") == [("all", 45)]
    assert _admitted("Đảng bộ xã hiện có 15 chi bộ trực thuộc, năm 2023 kết nạp 12 đảng viên.") == [("all", 12)]
    assert _admitted("Đảng bộ huyện có 52 tổ chức cơ sở đảng, trong năm đã kết nạp 312 đảng viên.") == [("all", 312)]


def test_a_label_of_an_earlier_number_is_not_the_pool_of_a_later_admission() -> None:
    text = "Hiện nay, tỉnh có 12.000 đảng viên là người dân tộc thiểu số, năm 2023 kết nạp 1.200 đảng viên."
    assert _admitted(text) == [("all", 1200)]
    # guards: a pool named before the count, in its own words, stays its segment
    text = "Năm 2023, huyện kết nạp 215 đảng viên, riêng đối tượng là học sinh, kết nạp được 12 em."
    assert _admitted(text) == [("all", 215), ("student", 12)]
    assert _admitted("Đối với đoàn viên thanh niên, đã có 120 người được kết nạp.") == [("youth_union", 120)]


def test_a_percent_of_the_new_members_named_after_it_is_their_segments_share() -> None:
    assert _facts("Năm 2023, 100% đảng viên mới được kết nạp đều là đoàn viên.") == [("admitted", "youth_union", 100)]
    assert _facts("Năm 2023, 85% đảng viên mới kết nạp là đoàn viên thanh niên.") == [("admitted", "youth_union", 85)]
    # guards: no segment named, or two: nothing
    assert _facts("Năm 2023, 100% đảng viên mới kết nạp đều có trình độ trung học phổ thông trở lên.") == []
    assert _facts("Năm 2023, 98% đảng viên được kết nạp là nữ và đoàn viên.") == []


def test_a_fraction_with_a_target_in_the_thousands_is_read() -> None:
    text = "6 tháng đầu năm 2024, toàn tỉnh kết nạp được 1.245/3.000 đảng viên, đạt 41,5% kế hoạch."
    facts = _facts(text)
    assert ("admitted", "all", 1245) in facts and ("admitted_target", "all", 3000) in facts
    assert ("admitted", "all", 1245) in _facts("Năm 2024, toàn tỉnh kết nạp được 1245/3000 đảng viên.")
    # guard: a month and its year is no fraction
    assert _facts("Đến 6/2024, huyện kết nạp 45 đảng viên.") == [("admitted", "all", 45)]


def test_new_members_doing_something_else_are_not_an_admission() -> None:
    assert _facts("Năm 2023, 12 đảng viên mới kết nạp được học lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới.") == []
    assert _facts("Năm 2023, 215 đảng viên mới được phát thẻ đảng viên.") == []
    facts = _facts("Năm 2023, huyện kết nạp 215 đảng viên; có 12 đảng viên được kết nạp năm 2022 bị xóa tên.")
    assert facts == [("admitted", "all", 215), ("members_removed", "all", 12)]
    # guards: the ceremony itself is the admission
    assert _admitted("Năm 2023, sáu đảng viên mới đã tuyên thệ trung thành với lý tưởng cách mạng.") == [("all", 6)]
    assert _admitted("Năm 2023, 12 đảng viên mới được trao quyết định kết nạp.") == [("all", 12)]
    assert _admitted("Năm 2023, toàn huyện có thêm 120 đảng viên mới.") == [("all", 120)]


def test_a_number_naming_a_unit_counts_no_units() -> None:
    facts = extract(_LEAD + "Năm 2022, Chi bộ Khu phố 4 phường 12 kết nạp 3 đảng viên.").facts
    assert [(f.metric, f.value) for f in facts] == [("admitted", 3)]


def test_the_work_of_admitting_reaching_a_count_is_the_admission() -> None:
    assert _facts("Năm 2023, công tác phát triển đảng viên đạt 215 đồng chí.") == [("admitted", "all", 215)]
    # guards: the membership reaching a count stays the membership
    assert _facts("Năm 2023, tổng số đảng viên đạt 5.215 đồng chí.") == [("members_total", "all", 5215)]


def test_a_passive_admission_by_the_cells_and_grassroots_committees() -> None:
    assert _admitted("Trong năm 2023, 215 quần chúng ưu tú đã được các chi, đảng bộ cơ sở kết nạp.") == [("all", 215)]


def test_a_subgroup_by_age_does_not_inherit_the_segment_before() -> None:
    text = "Năm 2023, toàn tỉnh kết nạp 3.250 đảng viên, trong đó có 1.420 đảng viên nữ, chiếm 43,7%; 2.900 đảng viên dưới 30 tuổi, chiếm 89%."
    assert _admitted(text) == [("all", 3250), ("female", 1420), ("female", 43.7)]


def test_the_label_after_a_share_is_that_shares_not_the_next_ones() -> None:
    text = "Năm 2023, toàn tỉnh kết nạp 3.250 đảng viên, trong đó 43,7% là nữ, 80% là đoàn viên và 89% dưới 30 tuổi."
    assert _admitted(text) == [("all", 3250), ("female", 43.7), ("youth_union", 80)]
    text = "Năm 2023, toàn tỉnh kết nạp 3.250 đảng viên, trong đó 43,7% là nữ, đoàn viên 80%."
    assert _admitted(text) == [("all", 3250), ("female", 43.7), ("youth_union", 80)]
    # guard: a label opened after the count's noun still names the share
    text = "Giai đoạn 2016 - 2020, Đảng bộ huyện Kon Plông kết nạp 612 đảng viên, trong đó người dân tộc Xơ Đăng, Ba Na chiếm 78%."
    assert ("ethnic_minority", 78) in _admitted(text)


def test_a_figure_per_unit_is_no_organisations() -> None:
    text = "Năm 2023, toàn huyện kết nạp 215 đảng viên; bình quân mỗi tổ chức cơ sở đảng kết nạp được 8 đảng viên."
    assert _admitted(text) == [("all", 215)]
    # guard: what two named units admitted together is their figure (ANNOTATION.md: each organisation's own facts)
    assert _admitted("Năm 2023, hai xã Tân Lập và Tân An kết nạp được 30 đảng viên.") == [("all", 30)]
    # guard: a count in words is still read
    assert _admitted("Năm 2023, chi bộ kết nạp ba đảng viên.") == [("all", 3)]


def test_people_admitted_into_the_youth_union_are_not_party_admissions() -> None:
    assert _admitted("Năm 2023, Đoàn trường kết nạp 350 học sinh vào Đoàn.") == []
    # guard: the same list's Party admission stays
    assert _admitted("Năm 2023, kết nạp 45 thanh niên vào Đoàn, 9 đoàn viên ưu tú vào Đảng.") == [("youth_union", 9)]
    assert _admitted("Năm 2023, 12 học sinh được kết nạp Đảng.") == [("student", 12)]


def test_the_pool_of_members_developed_named_before_its_count() -> None:
    assert _admitted("Năm 2023, số lượng đảng viên được phát triển là 215, trong đó nữ 98.") == [("all", 215), ("female", 98)]
    assert _admitted("Số đảng viên phát triển năm 2023 đạt 215 đồng chí, trong đó nữ 98.") == [("all", 215), ("female", 98)]


def test_members_confirmed_as_full_members_are_not_admitted() -> None:
    text = "Năm 2023, số quần chúng ưu tú được kết nạp là 215, số được công nhận chính thức là 180."
    assert _facts(text) == [("admitted", "all", 215)]


def test_a_set_of_units_admitting_a_segment_keeps_the_segments_figure() -> None:
    text = "Năm 2023, toàn tỉnh kết nạp 3.250 đảng viên; các trường đại học, cao đẳng kết nạp 150 đảng viên là sinh viên."
    assert _admitted(text) == [("all", 3250), ("student", 150)]
    text = "Năm 2023, toàn tỉnh kết nạp 3.250 đảng viên, trong đó các chi bộ trường học kết nạp 120 giáo viên."
    assert _admitted(text) == [("all", 3250), ("teacher", 120)]


def test_members_with_another_predicate_after_an_admission_are_not_admitted() -> None:
    for text in (
        "Năm 2023, Đảng bộ xã kết nạp 5 đảng viên, có 2 đảng viên mới được bầu vào cấp ủy chi bộ.",
        "Năm 2023, Đảng bộ xã kết nạp 5 đảng viên, 12 đảng viên nhập ngũ.",
        "Năm 2023, Đảng bộ xã kết nạp 5 đảng viên, bàn giao 3 đảng viên mới cho đơn vị quân đội.",
    ):
        assert _admitted(text) == [("all", 5)], text
    # guard: a segment of the new members stays
    assert _admitted("Năm 2023, Đảng bộ xã kết nạp 5 đảng viên; 2 đảng viên mới là nữ.") == [("all", 5), ("female", 2)]


def test_admission_papers_under_way_or_proposed_are_candidates() -> None:
    assert _facts("Năm 2023, các chi bộ đang hoàn thiện thủ tục kết nạp cho 25 quần chúng.") == [("candidates_trained", "all", 25)]
    assert _facts("Năm 2023, Đảng ủy xã đã làm thủ tục đề nghị Huyện ủy kết nạp 12 quần chúng.") == [("candidates_trained", "all", 12)]
    # guards: a completed admission, and one made on a proposal, are admissions
    assert _admitted("Năm 2023, đã hoàn tất thủ tục kết nạp cho 25 quần chúng.") == [("all", 25)]
    assert _admitted("Năm 2023, Huyện ủy đã kết nạp 12 quần chúng theo đề nghị của Đảng ủy xã.") == [("all", 12)]


def test_a_qualifier_opening_a_title_is_no_organisation() -> None:
    text = "Thêm 12 quần chúng ưu tú được kết nạp vào Đảng\nNgày 15/5, Đảng ủy xã Tân Lập tổ chức lễ kết nạp đảng viên mới."
    assert [(f.value, f.org) for f in extract(text).facts] == [(12, "Đảng ủy xã Tân Lập")]


def test_tan_dang_vien_are_new_members() -> None:
    assert _admitted("Năm 2023, huyện kết nạp 215 tân đảng viên.") == [("all", 215)]
    assert _admitted("Năm 2023, huyện có 215 tân đảng viên, trong đó 98 nữ.") == [("all", 215), ("female", 98)]
    assert _admitted("Năm 2023, 12 tân đảng viên tuyên thệ dưới cờ Đảng.") == [("all", 12)]
    # guard: a class for them counts no admission
    assert _admitted("Năm 2023, huyện tổ chức lớp bồi dưỡng cho 215 tân đảng viên.") == []


def test_people_who_entered_the_party_are_admitted() -> None:
    assert _admitted("Năm 2023, Đảng bộ huyện đã đưa 215 quần chúng ưu tú vào Đảng.") == [("all", 215)]
    assert _admitted("Năm 2023, 215 quần chúng ưu tú đã vào Đảng.") == [("all", 215)]
    # guards: introduced, trained or planned into the Party is no admission
    assert _facts("Năm 2023, các chi đoàn giới thiệu 150 đoàn viên ưu tú vào Đảng.") == [("candidates_trained", "all", 150)]
    assert _admitted("Năm 2023, phấn đấu đưa 215 quần chúng vào Đảng.") == []


def test_the_number_of_one_segment_right_after_an_admission_is_its_segment() -> None:
    text = "Năm 2023, toàn huyện kết nạp 215 đảng viên. Số đảng viên nữ là 98 đồng chí."
    assert _facts(text) == [("admitted", "all", 215), ("admitted", "female", 98)]
    # guard: the membership's subgroup is no admission
    text = "Năm 2023, toàn huyện kết nạp 215 đảng viên. Số đảng viên nữ toàn Đảng bộ là 1.980 đồng chí."
    assert _admitted(text) == [("all", 215)]
    text = "Năm 2023, toàn huyện kết nạp 215 đảng viên. Số đảng viên nữ là 1.980 đồng chí, chiếm 38% tổng số đảng viên."
    assert _admitted(text) == [("all", 215)]


def test_a_segments_share_of_the_membership_is_no_admitted_share() -> None:
    text = "Năm 2023, huyện kết nạp 215 đảng viên; đến nay đảng viên nữ chiếm 38% tổng số đảng viên toàn huyện."
    assert _admitted(text) == [("all", 215)]
    # guards: a share of the new members, or the share of a segment's count just stated
    text = "Năm 2023, huyện kết nạp 215 đảng viên; đảng viên là người dân tộc thiểu số chiếm 30% tổng số đảng viên mới."
    assert ("ethnic_minority", 30) in _admitted(text)
    text = "Năm 2023, huyện kết nạp 215 đảng viên, trong đó 98 nữ, chiếm 45,6% tổng số đảng viên."
    assert _admitted(text) == [("all", 215), ("female", 98), ("female", 45.6)]


def test_the_members_of_a_unit_just_founded_are_not_admitted() -> None:
    text = "Năm 2023, Đảng bộ xã kết nạp 12 đảng viên, thành lập 1 chi bộ mới với 8 đảng viên."
    assert _admitted(text) == [("all", 12)]
    # guard: an admission said so after the founding stays
    assert _admitted("Năm 2023, thành lập mới 3 chi bộ với 12 đảng viên được kết nạp.") == [("all", 12)]


def test_a_label_joining_categories_of_different_segments_names_none() -> None:
    text = "Năm 2023, Đảng bộ Khối các cơ quan tỉnh kết nạp 120 đảng viên là cán bộ, công chức, viên chức."
    assert _admitted(text) == [("all", 120)]
    assert _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó 12 đảng viên là học sinh và giáo viên.") == [("all", 215)]
    # guards: one segment's name split by a comma stays that segment
    assert ("civil_servant", 30) in _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó 30 đảng viên là cán bộ, công chức.")
    assert ("student", 12) in _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó 12 đảng viên là học sinh, sinh viên.")
    assert ("village_head", 12) in _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó 12 đảng viên là trưởng, phó thôn.")


def test_a_mixed_label_before_a_count_or_after_a_share_names_no_segment() -> None:
    for text in (
        "Năm 2023, kết nạp 215 đảng viên, trong đó cán bộ, công chức, viên chức 45 đồng chí.",
        "Năm 2023, kết nạp 215 đảng viên, trong đó nữ, dân tộc thiểu số 45 đồng chí.",
        "Năm 2023, kết nạp 215 đảng viên, trong đó 60% là nữ và người dân tộc thiểu số.",
    ):
        assert _admitted(text) == [("all", 215)], text
    # guards: a list of labelled items, shares joined by "và", one segment's two names
    assert _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó 45% là nữ và 30% là đoàn viên.") == [
        ("all", 215), ("female", 45), ("youth_union", 30),
    ]
    assert _admitted("Năm 2023, huyện kết nạp 215 đảng viên, trong đó nữ 98, đoàn viên thanh niên 150.") == [
        ("all", 215), ("female", 98), ("youth_union", 150),
    ]
    assert ("student", 20) in _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó học sinh, sinh viên chiếm 20%.")


def test_admitted_out_of_the_candidates_introduced() -> None:
    assert _facts("Năm 2023, kết nạp 215/250 quần chúng được giới thiệu.") == [("admitted", "all", 215)]
    assert _facts("Năm 2023, 215 trong số 250 quần chúng được giới thiệu đã được kết nạp.") == [("admitted", "all", 215)]
    text = "Năm 2023, 215 người trong tổng số 250 quần chúng ưu tú được giới thiệu đã được kết nạp vào Đảng."
    assert _facts(text) == [("admitted", "all", 215)]
    # guard: a fraction against the plan keeps its target
    facts = _facts("Năm 2023, kết nạp được 215/250 đảng viên, đạt 86% kế hoạch.")
    assert ("admitted", "all", 215) in facts and ("admitted_target", "all", 250) in facts


def test_members_admitted_elsewhere_and_back_are_not_admitted() -> None:
    text = "Năm 2023, toàn tỉnh có 1.200 đảng viên được kết nạp trong lực lượng vũ trang xuất ngũ về địa phương."
    assert _admitted(text) == []
    # guard: an admission in the armed forces stays
    assert _admitted("Năm 2023, có 45 đảng viên được kết nạp trong lực lượng vũ trang.") == [("police_military", 45)]


def test_each_unit_named_before_a_per_unit_figure_gets_it() -> None:
    text = (
        "Năm 2023, các đơn vị kết nạp được nhiều đảng viên là: xã Tân Lập (12 đảng viên); "
        "xã Thượng Đạt, phường Phạm Ngũ Lão (mỗi nơi 4 đảng viên)."
    )
    facts = extract(_LEAD + text).facts
    assert [(f.value, f.org) for f in facts] == [(12, "xã Tân Lập"), (4, "xã Thượng Đạt"), (4, "phường Phạm Ngũ Lão")]
    # guard: units counted, not named, get nothing
    assert _admitted("Năm 2023, 5 xã kết nạp đảng viên (mỗi nơi 4 đảng viên).") == []


def test_more_ethnic_minority_names() -> None:
    for name in ("Mạ", "Phù Lá", "Chứt", "La Chí", "Xinh Mun"):
        text = f"Năm 2023, xã kết nạp 5 đảng viên, trong đó 2 đảng viên là người {name}."
        assert _admitted(text) == [("all", 5), ("ethnic_minority", 2)], name


def test_the_private_economy_and_fdi_enterprises_are_the_private_sector() -> None:
    text = "Năm 2023, tỉnh kết nạp 3.000 đảng viên, trong đó 120 đảng viên trong khu vực kinh tế tư nhân."
    assert _admitted(text) == [("all", 3000), ("private_sector", 120)]
    text = "Năm 2023, tỉnh kết nạp 3.000 đảng viên, trong đó 60 đảng viên làm việc tại các doanh nghiệp FDI."
    assert _admitted(text) == [("all", 3000), ("private_sector", 60)]


def test_men_do_not_inherit_the_female_segment_before() -> None:
    text = "Năm 2023, kết nạp 215 đảng viên, gồm 98 đồng chí nữ và 117 đồng chí nam."
    assert _admitted(text) == [("all", 215), ("female", 98)]


def test_a_fraction_in_quota_places_or_after_dat_is_admitted_against_target() -> None:
    for text in ("Năm 2023, huyện kết nạp 215/200 chỉ tiêu.", "Năm 2023, huyện kết nạp đạt 215/200 đảng viên."):
        assert _facts(text) == [("admitted", "all", 215), ("admitted_target", "all", 200)], text
    # guard: units reaching the target are no fraction of admissions
    assert _facts("Năm 2023, 15/18 đảng bộ hoàn thành chỉ tiêu kết nạp đảng viên.") == []


def test_an_emphasis_opening_after_an_admission_singles_out_its_segments() -> None:
    text = "Năm 2023, huyện kết nạp 215 đảng viên. Đáng chú ý, có 12 đảng viên là người có đạo, 5 đảng viên là chủ doanh nghiệp."
    assert _admitted(text) == [("all", 215), ("religious", 12), ("business_owner", 5)]
    # guard: the membership singled out is no admission
    assert _admitted("Năm 2023, huyện kết nạp 215 đảng viên. Đặc biệt, toàn huyện hiện có 520 đảng viên là người có đạo.") == [("all", 215)]


def test_discharged_soldiers_are_not_the_police_military_segment() -> None:
    assert _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó 30 đảng viên là bộ đội xuất ngũ.") == [("all", 215)]
    # guard: serving soldiers are
    assert _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó 30 đảng viên là quân nhân.") == [("all", 215), ("police_military", 30)]


def test_the_kinh_majority_is_not_an_ethnic_minority() -> None:
    text = "Năm 2023, xã kết nạp 12 đảng viên, trong đó 8 đảng viên là người dân tộc Kinh, 4 đảng viên là người dân tộc Mường."
    assert _admitted(text) == [("all", 12), ("ethnic_minority", 4)]
    assert _admitted("Năm 2023, xã kết nạp 12 đảng viên, 100% là người dân tộc Kinh.") == [("all", 12)]


def test_trade_union_members_are_not_the_youth_union_segment() -> None:
    assert _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó 120 đảng viên là đoàn viên công đoàn.") == [("all", 215)]
    assert _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó đoàn viên công đoàn chiếm 24%.") == [("all", 215)]
    # guard: the Youth Union's members are
    assert _admitted("Năm 2023, kết nạp 215 đảng viên, trong đó đoàn viên chiếm 76%.") == [("all", 215), ("youth_union", 76)]


def test_a_segment_named_in_the_last_item_before_a_share_labels_it() -> None:
    text = "Năm 2023, huyện kết nạp 215 đảng viên, tỷ lệ nữ đạt 45%, đoàn viên đạt 85%."
    assert _admitted(text) == [("all", 215), ("female", 45), ("youth_union", 85)]
    # guard: the membership's share is not the admission's
    assert _admitted("Năm 2023, huyện kết nạp 215 đảng viên, tỷ lệ đảng viên nữ toàn Đảng bộ đạt 38%.") == [("all", 215)]


def test_an_opening_label_with_a_verb_is_no_segment_of_the_admission() -> None:
    for text in (
        "Năm 2023, toàn huyện kết nạp 215 đảng viên. Đảng viên nữ được bầu vào cấp ủy 45 đồng chí.",
        "Năm 2023, toàn huyện kết nạp 215 đảng viên. Nữ đảng viên tham gia cấp ủy 45 đồng chí.",
        "Năm 2023, toàn huyện kết nạp 215 đảng viên. Số đảng viên nữ được bầu vào cấp ủy là 45 đồng chí.",
    ):
        assert _admitted(text) == [("all", 215)], text


def test_a_rate_named_for_a_segment_after_the_new_members_pool_is_its_share() -> None:
    text = "Năm 2023, huyện kết nạp 215 đảng viên; trong số đảng viên mới, tỷ lệ nữ là 45%."
    assert _admitted(text) == [("all", 215), ("female", 45)]
    text = "Năm 2023, huyện kết nạp 215 đảng viên; trong số đảng viên toàn huyện, tỷ lệ nữ là 38%."
    assert _admitted(text) == [("all", 215)]
