"""Percent figures: attainment, admission rate, target rate, good rating or a segment share."""

from __future__ import annotations

from services.extractor import vocab as v
from services.extractor.numbers import find_fractions, find_numbers
from services.extractor.registry import RATE_CEILING
from services.extractor.sites import STOCK, WINDOW, Cls, Site, per_year

NOT_ADMISSION_COUNTS = ("candidates_trained", "members_removed")
"""Counts whose attainment, stated right after them, is not the admissions' (candidates introduced, members removed)."""
RATE_DOUBTFUL = 15.0
"""A rate of admissions this high, not said to be of the whole membership ("so với tổng số đảng viên"), is doubtful."""
OVER_ALL = 100.0
"""A percent over this is of no whole (no share, no rate): after an admitted count, only its attainment."""
FRACTION_RATIO_SLACK = 1.0
"""Points a percent may differ from its fraction's ratio and still state it (rounding: "48/204 (23,5%)")."""


def pct(site: Site) -> Cls | None:
    """A percent: attainment, admission rate, target rate, good rating or a segment share."""
    found = _read(site)
    if found is None or (found.metric == "target_attainment_pct" and _not_achieved(site)):
        return None
    if found.metric == "admitted" and site.prev is not None and site.prev.metric == "admitted_target" and _planned(site):
        return None  # "phấn đấu kết nạp 250 đảng viên, trong đó 70% là đoàn viên": a share of the target, no metric
    return _as_goal(site, found)


def _read(site: Site) -> Cls | None:
    """What a percent states, read from the words around it."""
    local, right = site.local, site.right
    if v.BELOW_BEFORE.search(local):
        return None  # "chưa đạt 50% kế hoạch": below the figure, not the figure
    found = _vuot(site)
    if found:
        return found
    if v.CHANGE_BEFORE.search(local) or v.COMPARE_AFTER.match(right) or v.ECON.search(site.clause) or v.POPULATION_AFTER.match(right):
        return None
    if v.UNION.search(site.around) and not v.PARTY_MEMBER_WORD.search(site.around):
        return None
    if v.UNITS_FRACTION.search(local) or _units_reaching(site):
        return None
    found = _good_share(site)
    if found:
        return found
    if v.SHARE_NOUN_AFTER.match(right) or v.REST.search(local) or v.SHARE_OF_UNITS.search(site.clause) or v.GROUP_SHARE.search(site.clause):
        return None
    if v.SHARE_BEFORE.search(local) and not v.TARGET_WORD_AFTER.match(right):
        return _of_members(site) or _pool_of_members(site) or _share(site)  # "…, chiếm 3,9% tổng số đảng viên": the rate
    for rule in (_vuot, _attainment, _good, _of_members, _pool_of_members, _target_pct, _rate, _segment_pct, _list_item):
        found = rule(site)
        if found:
            return found
    return None


def _as_goal(site: Site, found: Cls) -> Cls | None:
    """A percent in a plan's list or a sentence of tasks ("Phương hướng, nhiệm vụ năm 2024: …") states a goal: a rate is
    the target rate, a rating or an attainment has no metric; anything else is as read."""
    goal = site.plan_item or bool(v.TASKS_OPEN.match(site.prefix) and not v.DONE.search(site.prefix))
    if not goal:
        return found
    if found.segment != "all":
        return None  # "Phương hướng …: 70% đảng viên mới là đoàn viên": a goal for a segment's share, no metric
    if found.metric == "admission_rate_pct":
        return Cls("admitted_target_pct", "all", "pct", found.per_year, found.value)
    return None if found.metric in ("members_good_rating_pct", "target_attainment_pct") else found


def _not_achieved(site: Site) -> bool:
    """Whether an attainment is pledged or projected, or is the attainment of a count that is not of admissions, or the
    share a surplus count is of its target ("vượt 15 đảng viên (6,5%) so với chỉ tiêu"), or a segment's own."""
    return _projected(site) or _after_other_count(site) or _after_surplus(site) or _of_segment(site)


def _of_segment(site: Site) -> bool:
    """Whether the attainment follows, in its clause, a segment's count that breaks down a whole admission stated before
    it in the sentence ("kết nạp 245 đảng viên; kết nạp 60 đảng viên là người dân tộc thiểu số, đạt 120% chỉ tiêu")."""
    prev = site.prev
    if prev is None or prev.metric != "admitted" or prev.segment == "all":
        return False
    count = _count_before(site)
    return count is not None and bool(v.WHOLE_ADMISSION.search(site.low[:count]))


