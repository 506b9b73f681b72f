"""Which metric and segment a number states, from the Vietnamese words around it."""

from __future__ import annotations

import re

from services.extractor import places
from services.extractor import vocab as v
from services.extractor.percents import pct
from services.extractor.sites import MEMBER_NOUNS, PCT_METRICS, STOCK, Cls, Site
from services.extractor.sites import per_year as _per_year

__all__ = ["PCT_METRICS", "STOCK", "Cls", "Site", "classify", "label", "list_name"]


def classify(site: Site) -> Cls | None:
    """The fact a number states, or None for distractors and unrelated figures."""
    if site.num.pct:
        return pct(site)
    return _count(site)


def _cue(site: Site) -> str | None:
    """admit / target / total / remove / train: the verb that governs a count."""
    local, clause = site.local, site.clause
    remnant = v.TARGET_REMNANT.match(local) if site.prev and site.prev.unit == "pct" else None
    if remnant:
        if not local[remnant.end() :].strip() and local.rstrip().endswith("("):
            return "target"
        local = local[remnant.end() :]
    if v.TARGET.search(local):
        return "target"
    if site.num.value_max is not None and v.TARGET.search(clause):
        return "target"
    own = _last_cue(local)
    if own:
        return own
    if site.prev and site.prev.metric == "admitted_target" and v.TARGET.search(clause):
        return "target"
    prefix = site.prefix
    spread = v.BREAKDOWN.search(clause) or (v.BREAKDOWN.search(prefix) and not v.WEAK.search(local))
    for text in [clause] + ([prefix] if spread else []):
        found = _last_cue(text)
        if found:
            return found
    if site.admit_context:
        return "admit"
    return "total" if v.WEAK.search(clause) else None


def _last_cue(text: str) -> str | None:
    """The kind of the last strong cue in a text."""
    cues = [(m.end(), kind) for kind, rx in _CUES for m in rx.finditer(text)]
    return max(cues)[1] if cues else None


_CUES = (("admit", v.ADMIT), ("total", v.TOTAL), ("remove", v.REMOVE), ("train", v.TRAIN), ("other", v.NOT_ADMISSION))


def _structural(site: Site) -> Cls | None:
    """Counts of party cells and grassroots organisations."""
    right, local = site.right, site.local
    m = v.CELL_NOUN.match(right)
    if m and v.CELL_OK_AFTER.match(right[m.end() :]):
        if re.search(r"(?:thành lập|lũy kế|mới|tăng|giảm)\s*(?:mới\s*)?(?:đạt\s*)?$", local):
            return None
        return Cls("party_cells", "all", "count", False, site.num.value)
    m = v.ORGS_NOUN.match(right)
    if m and not v.ORGS_BAD_AFTER.match(right[m.end() :]) and not re.search(r"(?:của|cho)\s*$", local):
        return Cls("grassroots_orgs", "all", "count", False, site.num.value)
    return None


def _count(site: Site) -> Cls | None:
    """A count: admitted, target, total, removed, trained, cells, organisations."""
    if v.CHANGE_BEFORE.search(site.local) or v.COMPARE_AFTER.match(site.right):
        return None
    if not float(site.num.value).is_integer() or re.search(r"tuổi", site.local) or (v.QUOTA.search(site.clause) and not v.TARGET.search(site.clause)):
        return None
    if v.ON_BEHALF.search(site.local) and v.PERSON_NOUN.match(site.right):
        return Cls("members_total", "all", "count", False, site.num.value)
    if v.CELL_NOUN.match(site.right) or v.ORGS_NOUN.match(site.right):
        return _structural(site)
    person = v.PERSON_NOUN.match(site.right)
    if not person and not v.BARE.match(site.right):
        return _bare_segment(site)
    noun = person.group("noun").lower() if person else ""
    after = site.right[person.end() :] if person else site.right
    if noun not in MEMBER_NOUNS and re.match(r"^[^,;]{0,40}\blà đảng viên", after):
        return None
    kind = _kind(site, noun, after)
    if noun == "cán bộ" and kind != "admit":
        return None
    return _count_metric(site, kind, noun, after)


