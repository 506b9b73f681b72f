"""Settings of the sink service (env prefix RECRUITWATCH_SINK_)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services.shared.config import ServiceSettings
from services.shared.events import EXPOSE_MIN_CONFIDENCE

APP_ID = "recruitwatch-sink"
SERIES_TOPIC = "recruitwatch-sink.series"
"""Internal compacted topic (under the topic prefix): each article's candidate per series, keyed
series_key + article_id and partitioned by series_key."""
ARTICLES_TOPIC = "recruitwatch-sink.articles"
"""Internal compacted topic: the accepted extraction of each article, in its recruitment.facts partition."""


class SinkSettings(ServiceSettings):
    """Sink settings: HTTP port, confidence threshold, series cap, lag interval and write timeouts."""

    model_config = SettingsConfigDict(env_prefix="RECRUITWATCH_SINK_", extra="ignore")

    port: int = Field(9400, description="Port of /metrics and /facts.")
    min_confidence: float = Field(
        EXPOSE_MIN_CONFIDENCE, ge=0, le=1, description="Facts below this confidence are not exposed on /metrics "
        "or /facts (counted as below_confidence; `/facts?min_confidence=0` shows them); facts without a "
        "confidence count as exposed.")
    max_series: int = Field(10_000, ge=0, description="Most series exposed on /metrics; the rest are counted as overflow.")
    lag_interval: float = Field(5.0, gt=0, description="Seconds between consumer-lag updates.")
    max_batch: int = Field(200, ge=1, description="Most records the sink takes from Kafka per batch (committed together).")
    write_timeout: float = Field(
        30.0, gt=0, description="Seconds a write to Kafka may take before it is retried (after the retries, the "
        "worker exits and its restart reprocesses from the last commit).")

    @property
    def series_topic(self) -> str:
        """Name of the internal series topic under the configured prefix."""
        return self.topic_prefix + SERIES_TOPIC

    @property
    def articles_topic(self) -> str:
        """Name of the internal articles topic under the configured prefix."""
        return self.topic_prefix + ARTICLES_TOPIC

    def group(self, stage: str) -> str:
        """Consumer group of one of the sink's two loops."""
        return f"{self.topic_prefix}{APP_ID}-{stage}"
