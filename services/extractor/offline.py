"""`recruitwatch extract`: the offline command analysts and evaluations use (one JSON line per input file).

Contract: {"doc": <file stem>, "relevant": bool, "published": "YYYY-MM-DD"|null, "facts": [...]}, each fact
with exactly the fields of ANNOTATION.md (plus "note" when set) and "province", "province_current", "confidence".
Only the facts the sink would expose are printed (confidence ≥ --min-confidence, by default the shared
EXPOSE_MIN_CONFIDENCE); "hidden" counts the others and "dropped" the facts validation dropped, by reason.
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
from services.extractor.parse import MAX_TEXT_CHARS, cap_text
from services.shared.events import EXPOSE_MIN_CONFIDENCE

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
    out["confidence"] = fact.confidence
    return out


def document_json(doc: str, extraction: Extraction, min_confidence: float = 0.0) -> dict[str, Any]:
    """One output line of the contract: the facts at or above min_confidence, and counts of the others."""
    shown = [f for f in extraction.facts if f.confidence >= min_confidence]
    out: dict[str, Any] = {
        "doc": doc,
        "relevant": extraction.relevant,
        "published": extraction.published.isoformat() if extraction.published else None,
        "facts": [fact_json(f) for f in shown],
    }
    if len(shown) < len(extraction.facts):
        out["hidden"] = len(extraction.facts) - len(shown)
    if extraction.dropped:
        out["dropped"] = dict(extraction.dropped)
    return out


def _html(path: Path) -> tuple[str, str | None, date | None]:
    """Title, text and publication date of an HTML page (the parse module, or a plain-text fallback)."""
    raw = path.read_bytes().decode("utf-8", errors="replace")
    try:
        from services.extractor.parse import parse_page
    except ImportError:  # pragma: no cover - parse module not installed yet
        import lxml.html

        tree = lxml.html.fromstring(raw)
        return tree.text_content(), tree.findtext(".//title"), None
    page = parse_page(raw, url=path.as_uri())
    return page.text, page.title, page.published


def extract_file(
    path: Path, published: date | None = None, province: str | None = None, min_confidence: float = EXPOSE_MIN_CONFIDENCE
) -> dict[str, Any]:
    """The contract object of one .txt or .html file (facts at or above min_confidence)."""
    if path.suffix.lower() in (".html", ".htm"):
        text, title, page_date = _html(path)
        extraction = extract(text, title=title, published=published or page_date, province_hint=province)
    else:  # the same text cap as the service's parse stage: a huge .txt cannot stall the command
        with path.open("rb") as fh:  # at most 4 bytes a character: never more than the cap is read
            text, _ = cap_text(fh.read(4 * MAX_TEXT_CHARS).decode("utf-8", errors="replace"), "txt")
        extraction = extract(text, published=published, province_hint=province)
    return document_json(path.stem, extraction, min_confidence)


def _run(args: argparse.Namespace) -> int:
    """Print one JSON line per input file; exit 1 if a file could not be read or parsed."""
    code = 0
    for name in args.paths:
        path = Path(name)
        try:
            obj = extract_file(path, args.published, args.province, args.min_confidence)
        except (OSError, ValueError) as exc:
            print(f"recruitwatch extract: {path}: {exc}", file=sys.stderr)
            obj, code = {"doc": path.stem, "relevant": False, "published": None, "facts": []}, 1
        print(json.dumps(obj, ensure_ascii=False), flush=True)
    return code


def _unit_interval(raw: str) -> float:
    """A confidence threshold in 0-1."""
    value = float(raw)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{raw} is not between 0 and 1")
    return value


def register_extract(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `extract` subcommand."""
    p = sub.add_parser("extract", help="extract recruitment facts from .txt/.html files (one JSON line per file)")
    p.add_argument("--format", choices=["json"], default="json", help="output format (JSON lines)")
    p.add_argument("--published", type=date.fromisoformat, default=None, help="publication date YYYY-MM-DD")
    p.add_argument("--province", default=None, help="the source's province, to disambiguate place names")
    p.add_argument(
        "--min-confidence", type=_unit_interval, default=EXPOSE_MIN_CONFIDENCE,
        help=f"print facts with at least this confidence (default {EXPOSE_MIN_CONFIDENCE}, what the sink exposes; 0: all)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt or .html files")
    p.set_defaults(func=_run)
