"""Inputs that used to stall the facts stage (quadratic clause rescans, a backtracking number-word pattern).

Each must finish in well under a second of CPU: a correctness bound, not a benchmark (bench/facts_stage.py
measures the cost per KB). CPU time, so that other load on the machine does not make the bound flaky.
"""

from __future__ import annotations

import time

import pytest

from bench.facts_stage import digits_and_dots, many_numbers, nested_line, nested_tables, number_words
from services.extractor import orgs
from services.extractor.extract import MAX_TOKEN_CHARS, extract
from services.extractor.numbers import MAX_PER_ARTICLE, MAX_PER_SENTENCE, find_numbers, scan_numbers
from services.extractor.stages import warm_up

BOUND_S = 1.0


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    warm_up()


def _cpu(fn: object, *args: object) -> tuple[float, object]:
    start = time.process_time()
    out = fn(*args)  # type: ignore[operator]
    return time.process_time() - start, out


def test_ten_thousand_numbers_in_one_sentence() -> None:
    text = many_numbers(100)
    assert text.count("đv,") >= 10_000
    secs, out = _cpu(extract, text)
    assert secs < BOUND_S
    assert 0 < len(out.facts) <= MAX_PER_SENTENCE  # the first numbers of the sentence are still read


def test_ten_thousand_bare_numbers_in_one_sentence() -> None:
    text = "Huyện kết nạp " + ", ".join(str(1000 + i) for i in range(10_000)) + " đảng viên."
    secs, _ = _cpu(extract, text)
    assert secs < BOUND_S


def test_run_of_95k_number_words_without_a_noun() -> None:
    text = number_words(120)
    assert len(text) >= 95_000
    secs, nums = _cpu(find_numbers, text)
    assert secs < BOUND_S and nums == []
    secs, _ = _cpu(extract, text)
    assert secs < BOUND_S


def test_number_words_still_read_before_their_noun() -> None:
    text = " ".join(["hai"] * 20_000) + " ba mươi hai đảng viên"
    secs, nums = _cpu(find_numbers, text)
    assert secs < BOUND_S
    assert [n.value for n in nums][-1] > 0 and nums[0].start == 0


def test_five_megabyte_line_of_digits_and_dots() -> None:
    text = digits_and_dots(5 * 1024)
    secs, out = _cpu(extract, text)
    assert secs < BOUND_S and out.facts == ()


def test_digits_and_dots_scanned_linearly() -> None:
    secs, (nums, total) = _cpu(scan_numbers, digits_and_dots(200), 10)
    assert secs < BOUND_S and nums == [] and total == 0  # a dotted run is no number


def test_scan_stops_building_numbers_at_its_limit() -> None:
    nums, total = scan_numbers("kết nạp " + ", ".join(str(10 + i) for i in range(500)) + " đảng viên", 10)
    assert [n.value for n in nums] == [float(10 + i) for i in range(10)] and total == 500


def test_deeply_nested_table_text() -> None:
    secs, _ = _cpu(extract, nested_tables(60))
    assert secs < BOUND_S


def test_long_tokens_are_blanked_but_prose_is_kept() -> None:
    junk = "x" * (MAX_TOKEN_CHARS + 1)
    out = extract(f"{junk} Năm 2023, Đảng bộ huyện Hiệp Hòa kết nạp 625 đảng viên mới.")
    assert [f.value for f in out.facts if f.metric == "admitted"] == [625]


def test_an_article_of_sentences_full_of_admissions() -> None:
    sentence = "Năm 2023, Đảng bộ huyện Tân Yên kết nạp " + ", trong đó ".join(f"{900 - i} đảng viên" for i in range(70)) + "."
    secs, out = _cpu(extract, "\n".join([sentence] * 40))
    assert secs < BOUND_S
    assert dict(out.dropped)["numbers_over_budget"] == 40 * 70 - MAX_PER_ARTICLE


def test_table_nested_in_its_own_cells_on_one_line() -> None:
    text = nested_line(100)  # ~4,000 named units ("Xã Tân 12 | 17 | …") in one sentence, the text cap's worth
    secs, _ = _cpu(extract, text)
    assert secs < BOUND_S


def test_mentions_of_a_sentence_are_found_without_comparing_each_pair() -> None:
    line = nested_line(300)
    secs, found = _cpu(orgs.mentions, line)
    assert secs < BOUND_S  # pairwise overlap checks of 10,000 mentions took 2.5 s
    assert len(found) == line.count("Xã Tân") >= 10_000 and {m.org.place for m in found} == {"Tân"}
