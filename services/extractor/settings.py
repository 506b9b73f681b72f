"""Settings of the extractor service (env prefix RECRUITWATCH_EXTRACTOR_)."""

from __future__ import annotations

import tempfile

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services.shared.config import ServiceSettings


class ExtractorSettings(ServiceSettings):
    """Extractor settings: HTTP port, consumer-lag interval and the Faust data directory."""

    model_config = SettingsConfigDict(env_prefix="RECRUITWATCH_EXTRACTOR_", extra="ignore")

    web_port: int = Field(9401, description="Port of the extractor's /metrics page (Faust web server).")
    lag_interval: float = Field(5.0, gt=0, description="Seconds between consumer-lag updates.")
    data_dir: str = Field("", description="Faust data directory (default: a per-port directory under the temp dir).")

    @property
    def datadir(self) -> str:
        """The Faust data directory to use."""
        return self.data_dir or f"{tempfile.gettempdir()}/recruitwatch-extractor-{self.web_port}"
