"""Structured JSON logs on stderr, one object per line (orjson)."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any

import orjson

FIELD_MAX_CHARS = 1000
"""Longest string logged per field (msg and each extra); a traceback keeps EXC_MAX_CHARS: log lines stay bounded."""
EXC_MAX_CHARS = 8000
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


def bounded(value: Any, limit: int = FIELD_MAX_CHARS) -> Any:
    """A string cut to `limit` characters with a marker of what was cut; other values unchanged."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]}…(+{len(value) - limit} chars)"
    return value


def _field(value: Any) -> Any:
    """A log field: strings bounded; a container whose JSON is too long becomes its bounded JSON text."""
    if isinstance(value, list | tuple | dict | set):
        text = orjson.dumps(value, default=str).decode() if not isinstance(value, set) else str(sorted(value, key=str))
        return value if len(text) <= 4 * FIELD_MAX_CHARS else bounded(text, 4 * FIELD_MAX_CHARS)
    return bounded(value)


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line: ts, level, logger, service, msg and the `extra` fields."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "msg": bounded(record.getMessage()),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_") and value not in ("", None):
                out[key] = _field(value)
        if record.exc_info:
            out["exc"] = bounded(self.formatException(record.exc_info), EXC_MAX_CHARS)
        return orjson.dumps(out, default=str).decode()


QUIET_LOGGERS = ("aiokafka", "kafka", "faust", "mode")
"""Libraries whose INFO chatter (start/stop of every sub-service) is kept out unless level is DEBUG."""


def logging_config(service: str, level: str = "INFO") -> dict[str, Any]:
    """A logging.config.dictConfig for JSON lines on stderr (what Faust's worker is given)."""
    quiet = level.upper() if level.upper() == "DEBUG" else "WARNING"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter, "service": service}},
        "handlers": {"default": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": level.upper(), "handlers": ["default"]},
        "loggers": {name: {"level": quiet} for name in QUIET_LOGGERS},
    }


def setup_logging(service: str, level: str = "INFO") -> logging.Handler:
    """Route the root logger (and Faust/mode/aiokafka) to JSON lines on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in QUIET_LOGGERS:
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    return handler
