"""Rules 1.2.3: number words in thousands, differences, plans, pools named after a number, unit lists."""

from __future__ import annotations

from datetime import date

from services.extractor.extract import extract
from services.extractor.numbers import find_numbers, word_value
from tests.unit.extractor.sentences import LEAD as _LEAD
from tests.unit.extractor.sentences import facts as _facts


def test_number_words_with_thousands() -> None:
    assert word_value("một nghìn hai trăm") == 1200
    assert word_value("hai ngàn năm trăm ba mươi") == 2530
    assert word_value("nghìn") == 1000
    assert [n.value for n in find_numbers("Năm 2021 kết nạp ba nghìn bốn trăm đảng viên")] == [3400]
    assert _facts("Năm 2021, Đảng bộ tỉnh Hà Nam kết nạp một nghìn hai trăm đảng viên mới.") == [("admitted", "all", 1200)]


def test_hang_nghin_is_not_a_number() -> None:
    assert find_numbers("Đã có hàng nghìn đảng viên tham gia") == []


def test_pool_named_by_a_noun_phrase_after_its_opener() -> None:
    facts = _facts(
        "Nhiều thanh niên công giáo tham gia phong trào và mỗi năm, trong số những thanh niên, quần chúng tích cực ấy "
        "có gần hai nghìn người được kết nạp Đảng."
    )
    assert facts == [("admitted", "all", 2000)]


def test_pool_named_before_the_opener_gives_the_segment() -> None:
    facts = _facts("Năm 2022, Huyện đoàn đã giới thiệu 90 đoàn viên ưu tú cho Đảng xem xét, trong đó có 40 người được kết nạp Đảng.")
    assert ("admitted", "youth_union", 40) in facts


def test_a_difference_from_another_period_is_not_a_count() -> None:
    for text in (
        "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 310 đảng viên, nhiều hơn năm 2021 là 25 đảng viên.",
        "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 310 đảng viên, cao hơn năm trước 25 đảng viên.",
        "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 310 đảng viên, tăng so với cùng kỳ 25 đảng viên.",
    ):
        assert _facts(text) == [("admitted", "all", 310)], text


def test_a_later_pool_the_number_is_not_a_share_of() -> None:
    assert _facts("Năm 2022, Đảng bộ xã Tam Dị kết nạp 9 đảng viên, nâng số đảng viên kết nạp trong nhiệm kỳ lên 31 đồng chí.") == [
        ("admitted", "all", 9), ("admitted", "all", 31)
    ]
    assert _facts("Năm 2022, Đảng bộ xã Tam Dị đã kết nạp 14 đảng viên, là năm có số đảng viên được kết nạp nhiều nhất.") == [
        ("admitted", "all", 14)
    ]
    shares = _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 300 đảng viên. Nữ: 120 đồng chí, chiếm 40% tổng số đảng viên được kết nạp.")
    assert ("admitted", "female", 120) in shares and ("admitted", "all", 120) not in shares


def test_plans_phrased_as_effort_are_targets() -> None:
    for verb in ("hướng tới", "nỗ lực", "cố gắng"):
        assert _facts(f"Năm 2025, Đảng bộ huyện Lục Nam {verb} kết nạp 320 đảng viên.") == [("admitted_target", "all", 320)], verb
    assert _facts("Phấn đấu năm 2025, Đảng bộ huyện Lục Nam kết nạp 320 đảng viên.") == [("admitted_target", "all", 320)]
    assert _facts("Năm 2025, Đảng bộ huyện Lục Nam phấn đấu: kết nạp 320 đảng viên; giữ vững tổ chức cơ sở đảng.") == [
        ("admitted_target", "all", 320)
    ]
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam nỗ lực vượt khó, kết nạp 320 đảng viên.") == [("admitted", "all", 320)]


def test_an_admission_dated_after_publication_is_a_plan() -> None:
    text = "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 280 đảng viên; năm 2023 kết nạp 300 đảng viên."
    assert _facts(text, published=date(2022, 12, 28)) == [("admitted", "all", 280), ("admitted_target", "all", 300)]
    assert _facts(text, published=date(2024, 1, 5)) == [("admitted", "all", 280), ("admitted", "all", 300)]
    assert _facts(text) == [("admitted", "all", 280), ("admitted", "all", 300)]
    since = _facts("Từ năm 2020 đến nay, Đảng bộ huyện Lục Nam kết nạp 1.120 đảng viên.", published=date(2022, 6, 1))
    assert since == [("admitted", "all", 1120)]


