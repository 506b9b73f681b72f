"""Settings of the extractor service (env prefix RECRUITWATCH_EXTRACTOR_)."""

from __future__ import annotations

import tempfile

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services.extractor.parse import MAX_TEXT_CHARS
from services.history.pace import DEFAULT_MAX_SINK_LAG, DEFAULT_START_RATE
from services.shared.config import ServiceSettings


class ExtractorSettings(ServiceSettings):
    """Extractor settings: HTTP port, consumer-lag interval, per-article budgets and the Faust data directory."""

    model_config = SettingsConfigDict(env_prefix="RECRUITWATCH_EXTRACTOR_", extra="ignore")

    web_port: int = Field(9401, description="Port of the extractor's /metrics page (Faust web server).")
    lag_interval: float = Field(5.0, gt=0, description="Seconds between consumer-lag updates.")
    stage_timeout_s: float = Field(30.0, gt=0, description="Seconds one article may take in a stage (parse, facts) "
                                   "before its worker process is replaced and the article dead-lettered "
                                   "`budget_exceeded`.")
    stage_workers: int = Field(1, ge=1, le=4, description="Worker processes the two stages share (1: they take "
                               "turns; 2: parse and facts in parallel, ~100 MB more).")
    max_html_chars: int = Field(8_000_000, gt=0, description="Largest page (HTML characters) the parse stage "
                                "accepts; larger ones are dead-lettered `budget_exceeded`.")
    max_text_chars: int = Field(MAX_TEXT_CHARS, gt=0, description="Largest article text the facts stage accepts "
                                "(the parse stage's text cap); larger ones are dead-lettered `budget_exceeded`.")
    reprocess_rate: float = Field(5.0, ge=0, description="After an extractor version change, the stored articles "
                                  "are re-extracted in the background once per version (parsed again from the raw "
                                  "store when their text is by another parser version), at most this many per second (0: off; run `recruitwatch reprocess` by hand). The job "
                                  "pauses while live articles wait and climbs back to this rate when they are done.")
    reprocess_start_rate: float = Field(DEFAULT_START_RATE, gt=0, description="Articles per second the background "
                                        "re-extraction resumes at after yielding to live traffic; it doubles every "
                                        "second the pipeline stays idle, up to REPROCESS_RATE.")
    reprocess_max_sink_lag: int = Field(DEFAULT_MAX_SINK_LAG, ge=0, description="Records of recruitment.facts the "
                                        "sink may have waiting (its route group's lag) before the background "
                                        "re-extraction pauses, so live facts do not queue behind its output.")
    data_dir: str = Field("", description="Faust data directory (default: a per-port directory under the temp dir).")

    @property
    def datadir(self) -> str:
        """The Faust data directory to use."""
        return self.data_dir or f"{tempfile.gettempdir()}/recruitwatch-extractor-{self.web_port}"
