"""Rules 1.2.6, stocks: members, cells and organisations stated (or not) outside recruitment stories, removals, candidates."""

from __future__ import annotations

from datetime import date

from services.extractor.extract import extract
from services.extractor.periods import Ctx, find_periods
from tests.unit.extractor.sentences import LEAD as _LEAD
from tests.unit.extractor.sentences import facts as _facts
from tests.unit.extractor.sentences import values_of as _of


def test_the_membership_a_congress_represents_is_the_total() -> None:
    for text, value in (
        ("Về dự Đại hội có 250 đại biểu đại diện cho hơn 6.500 đảng viên trong toàn Đảng bộ huyện.", 6500),
        ("Đại hội có 200 đại biểu chính thức, đại diện cho gần 5.000 đảng viên của Đảng bộ thành phố.", 5000),
        ("Đại hội Đảng bộ xã lần thứ XXV có 150 đại biểu đại diện cho 412 đảng viên trong toàn Đảng bộ về dự.", 412),
    ):
        assert _of("members_total", text) == [value], text
    # guard: a delegation's own size is no membership, nor are the new members someone speaks for
    assert _facts("Đại hội bầu Ban Chấp hành Đảng bộ huyện khóa mới gồm 45 đồng chí.") == []
    assert not _of("members_total", "Đồng chí Lan đại diện cho 30 đảng viên mới được kết nạp phát biểu cảm tưởng.")


def test_a_kind_of_member_after_the_membership_is_a_subgroup() -> None:
    for text in (
        "Đảng bộ xã có 320 đảng viên, trong đó nữ 120 đồng chí, đảng viên dự bị 15 đồng chí.",
        "Đảng bộ có 320 đảng viên (nữ 120 đồng chí), sinh hoạt ở 12 chi bộ.",
        "Đảng bộ có 712 đảng viên, trong đó đảng viên nữ 310 đồng chí.",
    ):
        assert _of("members_total", text) == [320 if "320" in text else 712], text
    # guard: two organisations' memberships in one sentence are both kept
    text = "Trong đó, Đảng bộ xã Tân Lập có 320 đảng viên, Đảng bộ xã Tân Hòa có 280 đảng viên."
    assert _of("members_total", text) == [320, 280]


def test_members_living_at_their_residence_are_not_the_membership() -> None:
    assert not _of("members_total", "Toàn huyện có 1.250 đảng viên đang sinh hoạt tại nơi cư trú.")
    assert _of("members_total", "Đảng bộ xã hiện có 412 đảng viên đang sinh hoạt tại 18 chi bộ.") == [412]


def test_units_where_something_is_done_are_not_the_stock() -> None:
    assert _facts("Năm 2023, Đảng ủy xã tổ chức sinh hoạt chuyên đề tại 18 chi bộ.") == []
    assert _facts("Lễ kỷ niệm có sự tham dự của đại diện 45 tổ chức cơ sở đảng.") == []
    # guard: members living in their cells and organisations state the stock
    facts = _facts("Đảng bộ xã có tổng số 254 đảng viên, sinh hoạt ở 17 chi bộ.")
    assert ("party_cells", "all", 17) in facts
    facts = _facts("Đảng bộ tỉnh hiện có gần 105.000 đảng viên sinh hoạt tại 1.024 tổ chức cơ sở đảng.")
    assert ("grassroots_orgs", "all", 1024) in facts


def test_units_counted_by_what_they_did_are_not_the_stock() -> None:
    for text in (
        "Năm 2023, có 30 chi bộ trực thuộc được xếp loại hoàn thành tốt nhiệm vụ.",
        "Trong năm, 18 chi bộ trực thuộc đã kết nạp được đảng viên mới.",
        "Có 12 chi bộ trực thuộc không kết nạp được đảng viên.",
        "Có 42 tổ chức cơ sở đảng phát triển được đảng viên.",
    ):
        assert _facts(text) == [], text
    text = "Đảng ủy xã có 15 chi bộ trực thuộc, trong đó 12 chi bộ trực thuộc đạt trong sạch vững mạnh."
    assert _of("party_cells", text) == [15]
    text = "Đảng bộ huyện có 45 tổ chức cơ sở đảng; năm 2023 có 42 tổ chức cơ sở đảng phát triển được đảng viên."
    assert _of("grassroots_orgs", text) == [45]
    # guard: cells attached to their organisations, whatever follows
    text = "Đảng bộ tỉnh có 261 đảng bộ cơ sở, 409 chi bộ trực thuộc và 3.076 chi bộ trực thuộc các đảng bộ huyện, thành phố."
    assert _of("party_cells", text) == [409, 3076]