def test_an_admission_may_exceed_its_target_in_a_fraction() -> None:
    facts = _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp được 265/250 đảng viên, đạt 106% kế hoạch.")
    assert sorted(facts) == [("admitted", "all", 265), ("admitted_target", "all", 250), ("target_attainment_pct", "all", 106)]
    assert ("admitted", "all", 900) not in _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp được 900/250 đảng viên.")


def test_what_counted_units_reached_is_not_the_attainment() -> None:
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 300 đảng viên; 21 xã đạt 100% kế hoạch.") == [("admitted", "all", 300)]
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 300 đảng viên; có 12 đơn vị hoàn thành 100% chỉ tiêu.") == [
        ("admitted", "all", 300)
    ]
    facts = _facts(
        "Năm 2022, có 3 đảng bộ kết nạp đạt trên 50% chỉ tiêu được giao, gồm: Đảng bộ Công an tỉnh kết nạp được 21 ĐV mới, "
        "đạt 105% chỉ tiêu được giao; Đảng bộ huyện Lục Nam kết nạp 52 ĐV mới, đạt 60%."
    )
    assert ("admitted", "all", 21) in facts and ("admitted", "all", 52) in facts and ("target_attainment_pct", "all", 50) not in facts


def test_attainment_abbreviated_nq() -> None:
    assert ("target_attainment_pct", "all", 104.5) in _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 300 đảng viên, đạt 104,5% NQ.")


def test_a_list_of_units_attainments_after_an_admission() -> None:
    lead = _LEAD + "Năm 2022, toàn tỉnh kết nạp 2.100 đảng viên. "
    for text, expected in (
        ("Các đơn vị hoàn thành chỉ tiêu: Lục Nam đạt 112%, Yên Dũng đạt 104%.", [(112, "Lục Nam"), (104, "Yên Dũng")]),
        ("Các đơn vị chưa hoàn thành chỉ tiêu: huyện Sơn Động (đạt 81%), huyện Lạng Giang (đạt 92%).", [(81, "Sơn Động"), (92, "Lạng Giang")]),
    ):
        got = [(f.value, f.place) for f in extract(lead + text).facts if f.metric == "target_attainment_pct"]
        assert got == expected, text
    assert not [f for f in extract(_LEAD + "Kết quả thực hiện chỉ tiêu: Lục Nam đạt 112%.").facts if f.metric == "target_attainment_pct"]


def test_a_four_digit_count_of_people_is_not_a_year() -> None:
    assert [n.value for n in find_numbers("Năm 2021, toàn tỉnh kết nạp 2015 đảng viên")] == [2015]
    assert find_numbers("Trong 2021, toàn tỉnh đẩy mạnh phát triển đảng viên") == []
    assert _facts("Năm 2021, Đảng bộ tỉnh Hà Nam kết nạp 1950 đảng viên mới.") == [("admitted", "all", 1950)]


def test_thousands_grouped_by_spaces_or_english_commas() -> None:
    assert [n.value for n in find_numbers("kết nạp 2 150 đảng viên")] == [2150]
    assert [n.value for n in find_numbers("kết nạp 2,150 đảng viên")] == [2150]
    assert [n.value for n in find_numbers("đạt 2,150%")] == [2.15]
    assert [n.value for n in find_numbers("gọi 0912 094 540")] == [912, 94, 540]
    assert 0 not in [f[2] for f in _facts("Năm 2021, Đảng bộ tỉnh Hà Nam kết nạp 2 150 đảng viên mới.")]


def test_badges_and_cards_given_to_members_are_not_admissions() -> None:
    assert _facts("Dịp này, Đảng bộ huyện Lục Nam đã kết nạp 31 đảng viên mới và trao Huy hiệu Đảng cho 140 đảng viên.") == [
        ("admitted", "all", 31)
    ]
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 31 đảng viên, phát thẻ đảng cho 44 đảng viên.") == [("admitted", "all", 31)]
    assert ("admitted", "all", 9) in _facts("Năm 2022, trao Huy hiệu 30 năm tuổi Đảng cho 20 đảng viên và kết nạp 9 đảng viên mới.")


