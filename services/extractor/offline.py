"""`recruitwatch extract`: the offline command analysts and evaluations use (one JSON line per input file).

Contract: {"doc": <file stem>, "relevant": bool, "published": "YYYY-MM-DD"|null, "facts": [...]}, each fact
with exactly the fields of ANNOTATION.md (plus "note" when set) and "province", "province_current".
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from services.extractor.build_events import json_number
from services.extractor.extract import Extraction, Fact, extract
from services.extractor.parse import ParsedPage, parse_page

FACT_FIELDS = (
    "metric", "segment", "value", "value_max", "unit", "qualifier", "per_year", "org", "place", "level",
    "period_start", "period_end", "period_text", "evidence",
)
PROVINCE_FIELDS = ("province", "province_current")


def fact_json(fact: Fact) -> dict[str, Any]:
    """A fact in the contract's field names."""
    out: dict[str, Any] = {name: getattr(fact, name) for name in FACT_FIELDS}
    out["value"], out["value_max"] = json_number(fact.value), json_number(fact.value_max)
    if fact.note:
        out["note"] = fact.note
    out.update({name: getattr(fact, name) for name in PROVINCE_FIELDS})
    return out


def document_json(doc: str, extraction: Extraction) -> dict[str, Any]:
    """One output line of the contract."""
    return {
        "doc": doc,
        "relevant": extraction.relevant,
        "published": extraction.published.isoformat() if extraction.published else None,
        "facts": [fact_json(f) for f in extraction.facts],
    }


def page_document(
    doc: str, page: ParsedPage, published: date | None = None, province: str | None = None
) -> dict[str, Any]:
    """The contract object of a parsed page (what the service's facts stage computes from its text record)."""
    extraction = extract(page.text, title=page.title, published=published or page.published, province_hint=province)
    return document_json(doc, extraction)


def extract_file(path: Path, published: date | None = None, province: str | None = None) -> dict[str, Any]:
    """The contract object of one .txt or .html file."""
    if path.suffix.lower() in (".html", ".htm"):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        return page_document(path.stem, parse_page(raw, url=path.resolve().as_uri()), published, province)
    text = path.read_bytes().decode("utf-8", errors="replace")
    return document_json(path.stem, extract(text, published=published, province_hint=province))


def _run(args: argparse.Namespace) -> int:
    """Print one JSON line per input file; exit 1 if a file could not be read or parsed."""
    code = 0
    for name in args.paths:
        path = Path(name)
        try:
            obj = extract_file(path, args.published, args.province)
        except (OSError, ValueError) as exc:
            print(f"recruitwatch extract: {path}: {exc}", file=sys.stderr)
            obj, code = {"doc": path.stem, "relevant": False, "published": None, "facts": []}, 1
        print(json.dumps(obj, ensure_ascii=False), flush=True)
    return code


def register_extract(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `extract` subcommand."""
    p = sub.add_parser("extract", help="extract recruitment facts from .txt/.html files (one JSON line per file)")
    p.add_argument("--format", choices=["json"], default="json", help="output format (JSON lines)")
    p.add_argument("--published", type=date.fromisoformat, default=None, help="publication date YYYY-MM-DD")
    p.add_argument("--province", default=None, help="the source's province, to disambiguate place names")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt or .html files")
    p.set_defaults(func=_run)
