"""/facts.csv and `recruitwatch facts`: CSV cells, the aligned table with Vietnamese text, value wording."""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import Any

from wcwidth import wcswidth

from services.shared.facts_cli import facts_url, period_text, render, render_table, value_text
from services.sink.facts_api import FACT_FIELDS
from services.sink.facts_csv import COLUMNS, cell


def view(**kw: Any) -> dict[str, Any]:
    """A fact as /facts returns it (Hiệp Hòa, admitted 625 in 2024)."""
    base: dict[str, Any] = {name: None for name in FACT_FIELDS}
    base.update({"series_key": "k1", "metric": "admitted", "segment": "all", "value": 625.0, "unit": "count",
                 "qualifier": "exact", "per_year": False, "org": "Đảng bộ huyện Hiệp Hòa", "place": "Hiệp Hòa",
                 "level": "district", "province": "Bắc Giang", "province_current": "Bắc Ninh",
                 "period_start": "2024", "period_end": "2024", "evidence": "kết nạp 625 đảng viên",
                 "source": {"url": "https://a.vn/1.html", "title": "Hiệp Hòa: kết nạp 625 đảng viên",
                            "published": "2024-12-20", "fetched_at": "2025-01-02T00:00:00Z",
                            "source_id": "bacgiang", "extractor_version": "1.1.0"},
                 "also_reported_by": [{"url": "https://b.vn/2.html"}, {"url": "https://c.vn/3.html"}]})
    base.update(kw)
    return base


def test_csv_has_a_header_and_one_row_per_fact_with_text_intact() -> None:
    rows = list(csv.reader(io.StringIO(render([view(), view(series_key="k2", value=56.8, unit="pct")], "csv"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 3
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["value"] == "625" and first["org"] == "Đảng bộ huyện Hiệp Hòa" and first["per_year"] == "false"
    assert first["article_url"] == "https://a.vn/1.html" and first["value_max"] == ""
    assert first["also_reported_by"] == "https://b.vn/2.html https://c.vn/3.html"
    assert dict(zip(rows[0], rows[2], strict=True))["value"] == "56.8"


def test_csv_defuses_spreadsheet_formulas_from_web_text_but_not_numbers() -> None:
    assert cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert cell("+1") == "'+1" and cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell(-3.0) == "-3" and cell(None) == "" and cell(True) == "true"


def test_the_table_aligns_by_display_width_even_with_decomposed_vietnamese() -> None:
    decomposed = unicodedata.normalize("NFD", "Đảng bộ huyện Hiệp Hòa")
    assert len(decomposed) > wcswidth(decomposed)  # combining marks: len() would misalign
    text = render_table([view(org=decomposed), view(org="Đảng bộ tỉnh Bắc Giang", value=3011.0, level="province")])
    lines = text.splitlines()
    assert decomposed in text and "Bắc Giang → Bắc Ninh" in text
    metric, published = lines[0].index("metric"), lines[0].index("published")
    assert all(wcswidth(line[:line.index("admitted")]) == metric for line in lines[2:]), lines
    assert all(wcswidth(line[:line.index("2024-12-20")]) == published for line in lines[2:]), lines


def test_values_read_as_people_write_them() -> None:
    assert value_text(view()) == "625"
    assert value_text(view(value=4.0, value_max=5.0, unit="pct", qualifier="about")) == "~4–5 %"
    assert value_text(view(value=14000.0, qualifier="over", per_year=True)) == "> 14000 per year"


def test_periods_read_as_ranges_open_ends_or_points() -> None:
    assert period_text(view()) == "2024"
    assert period_text(view(period_start="2010", period_end="2013-08")) == "2010–2013-08"
    assert period_text(view(period_start="2011", period_end=None)) == "since 2011"
    assert period_text(view(period_start=None, period_end="2024-06")) == "2024-06"


def test_the_facts_url_carries_only_given_filters() -> None:
    assert facts_url("http://127.0.0.1:9400/", {"place": "Hiệp Hòa", "metric": None}) == \
        "http://127.0.0.1:9400/facts?place=Hi%E1%BB%87p+H%C3%B2a"
    assert render([], "table") == "(no facts match)\n"
