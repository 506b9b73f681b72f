"""What re-extraction reads from each stored record to decide what is stale."""

from __future__ import annotations

import orjson

from services.history.reprocess import extraction_version, text_parser
from services.shared.events import EXTRACTION


def test_extraction_version_is_read_from_extraction_records_only() -> None:
    assert extraction_version(orjson.dumps({"schema": EXTRACTION, "extractor_version": "1.2.3"})) == "1.2.3"
    assert extraction_version(orjson.dumps({"schema": "recruitment.fact/v1", "extractor_version": "1.2.3"})) is None
    assert extraction_version(b"not json") is None
    assert extraction_version(orjson.dumps([1, 2])) is None


def test_text_parser_is_found_without_decoding_the_text() -> None:
    record = orjson.dumps({"article_id": "a", "text": "Kết nạp 625 đảng viên", "parser_version": "7"})
    assert text_parser(record) == "7"
    assert text_parser(orjson.dumps({"article_id": "a", "text": "x"})) is None