def test_people_fostered_for_admission_are_candidates() -> None:
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 31 đảng viên và bồi dưỡng 52 quần chúng ưu tú.") == [
        ("admitted", "all", 31), ("candidates_trained", "all", 52)
    ]
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam bồi dưỡng, kết nạp 52 đảng viên mới.") == [("admitted", "all", 52)]


def test_a_rate_named_for_another_group_is_not_the_admission_rate() -> None:
    text = "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 310 đảng viên; tỷ lệ đảng viên trẻ dưới 35 tuổi đạt 21%."
    assert _facts(text) == [("admitted", "all", 310)]
    for rate in ("tỷ lệ kết nạp đạt 3,1%", "đạt tỷ lệ 3,1%", "tỷ lệ phát triển đảng viên mới hằng năm đạt 3,1%"):
        assert ("admission_rate_pct", "all", 3.1) in _facts(f"Năm 2022, Đảng bộ huyện Lục Nam kết nạp 310 đảng viên, {rate}."), rate


def test_attendance_and_thresholds_are_not_member_counts() -> None:
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 31 đảng viên; lễ kết nạp có sự tham dự của hơn 120 đảng viên.") == [
        ("admitted", "all", 31)
    ]
    assert _facts("Hội nghị phát triển đảng viên có sự tham gia của 200 đảng viên.") == []
    assert _facts("Đảng bộ xã Tam Dị có 12 chi bộ, trong đó 4 chi bộ có dưới 10 đảng viên.") == [("party_cells", "all", 12)]


def test_the_target_value_stated_after_an_attainment() -> None:
    for tail in ("đạt 81% chỉ tiêu được giao là 320 đảng viên", "đạt 81% so với kế hoạch 320 đảng viên", "đạt 81% kế hoạch đề ra là 320 đảng viên"):
        facts = _facts(f"Năm 2022, Đảng bộ huyện Lục Nam kết nạp 260 đảng viên, {tail}.")
        assert sorted(facts) == [("admitted", "all", 260), ("admitted_target", "all", 320), ("target_attainment_pct", "all", 81)], tail
    facts = _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 260 đảng viên, đạt 81% kế hoạch năm, trong đó 100 đảng viên nữ.")
    assert ("admitted", "female", 100) in facts and ("admitted_target", "all", 100) not in facts


def test_the_result_stated_after_an_assigned_quota() -> None:
    facts = _facts("Năm 2022, Đảng bộ huyện Lục Nam được giao 320 chỉ tiêu, đến nay đã kết nạp 260 đảng viên, đạt 81%.")
    assert sorted(facts) == [("admitted", "all", 260), ("admitted_target", "all", 320), ("target_attainment_pct", "all", 81)]
    facts = _facts("Năm 2022, Tỉnh ủy giao huyện Lục Nam kết nạp 320 đảng viên; huyện đã kết nạp 260 đảng viên.")
    assert sorted(facts) == [("admitted", "all", 260), ("admitted_target", "all", 320)]
    assert _facts("Theo kế hoạch, năm 2025 Đảng bộ huyện Lục Nam kết nạp 320 đảng viên.") == [("admitted_target", "all", 320)]


def test_a_pool_announcing_its_value_after_a_colon() -> None:
    assert _facts("Số đảng viên kết nạp mới năm 2022: 260 đồng chí.") == [("admitted", "all", 260)]


def test_a_rounded_headline_yields_to_the_exact_body_figure() -> None:
    text = "Lục Nam kết nạp 300 đảng viên trong năm 2022\n\nNăm 2022, Đảng bộ huyện Lục Nam kết nạp 296 đảng viên, đạt 104% kế hoạch.\n"
    assert [(f.metric, f.value) for f in extract(text).facts] == [("admitted", 296), ("target_attainment_pct", 104)]
    other = "Lục Nam kết nạp 300 đảng viên trong năm 2022\n\nNăm 2022, Đảng bộ huyện Lục Nam kết nạp 250 đảng viên.\n"
    assert sorted(f.value for f in extract(other).facts) == [250, 300]


