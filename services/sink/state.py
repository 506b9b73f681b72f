"""Pure state transitions of the sink: per-article extractions → per-series candidates → current values.

Two levels, each a plain dict that Faust tables store as JSON:
- article record (keyed by article_id): the accepted extraction's version, parser version (when the
  extraction carries one), fetch time and series keys;
- series entries (keyed by series_key): {article_id: {"version", "parser_version"?, "fetched_at",
  "candidate" | None}}.
A retraction is an entry whose candidate is None, kept as a tombstone so that a late, older update
cannot resurrect it. Every update carries its extraction's order token, so applying the same update
twice, or an older one after a newer one, changes nothing.
"""

from __future__ import annotations

import dataclasses
import re
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
    parser_version: str | None = None

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
                parser_version=_optional_str(data.get("parser_version")),
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


def _optional_str(value: Any) -> str | None:
    """A stored optional string field; SchemaError when it holds something else."""
    if value is not None and not isinstance(value, str):
        raise SchemaError(f"expected a string or null, got {type(value).__name__}")
    return value


_VERSION_PARTS = re.compile(r"\d+|\D+")


def parser_order(parser_version: str | None) -> tuple[tuple[int, int, str], ...]:
    """Order of parse stage versions ("parse/1+trafilatura-2.0.0"): runs of digits compared as numbers, other
    runs as text, left to right; absent (records of older extractors) before any version."""
    return tuple((1, int(part), "") if part.isdigit() else (0, 0, part)
                 for part in _VERSION_PARTS.findall(parser_version or ""))


def order_token(version: str, fetched_at: str,
                parser_version: str | None = None) -> tuple[Version, tuple[tuple[int, int, str], ...], float, str]:
    """Order of extractions of one article: extractor version, then parser version, then fetch time."""
    return parse_version(version), parser_order(parser_version), parse_ts(fetched_at) or 0.0, fetched_at


def _with_parser(record: dict[str, Any], parser_version: str | None) -> dict[str, Any]:
    """`record` with its parser version, the key left out when there is none (state as older sinks wrote it)."""
    return {**record, "parser_version": parser_version} if parser_version is not None else record


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


APPROXIMATE = frozenset({"over", "nearly", "about"})
CONFLICT_REASONS = ("confidence", "qualifier", "range", "org_named", "position")
"""Which rule decided a conflict within one article (recruitwatch_sink_facts_conflicting_total{reason}):
the kept fact has a higher confidence, is exact where the other is approximate, is a single value where
the other is a range, names its organisation where the other only refers to it, or comes first."""


def _confidence(fact: FactEvent | Candidate) -> float:
    """A fact's confidence; facts without one (older extractors) count as certain."""
    value = fact.get("confidence") if isinstance(fact, dict) else fact.confidence
    return 1.0 if value is None else float(value)


def _named(fact: FactEvent) -> bool:
    """Whether the fact's organisation text names its place ("Đảng bộ huyện Hiệp Hòa", not "toàn huyện")."""
    return bool(fact.place and fact.org and fact.place.casefold() in fact.org.casefold())


def specificity(fact: FactEvent, position: int) -> tuple[float, bool, bool, bool, int]:
    """Rank of a fact among the facts of one article for one series (higher is kept), criteria in the order
    of CONFLICT_REASONS."""
    return (_confidence(fact), fact.qualifier not in APPROXIMATE, fact.value_max is None, _named(fact), -position)


def _decided_by(kept: tuple[Any, ...], lost: tuple[Any, ...]) -> str:
    """The first criterion on which the kept fact beats the lost one."""
    return next(reason for reason, a, b in zip(CONFLICT_REASONS, kept, lost, strict=True) if a != b)


def _same_figure(a: FactEvent, b: FactEvent) -> bool:
    return (a.value, a.value_max, a.unit) == (b.value, b.value_max, b.unit)


def conflict_entry(fact: FactEvent, reason: str) -> dict[str, Any]:
    """What a candidate keeps of a fact it won a conflict against (served on /facts)."""
    return {"event_id": fact.event_id, "value": fact.value, "value_max": fact.value_max, "unit": fact.unit,
            "qualifier": fact.qualifier, "org": fact.org, "evidence": fact.evidence,
            "confidence": fact.confidence, "reason": reason}


