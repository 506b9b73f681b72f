"""Stock figures stated outside recruitment stories: members, cells, grassroots organisations; awards and changes are not."""

from __future__ import annotations

from services.extractor.extract import extract


def _facts(text: str) -> list[tuple[str, float]]:
    return sorted((f.metric, f.value) for f in extract(text).facts)


def test_party_committees_listed_with_cells_are_grassroots_organisations() -> None:
    text = "Đến nay, Đảng bộ thị xã Bình Long có 1.200 đảng viên với 10 Đảng bộ và 40 Chi bộ cơ sở, 106 chi bộ trực thuộc."
    assert _facts(text) == [("grassroots_orgs", 10), ("members_total", 1200), ("party_cells", 40), ("party_cells", 106)]


def test_cells_attached_to_higher_committees_are_counted() -> None:
    text = "Tính đến hết năm 2014, Đảng bộ tỉnh Hà Nam có 261 Đảng bộ cơ sở và 3.076 chi bộ trực thuộc các Đảng bộ huyện, thành phố."
    assert _facts(text) == [("grassroots_orgs", 261), ("party_cells", 3076)]
    text = "Tính đến tháng 9/2022, toàn Đảng bộ huyện Bảo Yên có 16 đảng bộ cơ sở và 42 chi bộ cơ sở trực thuộc (giảm 3 chi bộ so với năm 2021)."
    assert _facts(text) == [("grassroots_orgs", 16), ("party_cells", 42)]


def test_mixed_cells_and_committees_are_grassroots_organisations() -> None:
    assert _facts("Đảng bộ Khối các cơ quan tỉnh Lai Châu hiện có 73 chi, đảng bộ trực thuộc.") == [("grassroots_orgs", 73)]


def test_raised_totals_in_other_units() -> None:
    text = "Năm 2022, Đảng bộ xã Tân Lập thành lập mới 2 chi bộ, nâng tổng số chi bộ trực thuộc lên 19 đơn vị, nâng tổng số đảng viên lên 189 người."
    assert _facts(text) == [("members_total", 189), ("party_cells", 19)]
    assert _facts("Năm 2014, tổng số đảng viên của tỉnh Hà Nam có gần 57 ngàn người.") == [("members_total", 57000)]


def test_members_listed_after_cells() -> None:
    text = "Tháng 6-2019, Đảng bộ các Khu công nghiệp tỉnh Long An được thành lập, có 7 chi bộ trực thuộc, với 80 đảng viên."
    assert _facts(text) == [("members_total", 80), ("party_cells", 7)]


def test_awarded_or_transferred_organisations_are_not_counts() -> None:
    text = "Năm 2023, Ban Thường vụ Tỉnh ủy Hải Dương tặng bằng khen cho 45 tổ chức cơ sở đảng và 8 chi bộ trực thuộc có 200 đảng viên."
    assert not [f for f in _facts(text) if f[0] in ("grassroots_orgs", "party_cells")]
    text = "Từ tháng 4-2023, tỉnh Hải Dương đã chuyển giao 21 tổ chức cơ sở đảng về Đảng bộ Khối doanh nghiệp, có 1.500 đảng viên."
    assert not [f for f in _facts(text) if f[0] == "grassroots_orgs"]


def test_created_cells_and_committee_members_are_not_stock() -> None:
    assert not [f for f in _facts("Năm 2021, Đảng bộ xã Mường Bo có 300 đảng viên, đã thành lập thêm 1 chi bộ trực thuộc mới.") if f[0] == "party_cells"]
    text = "Năm 1945, Trung ương thành lập Ban Cán sự Đảng tỉnh Hòa Bình gồm 2 đồng chí; đến nay toàn tỉnh có 50.896 đảng viên."
    assert _facts(text) == [("members_total", 50896)]


def test_figure_per_unit_is_nobody_s_total() -> None:
    text = "Năm 2023, tỉnh Hải Dương kết nạp 3.000 đảng viên; xã Thượng Đạt, phường Phạm Ngũ Lão (mỗi nơi 4 đảng viên)."
    assert _facts(text) == [("admitted", 3000)]


def test_stock_figures_take_the_period_the_text_is_about() -> None:
    text = "Năm 2014, tỉnh Vĩnh Phúc kết nạp 2.000 đảng viên. Tổng số đảng viên có gần 57 ngàn người."
    stock = [f for f in extract(text).facts if f.metric == "members_total"]
    assert [(f.value, f.period_start, f.period_end) for f in stock] == [(57000, None, "2014")]


def test_from_the_start_of_a_year_without_a_publication_date() -> None:
    text = "Từ đầu năm 2021 đến nay, Đảng bộ xã Văn Xá đã kết nạp được 5 đảng viên mới, đạt 100% kế hoạch."
    assert {f.period_end for f in extract(text).facts} == {"2021"}


def test_term_in_parentheses() -> None:
    text = "Trong nhiệm kỳ (2015-2020) huyện Chư Sê đã kết nạp được 1.500 đảng viên."
    assert [(f.period_start, f.period_end) for f in extract(text).facts] == [("2015", "2020")]


