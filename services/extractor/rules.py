"""Stage 2, classification: which metric and segment a number states, from the Vietnamese words around it.

`classify` reads a `Site` (a candidate with what is known of the sentence so far) and returns a `Cls` or nothing;
percents are read by `percents.py`, table cells by `tables.py`, fractions by `fractions` here. `Reading` is what
classification carries from one sentence to the next. Whose figure it is, and when, is attribution (`attribute.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from re import Match, Pattern

from services.extractor import candidates, places, registry
from services.extractor import vocab as v
from services.extractor.percents import pct
from services.extractor.sites import MEMBER_NOUNS, PCT_METRICS, STOCK, Candidate, Cls, Site
from services.extractor.sites import per_year as _per_year

__all__ = ["PCT_METRICS", "STOCK", "Cls", "FractionReading", "Reading", "Site", "classify", "fractions", "label", "list_name"]


def classify(site: Site) -> Cls | None:
    """The fact a number states, or None for distractors and unrelated figures."""
    if site.num.pct:
        return pct(site)
    return _count(site)


@dataclass
class Reading:
    """What classification carries from one sentence to the next: admissions just stated, a breakdown of them under
    way, the last whole percent metric."""

    admitted_before: bool = False
    breakdown: bool = False
    last_pct: str | None = None
    plan_heading: bool = False  # the last prose line was a plan's heading ("Các chỉ tiêu chủ yếu năm 2024:")
    plan_item: bool = False  # this line is an item of that plan's list ("- Kết nạp 250 đảng viên mới.")
    heading: bool = False  # this line ends with ":" ("Kết quả các đơn vị:"): what it heads continues what came before
    target_before: bool = False  # the sentence before stated a target and no admission ("Huyện ủy giao chỉ tiêu …")

    def see(self, sent: str) -> None:
        """Note a line before reading it: a plan's heading, an item of the list under it, or anything else."""
        self.heading = sent.rstrip().endswith(":")
        if self.plan_heading and v.LIST_ITEM.match(sent):
            self.plan_item = self.plan_heading = not v.RESULT_IN_ITEM.search(sent)  # "- …, đạt 105% kế hoạch": results
            return
        self.plan_item = False
        self.plan_heading = bool(v.PLAN_HEADING.match(sent)) and not v.DONE.search(sent)

    def admit_context(self, sent: str, opener: bool) -> bool:
        """Whether a sentence continues the admissions of the one before ("Trong đó, …", a labelled list item)."""
        if not self.admitted_before or opener:
            return self.admitted_before
        labelled = candidates.labelled_opening(sent)
        if self.breakdown and labelled:
            return True
        if v.MEMBERSHIP_WORDS.search(sent):
            return False  # "…, chiếm 38% tổng số đảng viên": a breakdown of the membership
        # "Đảng viên nữ: 98 đồng chí; …", "Đáng chú ý, có 12 đảng viên là …" after the whole admission
        return bool(labelled and v.LABEL_OPENING.match(sent) and _opens_with_label(sent)) or bool(v.EMPHASIS_OPENING.match(sent))

    def site(self, c: Candidate, admit_ctx: bool, prev: Cls | None, opener: bool) -> Site:
        """A candidate with what classification knows of its sentence so far."""
        return Site(
            c.text, c.num, c.clause_start, c.local_start, admit_ctx, prev, self.admitted_before,
            self.last_pct if opener else None, self.plan_item,
            self.target_before and bool(v.FOLLOW_OPENER.match(c.text)),
        )

    def after(self, new: list[Cls], admit_ctx: bool) -> None:
        """Update from the facts a sentence stated (one entry per fact, in order)."""
        if self.heading and not new:
            return  # "Kết quả các đơn vị:" states nothing: the list under it continues the admissions before it
        self.target_before = any(c.metric == "admitted_target" for c in new) and not any(c.metric == "admitted" for c in new)
        self.admitted_before = any(c.metric == "admitted" for c in new) or (admit_ctx and self.admitted_before)
        self.breakdown = bool(new) and new[-1].metric == "admitted" and new[-1].segment != "all"
        pcts = [c.metric for c in new if c.unit == "pct" and c.segment == "all"]
        self.last_pct = pcts[-1] if pcts else None


def _opens_with_label(sent: str) -> bool:
    """A sentence whose first words are members ("Đảng viên nữ …") or a segment's name ("Nữ 98 …", "Đoàn viên: …")."""
    head = sent.lstrip(" -–•*+").lower()
    if v.LABEL_HEAD_VERB.search(v.DIGIT.split(head, maxsplit=1)[0]):
        return False  # "Đảng viên nữ được bầu vào cấp ủy 45 đồng chí": what they do, not a segment of the admission
    return bool(v.MEMBERS_OPENING.match(head)) or any(rx.match(head) for _, rx in v.SEGMENTS)


@dataclass(frozen=True, slots=True)
class FractionReading:
    """An "admitted/target" fraction: the two facts it states and, for a list item ("Thanh Hải 11/15"), the unit it
    names (None: the sentence's own organisation, the subject of its admission verb)."""

    admitted: Cls
    target: Cls | None  # None: the second number counts candidates, not a target ("215/250 quần chúng được giới thiệu")
    unit_name: str | None


FRACTION_OVER = 1.5
"""An admission against its target may exceed it ("kết nạp được 265/250 đảng viên, đạt 106%"), not by this factor."""


def fractions(sent: str, after_admission: bool = False) -> list[tuple[Candidate, FractionReading]]:
    """ "kết nạp được 48/204 đảng viên", "Thanh Hải 11/15" (when the sentence speaks of targets): admitted against a target;
    after an admission, a line that is only a unit's fraction ("Xã Tân Lập: 12/10 (120%)") too."""
    low = sent.lower()
    line = v.UNIT_FRACTION_LINE.match(sent) if after_admission else None
    unit_line = bool(line and is_name(line.group("name")))
    if not v.ADMIT.search(low) and not unit_line:
        return []
    targets = bool(v.QUOTA_OR_PLAN.search(low)) or unit_line
    out = []
    for c, target in candidates.fractions(sent):
        start, end, got = c.num.start, c.num.end, c.num.value
        admitted = Cls("admitted", "all", "count", False, got)
        planned = Cls("admitted_target", "all", "count", False, target)
        person = v.PERSON_NOUN.match(sent[end:])
        right_after_verb = v.ADMIT_BEFORE_FRACTION.search(sent[:start]) or v.ADMIT_REACHED_BEFORE_FRACTION.search(sent[:start])
        if right_after_verb and v.QUOTA_PLACES_AFTER.match(sent[end:]) and got <= FRACTION_OVER * target:
            out.append((c, FractionReading(admitted, planned, None)))  # "kết nạp 215/200 chỉ tiêu"
            continue
        if right_after_verb and person and got <= FRACTION_OVER * target:
            of_candidates = v.TRAIN_AFTER.match(sent[end + person.end() :]) or v.CANDIDATES_INTRODUCED_AFTER.match(sent[end + person.end() :])
            out.append((c, FractionReading(admitted, None if of_candidates else planned, None)))
            continue
        if not targets or v.UNITS_AFTER_FRACTION.match(sent[end:]):
            continue  # "15/18 đảng bộ hoàn thành chỉ tiêu": a count of units
        if unit_line and line:
            out.append((c, FractionReading(admitted, planned, line.group("name").strip())))  # "Xã Tân Lập: 12/10 (120%)"
            continue
        words = v.ITEM_SEP.split(sent[:start])[-1].split()
        tail: list[str] = []
        for word in reversed(words[-4:]):
            if not word[:1].isupper():
                break
            tail.insert(0, word)
        if not tail or not is_name(" ".join(tail)):
            continue
        out.append((c, FractionReading(admitted, planned, " ".join(tail))))
    return out


