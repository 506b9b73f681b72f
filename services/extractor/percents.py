"""Percent figures: attainment, admission rate, target rate, good rating or a segment share."""

from __future__ import annotations

from services.extractor import vocab as v
from services.extractor.numbers import find_numbers
from services.extractor.registry import RATE_CEILING
from services.extractor.sites import STOCK, WINDOW, Cls, Site, per_year


def pct(site: Site) -> Cls | None:
    """A percent: attainment, admission rate, target rate, good rating or a segment share."""
    local, right = site.local, site.right
    found = _vuot(site)
    if found:
        return found
    if v.CHANGE_BEFORE.search(local) or v.COMPARE_AFTER.match(right) or v.ECON.search(site.clause) or v.POPULATION_AFTER.match(right):
        return None
    if v.UNION.search(site.around) and not v.PARTY_MEMBER_WORD.search(site.around):
        return None
    if v.UNITS_FRACTION.search(local) or _units_reaching(site):
        return None
    if v.SHARE_NOUN_AFTER.match(right) or v.REST.search(local) or v.SHARE_OF_UNITS.search(site.clause) or v.GROUP_SHARE.search(site.clause):
        return None
    if v.SHARE_BEFORE.search(local) and not v.TARGET_WORD_AFTER.match(right):
        return _share(site)
    for rule in (_vuot, _attainment, _good, _of_members, _target_pct, _rate, _segment_pct, _list_item):
        found = rule(site)
        if found:
            return found
    return None


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
    if (before or named) and not _other_party_work(site) and not _points_over(site) and not _other_indicator(site):
        return Cls("target_attainment_pct", "all", "pct", False, round(100 + site.num.value, 4), note="vuot")
    return None


def _attainment(site: Site) -> Cls | None:
    """ "đạt 56,8% so với mục tiêu", "(đạt 160% kế hoạch)", "đạt gần 70% chỉ tiêu"."""
    if _other_party_work(site) or v.OTHER_MEMBERS_COUNTED.search(site.clause) or _other_indicator(site) or _other_count(site):
        return None  # "…; chuyển đảng chính thức cho 120 đảng viên, đạt 100%", "kết nạp 500 đoàn viên, đạt 110%": not the Party's
    unit_item = site.breakdown_of == "target_attainment_pct" and v.ACHIEVED_BEFORE.search(site.local)
    if unit_item and v.ITEM_END_AFTER.match(site.right):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)  # "Trong đó, huyện A đạt 61,9%; …"
    if _unit_attainment(site):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value, list_item=True)  # "Các đơn vị …: A đạt 110%, B (đạt 105%)"
    if not v.RECRUIT.search(site.around):
        carried = bool(site.after_admission and v.ATTAINMENT_CARRIED.fullmatch(site.local) and v.TARGET_WORD_AFTER.match(site.right))
        carried = carried and not _other_programme(site) and not v.FIGURE_BEFORE.search(site.prefix)
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value) if carried else None
    if v.ATTAINMENT_RATE.search(site.clause) and v.ACHIEVED_BEFORE.search(site.local):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
    other = v.OTHER_PROGRAM.search(site.local) or v.OTHER_ACTIVITY.search(site.local) or v.OTHER_ACTIVITY.search(site.right[:40])
    if v.TARGET_WORD_AFTER.match(site.right) and not v.GOOD.search(site.clause) and not other:
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
    bare = bool(v.ITEM_END_NO_AND_AFTER.search(site.right) and v.ACHIEVED_OR_OPEN_BEFORE.search(site.local))
    bare = bare and not v.RATE_WORD.search(site.local) and not _after_segment_count(site)
    after_admitted = site.prev is not None and site.prev.metric == "admitted" and site.prev.unit == "count"
    after_admitted = after_admitted or bool(v.ADMITTED_FRACTION_BEFORE.search(site.local))  # "kết nạp được 250/240 đảng viên (đạt 104%)"
    if bare and after_admitted and site.num.value >= RATE_CEILING and v.RATIO_BEFORE.search(site.local):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
    if bare and v.QUOTA_OR_PLAN.search(site.around) and not v.RATING_WORD.search(site.clause):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value) if _about_admission(site) else None
    return None


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
    if len(head) < 2 or not v.PLAN_OR_RESOLUTION.search(head[0]) or v.DIGIT.search(head[0]):
        return False
    item = v.ITEM_SEP.split(site.text[site.local_start : site.num.start])[-1]
    name = v.UNIT_TITLES_BEFORE.sub("", item.strip())
    return bool(v.UNIT_NAME_ATTAINMENT.match(item)) and bool(name) and name.split()[0].lower() not in v.NOT_NAME_WORDS


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
    if not v.GOOD.search(site.around) or v.NOT_GOOD.search(site.local) or excellent_only:
        return None
    if v.RATED_SUBGROUP.search(site.right[:50]) or v.RATED_SUBGROUP.search(v.PART_SEP.split(site.local)[-1]):
        return None  # "100% đảng viên mới kết nạp hoàn thành tốt nhiệm vụ": a subgroup's rating
    pledged = v.PLEDGE.search(site.prefix) or v.QUOTA_WORD.search(site.clause)
    if pledged or v.PARTY_UNIT_WORD.search(site.clause):
        return None
    if v.EXCELLENT.search(site.around) and not v.GOOD_OR_ABOVE.search(site.low[site.clause_start : site.num.end + WINDOW]):
        return None  # "… xuất sắc 10,1%; hoàn thành tốt nhiệm vụ 78,8%": one class of a split, not "tốt trở lên"
    stated = v.STATED_BEFORE.search(site.local) or v.GOOD_AFTER.match(site.right)
    if not stated or not (v.GOOD.search(site.clause) or v.GOOD_AFTER.match(site.right) or v.SEPARATELY.search(site.local)):
        return None
    per_year = bool(v.PER_YEAR.search(site.clause) or v.PER_YEAR.search(site.low[max(0, site.clause_start - WINDOW) : site.clause_start]))
    if v.SEPARATELY.search(site.local):
        per_year = False
    return Cls("members_good_rating_pct", "all", "pct", per_year, site.num.value)


