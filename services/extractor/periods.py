"""Periods stated in Vietnamese ("năm 2012", "6 tháng đầu năm 2024", "nhiệm kỳ 2015–2020", "đến nay"...)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

TERMS = ((2010, 2015), (2015, 2020), (2020, 2025), (2025, 2030))
DASH = r"\s*[-–—]\s*"
Y = r"(?:19|20)\d{2}"


@dataclass(frozen=True, slots=True)
class Period:
    """A period phrase in a sentence, resolved to YYYY / YYYY-MM bounds."""

    start: int
    end: int
    text: str
    period_start: str | None
    period_end: str | None
    compare: bool = False


@dataclass(frozen=True, slots=True)
class Ctx:
    """What relative periods are resolved against."""

    published: date | None
    year: int | None  # the year the surrounding text is about


def ym(year: int | None, month: int | None = None) -> str | None:
    """ "2013" or "2013-08" (None without a year)."""
    if year is None:
        return None
    return f"{year}" if month is None else f"{year}-{month:02d}"


def now_ym(ctx: Ctx) -> str | None:
    """Publication year-month, the meaning of "đến nay"/"hiện nay"."""
    return ym(ctx.published.year, ctx.published.month) if ctx.published else None


def term_start(year: int, month: int = 12) -> int:
    """First year of the Party congress term a date falls in."""
    start = TERMS[0][0]
    for s, _ in TERMS:
        if s < year or (s == year and month >= 10):
            start = s
    return start


def _year(text: str | None, ctx: Ctx) -> int | None:
    """An explicit year, else "năm nay" -> publication year, else the context year."""
    if text and text.isdigit():
        return int(text)
    if ctx.published:
        return ctx.published.year
    return ctx.year


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_NUMWORD = {"hai": 2, "ba": 3, "sáu": 6, "chín": 9, "tám": 8, "bốn": 4, "năm": 5, "bảy": 7, "mười": 10}

Rule = tuple[str, re.Pattern[str], Callable[[re.Match[str], Ctx], tuple[str | None, str | None]]]
"""A pattern that every match of the rule contains ("" if none: the rule is always tried), the rule and its reading.

Most sentences lack most of these words: a rule is only run over a sentence that contains its required word."""


def _term_range(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """Bounds of "nhiệm kỳ 2015–2020"."""
    return m.group("a"), m.group("b")


def _from_term_start(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"từ đầu nhiệm kỳ (2020) đến nay / đến hết tháng 8/2013"."""
    end = _until(m, ctx)
    if m.group("y"):
        return m.group("y"), end
    if end is None:
        return None, None
    year, month = int(end[:4]), int(end[5:7]) if len(end) > 4 else 12
    return str(term_start(year, month)), end


def _until(m: re.Match[str], ctx: Ctx) -> str | None:
    """End of a "… đến nay / đến hết tháng 8/2013 / đến năm 2018 / đến ngày 5.9" phrase."""
    if m.groupdict().get("uy"):
        month = m.groupdict().get("um")
        return ym(int(m.group("uy")), int(month) if month else None)
    if m.groupdict().get("um"):
        return ym(_year(None, ctx), int(m.group("um")))
    return now_ym(ctx)


