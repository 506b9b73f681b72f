"""Stage 3, attribution: a classified candidate and the document read so far -> raw facts with organisation and period.

Pure functions over plain records: a `Candidate` (sites.py), its `Cls`, the sentence's `Scope` (periods, resolved
organisation mentions, respective names) and the `Document` (what carries from one sentence to the next).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from services.extractor import orgs as o
from services.extractor import places, tables
from services.extractor.candidates import groups
from services.extractor.numbers import Num
from services.extractor.periods import Ctx, Period, find_periods, now_ym, year_of
from services.extractor.rules import FractionReading, is_name, list_name
from services.extractor.sites import STOCK, WINDOW, Candidate, Cls
from services.extractor.tables import TableFact
from services.extractor.text_norm import fold

if TYPE_CHECKING:
    from services.extractor.extract import Fact


@dataclass(frozen=True, slots=True)
class RawFact:
    """A fact before place resolution."""

    cls: Cls
    num: Num
    org: o.Org | None
    period: Period | None
    evidence: str


@dataclass
class Document:
    """What attribution carries from one sentence to the next."""

    ctx: Ctx
    resolver: o.Resolver
    period: Period | None = None
    org: o.Org | None = None
    admit_period: Period | None = None
    first_period: Period | None = None
    point: Period | None = None  # the last dated period that is not a span: what dates a stock when a term is carried


@dataclass
class Scope:
    """What attribution knows of the sentence being read: its periods, organisation mentions, respective names and
    the period of its whole admission (which its breakdown items inherit)."""

    text: str
    periods: list[Period]
    found: list[tuple[o.Mention, o.Org]]
    respective: dict[int, o.Org] = field(default_factory=dict)
    admit_period: Period | None = None


def document(text: str, sents: list[str], published: date | None) -> Document:
    """The attribution state at the start of an article: its named organisations and the year it reports on."""
    o.new_article()
    mentions = [m for s in sents if not tables.cells(s) for m in o.mentions(s)]
    typed = [org for s in sents for org in o.typed_places(s)]
    return Document(Ctx(published, _report_year(text, published)), o.Resolver(mentions, text, typed))


_TERM_START = re.compile(r"(?i)\bđầu\s*$")
"""The opening of a term before it ("đầu nhiệm kỳ 2020-2025"): a stock then is dated at the term's start."""
_NOW = re.compile(r"(?i)(?:tính\s+)?(?:hiện|đến nay|tới nay)")


def _report_year(text: str, published: date | None) -> int | None:
    """The year the article reports on: a year-end review published in January-February speaks of the year before."""
    if published is None:
        return None
    review = published.month <= 2 and re.search(r"(?i)năm qua|năm vừa qua|tổng kết", text)
    return published.year - 1 if review else published.year


def header_period(sent: str, doc: Document) -> None:
    """A period in a table header ("Kết nạp năm 2023") dates the rows below it."""
    dated = [p for p in find_periods(sent, doc.ctx) if p.period_end]
    if dated:
        doc.period = dated[-1]


def table_row(found: list[TableFact], sent: str, doc: Document) -> list[RawFact]:
    """Facts of one table row, attributed to its unit cell (a total row: the article's organisation)."""
    out = []
    for tf in found:
        org = (unit_org(tf.unit) or list_org(tf.unit)) if tf.unit else (doc.resolver.main or doc.org)
        period = None if tf.cls.metric in STOCK else doc.period
        out.append(RawFact(tf.cls, tf.num, org, period, sent))
    return out


def unit_org(unit: str) -> o.Org | None:
    """The organisation a row's unit cell names ("Đảng bộ thị trấn Phước An", "Xã Tân Lập", "Phước An")."""
    found = [m for m in o.mentions(unit) if not m.ref]
    return found[0].org if found else None


def scope(sent: str, doc: Document) -> Scope:
    """A sentence's periods and its organisation mentions, resolved (and remembered by the resolver)."""
    periods = find_periods(sent, doc.ctx)
    found = []
    for mention in o.mentions(sent):
        org = doc.resolver.resolve(mention)
        doc.resolver.see(org, mention.ref)
        found.append((mention, org))
    return Scope(sent, periods, found)


