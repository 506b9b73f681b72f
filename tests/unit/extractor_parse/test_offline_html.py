"""`recruitwatch extract` on .html: relative and absolute paths, "-" for stdin, and the service's inputs.

Offline equals the service: the same page and the same feed entry (--title, --published) and source
province (--province) give the same facts as parse_raw + extract_article on an articles.raw record.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from services.cli import main
from services.extractor.parse import parse_page
from services.extractor.stages import extract_article, parse_raw
from services.shared.events import RawArticle
from tests.unit.extractor_parse.pages import ARTICLE_TITLE, article_page

NO_H1 = (
    '<html><head><title>Cổng thông tin điện tử huyện Tân Yên</title></head><body>'
    '<div class="menu"><a href="/">Trang chủ</a> <a href="/a">Tin tức</a> <a href="/b">Văn bản</a></div>'
    '<div class="other"><b>Tin liên quan</b><ul><li><a href="/x">Kết nạp 113 đảng viên mới</a> (02/01/2020)</li>'
    '<li><a href="/y">Hội nghị sơ kết công tác Đảng</a> (03/01/2020)</li><li><a href="/z">Trao Huy hiệu Đảng</a> (04/01/2020)</li></ul></div>'
    "<div><p>Từ đầu năm đến nay, Đảng bộ huyện Tân Yên đã kết nạp được 230 đảng viên mới, đạt 105% kế hoạch "
    "đề ra; trong đó có 96 đảng viên nữ và 140 đảng viên là đoàn viên thanh niên.</p>"
    "<p>Hiện nay, toàn Đảng bộ huyện có 8.120 đảng viên sinh hoạt tại 52 tổ chức cơ sở đảng.</p></div>"
    "</body></html>"
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["extract", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_relative_and_absolute_html_paths_give_the_same_result(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "page.html").write_text(article_page(date_line="Cập nhật lúc 10:15, Thứ Hai, 06/03/2023"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    relative = _run(capsys, "page.html")
    absolute = _run(capsys, str(tmp_path / "page.html"))
    dotted = _run(capsys, os.path.join(".", "page.html"))
    assert relative == absolute == dotted
    assert relative["doc"] == "page" and relative["published"] == "2023-03-06" and relative["relevant"] is True
    assert {(f["metric"], f["value"]) for f in relative["facts"]} >= {("admitted", 312)}


def test_dash_reads_an_html_page_from_standard_input(tmp_path: Path, capsys, monkeypatch) -> None:
    html = article_page(date_line="Cập nhật lúc 10:15, Thứ Hai, 06/03/2023")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    from_file = _run(capsys, str(tmp_path / "page.html"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html.encode("utf-8"))))
    from_stdin = _run(capsys, "-")
    assert from_stdin == from_file | {"doc": "stdin"}


def test_dash_reads_plain_text_from_standard_input(capsys, monkeypatch) -> None:
    text = "Cập nhật lúc 10:15, Thứ Hai, 06/03/2023\nNăm 2022, huyện Tân Yên kết nạp 180 đảng viên, vượt 5% kế hoạch."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    obj = _run(capsys, "-")
    assert obj["doc"] == "stdin" and obj["published"] == "2023-03-06"
    assert any(f["value"] == 180 for f in obj["facts"])


def test_missing_file_is_a_clear_error_and_exit_1(tmp_path: Path, capsys) -> None:
    assert main(["extract", str(tmp_path / "nope.html")]) == 1
    captured = capsys.readouterr()
    assert "nope.html" in captured.err
    assert json.loads(captured.out) == {"doc": "nope", "relevant": False, "published": None, "facts": []}


def test_title_and_published_stand_in_for_the_feed_entry_as_in_the_service(tmp_path: Path, capsys) -> None:
    """A page without <h1>, og:title or date: offline with --title/--published equals the service's record."""
    (tmp_path / "p.html").write_text(NO_H1, encoding="utf-8")
    title = "Tân Yên kết nạp 230 đảng viên mới"
    offline = _run(capsys, "--title", title, "--published", "2023-06-30", "--province", "Bắc Giang", str(tmp_path / "p.html"))
    raw = RawArticle(
        article_id="a1", source_id="tanyen", url="https://tanyen.bacgiang.gov.vn/tin/1.html",
        canonical_url="https://tanyen.bacgiang.gov.vn/tin/1.html", fetched_at="2023-07-01T00:00:00Z", http_status=200,
        html=NO_H1, content_hash="h", crawler_version="test", entry_title=title, entry_published="2023-06-30",
        source_province="Bắc Giang",
    )
    text, page = parse_raw(raw)
    event = extract_article(text)
    assert page.title == title and page.published_from == "feed" and text.published == "2023-06-30"
    assert offline["published"] == "2023-06-30"
    service = sorted((f.metric, f.value, f.org, f.period_end) for f in event.facts)
    assert sorted((f["metric"], f["value"], f["org"], f["period_end"]) for f in offline["facts"]) == service
    assert ("admitted", 230) in {(f["metric"], f["value"]) for f in offline["facts"]}


def test_without_feed_inputs_the_title_is_not_the_related_news_heading(tmp_path: Path, capsys) -> None:
    (tmp_path / "p.html").write_text(NO_H1, encoding="utf-8")
    obj = _run(capsys, str(tmp_path / "p.html"))
    assert obj["published"] is None
    assert 113 not in {f["value"] for f in obj["facts"]}


def test_page_h1_wins_over_the_feed_title() -> None:
    assert parse_page(article_page(), feed_title="Tin tức").title == ARTICLE_TITLE