def is_name(raw: str) -> bool:
    """A capitalised run that can name a unit (not a sentence-initial "Có", "Trong", "Năm"...)."""
    words = raw.lower().split()
    return bool(words) and words[0] not in v.NOT_NAME_WORDS


def _cue(site: Site) -> str | None:
    """admit / target / total / remove / train: the verb that governs a count."""
    local, clause = site.local, site.clause
    admitted_before = site.prev is not None and site.prev.metric == "admitted" and site.prev.unit == "count"
    if (site.after_admission or admitted_before) and v.RANKING.search(local) and not _last_cue(local):
        return "admit"  # "… kết nạp 2.500 đảng viên. Dẫn đầu là huyện A với 120 đảng viên"
    stock_list = v.STOCK_LIST_BEFORE.fullmatch(local)
    if site.prev and site.prev.metric in STOCK and stock_list:
        return "total"  # "7 chi bộ trực thuộc, với 80 đảng viên": a list of stock figures
    if v.CANDIDATE_POOL_BEFORE.search(local) or v.CANDIDATES_NAMED_BEFORE.search(local):
        return "train"  # "Nguồn phát triển đảng viên hiện có 180 quần chúng ưu tú", "số quần chúng được học lớp … là 420"
    if v.REMOVE_AROUND_BEFORE.search(local) and v.REMOVE_AROUND_AFTER.match(site.right):
        return "remove"  # "đã đưa 35 đảng viên không đủ tư cách ra khỏi Đảng"
    if v.REMOVE_RIGHT_BEFORE.search(local):  # the removal verb governs the count, not a plan word before it
        return "other" if _plan_pending(v.REMOVAL_PLANNED, v.PART_SEP.split(local)[-1]) else "remove"  # "dự kiến xóa tên 10"
    after_pct = (site.prev and site.prev.unit == "pct") or site.text[max(0, site.local_start - 1) : site.local_start] == "%"
    remnant = v.TARGET_REMNANT.match(local) if after_pct else None
    if remnant:
        if not local[remnant.end() :].strip() and local.rstrip().endswith("("):
            return "target"
        if v.TARGET_VALUE_AFTER_PCT.match(local):
            return "target"  # "đạt 83% kế hoạch đề ra là 300 đảng viên"
        local = local[remnant.end() :]
    if v.PLAN_NAMES_COUNT.search(local) or v.PLAN_BRACKET_BEFORE.search(local):
        return "target"
    if v.TARGET_MET_THEN_ADMIT.search(local):
        return "admit"
    if v.QUOTA_SUM_BEFORE.search(local) and v.TARGET.search(clause):
        return "target"
    unadjoined = v.PLAN_ADJUNCT.sub(" ", local)
    plans = list(v.TARGET.finditer(unadjoined))
    if plans and not v.RESULT_AFTER_PLAN.search(unadjoined, plans[-1].end()):
        return "target"  # not "phấn đấu và đã kết nạp 245 đảng viên": a result reported after the plan word
    if site.num.value_max is not None and v.TARGET.search(clause):
        return "target"
    if v.MEMBERS_TOTAL_BEFORE.search(local) and not v.ADMIT.search(local) and not v.REMOVED_POOL_BEFORE.search(local):
        return "total"  # "…, là chi bộ có số đảng viên đông nhất xã với 30 đồng chí": the membership, not the admission before
    own = _last_cue(local)
    if own == "admit" and _floor(site):
        return "target"
    if own == "admit" and _plan_governs(site):
        return "target"
    if own in ("admit", None) and _plan_pending(v.QUOTA_GIVEN, site.clause):
        return "target"  # "giao chỉ tiêu cho 25 tổ chức cơ sở đảng kết nạp 250 đảng viên", "… cho 25 cơ sở là 250 đảng viên"
    counted = own == "admit" or (own is None and v.PERSON_NOUN.match(site.right))
    if site.plan_follows and counted and not v.DONE.search(site.prefix):
        return "target"  # "Huyện ủy giao chỉ tiêu kết nạp 250 đảng viên. Theo đó, xã A kết nạp 12 đảng viên, …"
    if own:
        return own
    if site.prev and site.prev.metric == "admitted_target" and v.TARGET.search(clause):
        return "target"
    prefix = site.prefix
    spread = v.BREAKDOWN.search(clause) or (v.BREAKDOWN.search(prefix) and not v.WEAK.search(local))
    for text in [clause] + ([prefix] if spread else []):
        found = _last_cue(text)
        if found == "remove":
            return None  # "xóa tên 45 đảng viên, trong đó 30 đảng viên tự ý bỏ sinh hoạt", "…, cảnh cáo 5": not its phrase's
        if found:
            return found
    if site.admit_context:
        return "admit"
    if v.MEMBERS_SHARE_OF_POPULATION_AFTER.match(site.right):
        return "total"  # "… 50.896 đảng viên, chiếm 6,36% dân số toàn tỉnh": the membership, stated against the population
    return "total" if v.WEAK.search(clause) else None


def _floor(site: Site) -> bool:
    """A count set as a floor ("kết nạp 200 đảng viên trở lên", "ít nhất 200") in a clause that does not report it done."""
    floor = v.FLOOR_BEFORE.search(site.local) or v.FLOOR_AFTER.match(site.right)
    return bool(floor) and not v.DONE.search(site.clause)


def _plan_governs(site: Site) -> bool:
    """A sentence that opens with a plan, or speaks of the time to come, and reports no result ("Đến năm 2030, …")."""
    prefix = site.prefix
    if site.plan_item and not v.DONE.search(prefix):
        return True  # "Các chỉ tiêu chủ yếu năm 2024:" / "- Kết nạp 250 đảng viên mới."
    if _plan_pending(v.PLEDGE_GOVERNS, prefix) and not v.DONE.search(site.right[:30]):
        return True  # "phấn đấu bồi dưỡng, kết nạp 300 đảng viên"
    opens = v.PLAN_OPENS.match(prefix) or v.FUTURE_TIME.search(prefix)
    if not opens or v.DONE.search(prefix[opens.start() :]) or v.DONE.search(site.right[:30]):
        return False
    return not v.DIGIT.search(v.YEAR.sub("", prefix[opens.end() :]))  # "Chỉ tiêu 120, kết nạp 98": the plan has its figure