def _after_surplus(site: Site) -> bool:
    """Whether the count just before the percent in its clause is a surplus or change ("vượt 15 đảng viên (6,5%)")."""
    if not v.CHANGE_WORD.search(site.clause):
        return False
    count = _count_before(site)
    return count is not None and bool(v.CHANGE_BEFORE.search(site.low[site.clause_start : count]))


def _count_before(site: Site) -> int | None:
    """Where the number just before the percent in its clause starts, when it is a count (not a percent)."""
    if site.local_start <= site.clause_start:
        return None
    before = find_numbers(site.text[site.clause_start : site.local_start])
    if not before or before[-1].pct:
        return None
    return site.clause_start + before[-1].start


def _planned(site: Site) -> bool:
    """Whether a pledge, a projection or a plan opening governs the sentence so far, with no result reported after it."""
    pledges = list(v.ATTAINMENT_PROJECTED.finditer(site.prefix))
    if pledges and not v.DONE.search(site.prefix, pledges[-1].end()):
        return True
    opens = v.PLAN_OPENS.match(site.prefix)
    return opens is not None and not v.DONE.search(site.prefix, opens.end())


def _projected(site: Site) -> bool:
    """Whether a pledge or projection governs the percent in its clause ("phấn đấu đạt 100% chỉ tiêu"): no result yet."""
    pledges = list(v.ATTAINMENT_PROJECTED.finditer(site.clause))
    return bool(pledges) and not v.DONE.search(site.clause, pledges[-1].end())


def _after_other_count(site: Site) -> bool:
    """Whether the count just before the percent in its clause is not of admissions ("giới thiệu 300 đoàn viên ưu tú …,
    đạt 120% chỉ tiêu": the introductions' attainment)."""
    prev = site.prev
    return prev is not None and prev.metric in NOT_ADMISSION_COUNTS and site.local_start > site.clause_start


def _units_reaching(site: Site) -> bool:
    """Whether the percent is what a count of units just before it reached ("30 xã đạt 100% kế hoạch")."""
    counted = site.local_start > 0 and site.text[site.local_start - 1].isdigit()
    return bool(counted and v.UNITS_REACHING_PCT.match(site.local))


def _list_item(site: Site) -> Cls | None:
    """ "…: huyện A đạt 61,9%; huyện B 45,2%": a bare percent after a unit's name repeats the previous attainment or rate."""
    prev = site.prev
    if prev is None or prev.metric not in ("target_attainment_pct", "admission_rate_pct") or prev.note:
        return None
    if not v.UNIT_NAME_ITEM.match(site.text[site.local_start : site.num.start]) or not v.ITEM_END_AFTER.match(site.right):
        return None
    return Cls(prev.metric, "all", "pct", prev.per_year, site.num.value)


def _share(site: Site) -> Cls | None:
    """ "…, chiếm 67,9%": the share of the segment just counted or labelled in an admission breakdown, else nothing."""
    prev = site.prev
    if prev and prev.metric in STOCK:
        return None  # a share of the membership, not of the admitted
    if prev and prev.metric == "admitted" and prev.unit == "count" and prev.segment != "all":
        return Cls("admitted", prev.segment, "pct", False, site.num.value)
    if v.OF_MEMBERSHIP_AFTER.match(site.right):
        return None  # "đảng viên nữ chiếm 38% tổng số đảng viên toàn huyện": a share of the membership
    if not (site.admit_context or v.ADMIT.search(site.prefix) or v.ADMITTED_POOL.search(site.right)):
        return None
    segs = list(dict.fromkeys(v.segments_in(v.PART_SEP.split(site.local.rstrip())[0] if site.prev else site.local)))
    if len(segs) == 1:
        return Cls("admitted", segs[0], "pct", False, site.num.value)
    return _segment_pct(site)


