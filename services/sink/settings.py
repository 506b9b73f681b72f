"""Settings of the sink service (env prefix RECRUITWATCH_SINK_)."""

from __future__ import annotations

import tempfile

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services.shared.config import ServiceSettings

SERIES_TOPIC = "recruitwatch-sink-series"
"""Internal topic (under the topic prefix) carrying per-series candidate updates, keyed by series_key."""


class SinkSettings(ServiceSettings):
    """Sink settings: HTTP port, series cap, lag interval and the Faust data directory."""

    model_config = SettingsConfigDict(env_prefix="RECRUITWATCH_SINK_", extra="ignore")

    port: int = Field(9400, description="Port of /metrics and /facts.")
    max_series: int = Field(10_000, ge=0, description="Most series exposed on /metrics; the rest are counted as overflow.")
    lag_interval: float = Field(5.0, gt=0, description="Seconds between consumer-lag updates.")
    data_dir: str = Field("", description="Faust data directory (default: a per-port directory under the temp dir).")

    @property
    def series_topic(self) -> str:
        """Name of the internal series topic under the configured prefix."""
        return self.topic_prefix + SERIES_TOPIC

    @property
    def datadir(self) -> str:
        """The Faust data directory to use."""
        return self.data_dir or f"{tempfile.gettempdir()}/recruitwatch-sink-{self.port}"
