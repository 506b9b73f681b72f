"""The facts as CSV for spreadsheets (served on /facts.csv, printed by `recruitwatch facts --format csv`).

One row per current fact: the fact's fields as in /facts, then the article behind it. Text cells that a
spreadsheet would run as a formula (starting with = + - @ or a control character) are prefixed with an
apostrophe, because evidence and titles come from web pages anyone can write.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from services.sink.facts_api import FACT_FIELDS

SOURCE_FIELDS = ("url", "title", "published", "fetched_at", "source_id", "extractor_version")
COLUMNS = ("series_key", *FACT_FIELDS, *(f"article_{name}" if name in ("url", "title", "published") else name
                                         for name in SOURCE_FIELDS), "also_reported_by")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """One CSV cell: empty for null, integers without '.0', booleans as true/false, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def row(fact: Mapping[str, Any]) -> list[str]:
    """The CSV cells of one fact view (as /facts returns it)."""
    source = fact.get("source") or {}
    others = " ".join(str(o.get("url")) for o in fact.get("also_reported_by") or () if o.get("url"))
    values = [fact.get("series_key"), *(fact.get(name) for name in FACT_FIELDS),
              *(source.get(name) for name in SOURCE_FIELDS), others]
    return [cell(v) for v in values]


def render(facts: Iterable[Mapping[str, Any]]) -> str:
    """The facts as CSV text: a header row, then one row per fact (RFC 4180 quoting, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(row(fact) for fact in facts)
    return out.getvalue()