def _vuot(site: Site) -> Cls | None:
    """ "vượt 26,9% nghị quyết" -> attainment 126.9 (note "vuot")."""
    before = v.VUOT_BEFORE.search(site.local) and v.TARGET_WORD_AFTER.match(site.right)
    named = bool(v.VUOT_TARGET_BEFORE.search(site.local) and v.ITEM_END_AFTER.match(site.right))
    named = named and not v.GOOD.search(site.clause) and not v.OTHER_PROGRAM.search(site.clause)  # not "… tốt nhiệm vụ đạt 92%, vượt chỉ tiêu 2%"
    planned = bool(v.PLAN_THEN_VUOT_BRACKET.search(site.local) and v.CLOSE_BRACKET_AFTER.match(site.right))  # "… kế hoạch (vượt 6,5%)"
    subject = v.PLAN_SUBJECT_DONE_BEFORE.search(site.local)
    planned = planned or bool(subject and subject.group("verb") == "vượt")  # "chỉ tiêu kết nạp đảng viên vượt 5%"
    carried = site.after_admission and v.PLAN_FIRST_VUOT.fullmatch(site.local) and not _other_programme(site)
    planned = planned or bool(carried)  # "… kết nạp 8 đảng viên. So với kế hoạch, vượt 33%."
    unit = _unit_vuot(site)  # "Nhiều đơn vị vượt chỉ tiêu như: huyện A vượt 20%, huyện B vượt 15%"
    if not (before or named or planned or unit) or site.num.value >= OVER_ALL:
        return None  # "vượt 106,5% kế hoạch": more likely the attainment itself than more than double
    if not unit and _points_over(site):
        return None  # in a list of units, the percent before is the unit before's, not a rate
    if _other_party_work(site) or _other_indicator(site):
        return None
    return Cls("target_attainment_pct", "all", "pct", False, round(100 + site.num.value, 4), note="vuot")


def _attainment(site: Site) -> Cls | None:
    """ "đạt 56,8% so với mục tiêu", "(đạt 160% kế hoạch)", "đạt gần 70% chỉ tiêu"."""
    if _other_party_work(site) or v.OTHER_MEMBERS_COUNTED.search(site.clause) or _other_indicator(site) or _other_count(site):
        return None  # "…; chuyển đảng chính thức cho 120 đảng viên, đạt 100%", "kết nạp 500 đoàn viên, đạt 110%": not the Party's
    unit_item = site.breakdown_of == "target_attainment_pct" and v.ACHIEVED_BEFORE.search(site.local)
    if unit_item and v.ITEM_END_AFTER.match(site.right):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)  # "Trong đó, huyện A đạt 61,9%; …"
    if _unit_attainment(site):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value, list_item=True)  # "Các đơn vị …: A đạt 110%, B (đạt 105%)"
    if _other_matter_clause(site) or v.VUOT_PLAN_BRACKET_BEFORE.search(site.local):
        return None  # the attainment of another figure of the clause; "vượt chỉ tiêu (5%)"
    if _fraction_ratio(site):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)  # "kết nạp 180/200 đảng viên (90%)"
    if not v.RECRUIT.search(site.around):
        named_after = v.ATTAINMENT_CARRIED.fullmatch(site.local) and v.TARGET_WORD_AFTER.match(site.right)
        rate = v.ATTAINMENT_RATE.search(site.clause) and v.ACHIEVED_BEFORE.search(site.local)  # "Tỷ lệ hoàn thành kế hoạch đạt 133%."
        carried = bool(site.after_admission and (named_after or rate or v.PLAN_FIRST_CARRIED.fullmatch(site.local)))
        carried = carried and not _other_programme(site) and not v.FIGURE_BEFORE.search(site.prefix)
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value) if carried else None
    if v.ATTAINMENT_RATE.search(site.clause) and v.ACHIEVED_BEFORE.search(site.local):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
    subject = v.PLAN_SUBJECT_DONE_BEFORE.search(site.local)
    if subject and subject.group("verb") == "hoàn thành":
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)  # "chỉ tiêu kết nạp đảng viên hoàn thành 105%"
    other = v.OTHER_PROGRAM.search(site.local) or v.OTHER_ACTIVITY.search(site.local) or v.OTHER_ACTIVITY.search(site.right[:40])
    plan_after = v.TARGET_WORD_AFTER.match(site.right) or _plan_value_after(site) or v.ATTAINMENT_NAMED_BEFORE.search(site.local)
    plan_after = plan_after or (v.ACHIEVED_BEFORE.search(site.local) and v.PLAN_AFTER_BRACKET.match(site.right))  # "đạt 106% (so với kế hoạch)"
    if plan_after and not v.GOOD.search(site.clause) and not other:
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
    bare = bool(v.ITEM_END_NO_AND_AFTER.search(site.right) and v.ACHIEVED_OR_OPEN_BEFORE.search(site.local))
    bare = bare and not v.RATE_WORD.search(site.local) and not _after_segment_count(site)
    after_admitted = site.prev is not None and site.prev.metric == "admitted" and site.prev.unit == "count"
    after_admitted = after_admitted or bool(v.ADMITTED_FRACTION_BEFORE.search(site.local))  # "kết nạp được 250/240 đảng viên (đạt 104%)"
    after_target = site.prev is not None and site.prev.metric == "admitted_target" and site.prev.unit == "count"
    after_admitted = after_admitted or bool(after_target and v.TARGET_BRACKET_THEN_ACHIEVED.fullmatch(site.local))  # "12 (KH 10), đạt 120%"
    if bare and after_admitted and site.num.value >= RATE_CEILING and v.RATIO_BEFORE.search(site.local.replace(")", "")):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
    if bare and after_admitted and site.num.value > OVER_ALL and v.COUNT_THEN_OPEN.fullmatch(site.local):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)  # "kết nạp 245 đảng viên (105%)": over all there is
    if bare and v.QUOTA_OR_PLAN.search(site.around) and not v.RATING_WORD.search(site.clause):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value) if _about_admission(site) else None
    return None