def _last_cue(text: str) -> str | None:
    """The kind of the last strong cue in a text."""
    cues = [(m.end(), kind) for kind, rx in _CUES for m in rx.finditer(text)]
    return max(cues)[1] if cues else None


_CUES = registry.COUNT_CUES


def _structural(site: Site) -> Cls | None:
    """Counts of party cells and grassroots organisations."""
    right, local = site.right, site.local
    if site.num.value_max is not None:
        return None  # "mỗi xã có từ 10 đến 15 chi bộ": a range is no organisation's stock
    if v.STRUCT_EVENT.search(site.clause) or v.EACH.search(local) or v.GIVEN_TO_BEFORE.search(local) or v.STRUCT_CHANGE_AFTER.match(right):
        return None  # "giao chỉ tiêu cho 30 chi bộ": the cells something is given to, not the stock
    if v.DIRECTED_BEFORE.search(local) or v.AUDIENCE_OF_BEFORE.search(local) or _units_where_or_whence(site):
        return None  # "chỉ đạo 10 chi bộ trực thuộc …": the cells a directive goes to; "tham dự của đại diện 45 …"
    if v.STRUCT_BUILT_BEFORE.search(local):
        return None  # "phát triển được 12 tổ chức cơ sở đảng": built up this year, not the stock
    changes = list(v.STRUCT_CHANGE.finditer(site.clause))
    if changes and not v.STOCK_VERB.search(site.clause[changes[-1].end() :]):
        return None  # "giải thể 24 chi bộ … và 4 chi bộ trực thuộc": every item of the change is a change
    both = v.CELLS_AND_COMMITTEES.match(right)  # "32 chi bộ, đảng bộ cơ sở": cells and committees together are organisations
    if both:
        rest = right[both.end() :]
        if v.UNITS_DOING_AFTER.match(rest) or v.ORGS_BAD_AFTER.match(rest) or v.OF_OR_FOR_BEFORE.search(local):
            return None
        return Cls("grassroots_orgs", "all", "count", False, site.num.value)
    m = v.CELL_NOUN.match(right)
    attached = m and (v.CELL_ATTACHED.match(right[m.end() :]) or v.ATTACHED.search(m.group("tail") or ""))
    if m and v.UNITS_DOING_AFTER.match(right[m.end() :]):
        return None  # "30 chi bộ trực thuộc được xếp loại …": cells counted by what they did
    if m and (attached or v.CELL_OK_AFTER.match(right[m.end() :])):
        if v.CELLS_ADDED_BEFORE.search(local):
            return None
        return Cls("party_cells", "all", "count", False, site.num.value)
    m = v.ORGS_NOUN.match(right)
    doing = m and v.UNITS_DOING_AFTER.match(right[m.end() :])  # "42 tổ chức cơ sở đảng phát triển được đảng viên"
    if m and not doing and not v.ORGS_BAD_AFTER.match(right[m.end() :]) and not v.OF_OR_FOR_BEFORE.search(local):
        return Cls("grassroots_orgs", "all", "count", False, site.num.value)
    return None


def _units_where_or_whence(site: Site) -> bool:
    """Units named as where something is done or where people come from, not as a stock: "tổ chức sinh hoạt chuyên đề
    tại 18 chi bộ", "kết nạp 12 đảng viên ở 8 chi bộ", "kết nạp 25 đảng viên mới thuộc 12 chi bộ", "… đến từ 20 chi bộ"
    (members living in them, or units of a stock just stated, are the stock: "262 đảng viên sinh hoạt tại 11 chi bộ")."""
    local = site.local
    members_at = site.prev is not None and site.prev.metric == "members_total" and v.MEMBERS_LIVE_AT_BEFORE.search(local)
    if v.AT_UNITS_BEFORE.search(local) and not (members_at or v.LIVING_AT_BEFORE.search(local)):
        return True
    return bool(v.UNITS_OF_PEOPLE_BEFORE.search(local)) and not (site.prev and site.prev.metric in STOCK)


def _count(site: Site) -> Cls | None:
    """A count: admitted, target, total, removed, trained, cells, organisations."""
    if v.CHANGE_BEFORE.search(site.local) or v.COMPARE_AFTER.match(site.right) or v.SURPLUS_BEFORE.search(site.local):
        return None
    if v.NOT_A_COUNT_BEFORE.search(site.local) or v.ATTENDANCE_AFTER.match(site.right):
        return None
    if v.MALFORMED_DECIMAL_AFTER.match(site.right) or v.MEDIA_BEFORE.search(site.local):
        return None  # a malformed decimal ("24.31%") or a caption number ("Ảnh 1"): not a count
    if not float(site.num.value).is_integer() or v.AGE.search(site.local) or (v.QUOTA.search(site.clause) and not v.TARGET.search(site.clause)):
        return None
    if v.ON_BEHALF.search(site.local) and v.PERSON_NOUN.match(site.right):
        return Cls("members_total", "all", "count", False, site.num.value)
    if v.REPRESENTING_BEFORE.search(site.local) and _members_represented(site.right):
        return Cls("members_total", "all", "count", False, site.num.value)
    if v.CELL_NOUN.match(site.right) or v.ORGS_NOUN.match(site.right):
        return _structural(site)
    quota_of_admissions = v.QUOTA_OF_ADMISSIONS_AFTER.match(site.right)  # "giao cho huyện A 150 chỉ tiêu kết nạp"
    assigned = v.TARGET.search(site.local) and v.ADMIT.search(site.clause + site.right)  # "được giao 300 chỉ tiêu, đã kết nạp 250"
    if v.QUOTA_NOUN_AFTER.match(site.right) and (v.ADMIT.search(site.local) or v.TOTAL_WORD.search(site.local) or quota_of_admissions or assigned):
        return Cls("admitted_target", "all", "count", False, site.num.value)
    if _each_named_unit(site):
        return Cls("admitted", "all", "count", False, site.num.value)  # "xã A, phường B (mỗi nơi 4 đảng viên)"
    if v.EACH.search(site.local) or v.UNITS_REACHING.search(site.clause):
        return None
    if v.CELLS_TOTAL_BEFORE.search(site.local) and v.CELLS_TOTAL_AFTER.match(site.right):
        return Cls("party_cells", "all", "count", False, site.num.value)
    units = v.UNITS_COUNT_BEFORE.search(site.local)
    if units and v.UNITS_TOTAL_AFTER.match(site.right):
        return _units_named(units, site)
    if v.POOL_BEFORE.search(site.local) and (v.POOL_ADMITTED_AFTER.match(site.right) or v.POOL_MEMBERS_AFTER.match(site.right)):
        return _pool(site)
    person = v.PERSON_NOUN.match(site.right)
    if not person and not v.BARE.match(site.right):
        return _bare_segment(site)
    noun = person.group("noun").lower() if person else ""
    after = site.right[person.end() :] if person else site.right
    if noun in MEMBER_NOUNS and _in_pool(site):
        return _pool_item(site, noun, after)
    if noun not in MEMBER_NOUNS and v.WHO_ARE_MEMBERS_AFTER.match(after):
        return None
    kind = _kind(site, noun, after)
    if noun == v.CADRE_NOUN and kind != "admit":
        return None
    return _count_metric(site, kind, noun, after)


