"""Percent figures: attainment, admission rate, target rate, good rating or a segment share."""

from __future__ import annotations

import re

from services.extractor import vocab as v
from services.extractor.sites import WINDOW, Cls, Site, per_year


def pct(site: Site) -> Cls | None:
    """A percent: attainment, admission rate, target rate, good rating or a segment share."""
    local, right = site.local, site.right
    found = _vuot(site)
    if found:
        return found
    if v.CHANGE_BEFORE.search(local) or v.COMPARE_AFTER.match(right) or v.ECON.search(site.clause):
        return None
    if v.SHARE_NOUN_AFTER.match(right) or "còn lại" in local or v.SHARE_OF_UNITS.search(site.clause) or v.GROUP_SHARE.search(site.clause):
        return None
    for rule in (_vuot, _attainment, _good, _target_pct, _rate, _segment_pct):
        found = rule(site)
        if found:
            return found
    return None


def _vuot(site: Site) -> Cls | None:
    """ "vượt 26,9% nghị quyết" -> attainment 126.9 (note "vuot")."""
    if v.VUOT_BEFORE.search(site.local) and v.TARGET_WORD_AFTER.match(site.right):
        return Cls("target_attainment_pct", "all", "pct", False, round(100 + site.num.value, 4), note="vuot")
    return None


def _attainment(site: Site) -> Cls | None:
    """ "đạt 56,8% so với mục tiêu", "(đạt 160% kế hoạch)", "đạt gần 70% chỉ tiêu"."""
    if not v.RECRUIT.search(site.around):
        return None
    if v.TARGET_WORD_AFTER.match(site.right) and not v.GOOD.search(site.clause):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
    bare = bool(re.search(r"^\s*(?:\)|[.;,]|$)", site.right) and re.search(r"(?:\(|đạt)\s*$", site.local))
    bare = bare and not re.search(r"tỷ lệ|tỉ lệ", site.local)
    after_admitted = site.prev is not None and site.prev.metric == "admitted" and site.prev.unit == "count"
    if bare and after_admitted and site.num.value >= 30 and re.search(r"(?:\(|,)\s*(?:đạt|bằng)\s*$", site.local):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
    if bare and re.search(r"chỉ tiêu|kế hoạch", site.around) and not re.search(r"xuất sắc|nhiệm vụ|tư cách", site.clause):
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
    return None


def _good(site: Site) -> Cls | None:
    """Share of members rated "hoàn thành tốt nhiệm vụ trở lên"."""
    if not v.GOOD.search(site.around) or v.NOT_GOOD.search(site.local) or "xuất sắc" in site.right[:40]:
        return None
    prefix = site.prefix
    if re.search(r"mục tiêu|đề ra|phấn đấu|chỉ tiêu", prefix) or re.search(r"tổ chức (?:cơ sở )?đảng|chi bộ", site.clause):
        return None
    stated = re.search(r"(?:đạt|là)\s*(?:trên|hơn|gần|khoảng)?\s*$", site.local) or v.GOOD_AFTER.match(site.right)
    if not stated or not (v.GOOD.search(site.clause) or v.GOOD_AFTER.match(site.right) or "riêng" in site.local):
        return None
    per_year = bool(v.PER_YEAR.search(site.clause) or v.PER_YEAR.search(site.low[max(0, site.clause_start - WINDOW) : site.clause_start]))
    if "riêng" in site.local:
        per_year = False
    return Cls("members_good_rating_pct", "all", "pct", per_year, site.num.value)


def _target_pct(site: Site) -> Cls | None:
    """ "chỉ tiêu kết nạp đảng viên mới từ 4-5%/năm"."""
    if not (v.PCT_TARGET.search(site.clause) and re.search(r"kết nạp|phát triển", site.clause)):
        return None
    versus = "so với" in site.right[:15] and "tổng số" not in site.right[:35]
    if v.TARGET_WORD_AFTER.match(site.right) or versus or "vượt" in site.local:
        return None
    return Cls("admitted_target_pct", "all", "pct", per_year(site), site.num.value)


def _rate(site: Site) -> Cls | None:
    """ "tỷ lệ bình quân đạt 5,5%/năm", "đạt tỷ lệ 2,98% so với tổng số đảng viên"."""
    if not (v.RATE_BEFORE.search(site.local) or v.RATE_AFTER.match(site.right)):
        return None
    if not re.search(r"kết nạp|phát triển|đảng viên mới", site.around):
        return None
    if site.num.value >= 30 and "so với tổng số" not in site.right[:30]:
        return Cls("target_attainment_pct", "all", "pct", False, site.num.value)
    return Cls("admission_rate_pct", "all", "pct", per_year(site), site.num.value)


def _segment_pct(site: Site) -> Cls | None:
    """A breakdown share of new members: "50% là nữ", "nông dân chiếm 16,3%", "đảng viên nữ, chiếm 78,3%"."""
    if not (site.admit_context or v.ADMIT.search(site.prefix)):
        return None
    if re.fullmatch(r"[^\d;()]{0,30}\(\s*", site.local):
        share = site.prev and site.prev.metric == "admitted" and site.prev.unit == "count" and site.prev.segment != "all"
        return Cls("admitted", site.prev.segment, "pct", False, site.num.value) if share and site.prev else None
    m = v.SEG_AFTER.match(site.right)
    segs = v.segments_in(m.group("rest")[:50]) if m and re.match(r"^\s*(?:đảng viên|đv|là|ở|thuộc|trong|khu vực)", site.right) else []
    if not segs and re.search(r"chiếm\s*(?:tỷ lệ|tỉ lệ)?\s*(?:khoảng|gần|hơn|trên)?\s*$|^[,;\s]*[^\d,;()]{2,40}\s*$", site.local):
        segs = list(dict.fromkeys(v.segments_in(site.local)))
        if not segs and re.fullmatch(r"[,(\s]*chiếm\s*(?:tỷ lệ)?\s*", site.local) and site.prev and site.prev.segment != "all":
            segs = [site.prev.segment]
        segs = segs if len(segs) == 1 else []
    if not segs:
        return None
    return Cls("admitted", segs[0], "pct", False, site.num.value)