def test_the_membership_raised_to_a_bare_number() -> None:
    assert _of("members_total", "Năm 2023 kết nạp 120 đảng viên, nâng số đảng viên toàn huyện lên 5.230.") == [5230]
    # guard: a subgroup raised is not the membership
    assert not _of("members_total", "Năm 2023 kết nạp 120 đảng viên, nâng số đảng viên nữ toàn huyện lên 1.230.")


def test_a_stated_pool_of_candidates() -> None:
    for text, value in (
        ("Nguồn phát triển đảng viên hiện có 180 quần chúng ưu tú.", 180),
        ("Đến nay, nguồn quần chúng ưu tú của huyện là 520 người.", 520),
        ("Năm 2023, các chi bộ đã tạo nguồn được 420 quần chúng ưu tú.", 420),
    ):
        assert _of("candidates_trained", text) == [value], text
    # guard: a pool still planned is no figure
    assert _facts("Năm 2024, Đảng bộ phấn đấu tạo nguồn 400 quần chúng ưu tú.") == []


def test_candidates_of_another_noun_in_a_breakdown_are_a_subgroup() -> None:
    text = "Các chi bộ đã tạo nguồn được 420 quần chúng ưu tú, trong đó có 215 đoàn viên."
    assert _of("candidates_trained", text) == [420]
    # guard: the same candidates broken down by unit are each counted
    text = "Quận Đoàn đã trao danh sách 89 đoàn viên ưu tú cho Đảng xem xét kết nạp, trong đó các phường là 79 đoàn viên."
    assert _of("candidates_trained", text) == [89, 79]


def test_removals_named_as_a_pool_or_around_the_count() -> None:
    assert _of("members_removed", "Năm 2023, số đảng viên bị xóa tên là 18 đồng chí.") == [18]
    assert _of("members_removed", "Qua rà soát, sàng lọc, đã đưa 35 đảng viên không đủ tư cách ra khỏi Đảng.") == [35]
    # guard: the membership named after a removal stays the membership
    text = "Năm 2023, kết nạp 80 đảng viên, xóa tên 5 đảng viên, nâng tổng số đảng viên lên 1.275 đồng chí."
    assert _of("members_total", text) == [1275]
    assert _of("members_removed", text) == [5]


def test_lighter_sanctions_and_other_clauses_are_not_removals() -> None:
    assert _of("members_removed", "Đảng bộ có 3 đảng viên bị khai trừ, 15 đảng viên bị cảnh cáo.") == [3]
    assert _facts("Không có đảng viên nào bị xóa tên trong năm, 3 đảng viên được miễn sinh hoạt.") == []
    # guard: a sanction that is the removal
    assert _of("members_removed", "Trong năm, 4 đảng viên bị kỷ luật bằng hình thức khai trừ ra khỏi Đảng.") == [4]
    assert _of("members_removed", "Ủy ban Kiểm tra đã khai trừ 12 đảng viên vi phạm.") == [12]


_CONGRESS = (
    "Đại hội đại biểu Đảng bộ huyện Yên Thế lần thứ XXIV, nhiệm kỳ 2025-2030\n\n"
    "Đảng bộ huyện Yên Thế tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030. Dự Đại hội có 250 đại biểu "
    "đại diện cho hơn 6.500 đảng viên trong toàn Đảng bộ huyện.\n"
    "Nhiệm kỳ qua, công tác kiểm tra, giám sát được tăng cường; Ủy ban Kiểm tra các cấp đã kiểm tra 120 tổ chức đảng và "
    "230 đảng viên, giám sát 85 tổ chức đảng; thi hành kỷ luật 35 đảng viên vi phạm.\n"
    "Hiện nay, Đảng bộ huyện có 52 tổ chức cơ sở đảng với 412 chi bộ trực thuộc."
)


