"""Poison Kafka payloads and hostile pages through one running extractor worker on the real broker.

Every record is produced once, in order, to one partition, with a good article last; each test then
asserts one case's exact outcome: a dead letter (stage, error, reason, original), a counted skip, or facts.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from services.shared.events import (
    DeadLetter,
    ExtractionEvent,
    RawArticle,
    TextArticle,
    decode,
    encode,
    stable_id,
)
from services.shared.topics import MAX_MESSAGE_BYTES, TopicNames
from tests.hostile.test_extractor_text import PARAGRAPH, page
from tests.integration.extractor.harness import (
    Worker,
    extractions_by_article,
    free_port,
    metric_value,
    produce,
    read_until,
)

pytestmark = pytest.mark.kafka

Record = tuple[bytes, bytes | None]
DOCNUM_TEXT = ("<p>Thực hiện Nghị quyết số 130-NQ/HU, Kế hoạch số 35-KH/HU và Chỉ thị 24- CT/HU về công tác kết nạp "
               "đảng viên, năm 2024 Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới. Liên hệ: 0204.3872.123. "
               "Lượt xem: 1.523. Ngày 15/8/2024, đồng chí Nguyễn Văn A, 45 tuổi, ở thôn 12, được kết nạp vào Đảng; "
               "các chi bộ nông thôn tiếp tục bồi dưỡng quần chúng ưu tú.</p>")
MENUS = "<html><body><nav><ul>" + "".join(f"<li><a href='/c{i}'>Mục {i}</a></li>" for i in range(40)) + \
        "</ul></nav><footer>Huyện ủy Hiệp Hòa</footer></body></html>"
CHINESE = page("<p>" + "越南共产党地方委员会今年接纳了新党员，重点关注年轻工人和教师。" * 10 + "</p>", "新党员")
DLQ_PARSE = ("truncated_json", "not_json", "json_array", "wrong_version", "missing_fields", "wrong_type_status",
             "wrong_type_html", "wrong_topic")
DLQ_FACTS = ("text_bad_published", "text_raw_on_text")
GOOD = ("docnum", "oversize", "good")


def raw(key: str, html: str) -> RawArticle:
    """A RawArticle whose article_id is the case name (so outcomes can be matched)."""
    url = f"http://localhost/hostile/{key}.html"
    return RawArticle(article_id=key, source_id="hostile", url=url, canonical_url=url,
                      fetched_at="2026-11-22T02:00:00Z", http_status=200, html=html, content_hash=stable_id(html),
                      crawler_version="test", entry_title=None, source_province="Bắc Giang")


def text(key: str, published: str | None) -> TextArticle:
    """A TextArticle for the facts stage."""
    return TextArticle(article_id=key, source_id="hostile", url=f"http://localhost/{key}", canonical_url="",
                       fetched_at="2026-11-22T02:00:00Z", title="Kết nạp", published=published, published_from="meta",
                       author=None, language="vi", text=PARAGRAPH, text_method="test", content_hash="h",
                       parser_version="test")


def mutated(record: RawArticle, **changes: object) -> bytes:
    """The record's JSON with fields replaced (None deletes the field)."""
    data = orjson.loads(encode(record))
    for name, value in changes.items():
        if value is None:
            del data[name]
        else:
            data[name] = value
    return orjson.dumps(data)