def resolve(event: ExtractionEvent) -> dict[str, Candidate]:
    """One candidate per series key: the most specific fact of the article (`specificity`); the facts it
    beats with a different figure are kept in its `conflicts` with the deciding rule, never dropped silently."""
    groups: dict[str, list[tuple[tuple[Any, ...], FactEvent]]] = {}
    for position, fact in enumerate(event.facts):
        validate(fact)
        groups.setdefault(fact.series_key, []).append((specificity(fact, position), fact))
    out: dict[str, Candidate] = {}
    for key, ranked in groups.items():
        ranked.sort(key=lambda item: item[0], reverse=True)
        (best_rank, best), rest = ranked[0], ranked[1:]
        candidate = candidate_from_fact(best)
        conflicts = [conflict_entry(f, _decided_by(best_rank, rank)) for rank, f in rest if not _same_figure(f, best)]
        if conflicts:
            candidate["conflicts"] = conflicts
        out[key] = candidate
    return out


def conflicts_of(plan: Plan) -> list[str]:
    """The reasons of the conflicts an applied plan carries (one per fact kept out of its series)."""
    return [c["reason"] for u in plan.updates if u.candidate for c in u.candidate.get("conflicts", ())]


def plan_extraction(record: ArticleRecord | None, event: ExtractionEvent) -> Plan:
    """Updates an extraction implies given the article's current record (duplicates/older ones: none)."""
    if not isinstance(event.fetched_at, str) or not isinstance(event.extractor_version, str):
        raise SchemaError("extraction: fetched_at and extractor_version must be strings")
    parser = _optional_str(event.parser_version)
    new_token = order_token(event.extractor_version, event.fetched_at, parser)
    if record is not None:
        old_token = order_token(record["version"], record["fetched_at"], record.get("parser_version"))
        if new_token == old_token:
            return Plan(DUPLICATE, event.article_id, None)
        if new_token < old_token:
            return Plan(STALE, event.article_id, None)
    candidates = resolve(event)
    previous = set(record["series"]) if record else set()
    updates = [
        SeriesUpdate(key, event.article_id, event.extractor_version, event.fetched_at, candidates.get(key), parser)
        for key in sorted(previous | candidates.keys())
    ]
    new_record = _with_parser({"version": event.extractor_version, "fetched_at": event.fetched_at,
                               "series": sorted(candidates)}, parser)
    return Plan(APPLIED, event.article_id, new_record, tuple(updates))


def apply_update(entries: SeriesEntries | None, update: SeriesUpdate) -> SeriesEntries | None:
    """The series' entries after `update`, or None when it changes nothing (duplicate or older)."""
    entries = entries or {}
    old = entries.get(update.article_id)
    new = _with_parser({"version": update.version, "fetched_at": update.fetched_at, "candidate": update.candidate},
                       update.parser_version)
    if old is not None:
        old_token = order_token(old["version"], old["fetched_at"], old.get("parser_version"))
        new_token = order_token(update.version, update.fetched_at, update.parser_version)
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


def exposable(candidate: Candidate, min_confidence: float) -> bool:
    """Whether a candidate is confident enough to expose (no confidence: an older extractor, exposed)."""
    return _confidence(candidate) >= min_confidence


def live_candidates(entries: SeriesEntries | None, min_confidence: float = 0.0) -> list[Candidate]:
    """The series' non-retracted candidates at or above `min_confidence`, most recent first."""
    live = [e["candidate"] for e in (entries or {}).values()
            if e.get("candidate") is not None and exposable(e["candidate"], min_confidence)]
    return sorted(live, key=recency, reverse=True)


def current(entries: SeriesEntries | None, min_confidence: float = 0.0) -> Candidate | None:
    """The series' current value: the most recently published live candidate at or above `min_confidence`."""
    live = live_candidates(entries, min_confidence)
    return live[0] if live else None


def fact_statuses(entries: SeriesEntries | None, min_confidence: float) -> dict[str, int]:
    """Where the live facts of a series stand: exposed (the current value), superseded (another article's
    value is current), conflict (lost to a more specific fact of its own article), below_confidence."""
    live = live_candidates(entries)
    cur = current(entries, min_confidence)
    out = {"exposed": 0, "superseded": 0, "conflict": 0, "below_confidence": 0}
    for cand in live:
        status = ("below_confidence" if not exposable(cand, min_confidence)
                  else "exposed" if cand is cur else "superseded")
        out[status] += 1
        out["conflict"] += len(cand.get("conflicts", ()))
    return out
