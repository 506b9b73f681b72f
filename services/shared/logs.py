"""Logs on stderr: JSON lines for machines, readable coloured lines for people on a terminal.

`RECRUITWATCH_LOG_FORMAT` picks `json` or `console`; `auto` (the default) writes console lines when stderr
is a terminal and JSON otherwise (pipes, files, containers). Known-harmless noise of the Kafka clients
while a fresh broker elects its group coordinator is demoted (see HARMLESS).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

import orjson

FIELD_MAX_CHARS = 1000
"""Longest string logged per field (msg and each extra); a traceback keeps EXC_MAX_CHARS: log lines stay bounded."""
EXC_MAX_CHARS = 8000
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}
FORMATS = ("auto", "json", "console")


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The `extra` fields of a record (context such as source, url, stage), empty values left out, each bounded."""
    return {k: _field(v) for k, v in record.__dict__.items()
            if k not in _STANDARD and not k.startswith("_") and v not in ("", None)}


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
        out.update(extra_fields(record))
        if record.exc_info:
            out["exc"] = bounded(self.formatException(record.exc_info), EXC_MAX_CHARS)
        return orjson.dumps(out, default=str).decode()


RESET, DIM, BOLD = "\x1b[0m", "\x1b[2m", "\x1b[1m"
LEVEL_COLOURS = {"DEBUG": "\x1b[2m", "INFO": "\x1b[32m", "WARNING": "\x1b[33m", "ERROR": "\x1b[31m",
                 "CRITICAL": "\x1b[1;31m"}
SERVICE_COLOURS = {"up": "\x1b[1m", "crawler": "\x1b[36m", "extractor": "\x1b[35m", "sink": "\x1b[34m"}


def _value(value: Any) -> str:
    """A field value for a console line: plain when it has no spaces, JSON-quoted otherwise."""
    if isinstance(value, str) and value and not re.search(r"[\s\"=]", value):
        return value
    return orjson.dumps(value, default=str).decode()


class ConsoleFormatter(logging.Formatter):
    """One readable line per record: time, service, level, message, key=value fields (ANSI colour optional)."""

    def __init__(self, service: str, colour: bool = False) -> None:
        super().__init__()
        self.service = service
        self.colour = colour

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.colour and code else text

    def format(self, record: logging.LogRecord) -> str:
        stamp = time.strftime("%H:%M:%S", time.localtime(record.created)) + f".{int(record.msecs):03d}"
        level = record.levelname
        fields = " ".join(f"{self._paint(DIM, k + '=')}{_value(v)}" for k, v in extra_fields(record).items())
        line = " ".join(part for part in (
            self._paint(DIM, stamp),
            self._paint(SERVICE_COLOURS.get(self.service, ""), f"{self.service:<9}"),
            self._paint(LEVEL_COLOURS.get(level, ""), f"{level.lower():<7}"),
            self._paint(BOLD if record.levelno >= logging.WARNING else "", bounded(record.getMessage())),
            fields,
        ) if part)
        if record.exc_info:
            line += "\n" + bounded(self.formatException(record.exc_info), EXC_MAX_CHARS)
        return line


def wants_colour(stream: TextIO) -> bool:
    """Colour only on a terminal that is not 'dumb' and when NO_COLOR (no-color.org) is unset."""
    return _isatty(stream) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def resolve_format(setting: str, stream: TextIO) -> str:
    """'json' or 'console' for a RECRUITWATCH_LOG_FORMAT value ('auto': console on a terminal)."""
    choice = (setting or "auto").lower()
    if choice not in FORMATS:
        raise ValueError(f"RECRUITWATCH_LOG_FORMAT must be one of {', '.join(FORMATS)}, not {setting!r}")
    if choice == "auto":
        return "console" if _isatty(stream) else "json"
    return choice


def make_formatter(service: str, fmt: str = "auto", stream: TextIO | None = None) -> logging.Formatter:
    """The formatter for `stream` (stderr by default) under the format setting `fmt`."""
    stream = stream or sys.stderr
    if resolve_format(fmt, stream) == "console":
        return ConsoleFormatter(service, colour=wants_colour(stream))
    return JsonFormatter(service)


@dataclass(frozen=True)
class Harmless:
    """A known-harmless Kafka client message: demoted to DEBUG at start-up, to WARNING after it."""

    logger: str
    pattern: str
    why: str


HARMLESS = (
    Harmless("aiokafka.consumer.group_coordinator", r"Group Coordinator Request failed: .*CoordinatorNotAvailable",
             "a fresh or restarted broker is still electing the group coordinator; aiokafka retries"),
    Harmless("aiokafka.consumer.group_coordinator", r"Marking the coordinator dead",
             "aiokafka looks the coordinator up again after the election"),
    Harmless("aiokafka.cluster", r"is not available during auto-create initialization",
             "a just-created topic has no leader yet; metadata is refreshed"),
    Harmless("aiokafka.consumer.group_coordinator", r"OffsetCommit failed before join, ignoring",
             "a commit raced a rebalance at start-up; the offsets are committed after the join"),
)
STARTUP_GRACE_S = 60.0
"""Seconds after logging is set up during which HARMLESS messages are start-up noise (DEBUG)."""


class KafkaNoiseFilter(logging.Filter):
    """Demotes HARMLESS messages: DEBUG during start-up, at most WARNING later (they are retried)."""

    def __init__(self, grace_s: float = STARTUP_GRACE_S, clock: Any = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self.until = clock() + grace_s
        self.patterns = [(h.logger, re.compile(h.pattern)) for h in HARMLESS]

    def harmless(self, record: logging.LogRecord) -> bool:
        """Whether a record is one of the known-harmless client messages."""
        msg = record.getMessage()
        return any(record.name == name and rx.search(msg) for name, rx in self.patterns)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno <= logging.DEBUG or not self.harmless(record):
            return True
        level = logging.DEBUG if self.clock() < self.until else min(record.levelno, logging.WARNING)
        record.levelno, record.levelname = level, logging.getLevelName(level)
        return logging.getLogger().isEnabledFor(level)


QUIET_LOGGERS = ("aiokafka", "kafka", "faust", "mode")
"""Libraries whose INFO chatter (start/stop of every sub-service) is kept out unless level is DEBUG."""


def logging_config(service: str, level: str = "INFO", fmt: str = "auto") -> dict[str, Any]:
    """A logging.config.dictConfig for logs on stderr (what Faust's worker is given)."""
    quiet = level.upper() if level.upper() == "DEBUG" else "WARNING"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": {"()": make_formatter, "service": service, "fmt": fmt}},
        "filters": {"kafka_noise": {"()": KafkaNoiseFilter}},
        "handlers": {"default": {"class": "logging.StreamHandler", "formatter": "default", "stream": "ext://sys.stderr",
                                 "filters": ["kafka_noise"]}},
        "root": {"level": level.upper(), "handlers": ["default"]},
        "loggers": {name: {"level": quiet} for name in QUIET_LOGGERS},
    }


def setup_logging(service: str, level: str = "INFO", fmt: str = "auto") -> logging.Handler:
    """Route the root logger (and Faust/mode/aiokafka) to stderr in the chosen format."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(make_formatter(service, fmt, sys.stderr))
    handler.addFilter(KafkaNoiseFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in QUIET_LOGGERS:
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    return handler