def test_an_organisations_overview_keeps_a_congress_report_relevant() -> None:
    result = extract(_CONGRESS)
    assert result.relevant
    assert sorted((f.metric, f.value) for f in result.facts) == [
        ("grassroots_orgs", 52), ("members_total", 6500), ("party_cells", 412),
    ]
    # guard: one membership figure does not outweigh an inspection story
    text = (
        "Ủy ban Kiểm tra Huyện ủy kiểm tra 9 tổ chức đảng và 18 đảng viên; thi hành kỷ luật 4 đảng viên vi phạm. "
        "Đảng bộ huyện có 5.200 đảng viên. Công tác kiểm tra, giám sát góp phần nâng cao chất lượng đảng viên."
    )
    assert not extract(text).relevant


def test_a_term_carried_from_the_title_does_not_date_a_stock() -> None:
    facts = extract(_CONGRESS, published=date(2025, 7, 15)).facts
    assert {f.period_end for f in facts} == {"2025-07"}
    # guard: a period in the stock's own sentence dates it
    text = "Trong 2 năm 2011-2012, Đảng bộ Khối đã kết nạp được 1.083 đảng viên, nâng tổng số đảng viên lên 3.750 đồng chí."
    [total] = [f for f in extract(_LEAD + text).facts if f.metric == "members_total"]
    assert total.period_end == "2012"


def test_a_part_of_the_candidates_named_by_no_unit_is_a_subgroup() -> None:
    for text, values in (
        ("Lớp bồi dưỡng nhận thức về Đảng khóa 1 có 75 học viên tham gia, trong đó có 20 học viên là đoàn viên.", [75]),
        ("Lớp nhận thức về Đảng có 80 học viên; 100% học viên đạt yêu cầu, trong đó 25 học viên đạt loại giỏi.", [80]),
        ("Mỗi lớp bồi dưỡng nhận thức về Đảng có khoảng 50 học viên.", []),
    ):
        assert _of("candidates_trained", text) == values, text
    # guard: the pool of candidates named after "trong số" is the whole
    text = "Trong số 120 quần chúng ưu tú được học lớp nhận thức về Đảng, có 85 người đã được kết nạp."
    assert _of("candidates_trained", text) == [120]


def test_the_members_of_some_of_its_units_are_a_part_of_the_membership() -> None:
    text = (
        "Đảng bộ thị trấn có 14 chi bộ trực thuộc với 520 đảng viên, trong đó 11 chi bộ khu dân cư có 380 đảng viên, "
        "3 chi bộ cơ quan, trường học có 140 đảng viên."
    )
    assert _of("members_total", text) == [520]
    # guard: the cells and members of a whole organisation, and a unit named after the membership
    assert _of("members_total", "Đảng bộ Công an huyện có 6 chi bộ với 120 đảng viên.") == [120]
    text = "Đảng bộ huyện có 42 tổ chức cơ sở đảng với 6.800 đảng viên; Đảng bộ xã Cao Xá là đảng bộ lớn nhất với 520 đảng viên."
    assert _of("members_total", text) == [6800, 520]


