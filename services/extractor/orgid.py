"""Organisation identity of a series: the body as named and typed, not only its place.

`<level>:<place>` for a territorial party organisation (province, district, commune): "Huyện ủy Hiệp Hòa",
"Đảng bộ huyện Hiệp Hòa" and "toàn huyện" in an article about Hiệp Hòa are one organisation.
`<level>:<sector>:<place>` for a body of a sector (police, military, border guard, the agencies' or the
enterprises' bloc, a named school, company or hospital, another named agency): the Công an, Quân sự and
Biên phòng party organisations of one province are three organisations, and none of them is the province.
The place is the official unit code when known, else the folded place or province name, else the source
(so two unnamed "toàn tỉnh" of two unknown provinces are never merged).
"""

from __future__ import annotations

import re

from services.extractor.text_norm import fold

SECTORS: tuple[tuple[str, str], ...] = (
    (r"\bbien phong\b", "border_guard"),
    (r"\bcong an\b", "police"),
    (r"\b(?:quan su|bo chi huy quan su|luc luong vu trang|quan doi)\b", "military"),
    (r"\bkhoi (?:cac )?co quan\b", "agencies_bloc"),
    (r"\bkhoi (?:cac )?doanh nghiep\b", "enterprises_bloc"),
    (r"\b(?:dai hoc|cao dang|truong)\b", "school"),
    (r"\b(?:tong cong ty|cong ty|tap doan)\b", "company"),
    (r"\b(?:benh vien|trung tam y te)\b", "hospital"),
)
"""Sectors of a party body, matched on the folded organisation text in this order (first match)."""
NAMED_SECTORS = frozenset({"school", "company", "hospital"})
"""Sectors with many bodies in one place: the body's own name is part of its identity."""
_SECTORS = tuple((re.compile(pattern), sector) for pattern, sector in SECTORS)
_HEAD = re.compile(
    r"^(?:(?:toan|ban chap hanh|ban thuong vu|thuong truc|dang bo|dang uy|chi bo|co so|bo)\s+)+")
_PLACE_TYPES = re.compile(r"\b(?:tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong|thi tran)\b")
TERRITORIAL = frozenset({"province", "district", "commune"})


def sector(org: str | None, level: str | None) -> str:
    """The sector of the body named `org` ('' for a territorial party organisation)."""
    text = fold(org)
    for pattern, name in _SECTORS:
        match = pattern.search(text)
        if match:
            if name in NAMED_SECTORS:
                rest = _PLACE_TYPES.split(text[match.start():])[0].strip()
                return f"{name}:{rest.replace(' ', '-')}"
            return name
    if level in TERRITORIAL or not text:
        return ""
    body = _HEAD.sub("", text)
    body = _PLACE_TYPES.split(body)[0].strip() if level == "agency" else body
    return f"body:{body.replace(' ', '-')}" if body else ""


def place_part(place_code: str | None, place: str | None, province_code: str | None, province: str | None,
               scope: str | None) -> str:
    """Where the body is: unit code, else folded place, else province code or name, else the source."""
    if place_code:
        return place_code.rsplit(":", 1)[-1]
    if fold(place):
        return fold(place).replace(" ", "-")
    if province_code:
        return province_code.rsplit(":", 1)[-1]
    if fold(province):
        return fold(province).replace(" ", "-")
    return f"src:{scope}" if scope else "unknown"


def org_identity(*, org: str | None, level: str | None, place: str | None, place_code: str | None,
                 province: str | None, province_code: str | None, scope: str | None = None) -> str:
    """`level[:sector]:place`, e.g. "district:223", "agency:police:24", "agency:school:truong-thpt-hiep-hoa:24"."""
    lvl = level or "other"
    where = place_part(place_code, place, province_code, province, scope)
    kind = sector(org, lvl)
    if lvl == "cell" and not kind:
        kind = "body:" + (_HEAD.sub("", fold(org)).replace(" ", "-") or "unknown")
    return f"{lvl}:{kind}:{where}" if kind else f"{lvl}:{where}"
