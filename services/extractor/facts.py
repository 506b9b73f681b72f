"""Walks an article sentence by sentence and turns classified numbers into raw facts with org and period."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import date

from services.extractor import orgs as o
from services.extractor import places, tables
from services.extractor import vocab as v
from services.extractor.numbers import MAX_PER_ARTICLE, Num, budgeted, find_fractions
from services.extractor.periods import Ctx, Period, find_periods, now_ym, year_of
from services.extractor.rules import STOCK, Cls, Site, classify, list_name
from services.extractor.sites import WINDOW
from services.extractor.text_norm import paragraphs, sentences


@dataclass(frozen=True, slots=True)
class RawFact:
    """A fact before place resolution."""

    cls: Cls
    num: Num
    org: o.Org | None
    period: Period | None
    evidence: str


@dataclass
class State:
    """What carries from one sentence to the next."""

    ctx: Ctx
    resolver: o.Resolver
    period: Period | None = None
    org: o.Org | None = None
    admitted_before: bool = False
    breakdown: bool = False
    last_pct: str | None = None
    admit_period: Period | None = None
    first_period: Period | None = None
    facts: list[RawFact] = field(default_factory=list)
    numbers_left: int = MAX_PER_ARTICLE
    over_budget: int = 0


def all_sentences(text: str, title: str | None) -> list[str]:
    """The title (if any) then every sentence of the text."""
    out = [title.strip()] if title and title.strip() else []
    for _, para in paragraphs(text):
        out.extend(sentences(para))
    return out


def extract_raw(text: str, title: str | None, published: date | None, stats: dict[str, int] | None = None) -> list[RawFact]:
    """Raw facts of an article, in text order (stats, if given, gets "numbers_over_budget": numbers not read)."""
    sents = all_sentences(text, title)
    mentions = [m for s in sents if not tables.cells(s) for m in o.mentions(s)]
    typed = [org for s in sents for org in o.typed_places(s)]
    state = State(Ctx(published, _report_year(text, published)), o.Resolver(mentions, text, typed))
    roles: list[str | None] | None = None
    for sent in sents:
        row = tables.cells(sent)
        header = tables.header_roles(row) if row else None
        roles = header or (roles if row else None)
        if header:
            _header_period(sent, state)
        if header or (row and _table_row(row, roles, sent, state)):
            continue
        if v.COUNTER_LINE.search(sent):
            continue
        _sentence(sent, state)
    if stats is not None:
        stats["numbers_over_budget"] = state.over_budget
    first = state.first_period
    return [replace(f, period=first) if f.period is None and first and f.cls.metric not in STOCK else f for f in state.facts]


_NOW = re.compile(r"(?i)(?:tính\s+)?(?:hiện|đến nay|tới nay)")


def _report_year(text: str, published: date | None) -> int | None:
    """The year the article reports on: a year-end review published in January-February speaks of the year before."""
    if published is None:
        return None
    review = published.month <= 2 and re.search(r"(?i)năm qua|năm vừa qua|tổng kết", text)
    return published.year - 1 if review else published.year


def _header_period(sent: str, state: State) -> None:
    """A period in a table header ("Kết nạp năm 2023") dates the rows below it."""
    dated = [p for p in find_periods(sent, state.ctx) if p.period_end]
    if dated:
        state.period = dated[-1]


def _table_row(row: list[str], roles: list[str | None] | None, sent: str, state: State) -> bool:
    """Facts of one table row, attributed to its unit cell (a total row: the article's organisation)."""
    found = tables.row_facts(row, roles)
    for tf in found:
        org = (tables.unit_org(tf.unit) or _list_org(tf.unit)) if tf.unit else (state.resolver.main or state.org)
        period = None if tf.cls.metric in STOCK else state.period
        state.facts.append(RawFact(tf.cls, tf.num, org, period, sent))
    return bool(found)


def _sentence(sent: str, state: State) -> None:
    """Extract one sentence's facts and update the carried context."""
    periods = find_periods(sent, state.ctx)
    found = []
    for mention in o.mentions(sent):
        org = state.resolver.resolve(mention)
        state.resolver.see(org, mention.ref)
        found.append((mention, org))
    opener = bool(re.match(r"^\W*(?:về\s+)?(?:trong đó|trong số|phân loại|cơ cấu|cụ thể)", sent, re.I))  # "Về cơ cấu: …"
    admit_ctx = state.admitted_before and (opener or (state.breakdown and _labelled_opening(sent)))
    new = _numbers(sent, periods, found, state, admit_ctx, opener) + _fractions(sent, periods, found, state)
    state.facts.extend(new)
    dated = [p for p in periods if not p.compare and p.period_end]
    flows = [p for p in dated if p.period_start or not _NOW.match(p.text)]
    if flows:
        state.period = flows[-1]
    if dated:
        state.first_period = state.first_period or dated[0]
        single = [p for p in flows if p.period_start is None or year_of(p.period_start) == year_of(p.period_end)]
        if single:
            state.ctx = Ctx(state.ctx.published, year_of(single[-1].period_end) or state.ctx.year)
    if new:
        state.org = new[-1].org
    main_admits = [f for f in new if f.cls.metric == "admitted" and f.cls.segment == "all"]
    if main_admits:
        state.admit_period = main_admits[0].period
    state.admitted_before = any(f.cls.metric == "admitted" for f in new) or (admit_ctx and state.admitted_before)
    state.breakdown = bool(new) and new[-1].cls.metric == "admitted" and new[-1].cls.segment != "all"
    pcts = [f.cls.metric for f in new if f.cls.unit == "pct" and f.cls.segment == "all"]
    state.last_pct = pcts[-1] if pcts else None


def _labelled_opening(sent: str) -> bool:
    """A sentence that opens with one segment label and no verb ("Đảng viên là phụ nữ: 70.457 đồng chí"): a list item."""
    head = re.split(r"\d", sent, maxsplit=1)[0]
    if len(head) > 60 or v.ADMIT.search(head) or v.TOTAL.search(head) or v.TARGET.search(head):
        return False
    return len(set(v.segments_in(head))) == 1


def _numbers(
    sent: str, periods: list[Period], found: list[tuple[o.Mention, o.Org]], state: State, admit_ctx: bool, opener: bool = False
) -> list[RawFact]:
    """Classify every number of a sentence."""
    out: list[RawFact] = []
    spans = [(p.start, p.end) for p in periods]
    prev: Cls | None = None
    prev_end = 0
    admit_here: Period | None = None
    nums, skipped = budgeted(sent, state.numbers_left)
    state.numbers_left, state.over_budget = state.numbers_left - len(nums), state.over_budget + skipped
    respective = _respective(sent, [n for n in nums if not any(s <= n.start < e for s, e in spans)], found)
    semis = [m.start() for m in _SEMI.finditer(sent)]
    for num in nums:
        if any(s <= num.start < e for s, e in spans):
            continue
        clause_start = _clause_start(semis, num.start)
        site = Site(
            sent, num, clause_start, max(clause_start, prev_end), admit_ctx, prev, state.admitted_before,
            state.last_pct if opener else None,
        )
        prev_end = num.end
        cls = classify(site)
        if cls is None:
            continue
        prev = cls
        period = _period_for(site, periods, state)  # stock figures too: "Năm 2014 … Tổng số đảng viên có …" dates them
        if cls.metric == "admitted" and cls.segment == "all" and cls.unit == "count":
            admit_here = period
        if cls.segment != "all" and (admit_here or state.admit_period) and not _own_period(site, periods):
            period = admit_here or state.admit_period
        orgs = [respective[num.start]] if num.start in respective else _orgs_for(site, cls, found, state)
        for org in orgs:
            out.append(RawFact(cls, num, org, period, sent))
    return out


def _clause_start(semis: list[int], pos: int) -> int:
    """Start of the clause holding a position: just after the last ";" before it (semis: positions of ";")."""
    i = bisect.bisect_left(semis, pos)
    return semis[i - 1] + 1 if i else 0


def _own_period(site: Site, periods: list[Period]) -> bool:
    """Whether the number's clause states its own period."""
    return any(not p.compare and site.clause_start <= p.start < site.num.start for p in periods)


def _orgs_for(site: Site, cls: Cls, found: list[tuple[o.Mention, o.Org]], state: State) -> list[o.Org | None]:
    """The organisation(s) a number belongs to: enumerated or nearest mention, list item name, or carried."""
    if cls.list_item:
        return [_list_org(list_name(site.text[site.local_start : site.num.start]))]
    named = _LIST_NAME.search(site.text[site.local_start : site.num.start])
    upper = named and all(w[0].isupper() for w in named.group("name").split()) and is_name(named.group("name"))
    if named and upper and not any(site.local_start <= m.start < site.num.start for m, _ in found):
        return [_list_org(named.group("name"))]
    everything = [(m, org) for m, org in found if m.end <= site.num.start]
    found = [(m, org) for m, org in found if not _OWNED_BY.search(site.text[max(0, m.start - 40) : m.start])]
    found = _without_qualifiers(site.text, found)
    local = [(m, org) for m, org in found if site.local_start <= m.start and m.end <= site.num.start]
    if len(local) >= 2 and _enumerated(site.text, [m for m, _ in local]):
        return [org for _, org in local]
    before = [(m, org) for m, org in found if m.end <= site.num.start and m.start >= site.clause_start]
    before = before or [(m, org) for m, org in found if m.end <= site.num.start]
    if not before:
        whole = o.WHOLE_PARTY.search(site.text[max(0, site.num.start - WINDOW) : site.num.start])
        if whole:
            return [o.Org(whole.group(), None, "other")]
        subject = _subject_place(site.text[max(site.clause_start, site.num.start - WINDOW) : site.num.start])
        return [_list_org(subject)] if subject else [state.org or state.resolver.main]
    mention, org = before[-1]
    earlier = [o2 for m2, o2 in everything if m2.end <= mention.start]
    if mention.ref and not mention.org.type and earlier:
        return [earlier[-1]]
    return [org]


_SEMI = re.compile(";")
_OWNED_BY = re.compile(r"(?i)(?:trực thuộc|của|theo|thuộc)\s*$")
_SEP = r"\s*(?:,\s*và|,|và)\s*"


def _groups(sent: str, nums: list[Num]) -> list[list[Num]]:
    """Runs of numbers joined only by "," / "và": "lần lượt 46 và 39", "với 14 và 11"."""
    groups: list[list[Num]] = []
    for num in nums:
        if groups and re.fullmatch(_SEP, sent[groups[-1][-1].end : num.start]):
            groups[-1].append(num)
        else:
            groups.append([num])
    return [g for g in groups if len(g) >= 2]


def _names_before(sent: str, end: int, k: int, found: list[tuple[o.Mention, o.Org]]) -> list[o.Org]:
    """k organisations enumerated before a position (typed mentions, else capitalised names)."""
    ms = [(m, org) for m, org in found if m.end <= end][-k:]
    if len(ms) == k and _enumerated(sent, [m for m, _ in ms]):
        return [org for _, org in ms]
    names = _capitalised_names(sent[max(0, end - 150) : end])
    return [_list_org(n) for n in names[-k:]] if len(names) >= k else []


def _capitalised_names(text: str) -> list[str]:
    """The enumeration of capitalised names closing a text ("… Nam Trà My, Tây Giang kết nạp lần lượt")."""
    words = re.findall(r",|[^\s,;.:()]+", text)
    i = len(words) - 1
    while i >= 0 and len(words) - i <= 6 and not words[i][0].isupper() and words[i] != ",":
        i -= 1
    names: list[str] = []
    current: list[str] = []
    for word in reversed(words[: i + 1]):
        if word[0].isupper() and not word[0].isdigit():
            current.insert(0, word)
        elif word in (",", "và") and current:
            names.insert(0, " ".join(current))
            current = []
        else:
            break
    if current:
        names.insert(0, " ".join(current))
    return names


def _respective(sent: str, nums: list[Num], found: list[tuple[o.Mention, o.Org]]) -> dict[int, o.Org]:
    """Numbers stated "respectively" for several organisations named just before them."""
    out: dict[int, o.Org] = {}
    for group in _groups(sent, nums):
        names = _names_before(sent, group[0].start, len(group), found)
        out.update({num.start: org for num, org in zip(group, names, strict=False)})
    return out


_RANK = {"cell": 0, "agency": 0, "commune": 1, "district": 2, "province": 3}


def _without_qualifiers(text: str, found: list[tuple[o.Mention, o.Org]]) -> list[tuple[o.Mention, o.Org]]:
    """Drops address qualifiers: "xã Tân Lập (huyện Đồng Phú)", "xã Ea Tul, huyện Cư M'gar"."""
    out: list[tuple[o.Mention, o.Org]] = []
    chain_end = -1
    for mention, org in found:
        if out:
            gap = text[chain_end : mention.start]
            higher = _RANK.get(org.level, 9) > _RANK.get(out[-1][1].level, 9) and not mention.ref
            if higher and re.fullmatch(r"\s*[,(]?\s*", gap):
                chain_end = mention.end
                continue
        out.append((mention, org))
        chain_end = mention.end
    return out


_LIST_NAME = re.compile(r"(?:^|[,;:]|\b(?:là|như|gồm|và))\s*(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){0,3})\s*\(?\s*$")  # "… là Hà Nội (12.300 …)"


def _subject_place(clause: str) -> str | None:
    """A bare place name as the subject of the admission verb ("Năm 2023, Thăng Bình kết nạp …")."""
    m = re.search(r"(?:^|[,:]\s*)(?P<name>[A-ZĐ][^\s,;:]*(?:\s+[A-ZĐ][^\s,;:]*){1,3})\s+(?:đã\s+)?(?:kết nạp|phát triển)\b", clause)
    return m.group("name") if m and places.is_known(m.group("name")) else None


def _enumerated(text: str, ms: list[o.Mention]) -> bool:
    """Mentions separated only by commas / "và": "huyện A, huyện B và Đảng bộ C"."""
    return all(re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", text[a.end : b.start]) for a, b in itertools.pairwise(ms))


def is_name(raw: str) -> bool:
    """A capitalised run that can name a unit (not a sentence-initial "Có", "Trong", "Năm"...)."""
    words = raw.lower().split()
    return bool(words) and words[0] not in v.NOT_NAME_WORDS


def _list_org(raw: str) -> o.Org:
    """The organisation named by a list item ("Hội An", "Công an", "Khối các cơ quan")."""
    name = raw.strip(" ,;:.-")
    typed = [m for m in o.mentions(name) if not m.ref and m.start == 0 and m.org.place]
    if typed:
        return typed[0].org  # "xã Bảo Đài"
    if re.search(r"(?i)công an|quân sự|biên phòng|khối|cơ quan|doanh nghiệp|bộ đội", name):
        return o.Org(name, None, "agency", None)
    kinds = [u.kind for u in places.candidates(name, "other")]
    level = "commune" if kinds and "district" not in kinds and "province" not in kinds else "district"
    return o.Org(name, name, level, "huyện" if level == "district" else "xã")


def _period_for(site: Site, periods: list[Period], state: State) -> Period | None:
    """The nearest period before the number (same clause first), else after it in the clause, else carried."""
    usable = [p for p in periods if not p.compare]
    before = [p for p in usable if p.end <= site.num.start]
    in_clause = [p for p in before if p.start >= site.clause_start]
    if in_clause:
        return in_clause[-1]
    if before:
        return before[-1]
    after = [p for p in usable if p.start >= site.num.end and p.start < len(site.clause) + site.clause_start + 200]
    after = [p for p in after if ";" not in site.text[site.num.end : p.start]]
    if after:
        return after[0]
    return state.period


FRACTION_OVER = 1.5
"""An admission against its target may exceed it ("kết nạp được 265/250 đảng viên, đạt 106%"), not by this factor."""


def _fractions(sent: str, periods: list[Period], found: list[tuple[o.Mention, o.Org]], state: State) -> list[RawFact]:
    """ "kết nạp được 48/204 đảng viên", "Thanh Hải 11/15" (when the sentence speaks of targets): admitted against a target."""
    low = sent.lower()
    if not v.ADMIT.search(low):
        return []
    targets = bool(re.search(r"chỉ tiêu|kế hoạch", low))
    out = []
    semis = [m.start() for m in _SEMI.finditer(sent)]
    for start, end, got, target in find_fractions(sent):
        num = Num(start, end, got, None, False, "exact", sent[start:end])
        if v.ADMIT_BEFORE_FRACTION.search(sent[:start]) and v.PERSON_NOUN.match(sent[end:]) and got <= FRACTION_OVER * target:
            clause = _clause_start(semis, start)
            site = Site(sent, num, clause, clause, False, None)
            period = _period_for(site, periods, state)
            cls = Cls("admitted", "all", "count", False, got)
            for org in _orgs_for(site, cls, found, state):
                out.append(RawFact(cls, num, org, period, sent))
                out.append(RawFact(Cls("admitted_target", "all", "count", False, target), num, org, period, sent))
            continue
        if not targets or v.UNITS_AFTER_FRACTION.match(sent[end:]):
            continue  # "15/18 đảng bộ hoàn thành chỉ tiêu": a count of units
        words = re.split(r"[,;:]", sent[:start])[-1].split()
        tail: list[str] = []
        for word in reversed(words[-4:]):
            if not word[:1].isupper():
                break
            tail.insert(0, word)
        if not tail or not is_name(" ".join(tail)):
            continue
        org = _list_org(" ".join(tail))
        period = _period_for(Site(sent, num, 0, 0, False, None), periods, state)
        out.append(RawFact(Cls("admitted", "all", "count", False, got), num, org, period, sent))
        out.append(RawFact(Cls("admitted_target", "all", "count", False, target), num, org, period, sent))
    return out


def stock_end(fact: RawFact, published: date | None) -> str | None:
    """period_end of a stock figure: the stated period's end, else the publication month."""
    if fact.period and fact.period.period_end:
        return fact.period.period_end
    return now_ym(Ctx(published, None))


__all__ = ["STOCK", "RawFact", "extract_raw", "stock_end"]