def _year_range(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"từ năm 2015 đến năm 2018" / "từ 2015 đến nay"."""
    return m.group("a"), _until(m, ctx)


def _from_year_start(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"từ đầu năm (2019) đến nay / đến ngày 5.9"."""
    end = _until(m, ctx)
    year = m.group("y") or (end[:4] if end else None) or (str(ctx.year) if ctx.year else None)
    if end is None and m.group("y"):
        end = m.group("y")  # no publication date: "từ đầu năm 2021 đến nay" is at least in 2021
    return (f"{year}-01" if year else None), end


def _months(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"6 tháng đầu năm 2024", "9 tháng năm 2019", "6 tháng cuối năm"."""
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMWORD.get(raw, 0)
    year = _year(m.group("y"), ctx)
    if not 0 < n <= 12 or year is None:
        return None, None
    pub = ctx.published
    end_month = 12 if m.group("late") else n
    if pub and not (m.group("y") or "").isdigit() and (year, end_month) > (pub.year, pub.month):
        year -= 1  # "6 tháng cuối năm" in a January review: the year before publication
    if m.group("late"):
        return ym(year, 13 - n), ym(year, 12)
    return ym(year, 1), ym(year, n)


def _quarter(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"quý I/2013", "hết quý II"."""
    q = _ROMAN.get(m.group("q").upper(), int(m.group("q")) if m.group("q").isdigit() else 1)
    year = int(m.group("y")) if m.group("y") else (ctx.published.year if ctx.published else None)
    start = None if m.group("upto") else ym(year, 3 * q - 2)
    return start, ym(year, 3 * q)


def _month(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"tháng 8/2017", "đến hết tháng 10"."""
    month = int(m.group("m"))
    year = int(m.group("y")) if m.group("y") else _year(None, ctx)
    if not 1 <= month <= 12:
        return None, None
    point = ym(year, month)
    return (None if m.group("upto") else point), point


def _until_date(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"ngày 10-9-2018", "đến ngày 27-11": the month of a date."""
    month = int(m.group("m"))
    year = int(m.group("y")) if m.group("y") else _year(None, ctx)
    return None, ym(year, month) if 1 <= month <= 12 else None


def _day(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"Ngày 3-2", "sáng 5-9": a day of the publication year."""
    month = int(m.group("m"))
    year = ctx.published.year if ctx.published else None
    point = ym(year, month) if 1 <= month <= 12 else None
    return point, point


def _end_of_year(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"cuối năm 2021", "đến cuối 2021"."""
    return (m.group("y") if m.group("nam") else None), m.group("y")


def _year_only(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"năm 2012"."""
    return m.group("y"), m.group("y")


def _this_year(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"năm nay": the publication year."""
    year = ctx.published.year if ctx.published else ctx.year
    return ym(year), ym(year)


def _last_year(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"năm qua": the year before publication (else the year in context)."""
    year = ctx.published.year - 1 if ctx.published else ctx.year
    return ym(year), ym(year)


def _past_years(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"3 năm qua", "hai năm gần đây": the N full years before publication."""
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMWORD.get(raw, 0)
    if not ctx.published or not 0 < n <= 10:
        return None, None
    return ym(ctx.published.year - n), ym(ctx.published.year - 1)


def _context_year(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"trong năm": the year the text is about."""
    return ym(ctx.year), ym(ctx.year)


def _now(m: re.Match[str], ctx: Ctx) -> tuple[str | None, str | None]:
    """"hiện nay", "đến nay": the publication month."""
    return None, now_ym(ctx)


_RULES: list[Rule] = [
    ("nhiệm kỳ", re.compile(rf"(?:tính\s+)?từ đầu nhiệm kỳ(?:\s+(?P<y>{Y})(?:{DASH}{Y})?)?(?:\s*(?:đến|tới)\s+(?:nay|hết\s+tháng\s+(?P<um>\d{{1,2}})\s*/\s*(?P<uy>{Y})))?", re.I), _from_term_start),
    ("nhiệm kỳ", re.compile(rf"nhiệm kỳ\s+\(?\s*(?P<a>{Y}){DASH}(?P<b>{Y})\s*\)?", re.I), _term_range),
    ("năm", re.compile(rf"(?:trong\s+)?(?:\d{{1,2}}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+năm\s*(?:qua\s*)?[,(]?\s*(?:từ\s+)?(?:năm\s+)?(?P<a>{Y})\s*(?:đến|tới|-|–)\s*(?:năm\s+)?(?:(?P<uy>{Y})|nay)\s*\)?", re.I), _year_range),  # "trong 2 năm 2011-2012"
    (r"\d", re.compile(rf"(?:giai đoạn|từ)\s+(?:năm\s+)?(?P<a>{Y})\s*(?:đến|tới|-|–)\s*(?:năm\s+)?(?:(?P<uy>{Y})|nay)", re.I), _year_range),
    ("năm", re.compile(rf"từ đầu năm(?:\s+(?P<y>{Y}))?\s*(?:đến|tới)\s+(?:nay|ngày\s+\d{{1,2}}\s*[./-]\s*(?P<um>\d{{1,2}})|hết\s+tháng\s+(?P<uy>)(?P<um_>\d{{1,2}}))?", re.I), _from_year_start),
    ("tháng", re.compile(rf"(?P<n>\d{{1,2}}|hai|ba|sáu|chín|tám|bốn|bảy|mười)\s+tháng(?:\s+tháng)?(?:\s+(?:(?P<late>cuối)|đầu)(?!\s+nhiệm))?(?:\s+năm)?(?:\s+(?P<y>{Y}|nay))?(?!\s+(?:đầu\s+)?nhiệm)", re.I), _months),
    ("quý", re.compile(rf"(?P<upto>(?:tính\s+)?đến\s+(?:hết\s+)?|hết\s+)?quý\s+(?P<q>I{{1,3}}|IV|[1-4])(?:\s*(?:/|-|năm)\s*(?P<y>{Y}))?", re.I), _quarter),
    ("tháng", re.compile(rf"(?P<upto>(?:tính\s+)?đến\s+(?:hết\s+)?|hết\s+)?tháng\s+(?P<m>\d{{1,2}})(?:\s*(?:/|-|năm)\s*(?P<y>{Y}))?", re.I), _month),
    (r"\d", re.compile(rf"(?:ngày\s+)?\d{{1,2}}(?:\s*-\s*\d{{1,2}})?\s*[/.-]\s*(?P<m>\d{{1,2}})\s*[/.-]\s*(?P<y>{Y})", re.I), _until_date),
    (r"\d", re.compile(r"(?:tính\s+)?đến\s+ngày\s+\d{1,2}\s*[./-]\s*(?P<m>\d{1,2})(?P<y>)", re.I), _until_date),
    (r"\d", re.compile(r"(?:ngày|sáng|chiều|tối|trưa)\s+(?:ngày\s+)?\d{1,2}\s*[-/]\s*(?P<m>\d{1,2})(?![\d/.-])(?P<y>)", re.I), _day),
    (r"\d", re.compile(rf"cuối\s+(?P<nam>năm\s+)?(?P<y>{Y})", re.I), _end_of_year),
    ("năm", re.compile(r"(?P<n>\d{1,2}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+năm\s+(?:qua|vừa qua|gần đây|trở lại đây)", re.I), _past_years),
    ("năm", re.compile(r"năm nay", re.I), _this_year),
    ("năm", re.compile(r"(?<!những )(?<!\d )(?:trong\s+)?năm\s+(?:vừa\s+)?qua", re.I), _last_year),
    (r"\d", re.compile(rf"(?:năm|Năm)\s+(?P<y>{Y})(?!\d)"), _year_only),
    ("năm", re.compile(r"trong năm(?!\s*(?:\d|nay|qua|học|vừa))", re.I), _context_year),
    ("", re.compile(  # "… toàn Đảng hiện hơn 5,6 triệu" (not "thực hiện 100%")
        r"hiện nay|hiện có|hiện tại|đến nay|tới nay|tính đến nay|(?:^|(?<=[,;]\s))[Hh]iện(?=\s)|"
        r"(?<!thực )(?<!thể )(?<!xuất )(?<!phát )(?<!biểu )(?<!hiển )\bhiện(?=\s+(?:là\s+)?(?:hơn|gần|trên|khoảng|xấp xỉ|đạt|\d))",
        re.I,
    ), _now),
]
_GATES = {gate: re.compile(gate, re.I) for gate, _, _ in _RULES if gate}
_DOC_SCOPE = re.compile(
    r"(?:Nghị quyết|Chỉ thị|Kế hoạch|Đề án|Chương trình|Kết luận|Quy định)\s+(?:số\s+)?\d"
)
_COMPARE = re.compile(
    r"(?:\bso với|\bso)(?:\s+[^\s,;.()]+){0,6}\s*$|(?:hơn|tăng|giảm)\s*(?:cùng kỳ\s*)?$", re.I
)


def _add(found: list[Period], period: Period) -> None:
    """Keep the first (longest-pattern) period for overlapping spans."""
    if any(p.start < period.end and period.start < p.end for p in found):
        return
    found.append(period)


def _joined(sentence: str, periods: list[Period]) -> list[Period]:
    """ "Năm 2023 và 6 tháng đầu năm 2024": one period from the first start to the last end."""
    out: list[Period] = []
    for p in periods:
        prev = out[-1] if out else None
        if prev and not prev.compare and not p.compare and re.fullmatch(r"\s*(?:và|,)\s*", sentence[prev.end : p.start]):
            start = prev.period_start or prev.period_end
            out[-1] = Period(prev.start, p.end, sentence[prev.start : p.end], start, p.period_end)
        else:
            out.append(p)
    return out


def find_periods(sentence: str, ctx: Ctx) -> list[Period]:
    """Periods in a sentence, in order; comparisons ("so với năm 2017") are flagged."""
    found: list[Period] = []
    present: dict[str, bool] = {"": True}
    for gate, rx, fn in _RULES:
        if gate not in present:
            present[gate] = _GATES[gate].search(sentence) is not None
        if not present[gate]:
            continue
        for m in rx.finditer(sentence):
            start, end = fn(m, ctx)
            if start is None and end is None:
                continue
            before = sentence[max(0, m.start() - 45) : m.start()]
            segment = re.split(r"[,;]", sentence[max(0, m.start() - 250) : m.start()])[-1]
            compare = bool(_COMPARE.search(before) or _DOC_SCOPE.search(segment))
            _add(found, Period(m.start(), m.end(), m.group().strip(), start, end, compare))
    return _joined(sentence, _cited(sentence, sorted(found, key=lambda p: p.start)))


_CITED = re.compile(r"(?:Nghị quyết|Chỉ thị|Kế hoạch|Đề án|Chương trình|Kết luận|Quy định)\b(?![^.;]*?(?:kết nạp|phát triển được))[^.;]*$")


def _cited(sentence: str, periods: list[Period]) -> list[Period]:
    """The period of a cited document ("Nghị quyết … nhiệm kỳ 2020 - 2025") yields to the sentence's own period."""
    cited = [p for p in periods if not p.compare and _CITED.search(sentence[max(0, p.start - 120) : p.start])]
    if not cited or len(cited) == len([p for p in periods if not p.compare]):
        return periods
    return [replace(p, compare=True) if p in cited else p for p in periods]


def year_of(value: str | None) -> int | None:
    """The year of "2013" / "2013-08"."""
    return int(value[:4]) if value and value[:4].isdigit() else None