def test_targets_listed_after_a_resolution_and_quota_sums() -> None:
    assert _facts("Nghị quyết Đại hội Đảng bộ huyện Lục Nam đề ra: trong nhiệm kỳ kết nạp 1.500 đảng viên trở lên.") == [
        ("admitted_target", "all", 1500)
    ]
    facts = _facts("Năm 2022, Đảng bộ huyện Lục Nam giao chỉ tiêu kết nạp đảng viên cho 25 tổ chức cơ sở đảng với tổng số 320 đảng viên.")
    assert facts == [("admitted_target", "all", 320)]
    stock = _facts("Đảng bộ huyện Lục Nam có 25 tổ chức cơ sở đảng với tổng số 3.100 đảng viên.")
    assert stock == [("grassroots_orgs", "all", 25), ("members_total", "all", 3100)]


def test_more_names_of_grassroots_organisations_and_members_still_active() -> None:
    assert _facts("Đảng bộ huyện Lục Nam có 45 tổ chức đảng trực thuộc, 8.100 đảng viên.") == [
        ("grassroots_orgs", "all", 45), ("members_total", "all", 8100)
    ]
    assert _facts("Đảng bộ huyện Lục Nam có 45 đảng bộ, chi bộ cơ sở với 8.100 đảng viên.") == [
        ("grassroots_orgs", "all", 45), ("members_total", "all", 8100)
    ]
    assert _facts("Đảng bộ huyện Lục Nam có 8.100 đảng viên đang sinh hoạt tại 45 tổ chức cơ sở đảng.") == [
        ("members_total", "all", 8100), ("grassroots_orgs", "all", 45)
    ]


def test_exceeded_by_a_percent_named_after_the_target() -> None:
    for tail, value in (("vượt chỉ tiêu 4%", 104), ("vượt kế hoạch đề ra 12,5%", 112.5)):
        assert ("target_attainment_pct", "all", value) in _facts(f"Năm 2022, Đảng bộ huyện Lục Nam kết nạp 260 đảng viên, {tail}.")


def test_an_attainment_after_an_admitted_fraction() -> None:
    facts = _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp được 260/250 đảng viên (đạt 104%).")
    assert sorted(facts) == [("admitted", "all", 260), ("admitted_target", "all", 250), ("target_attainment_pct", "all", 104)]


def test_totals_of_other_people_and_subgroups_are_not_the_membership() -> None:
    assert _facts("Năm 2022, Hội LHPN huyện Lục Nam kết nạp mới 500 hội viên, nâng tổng số hội viên lên 12.000.") == []
    assert ("members_total", "all", 12100) in _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 52 đảng viên, nâng tổng số lên 12.100.")
    assert _facts("Đảng bộ huyện Lục Nam có 300 đảng viên sinh hoạt nơi cư trú.") == []
    assert _facts("Lễ kết nạp đảng viên có 300 đảng viên, quần chúng tham dự.") == []
    assert _facts("Buổi lễ kết nạp đảng viên có hơn 200 đảng viên và nhân dân đến dự lễ.") == []
    assert _facts("Năm 2022, Đảng bộ xã kết nạp 12 đảng viên; 300 đảng viên tham gia lễ kết nạp.") == [("admitted", "all", 12)]
    assert _facts("Chi bộ thôn Đông có 45 đảng viên, 20 quần chúng ưu tú.") == [("members_total", "all", 45)]


def test_digits_inside_codes_are_not_numbers() -> None:
    assert find_numbers("Đồng chí A, học sinh lớp 12A1, được kết nạp vào Đảng") == []
    assert find_numbers("sinh viên khóa K54 được kết nạp") == []
    assert _facts("Đồng chí Lê Văn B, học sinh lớp 12A1, được kết nạp vào Đảng.") == []


def test_a_negated_admission_counts_nobody() -> None:
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 260 đảng viên; còn 50 quần chúng đủ điều kiện nhưng chưa được kết nạp.") == [
        ("admitted", "all", 260)
    ]
    assert _facts("Năm 2022, có 25 quần chúng không được kết nạp do chưa đủ tiêu chuẩn.") == []
    assert _facts("Năm 2022, có 25 quần chúng ưu tú được kết nạp vào Đảng.") == [("admitted", "all", 25)]