def test_cells_organisations_and_members_named_before_a_bare_number() -> None:
    assert _of("grassroots_orgs", "Tổng số tổ chức cơ sở đảng trong toàn Đảng bộ là 56.") == [56]
    facts = _facts("Số tổ chức cơ sở đảng trực thuộc Huyện ủy là 45, số chi bộ trực thuộc đảng bộ cơ sở là 320.")
    assert facts == [("grassroots_orgs", "all", 45), ("party_cells", "all", 320)]
    assert _of("members_total", "Số chi bộ trực thuộc Đảng ủy xã là 15; số đảng viên là 320.") == [320]
    assert _of("members_total", "Năm 2023, số đảng viên của Đảng bộ tăng lên 320.") == [320]
    # guard: units or members of a kind, or named by what they have or did, are a part
    for text in (
        "Số chi bộ đạt trong sạch vững mạnh là 30.",
        "Số tổ chức cơ sở đảng được xếp loại hoàn thành tốt nhiệm vụ là 40.",
        "Số tổ chức cơ sở đảng có đảng viên mới là 38.",
        "Số chi bộ có đảng viên là 45.",
        "Số đảng viên nữ là 120.",
        "Số đảng viên có trình độ đại học là 320.",
    ):
        assert _facts(text) == [], text


def test_a_kind_of_member_labelled_with_a_colon_is_a_subgroup() -> None:
    assert _of("members_total", "Tổng số đảng viên: 6.512 đồng chí; trong đó đảng viên dự bị: 215 đồng chí.") == [6512]


def test_cells_and_committees_counted_together_are_organisations() -> None:
    facts = _facts("Đảng bộ Khối hiện có 32 chi bộ, đảng bộ cơ sở và 115 chi bộ trực thuộc đảng bộ cơ sở.")
    assert facts == [("grassroots_orgs", "all", 32), ("party_cells", "all", 115)]
    assert _facts("Toàn huyện có 24 chi bộ, đảng bộ cơ quan, doanh nghiệp.") == [("grassroots_orgs", "all", 24)]
    # guard: cells alone, and such units counted by what they did
    assert _facts("Đảng bộ xã có 15 chi bộ, 420 đảng viên.") == [("party_cells", "all", 15), ("members_total", "all", 420)]
    text = "Đảng bộ huyện có 52 tổ chức cơ sở đảng có tới 8.000 đảng viên."
    assert _facts(text) == [("grassroots_orgs", "all", 52), ("members_total", "all", 8000)]
    assert _facts("Có 20 chi bộ, đảng bộ cơ sở đã kết nạp được đảng viên mới.") == []


def test_a_removal_needs_a_removal_verb_of_its_own_phrase() -> None:
    text = "Trong nhiệm kỳ, đã xóa tên 45 đảng viên, trong đó 30 đảng viên tự ý bỏ sinh hoạt, 15 đảng viên không đóng đảng phí."
    assert _of("members_removed", text) == [45]
    assert _of("members_removed", "Năm 2023, xóa tên 12 đảng viên, trong đó có 5 đảng viên đi làm ăn xa.") == [12]
    assert _of("members_removed", "Tỉnh ủy kỷ luật khai trừ ra khỏi Đảng 3 đảng viên, cảnh cáo 5 đảng viên.") == [3]
    # guard: a breakdown by kind of removal, each with its verb, and a proposal already made
    text = "Qua rà soát, đã đưa ra khỏi Đảng 25 đảng viên, trong đó xóa tên 20 trường hợp, cho ra khỏi Đảng 5 trường hợp."
    assert _of("members_removed", text) == [25, 20, 5]
    assert _of("members_removed", "Trong năm 2023 đã đề nghị xoá tên 01 đồng chí đảng viên dự bị do vi phạm Điều lệ Đảng.") == [1]


def test_a_planned_removal_is_no_figure() -> None:
    assert _facts("Năm 2024, dự kiến xóa tên 10 đảng viên.") == []
    assert _facts("Thời gian tới, Đảng bộ sẽ xóa tên 10 đảng viên không còn đủ tư cách.") == []


def test_a_range_is_no_stock() -> None:
    assert _facts("Chi bộ thôn có từ 3 đến 5 đảng viên.") == []
    assert _facts("Các xã có từ 10 - 15 chi bộ.") == []
    # guard: the stocks themselves
    assert _facts("Đảng bộ có 15 chi bộ với 320 đảng viên.") == [("party_cells", "all", 15), ("members_total", "all", 320)]