def test_headline_place_names_the_party_committee_of_the_body() -> None:
    text = "Lào Cai kết nạp 1.783 đảng viên\n\nNăm 2010, Đảng bộ đã kết nạp được 1.783 đảng viên, nâng tổng số đảng viên lên 30.009 đồng chí."
    assert {f.place for f in extract(text).facts} == {"Lào Cai"}


def test_person_or_street_names_are_not_the_article_place() -> None:
    text = (
        "Năm 2023, Chi bộ thôn 2 kết nạp 3 đảng viên, do đồng chí Hùng Vương giới thiệu. "
        "Lễ kết nạp tổ chức tại nhà văn hóa trên đường Hùng Vương."
    )
    assert all(f.place != "Hùng Vương" for f in extract(text).facts)


def test_capitalised_runs_start_at_word_starts() -> None:
    from services.extractor.orgs import bare_places

    assert bare_places("sinh viên của Trường Đại học Hùng Vương, Hiệp Hòa với Lục Nam") == ["Hùng Vương", "Hiệp Hòa", "Lục Nam"]


def test_agency_of_the_city_named_tp() -> None:
    text = "Năm 2023, Đảng bộ Khối Dân - Chính - Đảng TP kết nạp 120 đảng viên. TP Cần Thơ luôn quan tâm công tác phát triển đảng viên."
    assert [f.place for f in extract(text).facts] == ["Cần Thơ"]


def test_members_listed_after_cells_even_when_the_sentence_speaks_of_development() -> None:
    text = (
        "Thực hiện Đề án phát triển đảng viên ở doanh nghiệp, tháng 6-2019 Đảng bộ các Khu công nghiệp tỉnh Tiền Giang "
        "được thành lập, có 7 chi bộ trực thuộc, với 80 đảng viên."
    )
    assert _facts(text) == [("members_total", 80), ("party_cells", 7)]


def test_every_item_of_a_dissolution_is_a_change_not_a_stock() -> None:
    from services.extractor.extract import extract

    lead = "Công tác phát triển đảng viên được chú trọng. "
    text = lead + "Năm 2021, huyện Lục Nam giải thể 12 chi bộ cơ quan xã và 3 chi bộ trực thuộc Huyện ủy."
    assert [f for f in extract(text).facts if f.metric == "party_cells"] == []
    after = lead + "Năm 2021, huyện Lục Nam thành lập mới 2 chi bộ, nâng tổng số lên 40 chi bộ trực thuộc."
    assert [f.value for f in extract(after).facts if f.metric == "party_cells"] == [40]


def test_a_count_with_its_share_of_a_whole_is_not_the_membership() -> None:
    from services.extractor.extract import extract

    lead = "Công tác phát triển đảng viên được chú trọng. "
    part = lead + "Đảng viên người dân tộc thiểu số tăng; huyện Lạc Dương có 925 đảng viên (chiếm 31,1%)."
    assert [f for f in extract(part).facts if f.metric == "members_total"] == []
    whole = lead + "Đảng bộ huyện Lạc Dương hiện có 2.340 đảng viên, chiếm 3,2% dân số."
    assert [f.value for f in extract(whole).facts if f.metric == "members_total"] == [2340]


def test_a_member_count_with_its_ratio_is_a_part_not_the_membership() -> None:
    from services.extractor.extract import extract

    text = "Công tác phát triển đảng viên được chú trọng. Tính đến tháng 8-2023, tổng số đảng viên ở các xã của huyện Lục Nam là 2.609 đảng viên (tỷ lệ 78,70%)."
    assert [f for f in extract(text).facts if f.metric == "members_total"] == []


def test_good_and_excellent_together_is_the_good_or_above_share() -> None:
    from services.extractor.extract import extract

    lead = "Công tác phát triển đảng viên được chú trọng. "
    both = extract(lead + "Năm 2023, Đảng bộ xã Tân Lập có 95% đảng viên hoàn thành tốt và xuất sắc nhiệm vụ.").facts
    assert [(f.metric, f.value) for f in both] == [("members_good_rating_pct", 95)]
    excellent = extract(lead + "Năm 2023, Đảng bộ xã Tân Lập có 15% đảng viên hoàn thành xuất sắc nhiệm vụ.").facts
    assert [f for f in excellent if f.metric == "members_good_rating_pct"] == []


def test_cells_reorganised_or_given_to_are_not_the_stock() -> None:
    from services.extractor.extract import extract

    lead = "Công tác phát triển đảng viên được chú trọng. "
    for text in (
        "Năm 2023, huyện Lục Nam kiện toàn 5 chi bộ.",
        "Năm 2023, huyện Lục Nam chia tách 3 chi bộ.",
        "Năm 2023, Huyện ủy giao chỉ tiêu cho 30 chi bộ.",
    ):
        assert [f for f in extract(lead + text).facts if f.metric == "party_cells"] == [], text
    stock = extract(lead + "Năm 2023, Đảng bộ huyện Lục Nam kiện toàn tổ chức, hiện có 40 chi bộ.").facts
    assert [f.value for f in stock if f.metric == "party_cells"] == [40]