def with_respective(sc: Scope, nums: list[Num]) -> None:
    """The organisations of the scope's runs of numbers stated "respectively" (nums: its unmasked numbers)."""
    sc.respective = _respective(sc.text, nums, sc.found)


def facts(c: Candidate, cls: Cls, sc: Scope, doc: Document) -> list[RawFact]:
    """The raw facts of a classified candidate: one per organisation it is stated for, with its period."""
    period = _period_for(c, sc.periods, doc)  # stock figures too: "Năm 2014 … Tổng số đảng viên có …" dates them
    if cls.metric in STOCK and period is not None and period not in sc.periods and _span(period):
        period = doc.point  # a term carried from before ("Đại hội … nhiệm kỳ 2020-2025") is no date of a stock: the last date is
    elif cls.metric in STOCK and period is not None and _span(period) and _TERM_START.search(sc.text[: period.start]):
        period = replace(period, period_end=period.period_start)  # "đầu nhiệm kỳ 2020-2025, … có 5.356 đảng viên": 2020
    if cls.metric == "admitted" and cls.segment == "all" and cls.unit == "count":
        sc.admit_period = period
    if cls.segment != "all" and (sc.admit_period or doc.admit_period) and not _own_period(c, sc.periods):
        period = sc.admit_period or doc.admit_period
    orgs = [sc.respective[c.num.start]] if c.num.start in sc.respective else _orgs_for(c, cls, sc.found, doc)
    return [RawFact(cls, c.num, org, period, sc.text) for org in orgs]


def fraction_facts(c: Candidate, reading: FractionReading, sc: Scope, doc: Document) -> list[RawFact]:
    """The admitted and target facts of a fraction ("kết nạp được 48/204 đảng viên", "Thanh Hải 11/15")."""
    out = []
    if reading.unit_name is None:
        period = _period_for(c, sc.periods, doc)
        for org in _orgs_for(c, reading.admitted, sc.found, doc):
            out.append(RawFact(reading.admitted, c.num, org, period, sc.text))
            if reading.target is not None:
                out.append(RawFact(reading.target, c.num, org, period, sc.text))
        return out
    org = list_org(reading.unit_name)
    period = _period_for(Candidate(c.text, c.num, 0, 0), sc.periods, doc)
    out.append(RawFact(reading.admitted, c.num, org, period, sc.text))
    if reading.target is not None:
        out.append(RawFact(reading.target, c.num, org, period, sc.text))
    return out


def carry(doc: Document, sc: Scope, new: list[RawFact]) -> None:
    """What the sentence leaves for the next: its period, the year it speaks of, its last organisation, the period of
    its whole admission."""
    dated = [p for p in sc.periods if not p.compare and p.period_end]
    flows = [p for p in dated if p.period_start or not _NOW.match(p.text)]
    if flows:
        doc.period = flows[-1]
    points = [p for p in dated if not _span(p)]
    if points:
        doc.point = points[-1]
    if dated:
        doc.first_period = doc.first_period or dated[0]
        single = [p for p in flows if p.period_start is None or year_of(p.period_start) == year_of(p.period_end)]
        if single:
            doc.ctx = Ctx(doc.ctx.published, year_of(single[-1].period_end) or doc.ctx.year)
    if new:
        doc.org = new[-1].org
    main_admits = [f for f in new if f.cls.metric == "admitted" and f.cls.segment == "all"]
    if main_admits:
        doc.admit_period = main_admits[0].period


def dated(raw: list[RawFact], doc: Document) -> list[RawFact]:
    """Flows without a period of their own take the article's first period."""
    first = doc.first_period
    return [replace(f, period=first) if f.period is None and first and f.cls.metric not in STOCK else f for f in raw]


_GENERIC = re.compile(r"(?i)^(?:toàn\s+)?(?:đảng bộ\s+)?(?:tỉnh|thành phố)(?:\s+ủy)?$|^(?:Tỉnh|Thành) ủy$|^toàn đảng bộ(?: tỉnh)?$")


