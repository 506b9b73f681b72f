"""Per-article budgets: no input stalls an extractor stage (issue 12, item 6).

A runaway pure function is stopped by killing the stage's worker process (a thread could not be stopped);
the article is dead-lettered `budget_exceeded` and the next record is processed by the same running worker.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from services.extractor.budget import BudgetExceeded, StageRunner
from services.extractor.offline import extract_file
from services.extractor.stages import extract_article, warm_up
from services.shared.events import DeadLetter, ExtractionEvent, TextArticle, decode, encode
from services.shared.topics import TopicNames
from tests.hostile.test_extractor_payloads import raw, text
from tests.hostile.test_extractor_text import PARAGRAPH, page
from tests.integration.extractor.harness import (
    Worker,
    extractions_by_article,
    free_port,
    metric_value,
    produce,
    read_until,
)

STAGE_TIMEOUT = 0.3
MAX_HTML = 3_000_000
HUGE_HTML = "<p>" + "x " * (MAX_HTML // 2 + 10) + "</p>"
LONG_TEXT = PARAGRAPH * 1000


def backtracking(text: str) -> bool:
    """A pure function with a catastrophically backtracking pattern: exponential in the input's length."""
    return re.fullmatch(r"(\w+\s?)+$", text) is not None


def good_text() -> TextArticle:
    """A short article with two facts."""
    return text("good-text", "2024-12-01")


def test_a_runaway_pure_function_is_stopped_and_the_next_article_runs() -> None:
    async def run() -> tuple[float, ExtractionEvent, int]:
        runner = StageRunner(1, initializer=warm_up)
        try:
            await runner.run("facts", extract_article, good_text(), 1.0)  # the worker is up and warm
            started = time.monotonic()
            with pytest.raises(BudgetExceeded) as exc:
                await runner.run("facts", backtracking, "đảng viên " * 40 + "!", 1.0)  # hours of CPU if let run
            assert str(exc.value).startswith("budget_exceeded: facts stage")
            stopped = time.monotonic() - started
            return stopped, await runner.run("facts", extract_article, good_text(), 1.0), runner.killed
        finally:
            runner.close()

    stopped, event, killed = asyncio.run(run())
    assert stopped < 3 and killed == 1
    assert [(f.metric, f.value) for f in event.facts] == [("admitted", 215.0), ("target_attainment_pct", 105.0)]


def test_extract_caps_a_huge_txt_at_the_services_text_cap(tmp_path: Path) -> None:
    head = "Năm 2024, Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới.\n"
    filler = "".join(f"Chi bộ {i} sinh hoạt định kỳ, bàn về công tác xây dựng Đảng.\n" for i in range(40_000))
    tail = "Năm 2024, Đảng bộ huyện Tân Yên kết nạp 777 đảng viên mới.\n"  # beyond the 100,000-character cap
    path = tmp_path / "huge.txt"
    path.write_text(head + filler + tail, encoding="utf-8")
    assert path.stat().st_size > 3_000_000
    started = time.monotonic()
    out = extract_file(path)
    assert [(f["metric"], f["value"]) for f in out["facts"]] == [("admitted", 215)]
    assert time.monotonic() - started < 15


# --- the running worker ------------------------------------------------------------------------


def distinct_page(chars: int) -> str:
    """A page of distinct Vietnamese paragraphs (about `chars` characters): seconds of parsing, under the size cap."""
    paras, size, i = [PARAGRAPH], 0, 0
    while size < chars:
        para = f"<p>Đoạn {i}: chi bộ thôn {i} họp bàn công tác số {i * 7} về phát triển kinh tế năm {2000 + i % 25}.</p>"
        paras.append(para)
        size += len(para)
        i += 1
    return page("".join(paras))


@dataclass
class Outcome:
    """Dead letters by key, extraction events by article id, /metrics, and whether the worker lives."""

    letters: dict[str, DeadLetter]
    extractions: dict[str, ExtractionEvent]
    texts: set[str]
    metrics: str
    alive: bool


@pytest.fixture(scope="module")
def outcome(kafka: str, module_namespace: TopicNames, module_env: dict[str, str],
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outcome]:
    """One worker with a 0.3 s stage budget and a 3,000,000-character page cap; over-budget records, then good ones."""
    ns = module_namespace
    env = {**module_env, "RECRUITWATCH_EXTRACTOR_STAGE_TIMEOUT_S": str(STAGE_TIMEOUT),
           "RECRUITWATCH_EXTRACTOR_MAX_HTML_CHARS": str(MAX_HTML)}
    log: Path = tmp_path_factory.mktemp("budget") / "extractor.log"
    worker = Worker(env, free_port(), log).start()
    try:
        long_text = dataclasses.replace(good_text(), article_id="long-text", text=LONG_TEXT)
        produce(kafka, ns.raw, [(b"huge", encode(raw("huge", HUGE_HTML))),
                                (b"slow", encode(raw("slow", distinct_page(2_600_000)))),
                                (b"good", encode(raw("good", page(PARAGRAPH * 2))))], partition=0)
        produce(kafka, ns.text, [(b"long-text", encode(long_text)), (b"good-text", encode(good_text()))], partition=1)
        letters = [decode(v, DeadLetter) for _, v in read_until(kafka, ns.dlq, lambda rs: len(rs) >= 3, 120)]
        facts = extractions_by_article(read_until(kafka, ns.facts, lambda rs: {"good", "good-text"} <= set(extractions_by_article(rs)),
                                        120))
        texts = {k.decode() for k, _ in read_until(kafka, ns.text, lambda rs: False, 2)}
        yield Outcome(letters={d.original_key or "": d for d in letters}, extractions=facts, texts=texts,
                      metrics=worker.metrics(), alive=worker.proc is not None and worker.proc.poll() is None)
    finally:
        worker.stop()


@pytest.mark.kafka
@pytest.mark.parametrize(("key", "stage", "detail"), [
    ("huge", "parse", f"html of {len(HUGE_HTML):,} characters exceeds {MAX_HTML:,}"),
    ("slow", "parse", f"still running after {STAGE_TIMEOUT:g} s"),
    ("long-text", "facts", f"text of {len(LONG_TEXT):,} characters exceeds 100,000"),
])
def test_an_article_over_its_budget_is_dead_lettered_budget_exceeded(outcome: Outcome, key: str, stage: str,
                                                                     detail: str) -> None:
    letter = outcome.letters[key]
    assert (letter.stage, letter.error) == (stage, "BudgetExceeded")
    assert letter.reason.startswith(f"budget_exceeded: {stage} stage: ") and detail in letter.reason


@pytest.mark.kafka
def test_the_worker_moves_on_and_processes_the_next_articles(outcome: Outcome) -> None:
    assert outcome.alive and set(outcome.letters) == {"huge", "slow", "long-text"}
    for key in ("good", "good-text"):
        assert [(f.metric, f.value) for f in outcome.extractions[key].facts] == [
            ("admitted", 215.0), ("target_attainment_pct", 105.0)]
    assert "slow" not in outcome.texts and "huge" not in outcome.texts
    assert metric_value(outcome.metrics, "recruitwatch_dead_letters_total", stage="parse", reason="budget_exceeded") == 2
    assert metric_value(outcome.metrics, "recruitwatch_dead_letters_total", stage="facts", reason="budget_exceeded") == 1