def _members_represented(right: str) -> bool:
    """ "(đại diện cho) 6.500 đảng viên trong toàn Đảng bộ": the members of the organisation, not a subgroup of them."""
    person = v.PERSON_NOUN.match(right)
    if not person or person.group("noun").lower() not in MEMBER_NOUNS:
        return False
    after = right[person.end() :]
    return bool(v.MEMBER_OK_AFTER.match(after)) and not v.MEMBER_BAD_AFTER.match(after)


def _units_named(units: Match[str], site: Site) -> Cls | None:
    """ "Tổng số tổ chức cơ sở đảng … là 56", "số chi bộ trực thuộc đảng bộ cơ sở là 320": the stock named before its
    bare number, unless the units are named by what they have or did ("số chi bộ đạt …", "… có đảng viên mới là 38")."""
    if v.UNITS_QUALIFIED.search(units.group("rest")):
        return None
    return Cls("party_cells" if units.group("cells") else "grassroots_orgs", "all", "count", False, site.num.value)


def _each_named_unit(site: Site) -> bool:
    """ "A (12 đảng viên); xã Thượng Đạt, phường Phạm Ngũ Lão (mỗi nơi 4 đảng viên)": in a list of units' admissions, the
    figure of each unit named."""
    listed = v.UNIT_ITEM_IN_PARENS.search(site.prefix)  # a list of units' admissions, not "tỉnh … kết nạp 3.000; A, B (mỗi nơi 4)"
    if not listed or not v.EACH_IN_PARENS_BEFORE.search(site.local) or not v.PERSON_NOUN.match(site.right):
        return False
    return bool(v.NAMED_UNITS_BEFORE_PAREN.search(site.text[site.local_start : site.num.start]))


def _pool(site: Site) -> Cls | None:
    """ "trong số 60 đảng viên mới kết nạp" -> admitted; "trong tổng số 41 đảng viên, có …" -> members; else nothing."""
    if v.POOL_ADMITTED_AFTER.match(site.right):
        return Cls("admitted", "all", "count", False, site.num.value)
    if v.POOL_MEMBERS_AFTER.match(site.right):
        return Cls("members_total", "all", "count", False, site.num.value)
    return None


def _in_pool(site: Site) -> bool:
    """Whether the number follows (or is a share of) the admitted pool named as a noun phrase."""
    if v.TOTAL.search(site.local) or v.RAISED_TO.search(site.local):
        return False
    pool_after = v.ADMITTED_POOL.search(site.right)
    share_of_pool = pool_after and v.SHARE_OF_POOL.search(site.right[: pool_after.start()])
    return bool(v.ADMITTED_POOL.search(site.prefix) or share_of_pool)


def _pool_item(site: Site, noun: str, after: str) -> Cls | None:
    """A member count after "trong số đảng viên mới kết nạp": the segment its label names, the pool itself, or nothing."""
    seg = _segment(site, noun, after, False)
    if seg != "all":
        return Cls("admitted", seg, "count", False, site.num.value)
    pools = list(v.ADMITTED_POOL.finditer(site.local))
    tail = site.local[pools[-1].end() :] if pools else site.local
    segs = item_label(tail)
    if len(segs) == 1:
        return Cls("admitted", segs[0], "count", False, site.num.value)
    if pools and not segs and not v.LABEL_SEP.search(v.COLON_END.sub("", tail)) and not v.BREAKDOWN.search(tail):
        return Cls("admitted", "all", "count", _per_year(site, after), site.num.value)
    return None


def item_label(text: str) -> list[str]:
    """Segments named by the last list item of a text ("…; là phụ nữ ", "Đoàn viên TNCS Hồ Chí Minh: ")."""
    part = v.ITEM_LABEL_SPLIT.split(text.rstrip(v.LABEL_TRAIL))[-1]
    return list(dict.fromkeys(v.segments_in(part)))


def _bare_segment(site: Site) -> Cls | None:
    """ "trong đó … 120 dân tộc thiểu số, 60 là nữ": a breakdown count named by its segment alone."""
    if v.PART_OF_POOL_ADMITTED_AFTER.match(site.right):
        return Cls("admitted", "all", "count", False, site.num.value)  # "215 trong số 250 quần chúng … đã được kết nạp"
    m = v.BARE_LABEL_AFTER.match(site.right)
    listed = site.prev is not None and site.prev.metric == "admitted" and site.prev.unit == "count"
    if not m or not (listed or site.admit_context or _after_breakdown(site.clause)):
        return None
    label = m.group("label")
    for text in (label, v.PERSON_PREFIX.sub("", label), v.FROM_SOURCE.sub("", label)):
        first = [name for name, rx in v.SEGMENTS if rx.match(text)]
        if first:
            return Cls("admitted", first[0], "count", False, site.num.value)
    return None


def _kind(site: Site, noun: str, after: str) -> str | None:
    """The cue, corrected by what follows the noun ("… được kết nạp", "… tham gia lớp cảm tình Đảng")."""
    if noun in MEMBER_NOUNS and v.CLASS_FOR_BEFORE.search(site.local) and v.OTHER_COURSE.search(site.local):
        return "other"  # "lớp bồi dưỡng đảng viên mới cho 120 đảng viên": a class for members, not candidates
    if noun == v.STUDENT_NOUN:
        scope = site.clause + v.SCOPE_SPLIT.split(after, maxsplit=1)[0]
        if v.AWARENESS_COURSE.search(scope):
            return "train"
        other = v.OTHER_COURSE.search(scope) or v.AWARENESS_COURSE.search(after)  # only a part of the classes is for candidates
        return None if other else "train"  # "lớp trung cấp lý luận chính trị cho 80 học viên"
    after_part = site.local_start > 0 and site.text[site.local_start - 1].isdigit()
    if after_part and v.POOL_AFTER_PART_BEFORE.fullmatch(site.local):
        return "other"  # "215 trong số 250 quần chúng …": the pool the part before it is of
    if v.PART_OF_POOL_ADMITTED_AFTER.match(site.right):
        return "admit"  # "215 người trong tổng số 250 quần chúng … đã được kết nạp"
    kind = _after_cue(site, noun, after)
    if kind:
        return kind
    admitted_before = site.prev is not None and site.prev.metric == "admitted" and site.prev.unit == "count"
    if admitted_before and noun in MEMBER_NOUNS and v.PERIOD_ITEM_BEFORE.fullmatch(site.local):
        return "admit"  # "kết nạp 225 đảng viên; năm 2022 là 210 đảng viên": the admission of another period
    kind = _cue(site)
    if kind == "admit" and v.FOUNDED_UNIT_MEMBERS_BEFORE.search(site.clause):
        return "other"  # "…, thành lập 1 chi bộ mới với 8 đảng viên": the new unit's members
    if kind == "admit" and not v.ADMIT.search(site.local) and _governed_elsewhere(site, after):
        return "other"
    unit_item = v.UNIT_ITEM_OPEN.fullmatch(site.text[site.local_start : site.num.start])
    if kind in ("total", None) and site.after_admission and unit_item and v.CLOSE_PAREN_AFTER.match(after):
        return "admit"  # "… kết nạp được nhiều đảng viên là: A (12 đảng viên). B (6 đảng viên)": the list goes on
    labelled = noun in MEMBER_NOUNS and len(item_label(site.local)) == 1 and not v.PAREN.search(site.local)
    if kind == "total" and labelled and site.prev and site.prev.metric == "admitted" and not v.TOTAL.search(site.local):
        return "admit"  # "…; đảng viên là người dân tộc thiểu số 30 đồng chí": the next item of the admitted breakdown
    return _new_or_named_pool(site, noun, after, kind)


