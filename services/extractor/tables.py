"""Flattened tables ("STT | Đơn vị | Chỉ tiêu | Kết nạp | Tỷ lệ (%)" + rows): one fact per numeric cell."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.extractor import vocab as v
from services.extractor.numbers import Num, parse_number
from services.extractor.registry import TABLE_METRIC
from services.extractor.sites import Cls

_CELL_NUM = re.compile(
    r"^\s*(?P<q>" + "|".join(v.TABLE_CELL_QUALIFIERS) + r")?\s*(?P<n>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(?P<pct>%)?\s*$", re.I
)


@dataclass(frozen=True, slots=True)
class TableFact:
    """One figure of a table row, with the organisation cell it belongs to."""

    cls: Cls
    num: Num
    unit: str  # the row's unit cell, "" for a total row


def cells(line: str) -> list[str] | None:
    """The cells of a table line ("a | b | c"), or None when the line is not a table row."""
    if line.count("|") < 2:
        return None
    return [c.strip() for c in line.strip().strip("|").split("|")]


def header_roles(row: list[str]) -> list[str | None] | None:
    """Column roles of a header row (index / name / target / admitted / attainment / total / cells), else None."""
    if any(_CELL_NUM.match(c) for c in row):
        return None
    roles: list[str | None] = []
    for cell in row:
        if v.TABLE_INDEX_HEADER.match(cell):
            roles.append("index")
            continue
        role = next((name for name, rx in v.TABLE_HEADER_ROLES if rx.search(cell)), None)
        roles.append(role or ("name" if v.TABLE_NAME_HEADER.search(cell) else None))
    figures = set(TABLE_METRIC)
    return roles if figures & set(roles) else None


def _inferred(values: list[float]) -> list[str | None]:
    """Roles of a headerless row: "target | admitted | attainment %" when the third is their ratio."""
    if len(values) == 3 and values[0]:
        a, b, c = values
        if abs(100 * b / a - c) <= 1.5:
            return ["target", "admitted", "attainment"]
        if b and abs(100 * a / b - c) <= 1.5:
            return ["admitted", "target", "attainment"]
    return [None] * len(values)


def row_facts(row: list[str], roles: list[str | None] | None) -> list[TableFact]:
    """The facts of a data row, by the header's column roles (else inferred)."""
    numeric = [(i, _CELL_NUM.match(c)) for i, c in enumerate(row)]
    nums = [(i, m) for i, m in numeric if m]
    texts = [c for i, c in enumerate(row) if not numeric[i][1] and c]
    if not texts or not nums:
        return []
    if roles is not None and len(roles) >= len(row):
        aligned = roles[len(roles) - len(row) :]  # rows without the index column align from the right
        col_roles: list[str | None] = [aligned[i] for i, _ in nums]
    else:
        values = [parse_number(m.group("n")) for i, m in nums if i > 0 or len(nums) <= 3]
        offset = len(nums) - len(values)
        col_roles = [*([None] * offset), *_inferred(values)]
    unit = "" if v.TABLE_TOTAL_ROW.match(texts[0]) else texts[0]
    out = []
    for (_, m), role in zip(nums, col_roles, strict=False):
        if role not in TABLE_METRIC:
            continue
        metric, unit_kind = TABLE_METRIC[role]
        value = parse_number(m.group("n"))
        if unit_kind == "count" and not value.is_integer():
            continue
        num = Num(0, 0, value, None, unit_kind == "pct", v.TABLE_CELL_QUALIFIERS.get((m.group("q") or "").lower(), "exact"), m.group("n"))
        out.append(TableFact(Cls(metric, "all", unit_kind, False, value), num, unit))
    return out