def _unit_vuot(site: Site) -> bool:
    """A unit's item "Name vượt X%" of a list headed by a plan ("… vượt chỉ tiêu như: A vượt 20%") or of exceeded plans."""
    item = v.ITEM_SEP.split(site.text[site.local_start : site.num.start])[-1]
    tail = v.VUOT_ITEM_TAIL.search(item)
    if not tail or not v.ITEM_END_AFTER.match(site.right):
        return False
    name = v.LIST_OPENER.sub("", item[: tail.start()].strip()) + " "  # "trong đó huyện A vượt 20%"
    if not (v.UNIT_NAME_ATTAINMENT.match(name) or v.UNIT_ORG_ATTAINMENT.match(name)):
        return False
    listed = site.prev is not None and site.prev.metric == "target_attainment_pct" and site.prev.note == "vuot"
    head = site.low[: site.num.start].split(":", 1)
    headed = site.after_admission and len(head) == 2 and bool(v.PLAN_OR_RESOLUTION.search(head[0])) and not v.DIGIT.search(head[0])
    return listed or headed


def _other_matter_clause(site: Site) -> bool:
    """Whether a figure of another matter comes before the percent in its clause, and no admission ("…; phát hành 5.000 thẻ
    đảng viên, đạt 100% kế hoạch", "…; 100% thôn có chi bộ, đạt 100%", "tỷ lệ hộ nghèo còn 3%, đạt 100% kế hoạch")."""
    head = site.low[site.clause_start : site.num.start]
    if v.ADMISSION_NAMED.search(head):
        return False
    figures = find_numbers(head)
    if not figures:
        return False
    prev = site.prev
    listing = prev is not None and prev.metric == "target_attainment_pct" and all(n.pct for n in figures)
    own = prev is not None and prev.metric in ("admitted", "admitted_target") and prev.value == figures[-1].value
    return not (listing or own)  # "…; A (105%) và B (104,61%)": a list goes on; "Chỉ tiêu … là 6 đảng viên, đạt 133%"


def _plan_value_after(site: Site) -> bool:
    """ "đạt 104% (chỉ tiêu 3.000)": an achieved percent, too high for a rate, then its plan's figure in brackets."""
    achieved = v.ACHIEVED_BEFORE.search(site.local) and not v.RATE_WORD.search(site.local)
    return bool(achieved and site.num.value >= RATE_CEILING and v.PLAN_VALUE_BRACKET_AFTER.match(site.right))


def _fraction_ratio(site: Site) -> bool:
    """Whether the percent follows an admitted fraction and states its ratio ("kết nạp 180/200 đảng viên (90%)")."""
    unit_line = site.after_admission and v.UNIT_FRACTION_LINE.match(site.text)  # "Xã Tân Lập: 12/10 (120%)"
    if not (v.ADMITTED_FRACTION_BEFORE.search(site.local) or unit_line) or not v.ACHIEVED_OR_BARE_OPEN_BEFORE.search(site.local):
        return False
    fractions = find_fractions(site.text[site.local_start : site.num.start])
    if not fractions or not fractions[-1][3]:
        return False
    _, _, got, target = fractions[-1]
    return abs(100 * got / target - site.num.value) <= FRACTION_RATIO_SLACK