def test_people_near_a_list_are_candidates_only_when_the_party_is_named() -> None:
    assert _facts("Danh sách có 45 người được đề nghị khen thưởng.") == []
    assert _facts("Đảng ủy xã đã lập danh sách 45 người được đề nghị khen thưởng.") == []
    # guard: a list of candidates, people fostered as a source, learners of a class named before
    text = "Quận Đoàn đã trao danh sách 89 đoàn viên ưu tú cho Đảng xem xét kết nạp."
    assert _of("candidates_trained", text) == [89]
    assert _of("candidates_trained", "Đến nay, huyện đã có 45 quần chúng là học sinh được bồi dưỡng, tạo nguồn.") == [45]
    assert _of("candidates_trained", "Kết thúc khóa học, 52 học viên đạt yêu cầu đã được cấp chứng nhận.") == [52]
    assert _of("candidates_trained", "Trung tâm chính trị huyện khai giảng lớp bồi dưỡng cho 45 quần chúng.") == [45]


def test_members_stated_as_a_share_of_the_population_are_the_membership() -> None:
    text = "Toàn tỉnh có 672 tổ chức cơ sở đảng, 3.475 chi bộ trực thuộc. 50.896 đảng viên, chiếm 6,36% dân số toàn tỉnh."
    assert _of("members_total", text) == [50896]
    # guard: a share of the admitted is not the membership
    assert not _of("members_total", "Trong đó, 50 đảng viên, chiếm 6% tổng số đảng viên được kết nạp.")


def test_candidates_named_as_a_pool_or_by_their_own_noun() -> None:
    for text, value in (
        ("Số quần chúng được học lớp cảm tình Đảng trong năm là 420.", 420),
        ("Năm 2023, số quần chúng đủ điều kiện xem xét kết nạp là 180 người.", 180),
        ("Toàn huyện hiện có 250 cảm tình Đảng.", 250),
        ("Hiện có 45 đối tượng Đảng đang được các chi bộ bồi dưỡng.", 45),
    ):
        assert _facts(text) == [("candidates_trained", "all", value)], text
    # guard: members named as a pool stay the membership; a plan of candidates is no figure
    assert _facts("Số đảng viên của Đảng bộ là 320.") == [("members_total", "all", 320)]
    assert _facts("Năm 2024, phấn đấu có 300 cảm tình Đảng.") == []


def test_the_members_pool_reaching_a_count_and_its_subgroups() -> None:
    assert _of("members_total", "Số lượng đảng viên toàn tỉnh đạt hơn 100.000 người.") == [100000]
    for text in ("Số đảng viên nữ là 1.200 đồng chí.", "Số đảng viên là người dân tộc thiểu số có 1.200 đồng chí."):
        assert _facts(text) == [], text
    # guard: an organisation whose name has a segment word
    assert _of("members_total", "Số đảng viên của Đảng bộ Công an huyện là 120 đồng chí.") == [120]


def test_the_members_behind_a_share_are_not_the_membership() -> None:
    for text in (
        "Có 98% đảng viên tham gia học tập nghị quyết, với 5.120 đảng viên.",
        "Tỷ lệ đảng viên trong đội ngũ giáo viên đạt 55%, với 120 đảng viên.",
        "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 92%, với 4.800 đảng viên.",
    ):
        assert not _of("members_total", text), text
    # guard: the membership as a share of the population, and a list of stocks
    assert _of("members_total", "Tỷ lệ đảng viên so với dân số đạt 6,36%, với 50.896 đảng viên.") == [50896]
    assert _of("members_total", "Đảng bộ có 12 chi bộ, với 320 đảng viên.") == [320]


def test_cells_where_members_were_admitted_are_not_the_stock() -> None:
    for text in (
        "Năm 2023, Đảng bộ xã kết nạp 12 đảng viên ở 8 chi bộ.",
        "Năm 2023, Đảng bộ xã kết nạp 12 đảng viên tại 8 chi bộ trực thuộc.",
    ):
        assert _facts(text) == [("admitted", "all", 12)], text
    # guard: the membership with the cells it lives in
    facts = _facts("Đảng bộ phường có 320 đảng viên ở 12 chi bộ.")
    assert facts == [("members_total", "all", 320), ("party_cells", "all", 12)]