def _bare_segment(site: Site) -> Cls | None:
    """ "trong đó … 120 dân tộc thiểu số, 60 là nữ": a breakdown count named by its segment alone."""
    m = re.match(r"^\s*(?:là\s+)?(?P<label>(?:người\s+)?[^,;.()\d]{2,40})", site.right)
    listed = site.prev is not None and site.prev.metric == "admitted" and site.prev.unit == "count"
    if not m or not (listed or site.admit_context or _after_breakdown(site.clause)):
        return None
    label = m.group("label")
    for text in (label, re.sub(r"^người\s+", "", label)):
        first = [name for name, rx in v.SEGMENTS if rx.match(text)]
        if first:
            return Cls("admitted", first[0], "count", False, site.num.value)
    return None


def _kind(site: Site, noun: str, after: str) -> str | None:
    """The cue, corrected by what follows the noun ("… được kết nạp", "… tham gia lớp cảm tình Đảng")."""
    if noun == "học viên":
        return "train"
    if noun not in MEMBER_NOUNS and noun and v.TRAIN_AFTER.match(after):
        return "train"
    if v.ADMIT_AFTER.match(after):
        return "admit"
    if v.REMOVE_AFTER.match(after):
        return "remove"
    kind = _cue(site)
    if kind is None and noun in MEMBER_NOUNS and re.match(r"^\s*mới\b", after):
        return "admit"
    return kind


def _count_metric(site: Site, kind: str | None, noun: str, after: str) -> Cls | None:
    """Metric of a count from its cue."""
    value, per_year = site.num.value, _per_year(site, after)
    if kind == "remove":
        return Cls("members_removed", "all", "count", False, value)
    if kind == "target":
        return Cls("admitted_target", _segment(site, noun, after, False), "count", per_year, value)
    if kind == "train" and noun not in MEMBER_NOUNS:
        if v.FUTURE.search(site.clause):
            return None
        return Cls("candidates_trained", "all", "count", False, value)
    if kind == "total":
        return _total(site, noun, after)
    if kind == "admit":
        found = _admitted(site, noun, after, per_year)
        return None if found and noun == "cán bộ" and found.segment == "all" else found
    own = label(site.local) if site.prev and site.prev.metric == "admitted" and noun in MEMBER_NOUNS | {""} else []
    if len(own) == 1 and site.prev:
        return Cls("admitted", own[0], "count", site.prev.per_year, value)
    return _list_item(site)


def _total(site: Site, noun: str, after: str) -> Cls | None:
    """members_total: "có 254 đảng viên", "tổng số đảng viên … 3.011 đồng chí"."""
    if v.RATING_CTX.search(site.local) or re.search(r"ban chấp hành|ban thường vụ|\bbầu\b|đại biểu", site.clause):
        return None
    if noun in MEMBER_NOUNS and v.MEMBER_OK_AFTER.match(after) and not v.MEMBER_BAD_AFTER.match(after):
        return Cls("members_total", "all", "count", False, site.num.value)
    if not noun and v.TOTAL.search(site.local):
        return Cls("members_total", "all", "count", False, site.num.value)
    return None


def _admitted(site: Site, noun: str, after: str, per_year: bool) -> Cls | None:
    """admitted, with the segment the number counts; subgroups without a segment are dropped."""
    breakdown = site.admit_context or _after_breakdown(site.clause)
    if noun in ("đoàn viên", "thanh niên") and not breakdown and not _into_party(site.local, after):
        return None
    segment = _segment(site, noun, after, breakdown)
    tail = re.split(r"[,;:(]", site.local)[-1]
    if segment == "all" and v.NOT_SEGMENT.search(tail) and not v.ADMIT.search(tail):
        return None
    if segment == "all" and breakdown and not v.ADMIT.search(site.local):
        item = not noun or (noun in MEMBER_NOUNS and places.is_known(list_name(site.text[site.local_start : site.num.start])))
        return _list_item(site) if item else None
    inherit = site.prev and site.prev.metric == "admitted" and site.prev.segment != "all"
    listed = site.prev and site.prev.metric == "admitted"
    own = label(site.local) if (inherit or listed) and noun in MEMBER_NOUNS | {""} else []
    if segment == "all" and len(own) == 1:
        segment = own[0]
    elif segment == "all" and inherit and not breakdown and noun in MEMBER_NOUNS and site.prev:
        segment = site.prev.segment
    return Cls("admitted", segment, "count", per_year, site.num.value)


