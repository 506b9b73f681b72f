"""JSON log lines stay bounded whatever a hostile input puts in them (a 100 KB URL is one short line)."""

from __future__ import annotations

import logging

import orjson

from services.shared.logs import FIELD_MAX_CHARS, ConsoleFormatter, JsonFormatter


def test_a_100_kb_url_and_message_make_a_bounded_line() -> None:
    url = "http://a.vn/" + "x" * 100_000
    record = logging.LogRecord("crawler", logging.WARNING, "", 0, "crawl error at %s", (url,), None)
    record.url, record.links, record.kind = url, [url] * 3, "timeout"
    line = JsonFormatter("crawler").format(record)
    out = orjson.loads(line)
    assert len(line) < 10 * FIELD_MAX_CHARS
    assert out["url"].endswith(f"…(+{len(url) - FIELD_MAX_CHARS} chars)") and len(out["url"]) < FIELD_MAX_CHARS + 30
    assert out["msg"].startswith("crawl error at http://a.vn/xxx") and out["kind"] == "timeout"
    assert isinstance(out["links"], str) and out["links"].startswith('["http://a.vn/')


def test_small_fields_and_containers_are_logged_as_they_are() -> None:
    record = logging.LogRecord("crawler", logging.INFO, "", 0, "poll done", (), None)
    record.skipped, record.partitions, record.found = {"unchanged": 3}, [0, 1], 7
    out = orjson.loads(JsonFormatter("crawler").format(record))
    assert (out["skipped"], out["partitions"], out["found"]) == ({"unchanged": 3}, [0, 1], 7)


def test_a_console_line_is_bounded_too() -> None:
    url = "http://a.vn/" + "x" * 100_000
    record = logging.LogRecord("crawler", logging.WARNING, "", 0, "crawl error at %s", (url,), None)
    record.url = url
    line = ConsoleFormatter("crawler").format(record)
    assert len(line) < 4 * FIELD_MAX_CHARS and f"…(+{len(url) - FIELD_MAX_CHARS} chars)" in line