def test_units_people_come_from_or_belong_to_are_not_the_stock() -> None:
    for text, facts in (
        ("Lễ kết nạp 25 đảng viên mới thuộc 12 chi bộ trực thuộc.", [("admitted", "all", 25)]),
        ("Buổi lễ kết nạp 25 đảng viên mới của 12 chi bộ trực thuộc Đảng ủy xã.", [("admitted", "all", 25)]),
        ("Lớp bồi dưỡng nhận thức về Đảng có 85 học viên đến từ 20 chi bộ, đảng bộ cơ sở.", [("candidates_trained", "all", 85)]),
        ("Năm 2023, Đảng bộ kết nạp 25 đảng viên, trong đó 12 chi bộ trực thuộc có đảng viên mới.", [("admitted", "all", 25)]),
        ("Huyện ủy đã tổ chức tập huấn cho cấp ủy 45 chi bộ.", []),
        ("Hội nghị có sự tham gia của bí thư 25 chi bộ trực thuộc.", []),
    ):
        assert _facts(text) == facts, text
    # guard: a chain of stocks
    text = "Tính đến 31/12/2022, Đảng bộ huyện có tổng số 4.215 đảng viên sinh hoạt tại 187 chi bộ thuộc 41 tổ chức cơ sở đảng."
    assert _facts(text) == [("members_total", "all", 4215), ("party_cells", "all", 187), ("grassroots_orgs", "all", 41)]
    assert _facts("Đảng bộ có 320 đảng viên thuộc 12 chi bộ.") == [("members_total", "all", 320), ("party_cells", "all", 12)]


def test_the_membership_out_of_the_staff() -> None:
    text = "Hiện nay, chi bộ Trường THCS Tân Lập có 25 đảng viên/45 cán bộ, giáo viên."
    assert _facts(text) == [("members_total", "all", 25)]
    # guard: admissions out of the staff stay admissions
    assert _facts("Năm 2023, chi bộ nhà trường kết nạp 5 đảng viên/45 cán bộ.") == [("admitted", "all", 5)]


def test_a_committees_size_is_no_membership() -> None:
    assert _of("members_total", "Chi bộ có 25 đảng viên, chi ủy gồm 3 đồng chí.") == [25]
    assert _facts("Đảng ủy xã khóa mới gồm 15 đồng chí.") == []
    assert _facts("Cấp ủy chi bộ có 5 đồng chí.") == []
    # guard: the members of an organisation named "Đảng ủy"
    assert _of("members_total", "Năm 2023, nâng tổng số đảng viên trong Đảng ủy lên 73 đồng chí.") == [73]


def test_learners_of_another_class_are_not_candidates() -> None:
    text = (
        "Năm 2023, Trung tâm mở 18 lớp, trong đó có 4 lớp bồi dưỡng nhận thức về Đảng cho 312 học viên, "
        "3 lớp đảng viên mới cho 198 học viên."
    )
    assert _of("candidates_trained", text) == [312]
    assert _facts("Trung tâm đã tổ chức 10 lớp bồi dưỡng, cập nhật kiến thức cho 850 học viên.") == []
    # guard: a class of political theory for candidates
    text = "Đảng ủy Khối tổ chức bế giảng lớp bồi dưỡng lý luận chính trị cho 115 quần chúng ưu tú."
    assert _of("candidates_trained", text) == [115]


def test_members_added_are_not_the_membership() -> None:
    assert _facts("Năm 2023, chi bộ có thêm 3 đảng viên.") == []
    # guard: new members added are admitted
    assert _facts("Năm 2023, chi bộ có thêm 3 đảng viên mới.") == [("admitted", "all", 3)]


def test_the_membership_after_a_colon() -> None:
    assert _facts("Số chi bộ: 45; số đảng viên: 1.250.") == [("party_cells", "all", 45), ("members_total", "all", 1250)]
    # guard: the admitted named before a colon stay admitted
    assert _facts("Số đảng viên kết nạp mới: 250 đồng chí.") == [("admitted", "all", 250)]


