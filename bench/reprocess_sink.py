"""Re-extraction end to end: after an extractor version change, `recruitwatch reprocess` leaves the sink
identical to a fresh pipeline run of the new version over the same raw pages (issue 13; not run in CI).

    python -m bench.reprocess_sink [--articles 10000] [--out bench/results/reprocess_sink.json]

Both paths run on one local broker, each in its own topic namespace with its own sink service, over the
same raw pages (generated articles of 5 templates × 44 districts, each on its own publication day from 2019
on — up to 2046 at 10,000 articles, the generator's distinct days — so many articles report each series and
the latest published wins; 2% of them fetched a second time with another text, as an edited page is):

- A, the upgraded deployment: the pages on articles.raw and in the raw store (as the crawler writes them),
  extracted by the *old* version: the real extractor service with its version set to OLD_VERSION and two
  rules of the current one undone (`old_extract_counted`: no village-head segment cue and no 1.2.2 rule
  dropping an admitted count of a category of people, so it publishes such counts as totals: facts and
  series the current version no longer finds, and segment facts it did not yet find); then, with that
  extractor stopped, the real `recruitwatch reprocess --stage parse` over the raw store (with
  `--live-extractor`, beside the upgraded extractor, which re-extracts the articles.text records it republishes).
- B, a fresh deployment: the real extractor service of the current version over the same articles.raw.

Then sink A's and sink B's full /facts (`min_confidence=0`: every confidence, with provenance, other
reports and conflicts) are compared series by series, and so are their /metrics samples (value families,
publication times, source info, fact statuses). Reported: articles, series compared, differences (must be
0; before the re-extraction they are many), the re-extraction's throughput and the wall times.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition
from packaging.version import Version
from prometheus_client.parser import text_string_to_metric_families

from bench.pipeline import _env, _produce
from bench.procs import REPO, Service, start
from services.extractor.version import EXTRACTOR_VERSION
from services.shared.admin import ensure_topics
from services.shared.broker import LocalKafka, free_port
from services.shared.events import RawArticle, TextArticle, stable_id
from services.shared.metric_registry import SINK_FACTS, VALUE_FAMILIES
from services.shared.topics import TOPICS, TopicNames
from tests.chaos.site import GeneratedArticle, generate, render_page

OLD_VERSION = "1.2.1"
REFETCHED = 50
"""One article in this many is fetched a second time, later, with another text (an edited page)."""
STATE_PREFIXES = ("recruitment_", "recruitwatch_sink_series_", "recruitwatch_sink_latest_")
"""/metrics families derived from the sink's state, compared sample by sample (with SINK_FACTS, the fact statuses;
not the counters of what each sink processed, such as recruitwatch_sink_facts_conflicting_total: path A
processed every article twice)."""
VALUE_NAMES = frozenset(f.name for f in VALUE_FAMILIES)


def _install_old_rules() -> None:
    """The old version in this process: another version string and two rules of the current one undone."""
    from services.extractor import stages, vocab

    stages.EXTRACTOR_VERSION = OLD_VERSION
    vocab.SEGMENTS[:] = [s for s in vocab.SEGMENTS if s[0] != "village_head"]
    vocab.CATEGORY_NOUNS = frozenset()


def old_extract_counted(article: TextArticle) -> Any:
    """The facts stage of the old version (runs in the extractor's stage worker process)."""
    from services.extractor import stages

    _install_old_rules()
    return stages.extract_article_counted(article)


def _run_old_extractor() -> int:
    """`recruitwatch extractor` whose facts stage is the old version's."""
    from services.cli import main
    from services.extractor import app

    app.extract_article_counted = old_extract_counted
    return main(["extractor"])


def _raw(g: GeneratedArticle, fetched: str) -> RawArticle:
    url = f"http://reprocess.bench{g.path}"
    html = render_page(g)
    return RawArticle(article_id=stable_id(url), source_id=f"src-{g.template[:3]}", url=url, canonical_url=url,
                      fetched_at=fetched, http_status=200, html=html, content_hash=stable_id(html),
                      crawler_version="bench", entry_title=g.title, entry_published=g.published.isoformat())


def raw_pages(n: int, seed: int = 13) -> list[RawArticle]:
    """`n` articles' pages in fetch order, `n // REFETCHED` of them fetched again later with another text."""
    rng = random.Random(seed)
    articles = generate(n, seed=seed)
    first = [_raw(g, (g.published + timedelta(days=rng.randint(0, 30))).astimezone(UTC).isoformat()) for g in articles]
    again = []
    for i in rng.sample(range(n), n // REFETCHED):
        g, other = articles[i], articles[rng.randrange(n)]
        edited = replace(other, path=g.path, published=g.published, template=g.template)
        again.append(_raw(edited, (g.published + timedelta(days=60)).astimezone(UTC).isoformat()))
    return sorted(first, key=lambda r: r.fetched_at) + again


async def _lag(bootstrap: str, group: str, topics: list[str]) -> int:
    """Records of `topics` not yet committed by consumer group `group`."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        total = 0
        for topic in topics:
            spec = next(s for s in TOPICS if topic.endswith(s.name))
            tps = [TopicPartition(topic, p) for p in range(spec.partitions)]
            for tp, end in (await consumer.end_offsets(tps)).items():
                total += end - ((await consumer.committed(tp)) or 0)
        return total
    finally:
        await consumer.stop()


def _wait_caught_up(bootstrap: str, group: str, topics: list[str], what: Service, timeout: float) -> float:
    """Wait until `group` has committed every record of `topics` (twice in a row); the seconds it took."""
    start, zeros = time.monotonic(), 0
    while zeros < 2:
        if what.process.poll() is not None:
            raise RuntimeError(f"{what.name} exited with {what.process.returncode}")
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{what.name}: {group} not caught up on {topics} within {timeout:.0f} s")
        time.sleep(2.0)
        zeros = zeros + 1 if asyncio.run(_lag(bootstrap, group, topics)) == 0 else 0
    return time.monotonic() - start


def _get(service: Service, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{service.port}{path}", timeout=600) as resp:
        body: bytes = resp.read()
        return body


@dataclass(frozen=True)
class Snapshot:
    """What a sink serves: every series' /facts view (min_confidence=0) and its state samples on /metrics."""

    facts: dict[str, Any]
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float]

    @property
    def values(self) -> int:
        """Value series on /metrics (samples of the recruitment_* value families)."""
        return sum(1 for name, _ in self.samples if name in VALUE_NAMES)


def snapshot(sink: Service) -> Snapshot:
    """The sink's /facts and /metrics now."""
    body = orjson.loads(_get(sink, "/facts?min_confidence=0"))
    facts = {v["series_key"]: v for v in body["facts"]}
    samples = {}
    for family in text_string_to_metric_families(_get(sink, "/metrics").decode()):
        for s in family.samples:
            if s.name.startswith(STATE_PREFIXES) or s.name == SINK_FACTS:
                samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return Snapshot(facts, samples)


def _digest(snap: Snapshot) -> str:
    return hashlib.sha256(orjson.dumps([snap.facts, sorted(snap.samples.items())],
                                       option=orjson.OPT_SORT_KEYS)).hexdigest()


def settled(sink: Service, bootstrap: str, prefix: str, timeout: float = 900.0) -> Snapshot:
    """The sink's snapshot once it has committed all of recruitment.facts and two reads 3 s apart agree."""
    _wait_caught_up(bootstrap, f"{prefix}recruitwatch-sink-route", [TopicNames.with_prefix(prefix).facts], sink, timeout)
    last = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snap = snapshot(sink)
        if last is not None and _digest(snap) == _digest(last):
            return snap
        last = snap
        time.sleep(3.0)
    raise TimeoutError(f"{sink.name} did not settle within {timeout:.0f} s")


def _value(view: dict[str, Any] | None) -> tuple[Any, ...] | None:
    """A series' current figure and the article behind it (provenance versions aside)."""
    return None if view is None else (view["value"], view.get("value_max"), view["source"]["article_id"])


def _example(view: dict[str, Any] | None) -> dict[str, Any] | None:
    """A differing series' view in short: its figure, the article and extractor behind it, the other reports."""
    if view is None:
        return None
    return {"value": view["value"], "value_max": view.get("value_max"), "source": view["source"],
            "also_reported_by": len(view["also_reported_by"]), "conflicts": len(view["conflicts"])}


def compare(a: Snapshot, b: Snapshot) -> dict[str, Any]:
    """Series by series: /facts views and /metrics samples that differ, with a few examples."""
    keys = a.facts.keys() | b.facts.keys()
    facts_diff = sorted(k for k in keys if a.facts.get(k) != b.facts.get(k))
    names = a.samples.keys() | b.samples.keys()
    metric_diff = sorted(k for k in names if a.samples.get(k) != b.samples.get(k))
    return {
        "series": len(keys), "metric_samples": len(names), "value_series": max(a.values, b.values),
        "facts_differences": len(facts_diff), "metrics_differences": len(metric_diff),
        "only_in_a": len(a.facts.keys() - b.facts.keys()), "only_in_b": len(b.facts.keys() - a.facts.keys()),
        "values_differ": sum(1 for k in keys if _value(a.facts.get(k)) != _value(b.facts.get(k))),
        "examples": [{"series": k, "a": _example(a.facts.get(k)), "b": _example(b.facts.get(k))} for k in facts_diff[:3]]
        + [{"sample": str(k), "a": a.samples.get(k), "b": b.samples.get(k)} for k in metric_diff[:3]],
    }


def _sink(bootstrap: str, prefix: str, logs: Path) -> Service:
    port = free_port()
    env = _env(bootstrap, prefix, RECRUITWATCH_SINK_PORT=port, RECRUITWATCH_SINK_MAX_SERIES=10_000_000,
               RECRUITWATCH_SINK_LAG_INTERVAL=1)
    return start(f"sink {prefix}", ["sink"], env, port, logs / f"sink-{prefix.strip('.')}.log")


def _extractor(bootstrap: str, prefix: str, logs: Path, old: bool) -> Service:
    port = free_port()
    env = _env(bootstrap, prefix, RECRUITWATCH_EXTRACTOR_WEB_PORT=port, RECRUITWATCH_EXTRACTOR_REPROCESS_RATE=0)
    env["RECRUITWATCH_EXTRACTOR_DATA_DIR"] = tempfile.mkdtemp(prefix="recruitwatch-bench-extractor-")
    if not old:
        return start(f"extractor {prefix}", ["extractor"], env, port, logs / f"extractor-{prefix.strip('.')}.log")
    with (logs / f"extractor-old-{prefix.strip('.')}.log").open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "bench.reprocess_sink", "--old-extractor"], env=env, cwd=REPO,
                                stdout=out, stderr=subprocess.STDOUT)
    return Service(f"extractor {OLD_VERSION} {prefix}", proc, port)


