"""`recruitwatch extract`: the offline command analysts and evaluations use (one JSON line per input file).

Contract: {"doc": <file stem>, "relevant": bool, "published": "YYYY-MM-DD"|null, "facts": [...]}, each fact
with exactly the fields of ANNOTATION.md (plus "note" when set) and "province", "province_current", "confidence".
Only the facts the sink would expose are printed (confidence ≥ --min-confidence, by default the shared
EXPOSE_MIN_CONFIDENCE); "hidden" counts the others and "dropped" the facts validation dropped, by reason.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from services.extractor.build_events import json_number
from services.extractor.extract import Extraction, Fact, extract
from services.extractor.parse import MAX_TEXT_CHARS, ParsedPage, cap_text, parse_page
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


STDIN = "-"
HTML_SUFFIXES = (".html", ".htm")
_HTML_START = re.compile(rb"^\s*(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|head|body|meta|\?xml|!--)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the service would know besides the page (feed entry's title and date, URL, source province),
    and which facts to print."""

    published: date | None = None
    title: str | None = None
    url: str | None = None
    province: str | None = None
    min_confidence: float = EXPOSE_MIN_CONFIDENCE


def page_document(
    doc: str, page: ParsedPage, province: str | None = None, min_confidence: float = EXPOSE_MIN_CONFIDENCE
) -> dict[str, Any]:
    """The contract object of a parsed page: what the service's facts stage computes from its text record."""
    extraction = extract(page.text, title=page.title, published=page.published, province_hint=province)
    return document_json(doc, extraction, min_confidence)


def html_document(doc: str, raw: bytes, inputs: Inputs) -> dict[str, Any]:
    """An HTML page through the service's parse stage, --title/--published standing in for the feed entry."""
    page = parse_page(
        raw.decode("utf-8", errors="replace"),
        url=inputs.url,
        feed_title=inputs.title,
        feed_published=inputs.published.isoformat() if inputs.published else None,
    )
    return page_document(doc, page, inputs.province, inputs.min_confidence)


def text_document(doc: str, raw: bytes, inputs: Inputs) -> dict[str, Any]:
    """A plain-text article (its first line may be the title); --published overrides any printed date.

    The text is cut at the service's text cap (the parse stage's), so a huge .txt cannot stall the command."""
    text, _ = cap_text(raw[: 4 * MAX_TEXT_CHARS].decode("utf-8", errors="replace"), "txt")  # ≤ 4 bytes a char
    extraction = extract(text, title=inputs.title, published=inputs.published, province_hint=inputs.province)
    return document_json(doc, extraction, inputs.min_confidence)


def extract_file(
    path: Path, published: date | None = None, province: str | None = None, min_confidence: float = EXPOSE_MIN_CONFIDENCE
) -> dict[str, Any]:
    """The contract object of one .txt or .html file, relative or absolute path (facts ≥ min_confidence)."""
    inputs = Inputs(published=published, province=province, min_confidence=min_confidence)
    return extract_bytes(path.stem, path.read_bytes(), inputs, path.suffix)


def extract_bytes(doc: str, raw: bytes, inputs: Inputs, suffix: str = "") -> dict[str, Any]:
    """The contract object of one input: HTML by its suffix, or (without one, as on stdin) by its first tag."""
    is_html = suffix.lower() in HTML_SUFFIXES or (not suffix and _HTML_START.match(raw[:512]) is not None)
    return (html_document if is_html else text_document)(doc, raw, inputs)


def _read(name: str) -> tuple[str, bytes, str]:
    """Document name, bytes and suffix of a path, or of standard input for "-"."""
    if name == STDIN:
        return "stdin", sys.stdin.buffer.read(), ""
    path = Path(name)
    return path.stem, path.read_bytes(), path.suffix


def _run(args: argparse.Namespace) -> int:
    """Print one JSON line per input; exit 1 if an input could not be read or parsed."""
    code = 0
    inputs = Inputs(args.published, args.title, args.url, args.province, args.min_confidence)
    for name in args.paths:
        doc = "stdin" if name == STDIN else Path(name).stem
        try:
            doc, raw, suffix = _read(name)
            obj = extract_bytes(doc, raw, inputs, suffix)
        except (OSError, ValueError) as exc:
            print(f"recruitwatch extract: {name}: {exc}", file=sys.stderr)
            obj, code = {"doc": doc, "relevant": False, "published": None, "facts": []}, 1
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
    p.add_argument(
        "--published", type=date.fromisoformat, default=None,
        help="publication date YYYY-MM-DD (for .html: the feed entry's date, used when the page's metadata has none)",
    )
    p.add_argument("--title", default=None, help="the feed entry's title (for .html: used when the page has no <h1>/og:title)")
    p.add_argument("--url", default=None, help="the page's URL (for .html: a date in it is the last resort)")
    p.add_argument("--province", default=None, help="the source's province, to disambiguate place names")
    p.add_argument(
        "--min-confidence", type=_unit_interval, default=EXPOSE_MIN_CONFIDENCE,
        help=f"print facts with at least this confidence (default {EXPOSE_MIN_CONFIDENCE}, what the sink exposes; 0: all)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help='.txt or .html files, relative or absolute; "-" reads standard input')
    p.set_defaults(func=_run)