def _other_indicator(site: Site) -> bool:
    """Whether the item the percent ends names another indicator than admissions ("…, chỉ tiêu thôn có chi bộ đạt 100%")."""
    item = v.ITEM_SEP.split(site.text[site.local_start : site.num.start])[-1]
    return bool(v.OTHER_INDICATOR.search(item)) and not v.ADMIT.search(item)


def _after_segment_count(site: Site) -> bool:
    """Whether a segment's admitted count comes just before ("trong đó 60 đảng viên là nữ (40%)"): a share, not an attainment."""
    prev = site.prev
    return prev is not None and prev.metric == "admitted" and prev.unit == "count" and prev.segment != "all"


def _other_count(site: Site) -> bool:
    """Whether the count just before the percent, in its clause, is of candidates or units, with no admission named."""
    if site.local_start <= site.clause_start or not v.OTHER_COUNTED_REACHING.match(site.local):
        return False
    head = v.LABEL_SEP.split(site.low[site.clause_start : site.local_start])[-1]
    return not v.ADMIT.search(head + site.local)


def _unit_attainment(site: Site) -> bool:
    """An item of a list of units' attainments after an admission ("Các đơn vị hoàn thành chỉ tiêu: A đạt 110%, B (đạt 105%)")."""
    if not site.after_admission or not v.ITEM_END_AFTER.match(site.right):
        return False
    head = site.low[: site.num.start].split(":", 1)
    rate_head = len(head) == 2 and v.ADMISSION_RATE_HEAD.search(head[0]) and site.num.value >= RATE_CEILING
    if len(head) < 2 or not (v.PLAN_OR_RESOLUTION.search(head[0]) or rate_head) or v.DIGIT.search(head[0]):
        return False  # "Các đơn vị có tỷ lệ kết nạp cao là: A đạt 150%, …": too high for a rate, the units' attainments
    item = v.ITEM_SEP.split(site.text[site.local_start : site.num.start])[-1]
    name = v.UNIT_TITLES_BEFORE.sub("", item.strip())
    named = v.UNIT_NAME_ATTAINMENT.match(item) or v.UNIT_ORG_ATTAINMENT.match(item)
    return bool(named) and bool(name) and name.split()[0].lower() not in v.NOT_NAME_WORDS


def _other_programme(site: Site) -> bool:
    """Whether the sentence's percent is of another programme ("Tỷ lệ hộ nghèo …, đạt 100% kế hoạch", "100% kế hoạch kiểm tra")."""
    head = site.right[:40]
    return bool(v.OTHER_PROGRAM.search(site.prefix) or v.OTHER_PROGRAM.search(head) or v.OTHER_ACTIVITY.search(head))


def _points_over(site: Site) -> bool:
    """ "tỷ lệ kết nạp đạt 3,2%, vượt 0,2% so với chỉ tiêu", "nữ chiếm 45%, vượt 5%": points over the target of the percent
    just before it in the clause (a rate, a share, a rating; not smaller than it), not 100 + N% of a count's target."""
    prev = site.prev
    if prev is not None and prev.metric == "admission_rate_pct" and site.num.value <= prev.value:
        return True
    if site.local_start <= site.clause_start or site.text[site.local_start - 1 : site.local_start] != "%":
        return False
    if v.COMPARE_AFTER.match(site.low[site.local_start - 1 : site.num.start]):
        return False  # "tăng 10% so với năm 2022, vượt 6,5% chỉ tiêu": the percent before is a change, not a rate
    before = find_numbers(site.text[max(site.clause_start, site.local_start - 24) : site.local_start])
    return bool(before) and site.num.value <= before[-1].value  # "đạt 3,5% …, vượt 16,7% kế hoạch": the count's target


def _other_party_work(site: Site) -> bool:
    """A clause about other party work than admissions ("…; thu đảng phí đạt 102%", "tổ chức học tập nghị quyết đạt …")."""
    before = site.clause
    return bool(v.OTHER_PARTY_WORK.search(before)) and not v.ADMIT.search(before)