def reprocess(bootstrap: str, prefix: str) -> tuple[dict[str, Any], float]:
    """`recruitwatch reprocess --stage parse` without a rate limit: its summary line and wall seconds."""
    env = _env(bootstrap, prefix)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "services.cli", "reprocess", "--stage", "parse", "--rate", "1e9"],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=7200, check=False)
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise RuntimeError(f"reprocess failed ({proc.returncode}): {proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), seconds


def _pipelines(bootstrap: str, a: TopicNames, b: TopicNames, pages: list[RawArticle], logs: Path,
               stack: ExitStack) -> dict[str, float]:
    """Path A's old-version pipeline and path B's fresh one, side by side, to their end; wall seconds (from the
    extractors' start to their group's last commit, confirmed twice 2 s apart)."""
    started = time.monotonic()
    for topic in (a.raw, a.raw_store, b.raw):
        asyncio.run(_produce(bootstrap, topic, pages, None))
    produced = time.monotonic() - started
    old, new = _extractor(bootstrap, a.prefix, logs, old=True), _extractor(bootstrap, b.prefix, logs, old=False)
    for ex in (old, new):
        stack.callback(ex.stop)
    from services.extractor.app import APP_ID

    seconds, t0 = [], time.monotonic()
    for ex, names in ((old, a), (new, b)):
        _wait_caught_up(bootstrap, names.prefix + APP_ID, [names.raw, names.text], ex, 7200)
        seconds.append(time.monotonic() - t0)
        ex.stop()
    return {"produce_s": round(produced, 1), "old_pipeline_s": round(seconds[0], 1),
            "fresh_pipeline_s": round(seconds[1], 1)}


def run(n: int = 10_000, live_extractor: bool = False) -> dict[str, Any]:
    """Both paths over `n` articles; the comparison of their sinks before and after the re-extraction (with
    `live_extractor`, path A's upgraded extractor runs during it and re-extracts the articles.text it republishes)."""
    assert Version(OLD_VERSION) < Version(EXTRACTOR_VERSION), "the old version must be older than the current one"
    logs = Path(tempfile.mkdtemp(prefix="recruitwatch-bench-reprocess-sink-"))
    pages = raw_pages(n)
    res: dict[str, Any] = {"articles": n, "raw_records": len(pages), "live_extractor": live_extractor,
                           "old_version": OLD_VERSION,
                           "new_version": EXTRACTOR_VERSION, "logs": str(logs)}
    with LocalKafka() as broker, ExitStack() as stack:
        bootstrap = broker.bootstrap
        a, b = (TopicNames.with_prefix(f"{p}{uuid.uuid4().hex[:6]}.") for p in ("a", "b"))
        for names in (a, b):
            asyncio.run(ensure_topics(bootstrap, names.prefix))
        sink_a, sink_b = _sink(bootstrap, a.prefix, logs), _sink(bootstrap, b.prefix, logs)
        for sink in (sink_a, sink_b):
            stack.callback(sink.stop)
            sink.wait_http()
        res["wall"] = _pipelines(bootstrap, a, b, pages, logs, stack)
        fresh = settled(sink_b, bootstrap, b.prefix)
        res["before"] = compare(settled(sink_a, bootstrap, a.prefix), fresh)
        upgraded = _extractor(bootstrap, a.prefix, logs, old=False) if live_extractor else None
        if upgraded:
            stack.callback(upgraded.stop)
            upgraded.wait_http()
        summary, seconds = reprocess(bootstrap, a.prefix)
        started = time.monotonic()
        if upgraded:
            from services.extractor.app import APP_ID

            _wait_caught_up(bootstrap, a.prefix + APP_ID, [a.raw, a.text], upgraded, 7200)
            upgraded.stop()
        after = settled(sink_a, bootstrap, a.prefix)
        res["wall"].update({"reprocess_s": round(seconds, 1), "sink_settled_after_s": round(time.monotonic() - started, 1)})
        res["reprocess"] = summary
        res["after"] = compare(after, snapshot(sink_b))
        res["again"], _ = reprocess(bootstrap, a.prefix)
    after = res["after"]
    res["differences"] = after["facts_differences"] + after["metrics_differences"]
    res["identical"] = res["differences"] == 0
    before = res["before"]
    res["rows"] = [(
        f"`reprocess --stage parse` after a version change ({OLD_VERSION} → {EXTRACTOR_VERSION}), {n} stored articles: "
        "sink vs a fresh pipeline run of the new version",
        f"{after['series']} series on /facts, {after['value_series']} value series on /metrics compared: "
        f"{res['differences']} differences (before: {before['values_differ']} current values differed, "
        f"{before['only_in_a']} series only in the old, {before['only_in_b']} only in the new); "
        f"{summary['articles_per_s']} articles/s "
        f"({seconds:.0f} s wall)", "0 differences", "meets" if res["identical"] else "**short**",
    )]
    return res


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as JSON (and write it to --out)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=None, help="also write the JSON result here")
    ap.add_argument("--live-extractor", action="store_true",
                    help="run path A's upgraded extractor during the re-extraction (it re-extracts what reprocess "
                    "republishes to articles.text)")
    ap.add_argument("--old-extractor", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.old_extractor:
        return _run_old_extractor()
    text = json.dumps(run(args.articles, args.live_extractor), indent=2, ensure_ascii=False, default=str)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