def test_a_threshold_units_reached_is_not_an_admission() -> None:
    from services.extractor.extract import extract

    lead = "Công tác phát triển đảng viên được chú trọng. "
    assert extract(lead + "Năm 2023, có 6 chi bộ kết nạp được từ 3 đảng viên trở lên.").facts == ()
    own = extract(lead + "Năm 2023, Đảng bộ huyện Lục Nam đã kết nạp được từ 120 đảng viên trở lên.").facts
    assert [(f.metric, f.value) for f in own] == [("admitted", 120)]


def test_party_organisations_in_enterprises_are_grassroots_organisations() -> None:
    from services.extractor.extract import extract

    lead = "Công tác phát triển đảng viên được chú trọng. "
    text = lead + "Tính đến năm 2023, tỉnh Bắc Giang có 66 tổ chức đảng trong doanh nghiệp ngoài nhà nước với 2.901 đảng viên."
    assert [(f.metric, f.value) for f in extract(text).facts if f.metric == "grassroots_orgs"] == [("grassroots_orgs", 66)]
    rated = extract(lead + "Năm 2023, 95 tổ chức đảng được xếp loại hoàn thành tốt nhiệm vụ.").facts
    assert [f for f in rated if f.metric == "grassroots_orgs"] == []


def test_cells_something_is_done_to_are_not_the_stock() -> None:
    from services.extractor.extract import extract

    lead = "Năm 2023, huyện Lục Nam kết nạp 150 đảng viên. "
    for sentence in ("Đã kiểm tra 25 chi bộ.", "Các đồng chí Huyện ủy viên dự sinh hoạt tại 35 chi bộ.",
                     "Có 3 tổ chức cơ sở đảng được thành lập mới."):
        assert [f.metric for f in extract(lead + sentence).facts] == ["admitted"], sentence
    stock = extract("Đến nay, Đảng bộ xã Lục Sơn có 262 đảng viên sinh hoạt tại 11 chi bộ.").facts
    assert ("party_cells", 11) in [(f.metric, f.value) for f in stock]


def test_members_a_class_is_for_are_not_admitted_and_a_pool_of_candidates_is_one() -> None:
    from services.extractor.extract import extract

    lead = "Năm 2023, huyện Lục Nam kết nạp 150 đảng viên. "
    facts = extract(lead + "Huyện mở lớp bồi dưỡng đảng viên mới cho 120 đảng viên.").facts
    assert [(f.metric, f.value) for f in facts] == [("admitted", 150)]
    facts = extract(lead + "Hiện nguồn phát triển đảng viên của huyện có 400 quần chúng.").facts
    assert [(f.metric, f.value) for f in facts] == [("admitted", 150), ("candidates_trained", 400)]


def test_a_named_subgroup_of_the_membership_is_not_its_total() -> None:
    from services.extractor.extract import extract

    facts = extract("Năm 2023, huyện Lục Nam kết nạp 150 đảng viên. Số đảng viên dự bị hiện nay là 300 đồng chí.").facts
    assert [(f.metric, f.value) for f in facts] == [("admitted", 150)]


def test_rankings_after_an_admission_are_admissions_and_the_membership_named_is_a_total() -> None:
    from services.extractor.extract import extract

    text = "Năm 2023, xã Tân Hòa kết nạp 12 đảng viên, cao nhất huyện; thấp nhất là xã Tân Lập với 2 đảng viên."
    assert [(f.metric, f.value) for f in extract(text).facts] == [("admitted", 12), ("admitted", 2)]
    text = "Năm 2023, chi bộ thôn Tân Hòa kết nạp 2 đảng viên, là chi bộ có số đảng viên đông nhất xã với 30 đồng chí."
    assert [(f.metric, f.value) for f in extract(text).facts] == [("admitted", 2), ("members_total", 30)]


def test_what_each_of_several_units_admitted_is_no_admission() -> None:
    from services.extractor.extract import extract

    assert extract("Công tác phát triển đảng viên được chú trọng. Năm 2023, có 3 xã chỉ kết nạp được 1 đảng viên.").facts == ()
    one = extract("Công tác phát triển đảng viên được chú trọng. Năm 2023, xã Tân Hòa chỉ kết nạp được 1 đảng viên.").facts
    assert [(f.metric, f.value) for f in one] == [("admitted", 1)]


def test_youth_union_recruiting_and_organisations_built_up_are_not_the_partys_figures() -> None:
    from services.extractor.extract import extract

    lead = "Năm 2023, huyện Lục Nam kết nạp 150 đảng viên. "
    for sentence in ("Kết nạp mới 500 đoàn viên, đạt 110% kế hoạch.", "Toàn huyện phát triển được 12 tổ chức cơ sở đảng."):
        assert [(f.metric, f.value) for f in extract(lead + sentence).facts] == [("admitted", 150)], sentence
    into_party = extract(lead + "Kết nạp 45 đoàn viên ưu tú vào Đảng, đạt 90% chỉ tiêu.").facts
    assert ("target_attainment_pct", 90) in [(f.metric, f.value) for f in into_party]
