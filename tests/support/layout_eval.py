"""How well the parse stage reads the layout fixtures: main-text lines, own date, title, facts vs the `.txt`.

Usage: python -m tests.support.layout_eval --corpus ../shared/corpus [--json] [--layout NAME ...]
(`make eval` runs it after the corpus evaluation.)
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from services.extractor.evaluate import load_scorer
from services.extractor.offline import extract_file, page_document
from services.extractor.parse import ParsedPage, ParseError, parse_page
from tests.support.layouts import (
    AUTHORS,
    LAYOUTS,
    MIN_RECALL_WORDS,
    Article,
    dmy,
    headline,
    load_articles,
    render,
)

BARS = {"precision": 0.98, "recall": 0.95, "date": 0.98, "title": 0.98, "facts_equal": 0.95}
MAX_F1_DROP = 0.02
ALL_FACTS = 0.0
"""Facts are compared and scored at every confidence, not only those the sink exposes."""
IGNORED_FACT_FIELDS = frozenset(("evidence", "period_text"))
"""Quotes of the text (which sentence, "Ngày 21/12/2017" or "21/12/2017"), not values an analyst reads."""


def collapse(text: str) -> str:
    """NFC text with runs of whitespace as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Tally:
    """Counts over the pages of one layout."""

    pages: int = 0
    lines: int = 0
    article_lines: int = 0
    required: int = 0
    kept: int = 0
    dated: int = 0
    date_right: int = 0
    false_dates: int = 0
    titles_right: int = 0
    facts_equal: int = 0
    parse_errors: int = 0
    preds: dict[str, dict[str, Any]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def ratio(self, num: int, den: int) -> float:
        return num / den if den else 1.0

    def row(self) -> dict[str, Any]:
        """The layout's scores."""
        return {
            "pages": self.pages,
            "precision": round(self.ratio(self.article_lines, self.lines), 4),
            "recall": round(self.ratio(self.kept, self.required), 4),
            "date": round(self.ratio(self.date_right, self.dated), 4),
            "false_dates": self.false_dates,
            "title": round(self.ratio(self.titles_right, self.pages), 4),
            "facts_equal": round(self.ratio(self.facts_equal, self.pages), 4),
            "parse_errors": self.parse_errors,
        }


def is_article_line(line: str, reference: str, article: Article) -> bool:
    """A main-text line that is the article's (title, body, byline) or its own date line; else chrome."""
    if line in reference or line in AUTHORS:
        return True
    return article.published is not None and dmy(article.published) in line and len(line) <= 80


def score_lines(article: Article, text: str, tally: Tally) -> None:
    """Add the page's line precision and recall counts."""
    reference = collapse(" \n ".join([headline(article), *article.body]))
    lines = [collapse(line) for line in text.splitlines() if line.strip()]
    good = [is_article_line(line, reference, article) for line in lines]
    tally.lines += len(lines)
    tally.article_lines += sum(good)
    joined = " ".join(lines)
    for line in article.body:
        if len(line.split()) >= MIN_RECALL_WORDS:
            tally.required += 1
            if collapse(line) in joined:
                tally.kept += 1
            else:
                tally.misses.append(f"{article.key} recall: {line[:70]}")
    tally.misses += [f"{article.key} chrome: {line[:70]}" for line, ok in zip(lines, good, strict=True) if not ok]


def fact_keys(doc: dict[str, Any]) -> list[str]:
    """The document's relevance and facts, comparable across texts (quotes of the text aside)."""
    facts = [{k: v for k, v in f.items() if k not in IGNORED_FACT_FIELDS} for f in doc["facts"]]
    return [str(doc["relevant"]), *sorted(json.dumps(f, sort_keys=True, ensure_ascii=False) for f in facts)]


def score_page(article: Article, html: str, reference: dict[str, Any], tally: Tally) -> None:
    """Parse one page and add its counts."""
    tally.pages += 1
    try:
        page: ParsedPage | None = parse_page(html)
    except ParseError as exc:
        page = None
        tally.parse_errors += 1
        tally.misses.append(f"{article.key} parse error: {exc}")
    text = page.text if page else ""
    score_lines(article, text, tally)
    if article.published is not None:
        tally.dated += 1
        tally.date_right += page is not None and page.published == article.published
        if page is None or page.published != article.published:
            tally.misses.append(f"{article.key} date: {page.published if page else None} != {article.published}")
    elif page is not None and page.published is not None:
        tally.false_dates += 1
        tally.misses.append(f"{article.key} false date: {page.published}")
    title_ok = page is not None and collapse(page.title or "") == collapse(headline(article))
    tally.titles_right += title_ok
    if not title_ok:
        tally.misses.append(f"{article.key} title: {page.title if page else None!r}")
    pred = page_document(article.doc, page, min_confidence=ALL_FACTS) if page else {"doc": article.doc, "relevant": False, "published": None, "facts": []}
    tally.preds[article.key] = pred
    if fact_keys(pred) == fact_keys(reference):
        tally.facts_equal += 1
    else:
        tally.misses.append(f"{article.key} facts differ")


def headline_strict_f1(scorer: ModuleType, articles: list[Article], preds: dict[str, dict[str, Any]]) -> float:
    """Headline strict F1 of the predictions against the gold (dev + dev2 together)."""
    gold = {a.key: a.gold for a in articles}
    res = scorer.score(gold, preds, lambda f: f.get("metric") in scorer.HEADLINE and (f.get("segment") or "all") == "all")
    return float(res["strict"]["f1"])


def evaluate(corpus: Path, layouts: list[str] | None = None) -> dict[str, Any]:
    """Scores per layout, the `.txt` headline strict F1, and every miss (for debugging)."""
    articles = load_articles(corpus)
    references = {  # the same text with the same input the page gives: its own publication date
        a.key: extract_file(corpus / a.split / "docs" / f"{a.doc}.txt", published=a.published, min_confidence=ALL_FACTS)
        for a in articles
    }
    scorer = load_scorer(corpus)
    txt_f1 = headline_strict_f1(scorer, articles, references)
    rows: dict[str, dict[str, Any]] = {}
    misses: dict[str, list[str]] = defaultdict(list)
    for layout in layouts or list(LAYOUTS):
        tally = Tally()
        for article in articles:
            score_page(article, render(article, layout), references[article.key], tally)
        rows[layout] = tally.row() | {"headline_strict_f1": headline_strict_f1(scorer, articles, tally.preds)}
        misses[layout] = tally.misses
    return {"txt_headline_strict_f1": txt_f1, "layouts": rows, "misses": dict(misses)}


def shortfalls(result: dict[str, Any]) -> list[str]:
    """The layout bars that are not met."""
    out = []
    for layout, row in result["layouts"].items():
        out += [f"{layout} {name} {row[name]:.3f} < {bar}" for name, bar in BARS.items() if row[name] < bar]
        if row["headline_strict_f1"] < result["txt_headline_strict_f1"] - MAX_F1_DROP:
            out.append(f"{layout} headline strict F1 {row['headline_strict_f1']:.3f} vs .txt {result['txt_headline_strict_f1']:.3f}")
    return out


def table(result: dict[str, Any]) -> str:
    """The per-layout table."""
    head = (f"{'layout':<13} {'pages':>5} {'line P':>7} {'line R':>7} {'date':>6} {'false d':>7} {'title':>6} "
            f"{'facts=':>6} {'hl sF1':>6} {'errors':>6}")
    lines = [head, "-" * len(head)]
    for layout, r in result["layouts"].items():
        lines.append(
            f"{layout:<13} {r['pages']:>5} {r['precision']:>7.3f} {r['recall']:>7.3f} {r['date']:>6.3f} {r['false_dates']:>7} "
            f"{r['title']:>6.3f} {r['facts_equal']:>6.3f} {r['headline_strict_f1']:>6.3f} {r['parse_errors']:>6}"
        )
    lines.append(f".txt headline strict F1 {result['txt_headline_strict_f1']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table (or JSON); exit 1 when a layout misses a bar."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", action="store_true", help="print every miss (chrome line, lost line, date, title)")
    ap.add_argument("--layout", action="append", choices=list(LAYOUTS))
    args = ap.parse_args(argv)
    if not (args.corpus / "score.py").exists():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    result = evaluate(args.corpus, args.layout)
    if args.misses:
        for layout, items in result["misses"].items():
            print("\n".join(f"{layout}: {m}" for m in items))
    out = {k: v for k, v in result.items() if k != "misses"}
    print(json.dumps(out, indent=2) if args.json else table(result))
    missing = shortfalls(result)
    for line in missing:
        print(f"below the bar: {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