def _into_party(local: str, after: str) -> bool:
    """Admission into the Party, not into the Youth or Trade Union ("kết nạp 45 đoàn viên ưu tú vào Đảng")."""
    return bool(re.search(r"kết nạp (?:vào )?đảng|đảng viên", local) or re.match(r"^[^,;.]{0,40}(?:vào đảng|hàng ngũ)", after))


def _after_breakdown(clause: str) -> bool:
    """ "trong đó …" after the last admission verb of the clause."""
    last_admit = max((m.end() for m in v.ADMIT.finditer(clause)), default=-1)
    return any(m.start() > last_admit for m in v.BREAKDOWN.finditer(clause)) or (
        last_admit >= 0 and "(" in clause[last_admit:] and ")" not in clause[last_admit:]
    )


def label(local: str) -> list[str]:
    """Segments labelled just before a number, after the last separator ("…; nữ 41", "đoàn viên thanh niên 112")."""
    part = re.split(r"[,;:(]|\bvà\b|trong đó|trong số|\bcó\b(?! đạo)", local)[-1]
    return list(dict.fromkeys(v.segments_in(part)))


def _segment(site: Site, noun: str, after: str, breakdown: bool) -> str:
    """The segment a count is of: its noun ("19 em học sinh", "đảng viên nữ") or, in a breakdown, its label."""
    head = re.split(r"[,;()]", after, maxsplit=1)[0]
    verb = re.match(r"^\s*(?:là|có|được|đã)\b", head) and not re.match(r"^\s*có đạo", head)
    if noun in ("em", "người") and v.segments_in(noun + head[:60]) and not verb:
        segs = v.segments_in(noun + head[:60])
    elif noun == "cán bộ":
        segs = v.segments_in("cán bộ" + after[:20])
    elif noun and noun not in MEMBER_NOUNS | {"người", "quần chúng"}:
        segs = v.segments_in(noun + head[:40])
    elif re.match(r"^\s*(?:là|nữ|người|thuộc|ở|trong|khu vực|còn|đang|em)\b", head) and "đều là" not in head:
        segs = v.segments_in(head[:60])
        source = re.search(r"kết nạp|phát triển", site.local) and not v.BREAKDOWN.search(site.clause)
        if source and re.match(r"^\s*là\b", head) and segs[:1] == ["youth_union"]:
            segs = []  # "kết nạp hai đảng viên là đoàn viên": the Youth Union as the source counts everyone
    else:
        segs = []
    if not segs and breakdown:
        segs = label(site.local)
        if not segs and not (site.prev and site.prev.metric == "admitted"):
            segs = list(dict.fromkeys(v.segments_in(site.local)))
        segs = segs if len(segs) == 1 else []
    return segs[0] if segs else "all"


def list_name(raw: str) -> str:
    """The item name before a bare number, without list openers ("trong đó Thăng Bình" -> "Thăng Bình")."""
    last = re.split(r"[,;:]", raw.rstrip(" ,;:.-"))[-1]
    return re.sub(r"(?i)^\s*(?:(?:trong đó|trong số|như|gồm|bao gồm|cụ thể)\b\s*)?", "", last).strip(" ,;:.-")


def _list_item(site: Site) -> Cls | None:
    """ "…; Hội An 110; Điện Bàn 150": a bare number after a name repeats the previous metric."""
    prev = site.prev
    raw = list_name(site.text[site.local_start : site.num.start])
    if prev is None or not raw or prev.metric in PCT_METRICS:
        return None
    words = raw.split()
    if len(words) > 4 or not raw[0].isupper() or re.search(r"\d", raw) or words[0].lower() in v.NOT_NAME_WORDS:
        return None
    return Cls(prev.metric, prev.segment, "count", prev.per_year, site.num.value, list_item=True)