def _about_admission(site: Site) -> bool:
    """Whether a percent speaks of admissions: recruitment words around it, or an admitted count just before it."""
    if v.RECRUIT.search(site.local) or v.RECRUIT.search(v.PART_SEP.split(site.right, maxsplit=1)[0][:60]):
        return True
    prev = site.prev
    if prev is not None and prev.metric == "target_attainment_pct":
        return True  # "…: Công an tỉnh (158,18%); huyện Phú Quý (120,83%)": a list of attainments
    same_clause = site.local_start > site.clause_start
    counted = prev is not None and prev.metric in ("admitted", "admitted_target") and prev.unit == "count"
    return bool(counted and same_clause and v.COUNT_TO_PCT.fullmatch(site.local))


def _good(site: Site) -> Cls | None:
    """Share of members rated "hoàn thành tốt nhiệm vụ trở lên"."""
    excellent_only = bool(v.EXCELLENT.search(site.right[:40])) and not v.GOOD_OR_ABOVE.search(site.right[:60])
    if not v.GOOD.search(site.around) or v.NOT_GOOD.search(v.GOOD_AND_EXCELLENT.sub(" ", site.local)) or excellent_only:
        return None
    if v.RATED_SUBGROUP.search(site.right[:50]) or v.RATED_SUBGROUP.search(v.PART_SEP.split(site.local)[-1]):
        return None  # "100% đảng viên mới kết nạp hoàn thành tốt nhiệm vụ": a subgroup's rating
    pledged = v.PLEDGE.search(site.prefix) or v.QUOTA_WORD.search(site.clause)
    own = v.GOOD_AFTER.match(site.right)
    if pledged or (v.PARTY_UNIT_WORD.search(site.clause) and not (own and not v.PARTY_UNIT_WORD.search(own.group()))):
        return None  # "92% tổ chức cơ sở đảng …"; not "có 92% tổ chức cơ sở đảng và 90% đảng viên hoàn thành tốt …"
    subset = v.EXCELLENT_SUBSET_AFTER.match(site.right)  # "…, trong đó 15% hoàn thành xuất sắc nhiệm vụ": good or above
    if v.EXCELLENT.search(site.around) and not v.GOOD_OR_ABOVE.search(site.low[site.clause_start : site.num.end + WINDOW]) and not subset:
        return None  # "… xuất sắc 10,1%; hoàn thành tốt nhiệm vụ 78,8%": one class of a split, not "tốt trở lên"
    stated = v.STATED_BEFORE.search(site.local) or v.GOOD_AFTER.match(site.right)
    if not stated or not (v.GOOD.search(site.clause) or v.GOOD_AFTER.match(site.right) or v.SEPARATELY.search(site.local)):
        return None
    per_year = bool(v.PER_YEAR.search(site.clause) or v.PER_YEAR.search(site.low[max(0, site.clause_start - WINDOW) : site.clause_start]))
    if v.SEPARATELY.search(site.local):
        per_year = False
    return Cls("members_good_rating_pct", "all", "pct", per_year, site.num.value)


def _good_share(site: Site) -> Cls | None:
    """ "có 1.850 đảng viên hoàn thành tốt nhiệm vụ trở lên, chiếm 89,6%": the members rated good or above, as a share."""
    if not v.GOOD_SHARE_BEFORE.search(site.local) or v.RATED_SUBGROUP.search(site.local) or v.SHARE_NOUN_AFTER.match(site.right):
        return None
    if v.PLEDGE.search(site.prefix) or v.QUOTA_WORD.search(site.clause) or v.PARTY_UNIT_WORD.search(site.local):
        return None
    return Cls("members_good_rating_pct", "all", "pct", per_year(site), site.num.value)


