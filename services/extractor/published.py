"""The publication date printed in an article's text (bylines, "Cập nhật lúc …", "(31/03/2020)")."""

from __future__ import annotations

import re
from datetime import date

_D = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d{2})"
_T = r"\d{1,2}:\d{2}(?::\d{2})?"
_RULES = [
    re.compile(r"(?i:ngày đăng|ngày xuất bản|xuất bản|cập nhật|đăng ngày)\s*:?\s*(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(rf"(?i:cập nhật|ngày cập nhật|ngày đăng|đăng ngày|xuất bản|ngày đăng tải)[^\d\n]{{0,25}}(?:{_T}[^\d\n]{{0,25}})?{_D}"),
    re.compile(rf"(?i:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\s*,?\s*(?i:ngày\s+)?{_D}"),  # "Thứ Ba, ngày 12/09/2017"
    re.compile(rf"{_T}[^\n\d]{{0,25}}{_D}"),
    re.compile(rf"{_D}[^\n\d]{{0,12}}{_T}"),
    re.compile(rf"\(\s*{_D}\s*\)\s*$", re.M),
]


def _valid(m: re.Match[str]) -> date | None:
    """The date of a match, if it is a real calendar date."""
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def _matches(head: str, rx: re.Pattern[str]) -> list[tuple[int, date]]:
    """Valid dates matched by one rule, outside "Hôm nay" banner lines."""
    out = []
    for m in rx.finditer(head):
        line_start = head.rfind("\n", 0, m.start()) + 1
        if re.search(r"(?i)hôm nay", head[line_start : m.start()]):
            continue
        found = _valid(m)
        if found:
            out.append((m.start(), found))
    return out


def find_published(text: str) -> date | None:
    """A publication date printed in the text, or None (event dates and "Hôm nay" banners are ignored)."""
    head = text[:4000]
    for rx in _RULES[:2]:
        found = _matches(head, rx)
        if found:
            return found[0][1]
    candidates = [hit for rx in _RULES[2:] for hit in _matches(head, rx)]
    if candidates:
        return min(candidates)[1]
    return _date_line(head)


def _date_line(head: str) -> date | None:
    """A short line near the top that carries a date ("25/09/2023 | Chuyên mục", "Gia Lai Online - 22/01/2024")."""
    for line in head.splitlines()[:15]:
        m = re.search(_D, line)
        if m and len(line.strip()) <= 60 and not re.search(r"(?i)ngày|nghị quyết|quyết định|chỉ thị|hôm nay", line):
            return _valid(m)
    return None