def _province_label(f: Fact, province: str | None) -> str | None:
    """ "Đảng bộ tỉnh Bắc Giang" for a generic province-level reference ("toàn tỉnh", "Tỉnh ủy") placed by the source."""
    if f.place or not province or not f.org or not _GENERIC.match(f.org):
        return f.org
    city = places.ALIASES.get(fold(province), fold(province)) in places.CENTRAL_CITIES
    if f.level != "province" and not (city and f.level == "district" and re.search(r"(?i)thành", f.org)):
        return f.org
    return f"Đảng bộ {'thành phố' if city else 'tỉnh'} {province}"


def with_places(facts: list[Fact], text: str, hint: str | None, published: date | None) -> list[Fact]:
    """Province fields for each fact's place, disambiguated by the places the article names."""
    context = {fold(p) for p in o.bare_places(text)} | {fold(f.place) for f in facts if f.place}
    if hint:
        context.add(fold(hint))
    out = []
    for f in facts:
        if f.place is None and f.org and o.WHOLE_PARTY.fullmatch(f.org):
            out.append(f)
            continue
        info = places.resolve(f.place, f.level, context, hint, published)
        out.append(
            replace(
                f, org=_province_label(f, info.province), province=info.province, province_code=info.province_code,
                province_current=info.province_current,
                province_current_code=info.province_current_code, place_code=info.place_code,
            )
        )
    return out


def _own_period(c: Candidate, periods: list[Period]) -> bool:
    """Whether the number's clause states its own period."""
    return any(not p.compare and c.clause_start <= p.start < c.num.start for p in periods)


def _orgs_for(site: Candidate, cls: Cls, found: list[tuple[o.Mention, o.Org]], doc: Document) -> list[o.Org | None]:
    """The organisation(s) a number belongs to: enumerated or nearest mention, list item name, or carried."""
    if cls.list_item:
        return [list_org(list_name(site.text[site.local_start : site.num.start]))]
    named = _LIST_NAME.search(site.text[site.local_start : site.num.start])
    upper = named and all(w[0].isupper() for w in named.group("name").split()) and is_name(named.group("name"))
    if named and upper and not any(site.local_start <= m.start < site.num.start for m, _ in found):
        return [list_org(named.group("name"))]
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
        return [list_org(subject)] if subject else [doc.org or doc.resolver.main]
    mention, org = before[-1]
    earlier = [o2 for m2, o2 in everything if m2.end <= mention.start]
    if mention.ref and not mention.org.type and earlier:
        return [earlier[-1]]
    return [org]


_OWNED_BY = re.compile(r"(?i)(?:trực thuộc|của|theo|thuộc)\s*$")


def _names_before(sent: str, end: int, k: int, found: list[tuple[o.Mention, o.Org]]) -> list[o.Org]:
    """k organisations enumerated before a position (typed mentions, else capitalised names)."""
    ms = [(m, org) for m, org in found if m.end <= end][-k:]
    if len(ms) == k and _enumerated(sent, [m for m, _ in ms]):
        return [org for _, org in ms]
    names = _capitalised_names(sent[max(0, end - 150) : end])
    return [list_org(n) for n in names[-k:]] if len(names) >= k else []


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
    for group in groups(sent, nums):
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


def list_org(raw: str) -> o.Org:
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


def _period_for(site: Candidate, periods: list[Period], doc: Document) -> Period | None:
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
    return doc.period


def _span(p: Period) -> bool:
    """A period of more than one year ("nhiệm kỳ 2020 - 2025", "giai đoạn 2020 - 2024"), not a point in time."""
    first, last = year_of(p.period_start), year_of(p.period_end)
    return first is not None and last is not None and first < last


def stock_end(fact: RawFact, published: date | None) -> str | None:
    """period_end of a stock figure: the stated period's end, else the publication month."""
    if fact.period and fact.period.period_end:
        return fact.period.period_end
    return now_ym(Ctx(published, None))
