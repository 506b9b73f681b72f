"""Topic names and their broker configuration: part of the public contract (see README, schemas/)."""

from __future__ import annotations

from dataclasses import dataclass, field

ARTICLES_RAW = "articles.raw"
ARTICLES_TEXT = "articles.text"
RECRUITMENT_FACTS = "recruitment.facts"
DEAD_LETTERS = "recruitwatch.dlq"
RAW_STORE = "articles.raw.store"

PARTITIONS = 4
"""Partitions of every public topic; workers of one service split them (Faust needs co-partitioning)."""

MAX_MESSAGE_BYTES = 4 * 1024 * 1024
"""Largest record batch a topic accepts; producers and consumers are aligned to it (see kafka_limits)."""

DAY_MS = 24 * 3600 * 1000


@dataclass(frozen=True)
class TopicSpec:
    """A topic as the project creates it."""

    name: str
    partitions: int
    config: dict[str, str] = field(default_factory=dict)
    purpose: str = ""


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(
        ARTICLES_RAW,
        PARTITIONS,
        {
            "cleanup.policy": "delete",
            "retention.ms": str(14 * DAY_MS),
            "max.message.bytes": str(MAX_MESSAGE_BYTES),
            "compression.type": "producer",
        },
        "fetched article pages, keyed by article_id",
    ),
    TopicSpec(
        ARTICLES_TEXT,
        PARTITIONS,
        {
            "cleanup.policy": "compact",
            "min.compaction.lag.ms": str(DAY_MS),
            "max.message.bytes": str(MAX_MESSAGE_BYTES),
            "compression.type": "producer",
        },
        "main text and metadata per article, keyed by article_id (latest kept)",
    ),
    TopicSpec(
        RECRUITMENT_FACTS,
        PARTITIONS,
        {
            "cleanup.policy": "compact",
            "min.compaction.lag.ms": str(7 * DAY_MS),
            "max.message.bytes": str(MAX_MESSAGE_BYTES),
            "compression.type": "producer",
        },
        "recruitment fact events plus one extraction record per article, keyed by article_id",
    ),
    TopicSpec(
        RAW_STORE,
        PARTITIONS,
        {
            "cleanup.policy": "compact",
            "min.compaction.lag.ms": str(DAY_MS),
            "segment.ms": str(7 * DAY_MS),
            "max.message.bytes": str(MAX_MESSAGE_BYTES),
            "compression.type": "gzip",
        },
        "the latest fetched page per article (articles.raw/v1), kept for re-parsing, keyed by article_id",
    ),
    TopicSpec(
        DEAD_LETTERS,
        1,
        {
            "cleanup.policy": "delete",
            "retention.ms": str(30 * DAY_MS),
            "max.message.bytes": str(MAX_MESSAGE_BYTES + 512 * 1024),
            "compression.type": "producer",
        },
        "records a stage could not process: stage, error, reason and the original record",
    ),
)


@dataclass(frozen=True)
class TopicNames:
    """The public topic names under a prefix (empty in production; tests isolate with one)."""

    raw: str
    text: str
    facts: str
    dlq: str
    prefix: str = ""
    raw_store: str = RAW_STORE

    @classmethod
    def with_prefix(cls, prefix: str = "") -> TopicNames:
        """Topic names under `prefix` (RECRUITWATCH_TOPIC_PREFIX)."""
        return cls(
            raw=prefix + ARTICLES_RAW,
            text=prefix + ARTICLES_TEXT,
            facts=prefix + RECRUITMENT_FACTS,
            dlq=prefix + DEAD_LETTERS,
            prefix=prefix,
            raw_store=prefix + RAW_STORE,
        )


def spec(name: str) -> TopicSpec:
    """The specification of a public topic by its unprefixed name."""
    return next(t for t in TOPICS if t.name == name)


def kafka_limits() -> dict[str, int]:
    """Producer/consumer size settings aligned with the topics' max.message.bytes."""
    return {
        "max_request_size": MAX_MESSAGE_BYTES,
        "max_partition_fetch_bytes": MAX_MESSAGE_BYTES + 512 * 1024,
    }
