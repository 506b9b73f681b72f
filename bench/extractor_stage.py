"""Extractor stage benchmark: docs/s of our parse (and parse + extract) vs plain trafilatura.extract(html).

Pages are the corpus texts (seeds + dev) rendered with realistic portal chrome, and again with thin chrome
(bench/pages.py). The
contenders run in alternating rounds on the same pages in one process; the median round is reported, in
docs per CPU-second of the (single-threaded) process, so other load on the machine does not skew the ratio.
Quality is measured on the same pages: share of the article's paragraphs recovered, chrome characters
leaked into the text and, when the fact extractor is installed, agreement of the facts extracted from
each text. Usage: python -m bench.extractor_stage [--rounds N] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from bench.pages import Article, load_corpus, page_url, render_page
from services.extractor.parse import ParseError, parse_page

DEFAULT_CORPUS = Path(os.environ.get("RECRUITWATCH_CORPUS", Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))
REPO_SEEDS = Path(__file__).resolve().parents[1] / "seeds"
"""Fallback when ../shared/corpus is absent: the repository's seed articles (seeds/articles)."""
TARGET_SPEEDUP = 1.5
_WS = re.compile(r"\s+")


@dataclass
class Result:
    """One contender: throughput over the rounds and the quality of its text on the same pages."""

    name: str
    docs_per_s: float
    recall: float
    leaked_chars: int
    facts: int | None = None
    facts_agree: float | None = None


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _quality(articles: list[Article], texts: list[str]) -> tuple[float, int]:
    """Mean share of paragraph characters recovered, and characters of text not from the article."""
    recalls, leaked = [], 0
    for article, text in zip(articles, texts, strict=True):
        out = _norm(text)
        paras = [_norm(p) for p in article.paragraphs if p.strip()]
        body = " ".join([*paras, _norm(article.title)])
        total = sum(len(p) for p in paras) or 1
        recalls.append(sum(len(p) for p in paras if p in out) / total)
        leaked += sum(len(line) for line in text.splitlines() if _norm(line) and _norm(line) not in body)
    return statistics.mean(recalls), leaked


def _extract_api() -> Callable[..., Any] | None:
    try:
        fn: Callable[..., Any] = importlib.import_module("services.extractor.extract").extract
        return fn
    except (ImportError, AttributeError):
        return None


def _ours(page: str, url: str) -> str:
    try:
        return parse_page(page, url=url).text
    except ParseError:
        return ""


def _plain(page: str, url: str) -> str:
    return trafilatura.extract(page) or ""


def _timed(fn: Callable[[str, str], object], pages: list[tuple[str, str]]) -> float:
    """Docs per CPU-second of this process (robust to other load on the machine; one thread)."""
    start = time.process_time()
    for page, url in pages:
        fn(page, url)
    return len(pages) / max(time.process_time() - start, 1e-9)


def _facts_of(extract: Callable[..., Any], text: str, published: Any) -> set[tuple[Any, ...]]:
    result = extract(text, published=published)
    return {(f.metric, f.segment, f.value, f.unit) for f in getattr(result, "facts", ())}


def _fact_agreement(
    extract: Callable[..., Any], ours: list[str], plain: list[str], articles: list[Article]
) -> tuple[int, int, float]:
    ours_facts = [_facts_of(extract, t, a.published) for t, a in zip(ours, articles, strict=True)]
    plain_facts = [_facts_of(extract, t, a.published) for t, a in zip(plain, articles, strict=True)]
    same = sum(a == b for a, b in zip(ours_facts, plain_facts, strict=True))
    return sum(map(len, ours_facts)), sum(map(len, plain_facts)), same / max(1, len(articles))


def run(corpus: Path = DEFAULT_CORPUS, rounds: int = 5, chrome: str = "portal") -> list[Result]:
    """Measure the contenders on the corpus pages and return their results (plain trafilatura first)."""
    articles = load_corpus(corpus) or load_corpus(REPO_SEEDS)
    if not articles:
        raise SystemExit(f"no corpus texts under {corpus} (set RECRUITWATCH_CORPUS)")
    pages = [(render_page(a, chrome=chrome), page_url(a)) for a in articles]
    extract = _extract_api()
    contenders: dict[str, Callable[[str, str], object]] = {"trafilatura.extract(html)": _plain, "parse_page": _ours}
    if extract is not None:
        contenders["parse_page + extract"] = lambda page, url: extract(_ours(page, url))
    plain_texts = [_plain(p, u) for p, u in pages]
    our_texts = [_ours(p, u) for p, u in pages]
    if extract is not None:
        parsed = {p: t for (p, _), t in zip(pages, our_texts, strict=True)}
        contenders["extract alone (on parsed text)"] = lambda page, url: extract(parsed[page])
    speeds: dict[str, list[float]] = {name: [] for name in contenders}
    for fn in contenders.values():
        _timed(fn, pages[:10])
    for _ in range(rounds):
        for name, fn in contenders.items():
            speeds[name].append(_timed(fn, pages))
    results = [
        Result("trafilatura.extract(html)", statistics.median(speeds["trafilatura.extract(html)"]), *_quality(articles, plain_texts)),
        Result("parse_page", statistics.median(speeds["parse_page"]), *_quality(articles, our_texts)),
    ]
    if extract is not None:
        ours_n, plain_n, agree = _fact_agreement(extract, our_texts, plain_texts, articles)
        results[0].facts = plain_n
        results.append(
            Result("parse_page + extract", statistics.median(speeds["parse_page + extract"]), results[1].recall,
                   results[1].leaked_chars, ours_n, agree)
        )
        alone = statistics.median(speeds["extract alone (on parsed text)"])
        results.append(Result("extract alone (on parsed text)", alone, results[1].recall, results[1].leaked_chars))
    return results


CHROMES = {
    "portal": "portal pages (mega menu, news boxes, sidebar, footer; ~48 KB)",
    "thin": "thin pages (header, article, footer; ~9 KB, like the demo and chaos sites)",
}


def table(results: list[Result], n_pages: int, chrome: str = "portal") -> str:
    """The results as a Markdown table with the speed-up over plain trafilatura and the target."""
    base = results[0].docs_per_s
    lines = [
        f"Extractor stage on {n_pages} {CHROMES[chrome]}, in one process, docs per CPU-second "
        f"(median of rounds); target ≥ {TARGET_SPEEDUP}× trafilatura.",
        "",
        "| contender | docs/s | × trafilatura | paragraph recall | leaked chrome chars | facts | same facts as trafilatura text |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        facts = "" if r.facts is None else str(r.facts)
        agree = "" if r.facts_agree is None else f"{r.facts_agree:.0%} of pages"
        lines.append(
            f"| {r.name} | {r.docs_per_s:.1f} | {r.docs_per_s / base:.2f} | {r.recall:.3f} | {r.leaked_chars} | {facts} | {agree} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--chrome", choices=[*CHROMES, "both"], default="both")
    args = parser.parse_args(argv)
    n = len(load_corpus(args.corpus) or load_corpus(REPO_SEEDS))
    for chrome in CHROMES if args.chrome == "both" else (args.chrome,):
        print(table(run(args.corpus, args.rounds, chrome), n, chrome) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