def test_units_named_before_a_parenthesised_count_own_it() -> None:
    facts = extract(_LEAD + "Năm 2022, các huyện kết nạp nhiều đảng viên là Lục Nam (312 đảng viên), Yên Dũng (205 đảng viên).").facts
    assert [(f.value, f.place) for f in facts] == [(312, "Lục Nam"), (205, "Yên Dũng")]


def test_breakdowns_by_age_or_schooling_are_not_facts() -> None:
    text = "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 260 đảng viên; đảng viên trẻ dưới 30 tuổi 200 đồng chí; có trình độ đại học 150 đồng chí."
    assert _facts(text) == [("admitted", "all", 260)]
    text = "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 260 đảng viên. Trong số đảng viên mới, có 200 đồng chí dưới 30 tuổi."
    assert _facts(text) == [("admitted", "all", 260)]


def test_a_structure_sentence_opened_by_ve_co_cau() -> None:
    text = "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 260 đảng viên. Về cơ cấu: nữ chiếm 48%, đoàn viên chiếm 80%."
    assert _facts(text) == [("admitted", "all", 260), ("admitted", "female", 48), ("admitted", "youth_union", 80)]


def test_a_headline_rounds_further_than_the_body() -> None:
    text = "Gần 100 đảng viên mới trong năm 2022\n\nNăm 2022, Đảng bộ huyện Lục Nam kết nạp 93 đảng viên, đạt 104% kế hoạch.\n"
    assert [(f.metric, f.value) for f in extract(text).facts] == [("admitted", 93), ("target_attainment_pct", 104)]
    body = "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 93 đảng viên. Từ năm 2020 đến nay, huyện kết nạp gần 100 đảng viên."
    assert sorted(f.value for f in extract(_LEAD + body).facts) == [93, 100]


def test_a_number_glued_to_a_word_by_a_typo_is_still_read() -> None:
    assert [n.value for n in find_numbers("Năm 2022, huyện kết nạp được25 đảng viên")] == [25]


def test_the_abbreviation_dv_with_a_slash() -> None:
    assert _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp được 25 đ/v.") == [("admitted", "all", 25)]


def test_classes_for_candidates_and_for_new_members() -> None:
    assert _facts("Năm 2022, huyện Lục Nam tổ chức lớp bồi dưỡng kết nạp đảng cho 45 quần chúng ưu tú.") == [
        ("candidates_trained", "all", 45)
    ]
    assert _facts("Năm 2022, huyện Lục Nam mở lớp bồi dưỡng đảng viên mới cho 250 học viên.") == []
    assert _facts("Năm 2022, huyện Lục Nam mở lớp bồi dưỡng nhận thức về Đảng cho 250 học viên.") == [("candidates_trained", "all", 250)]
    assert _facts("Năm qua, huyện Lục Nam đã bồi dưỡng kết nạp 107 đảng viên mới.") == [("admitted", "all", 107)]


def test_plans_of_other_programmes_are_not_the_attainment() -> None:
    lead = "Năm 2022, Đảng bộ huyện Lục Nam kết nạp 260 đảng viên. "
    for text in (
        "Tỷ lệ hộ nghèo giảm còn 2,5%, đạt 100% kế hoạch.", "Huyện hoàn thành 100% kế hoạch kiểm tra.",
        "Hoàn thành 100% chỉ tiêu giao quân.",
    ):
        assert _facts(lead + text) == [("admitted", "all", 260)], text
    same = _facts("Năm 2022, Đảng bộ huyện Lục Nam kết nạp 260 đảng viên, đạt 104% kế hoạch; công tác kiểm tra, giám sát đạt 100% kế hoạch.")
    assert same == [("admitted", "all", 260), ("target_attainment_pct", "all", 104)]
    assert ("target_attainment_pct", "all", 104) in _facts(lead + "Như vậy, huyện đã hoàn thành 104% chỉ tiêu.")


def test_ratings_are_not_attainments_nor_member_counts() -> None:
    assert _facts("Năm 2022, đảng viên hoàn thành tốt nhiệm vụ trở lên đạt 92%, vượt chỉ tiêu 2%.") == [
        ("members_good_rating_pct", "all", 92)
    ]
    assert _facts("Năm 2022, có 1.250 đảng viên (đạt 92%) được xếp loại hoàn thành tốt nhiệm vụ trở lên.") == []