def _new_or_named_pool(site: Site, noun: str, after: str, kind: str | None) -> str | None:
    """The kind, corrected for new members ("có thêm 120 đảng viên mới", "215 tân đảng viên") and for the admitted pool
    named before a count ("số lượng đảng viên được phát triển là 215"), which a weak verb would make the membership."""
    fresh = noun in MEMBER_NOUNS and (v.NEW_AFTER.match(after) or v.NEW_BEFORE_NOUN.match(site.right))
    pool = v.NEW_POOL_WORDS_AFTER.match(after)
    if fresh and kind is None and pool and v.NEW_MEMBERS_OTHER_PREDICATE.match(after[pool.end() :]):
        return "other"  # "12 đảng viên mới kết nạp được học lớp …": new members doing something else
    opening = site.after_admission and site.local_start == 0 and not v.MEMBERSHIP_WORDS.search(site.low)
    if kind == "total" and opening and _segment_number_opening(site.local):
        return "admit"  # "… kết nạp 215 đảng viên. Số đảng viên nữ là 98 đồng chí."
    if fresh and kind == "total" and (v.NEW_BEFORE_NOUN.match(site.right) or _new_of_segment(after)):
        return "admit"  # "có 215 tân đảng viên", "Có 98 đảng viên mới là nữ": new members, not the membership
    if fresh and (kind is None or (kind == "total" and v.MORE_BEFORE.search(site.local))):
        return "admit"  # "có thêm 120 đảng viên mới"
    if kind in ("total", None) and not noun and v.ADMITTED_POOL_IS_BEFORE.search(site.local):
        return "admit"  # "số lượng đảng viên được phát triển là 215"
    if kind == "total" and noun in MEMBER_NOUNS and v.ADMISSION_WORK_REACHED_BEFORE.search(site.local):
        return "admit"  # "Công tác phát triển đảng viên năm 2023 đạt 215 đồng chí"
    if kind == "total" and v.ADMITTED_SUM_BEFORE.search(site.local):
        return "admit"  # "có 5 chi bộ kết nạp được đảng viên với tổng số 12 đảng viên"
    return kind


def _after_cue(site: Site, noun: str, after: str) -> str | None:
    """The kind of the first cue of `registry.AFTER_CUES` that holds for the counted noun and what follows it."""
    for cue in registry.AFTER_CUES:
        if cue.people_only and (not noun or noun in MEMBER_NOUNS):
            continue
        if cue.unless_before is not None and cue.unless_before.search(site.local):
            continue
        if cue.rx.search(site.local) if cue.before else cue.rx.match(after):
            return cue.kind
    return None


def _segment_number_opening(local: str) -> bool:
    """ "Số đảng viên nữ là": a sentence opening with the number of members of one segment, no membership word."""
    m = v.SEGMENT_NUMBER_OPENING.match(local)
    if m is None:
        return False
    label_words = m.group("label")
    if v.STOCK_SCOPE.search(label_words) or v.LABEL_HEAD_VERB.search(label_words):
        return False  # "Số đảng viên nữ toàn Đảng bộ …", "Số đảng viên nữ được bầu vào cấp ủy …"
    return len(set(v.segments_in(label_words))) == 1


def _new_of_segment(after: str) -> bool:
    """ "(đảng viên) mới là nữ", "mới là người dân tộc thiểu số": new members labelled by one segment."""
    head = v.PHRASE_SEP.split(after, maxsplit=1)[0]
    return bool(v.NEW_OF_SEGMENT_AFTER.match(head)) and len(set(v.segments_in(head))) == 1


def _governed_elsewhere(site: Site, after: str) -> bool:
    """A count after an admission that has its own predicate or verb ("…, 300 đảng viên đi làm ăn xa", "phát thẻ cho 110 …")."""
    pool = v.NEW_POOL_WORDS_AFTER.match(after)
    predicate = after[pool.end() :] if pool else after  # "… 2 đảng viên mới được bầu vào cấp ủy"
    if v.OTHER_PREDICATE_AFTER.match(predicate) or (pool and pool.group().strip() and v.NEW_MEMBERS_OTHER_PREDICATE.match(predicate)):
        return True
    return bool(v.OWN_PREDICATE_AFTER.match(after) or v.OTHER_VERB_FOR.search(site.local) or v.OTHER_VERB_BEFORE.search(site.local))


def _count_metric(site: Site, kind: str | None, noun: str, after: str) -> Cls | None:
    """Metric of a count: the registry's metric of its cue kind (`_BY_METRIC`'s rule, else a plain count), else a list item."""
    per_year = _per_year(site, after)
    metric = registry.CUE_METRIC.get(kind) if kind else None
    if metric == "candidates_trained" and noun in MEMBER_NOUNS:
        metric = None  # members near a class word ("lớp", "hồ sơ") are not candidates: read as a list item
    if metric:
        read = _BY_METRIC.get(metric)
        return read(site, noun, after, per_year) if read else Cls(metric, "all", "count", False, site.num.value)
    own = label(site.local) if site.prev and site.prev.metric == "admitted" and noun in MEMBER_NOUNS | {""} else []
    if len(own) == 1 and site.prev:
        return Cls("admitted", own[0], "count", site.prev.per_year, site.num.value)
    return _list_item(site)