def oversize_html() -> str:
    """A page whose record sits just under the topic's max.message.bytes."""
    filler = "<p>" + " ".join(f"Chi bộ {i} sinh hoạt định kỳ, bàn công tác xây dựng Đảng." for i in range(40)) + "</p>"
    room = MAX_MESSAGE_BYTES - 64 * 1024 - len(page(PARAGRAPH).encode())
    return page(PARAGRAPH + filler * (room // len(filler.encode())))


def raw_records() -> list[Record]:
    """Every raw-topic case, in order, the good article last."""
    good = raw("good", page(PARAGRAPH * 2))
    return [
        (b"truncated_json", encode(good)[:120]),
        (b"not_json", b"\xff\xfe\x00\x01 binary \x80 garbage"),
        (b"json_array", b'[{"schema": "articles.raw/v1"}]'),
        (b"wrong_version", mutated(good, schema="articles.raw/v9")),
        (b"missing_fields", mutated(good, html=None, url=None)),
        (b"wrong_type_status", mutated(good, http_status="abc")),
        (b"wrong_type_html", mutated(good, html=12345)),
        (b"wrong_topic", encode(text("wrong_topic", "2024-12-01"))),
        (b"tombstone", None),
        (b"empty_page", encode(raw("empty_page", ""))),
        (b"chinese", encode(raw("chinese", CHINESE))),
        (b"menus_only", encode(raw("menus_only", MENUS))),
        (b"junk_html", encode(raw("junk_html", "\x00\x01\x02\x03PNG" * 1000))),
        (b"docnum", encode(raw("docnum", page(DOCNUM_TEXT)))),
        (b"oversize", encode(raw("oversize", oversize_html()))),
        (b"good", encode(good)),
    ]


def text_records() -> list[Record]:
    """Every text-topic case."""
    return [
        (b"text_bad_published", encode(text("text_bad_published", "hôm qua"))),
        (b"text_raw_on_text", encode(raw("text_raw_on_text", page(PARAGRAPH)))),
        (b"text_tombstone", None),
    ]


@dataclass
class Outcome:
    """What the worker did with every case."""

    sent: dict[str, bytes | None]
    letters: dict[str, DeadLetter]
    texts: dict[str, TextArticle]
    extractions: dict[str, ExtractionEvent]
    metrics: str
    alive: bool


@pytest.fixture(scope="module")
def outcome(kafka: str, module_namespace: TopicNames, module_env: dict[str, str],
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outcome]:
    """Start one worker, send every case, wait for every outcome."""
    ns = module_namespace
    log: Path = tmp_path_factory.mktemp("extractor") / "extractor.log"
    worker = Worker(module_env, free_port(), log).start()
    try:
        raws, texts = raw_records(), text_records()
        produce(kafka, ns.raw, raws, partition=0)
        produce(kafka, ns.text, texts, partition=1)
        n_letters = len(DLQ_PARSE) + len(DLQ_FACTS)
        letters = [decode(v, DeadLetter) for _, v in read_until(kafka, ns.dlq, lambda rs: len(rs) >= n_letters, 90)]
        facts = extractions_by_article(read_until(kafka, ns.facts, lambda rs: set(extractions_by_article(rs)) >= set(GOOD), 90))
        mine = {k for k, _ in texts}
        text_out = {k.decode(): decode(v, TextArticle) for k, v in read_until(kafka, ns.text, lambda rs: False, 2)
                    if k not in mine}
        yield Outcome(sent={k.decode(): v for k, v in raws + texts}, letters={d.original_key or "": d for d in letters},
                      texts=text_out, extractions=facts, metrics=settled_metrics(worker),
                      alive=worker.proc is not None and worker.proc.poll() is None)
    finally:
        worker.stop()


def settled_metrics(worker: Worker, timeout: float = 30.0) -> str:
    """/metrics once both stages have counted every case (the tombstones come last on their partitions)."""
    deadline = time.monotonic() + timeout
    while True:
        body = worker.metrics()
        done = all(metric_value(body, "recruitwatch_records_skipped_total", stage=s, reason="tombstone") >= 1
                   for s in ("parse", "facts"))
        if done and metric_value(body, "recruitwatch_records_processed_total", stage="facts") >= len(GOOD):
            return body
        if time.monotonic() > deadline:
            return body
        time.sleep(0.3)


def skipped(o: Outcome, stage: str, reason: str) -> float:
    """recruitwatch_records_skipped_total for a stage and reason."""
    return metric_value(o.metrics, "recruitwatch_records_skipped_total", stage=stage, reason=reason)


REASONS = {
    "truncated_json": "not JSON", "not_json": "not JSON", "json_array": "record is not a JSON object",
    "wrong_version": "unknown schema 'articles.raw/v9'", "missing_fields": "missing fields ['html', 'url']",
    "wrong_type_status": "field http_status has type str", "wrong_type_html": "field html has type int",
    "wrong_topic": "expected RawArticle, got schema 'articles.text/v1'",
    "text_bad_published": "published is not an ISO date: 'hôm qua'",
    "text_raw_on_text": "expected TextArticle, got schema 'articles.raw/v1'",
}


@pytest.mark.parametrize("case", DLQ_PARSE + DLQ_FACTS)
def test_poison_record_is_dead_lettered_with_stage_error_and_original(outcome: Outcome, module_namespace: TopicNames,
                                                                      case: str) -> None:
    letter = outcome.letters[case]
    stage, topic = ("facts", module_namespace.text) if case.startswith("text_") else ("parse", module_namespace.raw)
    original = outcome.sent[case]
    assert original is not None
    assert (letter.stage, letter.error, letter.original_topic) == (stage, "SchemaError", topic)
    assert REASONS[case] in letter.reason
    assert letter.original == original.decode("utf-8", "replace") and not letter.original_truncated
    assert letter.original_offset is not None and letter.schema == "recruitwatch.dlq/v1"


def test_exactly_the_poison_records_are_dead_lettered_and_counted(outcome: Outcome) -> None:
    assert set(outcome.letters) == set(DLQ_PARSE + DLQ_FACTS)
    body = outcome.metrics
    assert metric_value(body, "recruitwatch_dead_letters_total", stage="parse", reason="SchemaError") == len(DLQ_PARSE)
    assert metric_value(body, "recruitwatch_dead_letters_total", stage="facts", reason="SchemaError") == len(DLQ_FACTS)


@pytest.mark.parametrize(("stage", "reason"), [
    ("parse", "tombstone"), ("facts", "tombstone"), ("parse", "empty_page"), ("parse", "not_vietnamese"),
    ("parse", "no_main_text"), ("parse", "junk_html"),
])
def test_unusable_record_is_skipped_once_with_its_reason(outcome: Outcome, stage: str, reason: str) -> None:
    assert skipped(outcome, stage, reason) == 1


def test_document_numbers_phones_counters_ages_and_villages_yield_only_the_real_figure(outcome: Outcome) -> None:
    event = outcome.extractions["docnum"]
    assert event.relevant
    assert [(f.metric, f.segment, f.value, f.org, f.period_end) for f in event.facts] == [
        ("admitted", "all", 215.0, "Đảng bộ huyện Hiệp Hòa", "2024")]


def test_record_near_the_topic_limit_is_parsed_and_its_text_capped(outcome: Outcome) -> None:
    sent = outcome.sent["oversize"]
    assert sent is not None and MAX_MESSAGE_BYTES - 128 * 1024 < len(sent) < MAX_MESSAGE_BYTES
    assert len(outcome.texts["oversize"].text) <= 100_000
    assert [(f.metric, f.value) for f in outcome.extractions["oversize"].facts] == [
        ("admitted", 215.0), ("target_attainment_pct", 105.0)]


def test_the_worker_keeps_running_and_processes_the_good_record_sent_last(outcome: Outcome) -> None:
    assert outcome.alive
    assert [(f.metric, f.value) for f in outcome.extractions["good"].facts] == [
        ("admitted", 215.0), ("target_attainment_pct", 105.0)]
    assert metric_value(outcome.metrics, "recruitwatch_records_processed_total", stage="parse") == len(GOOD)
    assert metric_value(outcome.metrics, "recruitwatch_records_processed_total", stage="facts") == len(GOOD)


def test_no_text_article_for_any_skipped_or_dead_lettered_record(outcome: Outcome) -> None:
    assert set(outcome.texts) == set(GOOD)
    assert all(dataclasses.asdict(t)["parser_version"] != "test" for t in outcome.texts.values())