def _target_pct(site: Site) -> Cls | None:
    """ "chỉ tiêu kết nạp đảng viên mới từ 4-5%/năm"."""
    prev = site.prev
    if prev is not None and prev.unit == "pct" and prev.segment != "all" and site.local_start > site.clause_start:
        return None  # "nữ chiếm 45% (chỉ tiêu 40%)": the target of a segment's share, not of the membership
    if v.GOOD_AFTER.match(site.right) or v.GOOD.search(v.PART_SEP.split(site.local)[-1]):
        return None  # "…, phấn đấu 90% đảng viên hoàn thành tốt nhiệm vụ trở lên": a rating goal, not a target rate
    if v.SEGMENT_SHARE_AFTER.match(site.right) and v.segments_in(site.right[:50]):
        return None  # "kết nạp 250 đảng viên, trong đó 70% là đoàn viên": a segment's share, not a rate of the membership
    bracketed = v.PLAN_BRACKET_BEFORE.search(site.local) and site.num.value < RATE_CEILING and v.ADMIT_VERB.search(site.clause)
    if bracketed and prev is not None and prev.metric == "admission_rate_pct":
        return Cls("admitted_target_pct", "all", "pct", prev.per_year, site.num.value)  # "đạt 3,2%, vượt chỉ tiêu (3%)"
    if v.ABOVE_PLAN_BEFORE.search(site.local):
        return None  # "kết nạp 245 đảng viên, cao hơn chỉ tiêu 6,5%": how far over the plan, not a target rate
    rate_set = v.RATE_SET_BEFORE.search(site.local) and not v.DONE.search(site.local)  # "Nghị quyết đề ra tỷ lệ kết nạp … đạt 3%"
    rate_set = rate_set or (v.GOAL_OPENS.match(site.prefix) and not v.DONE.search(site.prefix))  # "Mục tiêu …; tỷ lệ kết nạp đạt 3%"
    if not ((v.PCT_TARGET.search(site.clause) or rate_set) and v.ADMIT_VERB.search(site.clause)):
        return None
    versus = v.VERSUS.search(site.right[:15]) is not None and v.TOTAL_WORD.search(site.right[:35]) is None
    achieved = v.ACHIEVED_BEFORE.search(site.local) and not v.PLEDGE.search(site.clause) and not rate_set
    if v.TARGET_WORD_AFTER.match(site.right) or versus or v.EXCEED.search(site.local) or achieved:
        return None
    return Cls("admitted_target_pct", "all", "pct", per_year(site), site.num.value)


def _of_members(site: Site) -> Cls | None:
    """ "kết nạp 150 đảng viên, đạt 3,02% số đảng viên cuối năm trước": the admission (or target) rate of the count before."""
    prev = site.prev
    if prev is None or prev.unit != "count" or site.num.value >= RATE_CEILING or site.local_start <= site.clause_start:
        return None
    of_members = v.OF_MEMBERS_AFTER.match(site.right) and v.COUNT_THEN_RATIO.match(site.local)
    rate_word = v.COUNT_THEN_RATE_WORD.match(site.local) and site.num.value < RATE_DOUBTFUL  # "…, tỷ lệ 3,9%"
    if not (of_members or rate_word):
        return None
    if prev.metric == "admitted" and prev.segment == "all":
        return Cls("admission_rate_pct", "all", "pct", prev.per_year, site.num.value)
    if prev.metric == "admitted_target" and prev.segment == "all":
        return Cls("admitted_target_pct", "all", "pct", prev.per_year, site.num.value)
    return None


def _pool_of_members(site: Site) -> Cls | None:
    """ "Số đảng viên mới kết nạp chiếm 3,5% tổng số đảng viên": the admitted, named as a pool, as a share of the membership."""
    pool = v.ADMITTED_POOL.search(site.local) and not v.segments_in(site.local) and v.POOL_RATIO_BEFORE.search(site.local)
    if not pool or not v.OF_MEMBERS_AFTER.match(site.right) or site.num.value >= RATE_DOUBTFUL:
        return None
    return Cls("admission_rate_pct", "all", "pct", per_year(site), site.num.value)


def _rate(site: Site) -> Cls | None:
    """ "tỷ lệ bình quân đạt 5,5%/năm", "đạt tỷ lệ 2,98% so với tổng số đảng viên"."""
    if not (v.RATE_BEFORE.search(site.local) or v.RATE_AFTER.match(site.right)) or v.OTHER_PROGRAM.search(site.local):
        return None
    if not v.ADMISSION_WORD.search(site.around) or _rate_of_other_group(site.local):
        return None
    if site.num.value >= RATE_CEILING and not v.VERSUS_ALL_MEMBERS.search(site.right[:30]):
        # too high for a rate: an attainment, when the sentence speaks of a target or an admitted count precedes
        counted = site.prev is not None and site.prev.metric == "admitted" and site.prev.unit == "count"
        counted = counted and site.local_start > site.clause_start  # in the same clause
        if counted or v.PLAN_WORD.search(site.around):
            return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
        return None
    if site.num.value >= RATE_DOUBTFUL and not v.TOTAL_WORD.search(site.right[:40]):
        return None  # "kết nạp 245 đảng viên, đạt tỷ lệ 28%": too high for a yearly rate, too low to be sure of an attainment
    return Cls("admission_rate_pct", "all", "pct", per_year(site), site.num.value)