def _target(site: Site, noun: str, after: str, per_year: bool) -> Cls | None:
    """admitted_target, with the segment its noun names; remainders and membership goals are not targets."""
    if v.REMAINDER_AFTER.match(after) or v.REMAINDER_BEFORE.search(site.local):
        return None
    if v.HAVING_BEFORE.search(site.local) and not v.ADMIT.search(site.local):
        return None  # "phấn đấu có 6.000 đảng viên": a membership goal, no metric for it
    if noun in v.CANDIDATE_NOUNS and v.SOURCING_BEFORE.search(v.PART_SEP.split(site.local)[-1]):
        return None  # "chỉ tiêu: kết nạp 250 đảng viên, tạo nguồn 400 quần chúng ưu tú": candidates planned, no metric
    if site.prev and site.prev.metric == "admitted_target" and label(site.local):
        return None  # "Kế hoạch … kết nạp 200 đảng viên, trong đó nữ 80": a target's breakdown has no metric
    if noun in v.YOUTH_NOUNS and not _into_party(site.local, after):
        return None  # "Thành Đoàn phấn đấu kết nạp 10.000 đoàn viên mới": the Youth Union's own target
    segment = _segment(site, noun, after, False)
    breakdown = (site.prev and site.prev.metric == "admitted_target" and v.BREAKDOWN.search(site.local)) or site.plan_follows
    if segment != "all" and breakdown:
        return None  # "phấn đấu kết nạp 250 đảng viên, trong đó 100 đảng viên nữ": a target's breakdown has no metric
    return Cls("admitted_target", segment, "count", per_year, site.num.value)


def _plan_pending(plan: Pattern[str], text: str) -> bool:
    """Whether the last plan word `plan` finds in a text has no result ("đã", "được", "đến nay") reported after it."""
    plans = list(plan.finditer(text))
    return bool(plans) and not v.DONE.search(text, plans[-1].end())


def _trained(site: Site, noun: str, after: str, per_year: bool) -> Cls | None:
    """candidates_trained: people in a class for candidates, introduced or pending admission (not their subgroups)."""
    named = v.CANDIDATES_NAMED_BEFORE.search(site.local)  # "Số quần chúng được học lớp cảm tình Đảng là 420."
    if (not noun and not named) or _plan_pending(v.CANDIDATES_PLANNED, site.clause) or _plan_governs(site):
        return None  # a bare number near "lớp" (a school class, a course number) counts nobody
    if v.BREAKDOWN.search(site.local) and noun not in v.CANDIDATE_NOUNS and v.segments_in(noun):
        return None  # "66 học viên, trong đó có 44 sinh viên": a subgroup of the candidates
    context = site.clause + v.SCOPE_SPLIT.split(after, maxsplit=1)[0]
    if noun not in v.CANDIDATES_ON_THEIR_OWN and not v.CANDIDATE_CONTEXT.search(context):
        return None  # "Danh sách có 45 người được đề nghị khen thưởng": a list, no candidate of the Party
    part = v.PART_SEP.split(site.local)[-1]
    if noun == v.STUDENT_NOUN and (v.OTHER_COURSE.search(part) or v.OTHER_CLASS_BEFORE.search(part)):
        return None  # "…, 3 lớp đảng viên mới cho 198 học viên": the learners of another class of the list
    if v.CANDIDATE_SUBGROUP_BEFORE.search(site.local) or v.PER_CLASS_BEFORE.search(site.local):
        return None  # "420 quần chúng ưu tú, trong đó có 215 đoàn viên": a subgroup, not a unit's share; "mỗi lớp có 50"
    return Cls("candidates_trained", "all", "count", False, site.num.value)


def _total(site: Site, noun: str, after: str, per_year: bool) -> Cls | None:
    """members_total: "có 254 đảng viên", "tổng số đảng viên … 3.011 đồng chí"."""
    if noun == v.CANDIDATE_NOUN or (noun == v.SUBJECT_NOUN and v.OF_THE_PARTY_AFTER.match(after)):
        return Cls("candidates_trained", "all", "count", False, site.num.value)  # "hiện có 250 cảm tình Đảng", "45 đối tượng Đảng"
    if _not_the_membership(site, noun):
        return None
    if v.RATING_CTX.search(site.local) or v.COMMITTEE.search(site.local) or v.NOT_SEGMENT.search(v.LABEL_SEP.split(site.local)[-1]):
        return None  # "…; có trình độ đại học 150 đồng chí": a breakdown by schooling or age, not the membership
    total = list(v.MEMBERS_TOTAL_NOUN.finditer(site.local)) or list(v.MEMBERS_POOL_NOUN.finditer(site.local))
    if (total and v.segments_in(site.local[total[-1].end() :])) or v.MEMBER_SUBGROUP.search(site.local):
        return None  # "nâng tổng số đảng viên là người có đạo lên 412", "số đảng viên dự bị … là 300": a subgroup
    if _a_part_of_the_membership(site):
        return None
    named = v.MEMBERS_NAMED_BARE_BEFORE.search(site.local)
    if not noun and named and not v.segments_in(named.group("rest")) and not v.NOT_ALL_MEMBERS.search(named.group("rest")):
        return Cls("members_total", "all", "count", False, site.num.value)  # "nâng số đảng viên toàn huyện lên 5.230."
    if noun == v.PERSON_WORD and v.MEMBERS_TOTAL_BEFORE.search(site.local) and not v.ADMIT.search(site.local):
        return Cls("members_total", "all", "count", False, site.num.value)
    if noun in MEMBER_NOUNS and (v.MEMBERS_IN_UNITS_AFTER.match(after) or v.MEMBERS_OF_STAFF_AFTER.match(after)):
        return Cls("members_total", "all", "count", False, site.num.value)  # "có 320 đảng viên ở 12 chi bộ", "25 đảng viên/45 cán bộ"
    if noun in MEMBER_NOUNS and v.MEMBER_OK_AFTER.match(after) and not v.MEMBER_BAD_AFTER.match(after):
        return Cls("members_total", "all", "count", False, site.num.value)
    if not noun and v.TOTAL.search(site.local) and not _total_of_other(site.local):
        return Cls("members_total", "all", "count", False, site.num.value)
    return None


def _not_the_membership(site: Site, noun: str) -> bool:
    """Member counts that are no organisation's membership whatever follows: ranges, the count behind a share, members
    added, the extremes among units, a committee's size."""
    if site.num.value_max is not None:
        return True  # "Chi bộ có từ 3 đến 5 đảng viên": a range is no organisation's membership
    after_pct = site.text[max(0, site.local_start - 1) : site.local_start] == "%"
    if after_pct and v.COUNT_OF_SHARE_BEFORE.search(site.local) and not v.POPULATION_WORD.search(site.clause):
        return True  # "… đạt 92%, với 4.800 đảng viên": the members behind a share, not the membership
    if v.ADDED_BEFORE.search(site.local) or v.EXTREME_BEFORE.search(site.local):
        return True  # "chi bộ có thêm 3 đảng viên"; "Chi bộ có số đảng viên đông nhất là 85 đồng chí, ít nhất là 5"
    return noun not in v.MEMBER_COUNT_NOUNS and bool(v.COMMITTEE_SIZE_BEFORE.search(site.local))  # "chi ủy gồm 3 đồng chí"