def test_a_stock_said_to_be_now_or_at_the_start_of_a_term_is_dated_so() -> None:
    text = "Năm 2024, toàn Đảng kết nạp 196.318 đảng viên. Tổng số đảng viên toàn Đảng hiện hơn 5,6 triệu."
    [total] = [f for f in extract(text, published=date(2025, 1, 17)).facts if f.metric == "members_total"]
    assert total.period_end == "2025-01"
    assert [p.text for p in find_periods("Năm 2023, huyện thực hiện 100% kế hoạch.", Ctx(date(2025, 1, 17), None))] == ["Năm 2023"]
    text = "Năm 2023, Đảng bộ Khối kết nạp 215 đảng viên (đầu nhiệm kỳ 2020-2025, Đảng bộ Khối có tổng số 5.356 đảng viên)."
    [total] = [f for f in extract(text).facts if f.metric == "members_total"]
    assert total.period_end == "2020"
    # guard: the end of a term stated in the stock's own sentence
    text = "Đến cuối nhiệm kỳ 2020-2025, Đảng bộ Khối có tổng số 5.356 đảng viên."
    [total] = [f for f in extract(_LEAD + text, published=date(2025, 6, 1)).facts if f.metric == "members_total"]
    assert total.period_end == "2025"


def test_a_weekday_byline_with_ngay_dates_the_article_and_its_stocks() -> None:
    text = (
        "Đảng ủy Than Quảng Ninh kết nạp hơn 400 đảng viên mới\nThứ Ba, ngày 12/09/2017\n\n"
        "Từ đầu năm đến nay, Đảng bộ Than Quảng Ninh đã kết nạp hơn 400 đảng viên mới, nâng tổng số đảng viên trong "
        "toàn Đảng bộ gần 19.000 đảng viên."
    )
    result = extract(text)
    assert result.published == date(2017, 9, 12)
    assert [f.period_end for f in result.facts if f.metric == "members_total"] == ["2017-09"]


def test_a_stock_after_a_carried_term_takes_the_last_date_stated() -> None:
    text = (
        "Đại hội Đảng bộ Khối Doanh nghiệp lần thứ I, nhiệm kỳ 2015 – 2020 thành công tốt đẹp\n\n"
        "Từ ngày 04/8/2015 đến ngày 06/8/2015, Đại hội Đại biểu Đảng bộ Khối Doanh nghiệp lần thứ I, nhiệm kỳ 2015 – 2020 "
        "đã diễn ra. Về dự Đại hội có 175 đại biểu đại diện cho 1.209 đảng viên trong toàn Đảng bộ."
    )
    [total] = [f for f in extract(text).facts if f.metric == "members_total"]
    assert total.period_end == "2015-08"


def test_a_kind_of_member_labelled_in_its_own_sentence_is_a_subgroup() -> None:
    text = "Đảng bộ huyện có 5.200 đảng viên. Trong đó, đảng viên nữ có 1.850 đồng chí; đảng viên dự bị 215 đồng chí."
    assert _of("members_total", text) == [5200]
    # guard: organisations with a segment word in their name, and the whole named after a segment
    assert _of("members_total", "Chi bộ Hội Liên hiệp Phụ nữ tỉnh có 15 đảng viên.") == [15]
    text = "Tỉnh hiện có hơn 5.400 đảng viên là người Công giáo trong tổng số hơn 90.000 đảng viên của toàn Đảng bộ tỉnh."
    assert _of("members_total", text) == [90000]


def test_the_extremes_among_unnamed_units_are_no_membership() -> None:
    assert _facts("Chi bộ có số đảng viên đông nhất là 85 đồng chí, ít nhất là 5 đồng chí.") == []
    # guard: a unit named as the largest keeps its membership
    assert _of("members_total", "Đây là chi bộ có số đảng viên đông nhất xã với 30 đồng chí.") == [30]
