"""The `recruitwatch extract` output contract: one JSON object per file, exact field names, integer counts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from services.cli import main

SEED = Path(__file__).resolve().parents[3] / "seeds" / "articles" / "003_e9fc23dd2bee9b62.txt"
FACT_KEYS = {
    "metric", "segment", "value", "value_max", "unit", "qualifier", "per_year", "org", "place", "level",
    "period_start", "period_end", "period_text", "evidence", "province", "province_current", "confidence",
}


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def test_one_line_per_file_with_contract_fields(tmp_path: Path, capsys) -> None:
    a = _write(tmp_path, "a.txt", "Cập nhật lúc 10:15, Thứ Hai, 06/03/2023\nNăm 2022, huyện Tân Yên kết nạp 180 đảng viên, vượt 5% kế hoạch.")
    b = _write(tmp_path, "b.txt", "Thời tiết hôm nay nắng nhẹ.")
    assert main(["extract", "--format", "json", str(a), str(b)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    first, second = (json.loads(line) for line in lines)
    assert {"doc", "relevant", "published", "facts"} <= set(first) <= {"doc", "relevant", "published", "facts", "hidden", "dropped"}
    assert (first["doc"], first["relevant"], first["published"]) == ("a", True, "2023-03-06")
    for fact in first["facts"]:
        assert set(fact) - {"note"} == FACT_KEYS
    count = next(f for f in first["facts"] if f["unit"] == "count")
    assert count["value"] == 180 and isinstance(count["value"], int)
    assert any(f.get("note") == "vuot" for f in first["facts"])
    assert second == {"doc": "b", "relevant": False, "published": None, "facts": []}


def test_published_option_overrides_the_text(tmp_path: Path, capsys) -> None:
    a = _write(tmp_path, "c.txt", "Từ đầu năm đến nay, Đảng bộ huyện Tân Yên kết nạp 90 đảng viên.")
    assert main(["extract", "--published", "2021-07-02", str(a)]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["published"] == "2021-07-02"
    assert obj["facts"][0]["period_end"] == "2021-07"


def test_console_script_runs_on_a_seed_article() -> None:
    script = Path(sys.executable).with_name("recruitwatch")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "services.cli"]
    out = subprocess.run([*cmd, "extract", "--format", "json", str(SEED)], capture_output=True, text=True, check=True)
    obj = json.loads(out.stdout)
    assert obj["doc"] == SEED.stem and obj["relevant"] is True and obj["facts"]


def test_html_input_uses_the_page_title_text_and_date(tmp_path: Path, capsys) -> None:
    html = (
        "<html><head><title>Tân Yên kết nạp 230 đảng viên</title>"
        '<meta property="article:published_time" content="2023-02-10T08:00:00+07:00"></head><body><article>'
        "<p>Năm 2022, Đảng bộ huyện Tân Yên kết nạp được 230 đảng viên mới, đạt 105% kế hoạch đề ra trong năm.</p>"
        "<p>Hiện nay, toàn Đảng bộ huyện có 8.120 đảng viên. Công tác phát triển đảng viên được các cấp ủy quan tâm, "
        "nhất là ở thôn, tổ dân phố và các doanh nghiệp ngoài nhà nước trên địa bàn huyện.</p></article></body></html>"
    )
    page = _write(tmp_path, "p.html", html)
    assert main(["extract", "--province", "Bắc Giang", str(page)]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["doc"] == "p" and obj["relevant"] is True
    assert {(f["metric"], f["value"]) for f in obj["facts"]} >= {("admitted", 230), ("members_total", 8120)}
    assert all(f["province"] == "Bắc Giang" for f in obj["facts"])