def _a_part_of_the_membership(site: Site) -> bool:
    """A count labelled by a kind of member, or the members of some of its units, after (or without) the membership."""
    units_part = v.UNITS_PART_BEFORE.match(site.local) and site.text[: site.local_start].rstrip()[-1:].isdigit()
    if site.prev and site.prev.metric == "members_total" and (_member_kind_label(site.local) or units_part):
        return True  # "Đảng bộ có 320 đảng viên, trong đó nữ 120 đồng chí, …", "…, trong đó 11 chi bộ khu dân cư có 380 đảng viên"
    label_part = v.LABEL_SPLIT.split(v.LABEL_TAIL.sub("", site.local))[-1]
    return _member_kind_label(site.local) and not v.UNIT_WORD.search(label_part)  # "Trong đó, đảng viên nữ có 1.850 đồng chí"


def _member_kind_label(local: str) -> bool:
    """A label before a member count naming a segment or a kind of member ("trong đó nữ ", "(đảng viên dự bị ")."""
    return bool(label(local) or v.MEMBER_KIND_LABEL.search(v.LABEL_SPLIT.split(v.LABEL_TAIL.sub("", local))[-1]))


def _total_of_other(local: str) -> bool:
    """ "nâng tổng số hội viên lên 12.000": the total named is not of party members."""
    tail = local[[m.end() for m in v.TOTAL.finditer(local)][-1] :]
    return bool(v.OTHER_TOTAL.search(tail)) and not v.MEMBER_WORD.search(tail)


def _admitted(site: Site, noun: str, after: str, per_year: bool) -> Cls | None:
    """admitted, with the segment the number counts; subgroups without a segment are dropped."""
    if v.LEFT_BEFORE.search(site.local):
        return None  # "…, còn 20 đảng viên chưa đạt kế hoạch": what is left, not admitted
    breakdown = site.admit_context or _after_breakdown(site.clause) or bool(v.ADMITTED_POOL.search(site.clause))
    if _no_intake(site, after, breakdown):
        return None
    admitted_count_before = site.prev is not None and site.prev.metric == "admitted" and site.prev.unit == "count"
    if admitted_count_before and noun in MEMBER_NOUNS and v.PERIOD_ITEM_BEFORE.fullmatch(site.local):
        return Cls("admitted", "all", "count", per_year, site.num.value)  # "… (năm 2022: 200 đảng viên)": that year's
    listing = site.prev is not None and site.prev.metric == "admitted" and site.prev.segment != "all"
    if noun in v.YOUTH_NOUNS and not (breakdown or listing) and not _into_party(site.local, after):
        return None
    if breakdown and site.prev and site.prev.metric in STOCK and not v.ADMIT.search(site.local):
        return None  # "… lên 2.500 đồng chí; trong đó 1.433 đảng viên nữ": a subgroup of the membership
    segment = _segment(site, noun, after, breakdown)
    tail = v.LABEL_SEP.split(site.local)[-1]
    if segment == "all" and v.NOT_SEGMENT.search(tail) and not v.ADMIT.search(tail):
        return None
    if segment == "all" and breakdown and v.NOT_SEGMENT.search(v.PART_SEP.split(after, maxsplit=1)[0][:40]):
        return None  # "Trong số đảng viên mới, có 200 đồng chí dưới 30 tuổi": a breakdown by age or schooling
    named_pool = v.ADMITTED_POOL_IS_BEFORE.search(site.local)  # "số lượng đảng viên được phát triển là 215": the pool itself
    if segment == "all" and breakdown and not v.ADMIT.search(site.local) and not v.ADMIT_AFTER.match(after) and not named_pool:
        name = v.ADMIN_UNIT_BEFORE_NAME.sub("", list_name(site.text[site.local_start : site.num.start]))
        item = not noun or (noun in MEMBER_NOUNS and places.is_known(name))
        return _list_item(site) if item else None
    inherit = site.prev and site.prev.metric == "admitted" and site.prev.segment != "all"
    listed = site.prev and site.prev.metric == "admitted"
    own = label(site.local) if (inherit or listed) and noun in MEMBER_NOUNS | {""} else []
    colon = label(site.local) if v.COLON_END.search(site.local) else []
    if segment == "all" and len(colon) == 1:
        segment = colon[0]  # "Đảng viên mới là nữ: 45 đồng chí"
    elif segment == "all" and len(own) == 1:
        segment = own[0]
    elif segment == "all" and inherit and not breakdown and noun in MEMBER_NOUNS and site.prev:
        if _own_label(after) or v.AGE_OR_SCHOOLING_AFTER.match(after) or v.MALE_AFTER.match(after):
            return None  # "… 12 đảng viên là phụ nữ, 5 đảng viên là thanh niên": a subgroup of its own, not the segment before
        segment = site.prev.segment
    if segment == "all" and noun in v.CATEGORY_NOUNS:
        return None  # "kết nạp được 04 trưởng, thôn …": a category whose segment is unknown is not the total
    if segment == "all" and not breakdown:
        segment = _pool_named_before(_own_words(site)) or segment  # "Số đảng viên nữ được kết nạp là 45 đồng chí"
    return Cls("admitted", segment, "count", per_year, site.num.value)


def _no_intake(site: Site, after: str, breakdown: bool) -> bool:
    """Counts near an admission verb that count no intake of the period: a streak's threshold, an earlier period's
    figure, a figure per unit, re-admissions after the admission."""
    if site.num.qualifier == "over" and (v.STREAK_THRESHOLD_BEFORE.search(site.local) or v.STREAK_THRESHOLD_AFTER.match(site.right)):
        return True  # "năm thứ hai liên tiếp kết nạp được trên 200 đảng viên": a streak's threshold, not a count
    if v.EARLIER_PERIOD_BEFORE.search(site.local):
        return True  # "…, cùng kỳ năm trước là 210 đảng viên": an earlier period's admission, compared
    if v.EACH_UNIT_BEFORE.search(site.local):
        return True  # "bình quân mỗi tổ chức cơ sở đảng kết nạp được 8 đảng viên": a figure per unit
    readmitted = v.READMIT_BEFORE.search(site.local) or v.READMIT_AFTER.match(after)
    after_admission = breakdown or site.after_admission or (site.prev is not None and site.prev.metric == "admitted")
    return bool(readmitted and after_admission)  # "kết nạp 215 đảng viên, kết nạp lại 2 đảng viên": a part, no segment


_BY_METRIC = {"admitted": _admitted, "admitted_target": _target, "candidates_trained": _trained, "members_total": _total}
"""The count metrics with a rule of their own; any other metric of a cue kind (members_removed) is a plain count."""


def _into_party(local: str, after: str) -> bool:
    """Admission into the Party, not into the Youth or Trade Union ("kết nạp 45 đoàn viên ưu tú vào Đảng", "… được kết nạp Đảng")."""
    return bool(v.INTO_PARTY_BEFORE.search(local) or v.INTO_PARTY_AFTER.match(after) or v.ADMIT_AFTER.match(after))


