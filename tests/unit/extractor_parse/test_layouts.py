"""The parse stage on dev + dev2 articles wrapped in the layouts of real Vietnamese portals (tests/support/layouts).

Per layout: main-text line precision (no chrome line) and recall (every article line kept), the article's own
date and title, facts through the page equal to those from the `.txt`, headline strict F1 within 0.02.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from services.extractor.parse import parse_page
from tests.support import layout_eval
from tests.support.layouts import LAYOUTS, Article, E, chrome_for, dmy, headline, load_articles, render


@pytest.fixture(scope="module")
def result(corpus: Path) -> dict[str, Any]:
    """One evaluation of every layout over dev + dev2 (about 15 s)."""
    return layout_eval.evaluate(corpus)


@pytest.fixture(scope="module")
def articles(corpus: Path) -> list[Article]:
    return load_articles(corpus)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_each_layout_meets_the_bars(result: dict[str, Any], layout: str) -> None:
    row = result["layouts"][layout]
    misses = [m for m in result["misses"][layout] if "facts differ" not in m][:10]
    for name, bar in layout_eval.BARS.items():
        assert row[name] >= bar, (name, row, misses)
    assert row["false_dates"] == 0, misses
    assert row["parse_errors"] == 0, misses
    assert row["headline_strict_f1"] >= result["txt_headline_strict_f1"] - layout_eval.MAX_F1_DROP, row


def test_every_layout_page_carries_chrome_with_dates_and_figures(articles: list[Article]) -> None:
    """The fixtures are hard: each page holds related titles (most with their dates) and the footer's address."""
    article = next(a for a in articles if a.published is not None)
    dated = 0
    for layout in LAYOUTS:
        html = render(article, layout)
        chrome = chrome_for(article, layout)
        assert sum(E(title) in html for title, _ in chrome.related) >= 4, layout
        assert "Địa chỉ:" in html and "Điện thoại:" in html, layout
        assert article.body[-1][:20] in html, layout
        dated += sum(dmy(d) in html for _, d in chrome.related) >= 3
    assert dated >= len(LAYOUTS) - 2
    assert any("113" in title or "10.000" in title for a in articles[:20] for title, _ in chrome_for(a, "liferay").related)


def test_the_measurement_counts_a_related_item_as_a_chrome_line(articles: list[Article]) -> None:
    article = next(a for a in articles if a.published is not None and len(a.body) > 2)
    tally = layout_eval.Tally()
    text = "\n".join([*article.body, "Kết nạp 113 đảng viên mới (12/03/2021)"])
    layout_eval.score_lines(article, text, tally)
    assert tally.article_lines == tally.lines - 1
    tally = layout_eval.Tally()
    first = next(line for line in article.body if len(line.split()) >= layout_eval.MIN_RECALL_WORDS)
    layout_eval.score_lines(article, "\n".join(line for line in article.body if line != first), tally)
    assert tally.kept == tally.required - 1


def test_related_dates_before_the_title_are_not_the_publication_date(articles: list[Article]) -> None:
    """A sidebar of dated news precedes the article; its byline after the title gives the date."""
    article = next(a for a in articles if a.published is not None and a.title)
    page = parse_page(render(article, "byline_after"))
    assert page.published == article.published and page.published_from == "text"
    assert page.title == headline(article)


def test_page_without_own_date_gets_none_not_a_related_items_date(articles: list[Article]) -> None:
    article = next(a for a in articles if a.published is None and a.title)
    for layout in ("no_h1", "byline_after", "news_cms", "updated_line"):
        page = parse_page(render(article, layout))
        assert page.published is None, layout
        assert page.title == headline(article), layout