def _target_pct(site: Site) -> Cls | None:
    """ "chỉ tiêu kết nạp đảng viên mới từ 4-5%/năm"."""
    if not (v.PCT_TARGET.search(site.clause) and v.ADMIT_VERB.search(site.clause)):
        return None
    versus = v.VERSUS.search(site.right[:15]) is not None and v.TOTAL_WORD.search(site.right[:35]) is None
    achieved = v.ACHIEVED_BEFORE.search(site.local) and not v.PLEDGE.search(site.clause)
    if v.TARGET_WORD_AFTER.match(site.right) or versus or v.EXCEED.search(site.local) or achieved:
        return None
    return Cls("admitted_target_pct", "all", "pct", per_year(site), site.num.value)


def _of_members(site: Site) -> Cls | None:
    """ "kết nạp 150 đảng viên, đạt 3,02% số đảng viên cuối năm trước": the admission (or target) rate of the count before."""
    prev = site.prev
    if prev is None or prev.unit != "count" or site.num.value >= RATE_CEILING or site.local_start <= site.clause_start:
        return None
    if not (v.OF_MEMBERS_AFTER.match(site.right) and v.COUNT_THEN_RATIO.match(site.local)):
        return None
    if prev.metric == "admitted" and prev.segment == "all":
        return Cls("admission_rate_pct", "all", "pct", prev.per_year, site.num.value)
    if prev.metric == "admitted_target" and prev.segment == "all":
        return Cls("admitted_target_pct", "all", "pct", prev.per_year, site.num.value)
    return None


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
    return Cls("admission_rate_pct", "all", "pct", per_year(site), site.num.value)


def _rate_of_other_group(local: str) -> bool:
    """ "tỷ lệ đảng viên trẻ dưới 30 tuổi đạt 25%": a rate named for something else than admissions, or for a segment of
    them ("tỷ lệ đảng viên được kết nạp là đoàn viên đạt 80%": a share, `_segment_pct`)."""
    m = v.NAMED_RATE.search(local)
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