def _after_breakdown(clause: str) -> bool:
    """ "trong đó …" after the last admission verb of the clause."""
    last_admit = max((m.end() for m in v.ADMIT.finditer(clause)), default=-1)
    return any(m.start() > last_admit for m in v.BREAKDOWN.finditer(clause)) or (
        last_admit >= 0 and "(" in clause[last_admit:] and ")" not in clause[last_admit:]
    )


def label(local: str) -> list[str]:
    """Segments labelled just before a number, after the last separator ("…; nữ 41", "đoàn viên thanh niên 112")."""
    local = v.LABEL_TAIL.sub("", local)  # "nữ: 45", "người dân tộc thiểu số có 30"
    part = v.LABEL_SPLIT.split(local)[-1]
    segs = list(dict.fromkeys(v.segments_in(part)))
    run = v.LABEL_RUN_SPLIT.split(local)[-1]  # "trong đó nữ, dân tộc thiểu số 45": one label across commas, two segments
    if segs and run != part and not v.LABEL_LIST_WORD.search(run) and len(set(v.segments_in(run))) > 1:
        return []
    return segs


def _pool_named_before(local: str) -> str | None:
    """The one segment named as the pool before a count in its clause ("Riêng đối tượng là học sinh, kết nạp được 12 em")."""
    if v.ORG_NAMES.search(local) or v.ORG_SCOPE_POOL.search(local):
        return None  # "Đảng ủy Quân sự tỉnh … các tổ chức đảng trong lực lượng vũ trang": the organisation, not a segment
    found = {name for name, rx in v.SEGMENTS for m in rx.finditer(local) if v.SEGMENT_POOL_BEFORE.search(local[: m.start()])}
    return found.pop() if len(found) == 1 else None


def _own_words(site: Site) -> str:
    """The words before a count that are its own: after another number of the clause, not that number's phrase
    ("có 12.000 đảng viên là người dân tộc thiểu số, năm 2023 kết nạp 1.200": the label is the 12.000's)."""
    if site.local_start <= site.clause_start:
        return site.local
    parts = v.PART_SEP.split(site.local, maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def _own_label(after: str) -> bool:
    """A count followed by a label of its own ("5 đảng viên là thanh niên"), which no segment names."""
    head = v.PHRASE_SEP.split(after, maxsplit=1)[0]
    return bool(v.SEGMENT_LABEL_AFTER.match(head)) and not v.ALL_ARE.search(head)


def _label_after(head: str, after: str) -> list[str]:
    """Segments a label after the number names ("là nữ"); one whose name a comma splits ("là trưởng, phó thôn") counts."""
    segs = v.segments_in(v.DIGIT.split(head, maxsplit=1)[0][:60])
    if len(set(segs)) > 1 and v.MIXED_LABEL.match(head):
        return []  # "là học sinh và giáo viên": a mixed category, no one segment
    if segs:
        return segs
    wide = v.ORG_NAMES.sub(lambda m: " " * len(m.group()), v.WIDE_LABEL_END.split(after, maxsplit=1)[0][:60])  # not "… tại Đảng bộ Công an tỉnh"
    if len(set(v.segments_in(wide))) > 1 and v.MIXED_LABEL.match(wide):
        return []  # "là cán bộ, công chức, viên chức", "là học sinh và giáo viên": a mixed category, no one segment
    return [name for name, rx in v.SEGMENTS if (m := rx.search(wide)) and m.start() < len(head)][:1]


def _segment(site: Site, noun: str, after: str, breakdown: bool) -> str:
    """The segment a count is of: its noun ("19 em học sinh", "đảng viên nữ") or, in a breakdown, its label."""
    head = v.PHRASE_SEP.split(after, maxsplit=1)[0]
    verb = v.VERB_AFTER.match(head) and not v.RELIGIOUS_AFTER.match(head)
    if noun in v.SEGMENT_HEAD_NOUNS and v.segments_in(noun + head[:60]) and not verb:
        segs = v.segments_in(noun + head[:60])
    elif noun == v.CADRE_NOUN:
        segs = v.segments_in(v.CADRE_NOUN + after[:20])
    elif noun and noun not in MEMBER_NOUNS | v.MASS_NOUNS:
        segs = v.segments_in(noun + head[:40])
    elif noun in MEMBER_NOUNS and [name for name, rx in v.SEGMENTS if rx.match(head.lstrip())] and not verb:
        segs = [name for name, rx in v.SEGMENTS if rx.match(head.lstrip())][:1]  # "30 đồng chí dân tộc thiểu số"
    elif v.FROM_SOURCE.match(head) and v.BREAKDOWN.search(site.clause):
        segs = v.segments_in(v.FROM_SOURCE.sub("", head, count=1)[:40])[:1]
    elif (v.SEGMENT_LABEL_AFTER.match(head) or v.SEGMENT_WHERE_AFTER.match(head)) and not v.ALL_ARE.search(head):
        segs = _label_after(head, after)  # "kết nạp ba đảng viên là đoàn viên thanh niên": youth_union, like "… là học sinh"
    else:
        segs = []
    if not segs and breakdown:
        segs = label(site.local)
        if not segs and not (site.prev and site.prev.metric == "admitted"):
            segs = list(dict.fromkeys(v.segments_in(_since_opener(site.local))))
        segs = segs if len(segs) == 1 else []
    return segs[0] if segs else "all"


def _since_opener(local: str) -> str:
    """The pool a breakdown item is of: named after its opener ("trong số những thanh niên ấy có …"), else before it."""
    openers = list(v.BREAKDOWN.finditer(local))
    after = local[openers[-1].end() :] if openers else ""
    return after if v.OPENER_FILLER.sub("", after) else local


def list_name(raw: str) -> str:
    """The item name before a bare number, without list openers ("trong đó Thăng Bình" -> "Thăng Bình")."""
    last = v.ITEM_SEP.split(v.ITEM_ATTAINMENT_TAIL.sub("", raw).rstrip(v.ITEM_TRAIL))[-1]  # "A (đạt 80%)", "B đạt 110%"
    return v.LIST_OPENER.sub("", last).strip(v.ITEM_TRAIL)


def _list_item(site: Site) -> Cls | None:
    """ "…; Hội An 110; Điện Bàn 150": a bare number after a name repeats the previous metric."""
    prev = site.prev
    raw = list_name(site.text[site.local_start : site.num.start])
    if prev is None or not raw or prev.metric in PCT_METRICS:
        return None
    name = v.ADMIN_UNIT_BEFORE_NAME.sub("", raw)
    words = name.split()
    if len(words) > 4 or not name[0].isupper() or v.DIGIT.search(name) or words[0].lower() in v.NOT_NAME_WORDS:
        return None
    return Cls(prev.metric, prev.segment, "count", prev.per_year, site.num.value, list_item=True)