def _rate_of_other_group(local: str) -> bool:
    """ "tỷ lệ đảng viên trẻ dưới 30 tuổi đạt 25%": a rate named for something else than admissions, or for a segment of
    them ("tỷ lệ đảng viên được kết nạp là đoàn viên đạt 80%": a share, `_segment_pct`)."""
    m = v.NAMED_RATE.search(local)
    if m and v.RATE_OF_MEMBERSHIP.match(m.group("what")):
        return False  # "kết nạp 245 đảng viên, tỷ lệ so với tổng số đảng viên đạt 3,5%": the admissions' rate
    return bool(m and (not v.RATE_OF_ADMISSIONS.search(m.group("what")) or v.segments_in(m.group("what"))))


def _segment_pct(site: Site) -> Cls | None:
    """A breakdown share of new members: "50% là nữ", "nông dân chiếm 16,3%", "đảng viên nữ, chiếm 78,3%"."""
    if site.prev and site.prev.metric in STOCK:
        return None  # "nâng tổng số lên 2.500 đồng chí; trong đó 66% là người dân tộc thiểu số": the membership
    if v.OF_MEMBERSHIP_AFTER.match(site.right):
        return None  # "… chiếm 38% tổng số đảng viên toàn huyện": a share of the membership
    new_members = v.NEW_MEMBERS_SHARE_AFTER.match(site.right)
    of_new = list(dict.fromkeys(v.segments_in(new_members.group("rest")))) if new_members else []
    if len(of_new) == 1:
        return Cls("admitted", of_new[0], "pct", False, site.num.value)  # "100% đảng viên mới được kết nạp đều là đoàn viên"
    if not (site.admit_context or v.ADMIT.search(site.prefix)):
        return None
    if v.SHORT_OPEN_PAREN.fullmatch(site.local):
        share = site.prev and site.prev.metric == "admitted" and site.prev.unit == "count" and site.prev.segment != "all"
        return Cls("admitted", site.prev.segment, "pct", False, site.num.value) if share and site.prev else None
    m = v.SEG_AFTER.match(site.right)
    segs = v.segments_in(m.group("rest")[:50]) if m and v.SEGMENT_SHARE_AFTER.match(site.right) else []
    if m and len(set(v.segments_in(v.DIGIT.split(m.group("rest"))[0]))) > 1:
        return None  # "60% là nữ và người dân tộc thiểu số": a mixed category, no one segment's share
    own = _own_label_before(site)
    if not segs and v.SHARE_OR_LABEL_BEFORE.search(own):
        segs = list(dict.fromkeys(v.segments_in(own)))
        if not segs and v.SHARE_ONLY.fullmatch(site.local) and site.prev and site.prev.segment != "all":
            segs = [site.prev.segment]
        segs = segs if len(segs) == 1 else []
    named = v.NAMED_RATE.search(site.local)
    pool_named = bool(named and v.NEW_MEMBERS_POOL_OPENER.search(site.local[: named.start()]))  # "trong số đảng viên mới, tỷ lệ nữ là"
    if not segs and named and (v.RATE_OF_ADMISSIONS.search(named.group("what")) or pool_named):
        segs = list(dict.fromkeys(v.segments_in(named.group("what"))))  # "tỷ lệ đảng viên được kết nạp là đoàn viên đạt 80%"
        segs = segs if len(segs) == 1 else []
    if not segs:
        return None
    return Cls("admitted", segs[0], "pct", False, site.num.value)


def _own_label_before(site: Site) -> str:
    """The words before a percent that may label it: after another number of the clause, only the last item's when the
    words open with that number's label ("80% là đoàn viên và 89% dưới 30 tuổi") or its noun names no segment ("kết nạp
    215 đảng viên, tỷ lệ nữ đạt 45%")."""
    if site.local_start <= site.clause_start:
        return site.local
    last = v.ITEM_LABEL_SPLIT.split(site.local)[-1]
    if v.LABEL_OF_NUMBER_BEFORE.match(site.local):
        return last
    head = v.ITEM_LABEL_SPLIT.split(site.local, maxsplit=1)[0]
    if v.STOCK_SCOPE.search(last):
        return site.local  # "…, tỷ lệ đảng viên nữ toàn Đảng bộ đạt 38%": the membership's share
    return last if not v.segments_in(head) and len(set(v.segments_in(last))) == 1 else site.local
