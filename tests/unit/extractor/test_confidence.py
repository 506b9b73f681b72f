"""Confidence of facts: general doubtful patterns fall below a positive threshold, plain statements stay above it."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from services.cli import main
from services.extractor import confidence
from services.extractor.extract import extract
from services.shared.events import EXPOSE_MIN_CONFIDENCE

T = 0.6
"""A positive threshold that proves the mechanism (one strong doubt puts a plain fact under it, a plain fact stays above),
whatever exposure threshold (EXPOSE_MIN_CONFIDENCE) the measured curve chooses."""


def _conf(text: str) -> list[tuple[str, float, bool]]:
    return [(f.metric, f.value, f.confidence >= T) for f in extract(text).facts]


def test_a_plain_admission_and_attainment_are_exposed() -> None:
    assert _conf("Năm 2023, Đảng bộ huyện Hiệp Hòa kết nạp 625 đảng viên mới, đạt 105% kế hoạch.") == [
        ("admitted", 625, True), ("target_attainment_pct", 105, True),
    ]


def test_an_obligation_is_not_exposed_as_an_admission() -> None:
    text = "Từ nay đến cuối năm 2018, huyện Tân Yên phải kết nạp trên 150 đảng viên mới hoàn thành chỉ tiêu đề ra."
    assert not [metric for metric, _, exposed in _conf(text) if exposed and metric == "admitted"]


def test_candidates_in_a_training_class_are_not_exposed_as_admissions() -> None:
    text = "Năm 2023, Đảng bộ huyện Tân Yên tổ chức lớp bồi dưỡng đối tượng kết nạp Đảng cho 103 quần chúng ưu tú."
    assert all(not exposed for metric, _, exposed in _conf(text) if metric == "admitted")


def test_a_breakdown_list_with_shares_is_not_read_as_totals_or_attainment() -> None:
    text = (
        "Trong số đảng viên kết nạp năm 2011 của tỉnh Bắc Giang: Đoàn viên TNCS Hồ Chí Minh: 5.776 đồng chí, chiếm 67,9% "
        "tổng số đảng viên được kết nạp; là phụ nữ 3.658 đồng chí, chiếm 40,51% tổng số đảng viên mới kết nạp."
    )
    facts = [(f.metric, f.segment, f.value) for f in extract(text).facts]
    assert not [f for f in facts if f[0] in ("members_total", "target_attainment_pct", "admission_rate_pct")]
    assert ("admitted", "youth_union", 5776) in facts and ("admitted", "female", 40.51) in facts  # read as the breakdown


def test_a_count_of_each_unit_and_a_tiny_member_total_are_not_exposed() -> None:
    text = "Năm 2022, xã Thượng Đạt, phường Phạm Ngũ Lão (mỗi nơi 4 đảng viên) có nhiều đảng viên mới."
    assert not any(exposed for metric, _, exposed in _conf(text) if metric == "members_total")


def test_every_evidence_flag_has_a_weight() -> None:
    flags = {f.name: True for f in dataclasses.fields(confidence.Evidence) if f.type in ("bool", bool)}
    ev = confidence.Evidence(metric="admitted", cue="near", org="placed", small="stock", **flags)
    assert set(confidence.weights_of(ev)) <= set(confidence.DATA["weights"])
    for cue in ("near", "far", "none"):
        for org in ("placed", "unplaced", "none"):
            assert {f"cue_{cue}", f"org_{org}"} <= set(confidence.DATA["weights"])
    assert 0.0 <= confidence.score(ev) <= 1.0


def _write(tmp: Path, text: str) -> Path:
    path = tmp / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_prints_exposed_facts_unless_min_confidence_says_otherwise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _write(tmp_path, "Năm 2016, Đảng bộ huyện Tân Yên đã kết nạp được 300 đảng viên mới, trong đó kết nạp 6 đảng viên ở vùng cao.")
    assert main(["extract", str(doc)]) == 0
    default = json.loads(capsys.readouterr().out)
    assert main(["extract", "--min-confidence", str(EXPOSE_MIN_CONFIDENCE), str(doc)]) == 0
    assert json.loads(capsys.readouterr().out) == default  # the default is what the sink exposes
    assert main(["extract", "--min-confidence", str(T), str(doc)]) == 0
    confident = json.loads(capsys.readouterr().out)
    assert main(["extract", "--min-confidence", "0", str(doc)]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert [f["value"] for f in confident["facts"]] == [300] and confident["hidden"] == 1
    assert [f["value"] for f in everything["facts"]] == [300, 6] and "hidden" not in everything
    assert all(0 <= f["confidence"] <= 1 for f in everything["facts"])


def test_min_confidence_outside_zero_one_is_refused(tmp_path: Path) -> None:
    doc = _write(tmp_path, "Năm 2023, huyện Hiệp Hòa kết nạp 625 đảng viên mới.")
    proc = subprocess.run(
        [sys.executable, "-m", "services.cli", "extract", "--min-confidence", "1.5", str(doc)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2 and "not between 0 and 1" in proc.stderr


def test_the_seed_still_gives_hiep_hoa_625_among_exposed_facts(capsys: pytest.CaptureFixture[str]) -> None:
    seed = Path(__file__).resolve().parents[3] / "seeds" / "articles" / "000_6511829d81916481.txt"
    assert main(["extract", str(seed)]) == 0
    facts = json.loads(capsys.readouterr().out)["facts"]
    assert any((f["metric"], f["segment"], f["value"], f["place"]) == ("admitted", "all", 625, "Hiệp Hòa") for f in facts)
