"""More distractors: union admissions, inspection, group shares, quotas; and relevance of such stories."""

from __future__ import annotations

from services.extractor.extract import extract


def _facts(text: str) -> list[tuple[str, float]]:
    return [(f.metric, f.value) for f in extract(text).facts]


def test_trade_union_and_youth_union_admissions_are_not_party_admissions() -> None:
    text = "Năm 2022, công đoàn huyện Thanh Chương kết nạp 640 đoàn viên công đoàn; Huyện ủy kết nạp 210 đảng viên."
    assert _facts(text) == [("admitted", 210)]
    text = "Năm 2022, Huyện đoàn Quế Phong kết nạp 1.350 đoàn viên mới. Đảng bộ huyện kết nạp 97 đảng viên mới."
    assert _facts(text) == [("admitted", 97)]


def test_inspection_and_discipline_counts_are_not_membership() -> None:
    text = "Năm 2021, Đảng bộ huyện Kỳ Anh kết nạp 180 đảng viên, kiểm tra 31 đảng viên, thi hành kỷ luật 7 đảng viên."
    assert _facts(text) == [("admitted", 180)]


def test_share_of_a_population_group_is_not_a_fact() -> None:
    text = "Năm 2022, tỉnh Đồng Nai kết nạp 2.450 đảng viên; tỷ lệ công nhân là đảng viên mới đạt 0,62%."
    assert _facts(text) == [("admitted", 2450)]


def test_quotas_are_not_facts() -> None:
    text = "Mỗi đảng viên giúp đỡ ít nhất 3 quần chúng, mỗi thôn giới thiệu ít nhất 2 quần chúng. Năm 2022, xã Yên Hòa kết nạp 14 đảng viên."
    assert _facts(text) == [("admitted", 14)]


def test_executive_committee_size_and_ages_are_not_counts() -> None:
    text = "Ban Chấp hành Đảng bộ xã khóa mới gồm 17 đồng chí. Năm 2022, xã Cẩm Lĩnh kết nạp 8 đảng viên, tuổi đời bình quân 26,4."
    assert _facts(text) == [("admitted", 8)]


def test_on_behalf_of_members_is_members_total() -> None:
    text = "Đại hội thay mặt cho 1.142 đảng viên của Đảng bộ xã Quỳnh Lưu bầu Ban Chấp hành khóa mới. Công tác phát triển đảng viên được chú trọng."
    assert ("members_total", 1142) in _facts(text)


def test_inspection_story_is_not_relevant() -> None:
    text = (
        "Ủy ban Kiểm tra Thành ủy Vinh kiểm tra 9 tổ chức đảng và 18 đảng viên; thi hành kỷ luật 4 đảng viên vi phạm. "
        "Công tác kiểm tra, giám sát góp phần nâng cao chất lượng đảng viên."
    )
    assert not extract(text).relevant


def test_trade_union_story_is_not_relevant() -> None:
    text = "Liên đoàn Lao động tỉnh kết nạp 2.300 đoàn viên công đoàn, thành lập 41 công đoàn cơ sở; công đoàn tiếp tục kết nạp hội viên."
    assert not extract(text).relevant


def test_member_quality_review_is_relevant() -> None:
    text = "Năm 2022, Đảng bộ phường Trà Bá đánh giá, xếp loại chất lượng đảng viên; 94,1% đảng viên hoàn thành tốt nhiệm vụ trở lên."
    result = extract(text)
    assert result.relevant
    assert [(f.metric, f.value) for f in result.facts] == [("members_good_rating_pct", 94.1)]


def test_education_breakdown_is_not_a_segment_fact() -> None:
    text = "Năm 2022, xã Phú Lâm kết nạp 13 đảng viên, tuổi đời bình quân 26,8, trình độ đại học 9 đồng chí."
    assert _facts(text) == [("admitted", 13)]


def test_numbered_ward_and_its_cell() -> None:
    facts = extract("Năm 2022, Chi bộ Khu phố 4 phường 12 kết nạp 3 đảng viên.").facts
    assert [(f.value, f.level) for f in facts] == [(3, "cell")]
    facts = extract("Năm 2022, Đảng bộ Phường 14 quận Gò Vấp kết nạp 11 đảng viên.").facts
    assert [(f.value, f.org) for f in facts] == [(11, "Đảng bộ Phường 14")]


def test_congress_story_states_membership_but_delegates_and_committee_are_not_facts() -> None:
    # Membership statistics make an article relevant (ANNOTATION.md; the dev2 annotators mark such stories relevant).
    text = (
        "Đại hội đại biểu Đảng bộ xã Nghĩa Lâm lần thứ XXV, nhiệm kỳ 2025 - 2030 có 120 đại biểu thay mặt cho 512 đảng viên "
        "sinh hoạt tại 21 tổ chức cơ sở đảng. Đại hội bầu Ban Chấp hành gồm 15 đồng chí."
    )
    ex = extract(text)
    assert ex.relevant
    assert sorted((f.metric, f.value) for f in ex.facts) == [("grassroots_orgs", 21), ("members_total", 512)]


def test_story_without_member_figures_is_not_relevant() -> None:
    text = "Đại hội đại biểu Đảng bộ xã Nghĩa Lâm lần thứ XXV có 120 đại biểu tham dự. Đại hội bầu Ban Chấp hành gồm 15 đồng chí."
    assert not extract(text).relevant
