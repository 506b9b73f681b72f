"""Every fact the real extractor finds in a multi-organisation article set reaches /facts and /metrics, in the
right family and unit, or is counted with a reason — on two sink workers over the real broker.

The set: the real articles of the corpus (dev + dev2: provinces with their districts and cities, their Công
an / Quân sự / Biên phòng / Khối bodies, nested breakdowns, percent breakdowns of admissions), plus a second
article reprinting an article of the set (the same figures in two articles). Text articles go to the real
extractor worker (articles.text → recruitment.facts); the facts of the last extraction of every article are
read back from the topic and each one is accounted for on /facts and /metrics.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from services.shared.events import EXPOSE_MIN_CONFIDENCE, ExtractionEvent, TextArticle, encode, stable_id
from services.shared.topics import TopicNames
from tests.integration.extractor.harness import Worker, extractions, free_port, produce, read_until
from tests.support.accounting import account, check_units, last_extractions, summary
from tests.support.sink import SinkProcess, wait_for

pytestmark = [pytest.mark.kafka]


def corpus_articles(corpus: Path) -> list[TextArticle]:
    """The corpus articles as the parse stage would publish them (source = the site of the article)."""
    out = []
    for part in ("dev", "dev2"):
        for line in (corpus / part / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            text = (corpus / part / "docs" / f"{gold['doc']}.txt").read_text(encoding="utf-8")
            url = gold.get("url") or f"https://corpus.invalid/{part}/{gold['doc']}"
            out.append(TextArticle(
                article_id=stable_id(part, gold["doc"]), source_id=url.split("/")[2], url=url, canonical_url=url,
                fetched_at="2026-01-01T00:00:00Z", title=None, published=gold.get("published"),
                published_from="text" if gold.get("published") else None, author=None, language="vi", text=text,
                text_method="corpus", content_hash=stable_id(text), parser_version="test"))
    return out


def reprint(article: TextArticle) -> TextArticle:
    """The same article reprinted by another site later: the same figures in a second article."""
    url = "https://reprint.invalid/" + article.article_id
    return replace(article, article_id=stable_id("reprint", article.article_id), url=url, canonical_url=url,
                   published="2026-01-02", published_from="meta")


def test_every_extracted_fact_of_a_multi_organisation_set_is_exposed_or_counted(
        corpus: Path, tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str]) -> None:
    articles = corpus_articles(corpus)
    articles.append(reprint(next(a for a in articles if "Biên phòng" in a.text)))
    produce(kafka, namespace.text, ((a.article_id.encode(), encode(a)) for a in articles))
    extractor = Worker(service_env, free_port(), tmp_path / "extractor.log").start()
    sinks = [SinkProcess(service_env).start(), SinkProcess(service_env).start()]
    try:
        ids = {a.article_id for a in articles}
        records = read_until(kafka, namespace.facts, lambda r: {e.article_id for e in extractions(r)} >= ids, 180)
        events: list[ExtractionEvent] = last_extractions(extractions(records))
        assert {e.article_id for e in events} == ids, extractor.tail()
        facts = [f for e in events for f in e.facts]
        relevant = {f.series_key for f in facts}

        def settled() -> dict | None:
            bodies = [s.facts("?min_confidence=0") for s in sinks]
            if any(b is None for b in bodies) or bodies[0] != bodies[1]:
                return None
            body = bodies[0]
            assert body is not None
            return body if {v["series_key"] for v in body["facts"]} >= relevant else None

        body = wait_for(settled, 120, lambda: sinks[0].log_tail(1500))
        statuses = account(facts, body, EXPOSE_MIN_CONFIDENCE)
        counts = summary(statuses)
        lost = [f for f in facts if statuses[f.event_id] == "lost"]
        assert not lost, [(f.series_key, f.value, f.evidence) for f in lost[:5]]

        # /metrics: the exposed series once across both workers, each in its family and unit
        default = sinks[0].facts()
        assert default is not None
        pages = [s.metrics() for s in sinks]
        checked = check_units(pages[0], default) + check_units(pages[1], default)
        dropped = sum(float(line.rsplit(" ", 1)[1]) for p in pages for line in p.splitlines()
                      if line.startswith("recruitwatch_sink_series_dropped{"))
        assert sum(checked.values()) + dropped == len(default["facts"]), (checked, dropped, len(default["facts"]))
        assert dropped == 0
        assert checked["recruitment_admitted_share_ratio"] > 0 and checked["recruitment_admitted"] > 0
        # the Công an / Quân sự / Biên phòng bodies are series of their own
        sectors = {v["series_key"].split(":")[1] for v in body["facts"] if v["series_key"].startswith("agency:")}
        assert {"police", "military", "border_guard"} <= sectors, sectors
        # the reprint's figures are the same series as the original's: reported by two articles
        assert any(v["also_reported_by"] for v in body["facts"])

        report = {"articles": len(events), "facts extracted": len(facts), **dict(counts),
                  "conflict reasons": dict(Counter(s.split(":")[1] for s in statuses.values() if ":" in s)),
                  "series on /facts": len(body["facts"]), "samples checked on /metrics": sum(checked.values()),
                  "dropped": len(lost)}
        print("multi-organisation set:", json.dumps(report, ensure_ascii=False))
    finally:
        for s in sinks:
            s.stop()
        extractor.stop()
