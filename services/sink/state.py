"""Pure state transitions of the sink: per-article extractions → per-series candidates → current values.

Two levels, each a plain dict that Faust tables store as JSON:
- article record (keyed by article_id): the accepted extraction's version, fetch time and series keys;
- series entries (keyed by series_key): {article_id: {"version", "fetched_at", "candidate" | None}}.
A retraction is an entry whose candidate is None, kept as a tombstone so that a late, older update
cannot resurrect it. Every update carries its extraction's order token, so applying the same update
twice, or an older one after a newer one, changes nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiokafka.partitioner import murmur2
from packaging.version import InvalidVersion, Version

from services.shared.events import ExtractionEvent, FactEvent, SchemaError

ArticleRecord = dict[str, Any]
SeriesEntries = dict[str, dict[str, Any]]
Candidate = dict[str, Any]

APPLIED, DUPLICATE, STALE = "applied", "duplicate", "stale"


@dataclass(frozen=True, slots=True)
class SeriesUpdate:
    """An article's candidate for one series (or its retraction when candidate is None)."""

    series_key: str
    article_id: str
    version: str
    fetched_at: str
    candidate: Candidate | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form for the internal topic."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SeriesUpdate:
        """Parse the internal topic's form; SchemaError when fields are missing."""
        try:
            return cls(
                series_key=str(data["series_key"]),
                article_id=str(data["article_id"]),
                version=str(data["version"]),
                fetched_at=str(data["fetched_at"]),
                candidate=data.get("candidate"),
            )
        except (KeyError, TypeError) as exc:
            raise SchemaError(f"bad series update: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do with one extraction: the new article record (None: keep) and the series updates."""

    outcome: str
    article_id: str
    record: ArticleRecord | None
    updates: tuple[SeriesUpdate, ...] = ()


def series_partition(series_key: str, partitions: int) -> int:
    """Partition of a series on the internal topic (Kafka's default murmur2 partitioning of the key)."""
    return (murmur2(series_key.encode()) & 0x7FFFFFFF) % partitions


def parse_ts(text: str | None) -> float | None:
    """Unix seconds of an ISO 8601 date or timestamp (naive means UTC); None when absent or invalid."""
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def parse_version(text: str) -> Version:
    """The extractor version as a packaging Version; SchemaError when it is not PEP 440."""
    try:
        return Version(text)
    except InvalidVersion as exc:
        raise SchemaError(f"invalid extractor_version {text!r}") from exc


def order_token(version: str, fetched_at: str) -> tuple[Version, float, str]:
    """Order of extractions of one article: extractor version, then fetch time."""
    return parse_version(version), parse_ts(fetched_at) or 0.0, fetched_at


def candidate_from_fact(fact: FactEvent) -> Candidate:
    """The fields of a fact that the sink keeps and serves."""
    data = dataclasses.asdict(fact)
    data.pop("schema", None)
    return data


def validate(fact: FactEvent) -> None:
    """SchemaError unless the fields the sink relies on have usable types."""
    if isinstance(fact.value, bool) or not isinstance(fact.value, int | float) or fact.value != fact.value:
        raise SchemaError(f"fact {fact.event_id}: value {fact.value!r} is not a number")
    for name in ("series_key", "metric", "segment", "article_id"):
        if not isinstance(getattr(fact, name), str) or not getattr(fact, name):
            raise SchemaError(f"fact {fact.event_id}: {name} must be a non-empty string")


def _candidates(event: ExtractionEvent) -> dict[str, Candidate]:
    """One candidate per series key (the first fact of a series wins within an article)."""
    out: dict[str, Candidate] = {}
    for fact in event.facts:
        validate(fact)
        out.setdefault(fact.series_key, candidate_from_fact(fact))
    return out


def plan_extraction(record: ArticleRecord | None, event: ExtractionEvent) -> Plan:
    """Updates an extraction implies given the article's current record (duplicates/older ones: none)."""
    if not isinstance(event.fetched_at, str) or not isinstance(event.extractor_version, str):
        raise SchemaError("extraction: fetched_at and extractor_version must be strings")
    new_token = order_token(event.extractor_version, event.fetched_at)
    if record is not None:
        old_token = order_token(record["version"], record["fetched_at"])
        if new_token == old_token:
            return Plan(DUPLICATE, event.article_id, None)
        if new_token < old_token:
            return Plan(STALE, event.article_id, None)
    candidates = _candidates(event)
    previous = set(record["series"]) if record else set()
    updates = [
        SeriesUpdate(key, event.article_id, event.extractor_version, event.fetched_at, candidates.get(key))
        for key in sorted(previous | candidates.keys())
    ]
    new_record = {"version": event.extractor_version, "fetched_at": event.fetched_at, "series": sorted(candidates)}
    return Plan(APPLIED, event.article_id, new_record, tuple(updates))


def apply_update(entries: SeriesEntries | None, update: SeriesUpdate) -> SeriesEntries | None:
    """The series' entries after `update`, or None when it changes nothing (duplicate or older)."""
    entries = entries or {}
    old = entries.get(update.article_id)
    new = {"version": update.version, "fetched_at": update.fetched_at, "candidate": update.candidate}
    if old is not None:
        old_token = order_token(old["version"], old["fetched_at"])
        new_token = order_token(update.version, update.fetched_at)
        if new_token < old_token or (new_token == old_token and old == new):
            return None
    return {**entries, update.article_id: new}


def recency(candidate: Candidate) -> tuple[bool, float, float, str]:
    """Which article wins a series: published (known first), then latest fetched, then article_id."""
    published = parse_ts(candidate.get("article_published"))
    return (
        published is not None,
        published or 0.0,
        parse_ts(candidate.get("fetched_at")) or 0.0,
        str(candidate.get("article_id", "")),
    )


def live_candidates(entries: SeriesEntries | None) -> list[Candidate]:
    """The series' non-retracted candidates, most recent first."""
    live = [e["candidate"] for e in (entries or {}).values() if e.get("candidate") is not None]
    return sorted(live, key=recency, reverse=True)


def current(entries: SeriesEntries | None) -> Candidate | None:
    """The series' current value: the most recently published live candidate."""
    live = live_candidates(entries)
    return live[0] if live else None
