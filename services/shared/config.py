"""Settings every service shares; each service subclasses with its own env prefix."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.shared.topics import TopicNames

DEFAULT_BOOTSTRAP = "127.0.0.1:9092"


class ServiceSettings(BaseSettings):
    """Kafka connection, topic prefix and logging; read from the environment."""

    model_config = SettingsConfigDict(env_prefix="RECRUITWATCH_", extra="ignore")

    kafka_bootstrap_servers: str = Field(
        DEFAULT_BOOTSTRAP,
        validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS", "RECRUITWATCH_KAFKA_BOOTSTRAP_SERVERS"),
        description="Kafka bootstrap servers, comma separated (KAFKA_BOOTSTRAP_SERVERS).",
    )
    topic_prefix: str = Field(
        "",
        validation_alias=AliasChoices("RECRUITWATCH_TOPIC_PREFIX"),
        description="Prefix for every topic and consumer group (isolates test runs on one broker).",
    )
    log_level: str = Field(
        "INFO",
        validation_alias=AliasChoices("RECRUITWATCH_LOG_LEVEL"),
        description="Log level of the logs on stderr.",
    )
    log_format: Literal["auto", "json", "console"] = Field(
        "auto",
        validation_alias=AliasChoices("RECRUITWATCH_LOG_FORMAT"),
        description="Log format on stderr: `json` lines, readable `console` lines, or `auto` (console when stderr "
        "is a terminal, JSON otherwise).",
    )
    metrics_host: str = Field(
        "0.0.0.0",
        validation_alias=AliasChoices("RECRUITWATCH_METRICS_HOST"),
        description="Address the services' HTTP servers bind to.",
    )
    kafka_session_timeout_s: float = Field(
        10.0,
        validation_alias=AliasChoices("RECRUITWATCH_KAFKA_SESSION_TIMEOUT_S"),
        description="Consumer-group session timeout: how soon a killed worker's partitions move to others.",
    )
    kafka_heartbeat_interval_s: float = Field(
        3.0,
        validation_alias=AliasChoices("RECRUITWATCH_KAFKA_HEARTBEAT_INTERVAL_S"),
        description="Consumer-group heartbeat interval (below a third of the session timeout).",
    )
    kafka_metadata_max_age_s: float = Field(
        300.0,
        validation_alias=AliasChoices("RECRUITWATCH_KAFKA_METADATA_MAX_AGE_S"),
        description="Metadata refresh interval: after a broker restart, a group that was assigned before the "
        "topics reappeared rejoins once a refresh shows them (Kafka's default is 5 minutes).",
    )
    kafka_startup_timeout_s: float = Field(
        120.0,
        validation_alias=AliasChoices("RECRUITWATCH_KAFKA_STARTUP_TIMEOUT_S"),
        description="How long a starting worker keeps retrying a broker it cannot reach before it exits.",
    )
    kafka_rebalance_timeout_s: float = Field(
        30.0,
        validation_alias=AliasChoices("RECRUITWATCH_KAFKA_REBALANCE_TIMEOUT_S"),
        description="How long a rebalance waits for members to rejoin.",
    )

    @property
    def topics(self) -> TopicNames:
        """The public topic names under the configured prefix."""
        return TopicNames.with_prefix(self.topic_prefix)

    @property
    def faust_broker(self) -> list[str]:
        """Broker URLs in Faust's form."""
        return [f"kafka://{hp.strip()}" for hp in self.kafka_bootstrap_servers.split(",") if hp.strip()]
