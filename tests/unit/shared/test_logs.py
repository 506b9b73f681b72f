"""Logs: JSON lines on a pipe, readable (coloured) lines on a terminal, RECRUITWATCH_LOG_FORMAT either way,
and the Kafka clients' known-harmless start-up noise kept below error level."""

from __future__ import annotations

import io
import logging
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from services.shared.logs import ConsoleFormatter, JsonFormatter, KafkaNoiseFilter, resolve_format
from services.shared.orchestrate import ServiceUrls, first_facts_line

REPO = Path(__file__).resolve().parents[3]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
CONSOLE_LINE = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} sink +(info|warning|error) +")
# what a service does at start: one info line with context, one warning, and aiokafka's coordinator noise
SCRIPT = """
import logging
from services.shared.logs import setup_logging
from services.sink.settings import SinkSettings
settings = SinkSettings()
setup_logging("sink", settings.log_level, settings.log_format)
logging.getLogger("services.sink.series").info("series partitions assigned", extra={"partitions": [0, 1], "org": "Đảng bộ huyện Hiệp Hòa"})
logging.getLogger("services.sink.app").warning("subscribed topic missing from metadata; refreshed", extra={"topic": "t"})
logging.getLogger("aiokafka.consumer.group_coordinator").error(
    "Group Coordinator Request failed: %s", "[Error 15] GroupCoordinatorNotAvailableError")
"""


def _record(name: str, level: int, msg: str, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord(name, level, __file__, 1, msg, None, None)
    record.__dict__.update(extra)
    return record


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RECRUITWATCH_LOG_FORMAT", "NO_COLOR")}
    return {**env, "TERM": "xterm-256color", **extra}


def _run_on_pty(env: dict[str, str]) -> str:
    """Run SCRIPT with stderr on a pseudo-terminal; return what the terminal received."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], stderr=slave, stdout=slave, cwd=REPO, env=env)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 20)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait(20) == 0
    return out.decode("utf-8").replace("\r\n", "\n")


def _run_on_pipe(env: dict[str, str]) -> str:
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, cwd=REPO, env=env, timeout=20)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr.decode("utf-8")


def test_a_terminal_gets_readable_coloured_lines_with_the_fields() -> None:
    out = _run_on_pty(_env())
    assert "\x1b[" in out, "colour expected on a terminal"
    lines = ANSI.sub("", out).strip().splitlines()
    assert len(lines) == 2, lines  # the coordinator noise is not shown at start-up
    assert all(CONSOLE_LINE.match(line) for line in lines), lines
    assert "series partitions assigned partitions=[0,1] org=\"Đảng bộ huyện Hiệp Hòa\"" in lines[0]
    assert " warning " in lines[1] and "topic=t" in lines[1]


def test_a_pipe_gets_json_lines() -> None:
    lines = _run_on_pipe(_env()).strip().splitlines()
    records = [orjson.loads(line) for line in lines]
    assert [(r["level"], r["msg"]) for r in records] == [
        ("info", "series partitions assigned"), ("warning", "subscribed topic missing from metadata; refreshed")]
    assert records[0]["org"] == "Đảng bộ huyện Hiệp Hòa" and records[0]["service"] == "sink"


def test_the_format_setting_wins_either_way() -> None:
    on_pipe = _run_on_pipe(_env(RECRUITWATCH_LOG_FORMAT="console")).strip().splitlines()
    assert all(CONSOLE_LINE.match(line) for line in on_pipe) and "\x1b[" not in "".join(on_pipe), on_pipe
    on_tty = _run_on_pty(_env(RECRUITWATCH_LOG_FORMAT="json")).strip().splitlines()
    assert [orjson.loads(line)["level"] for line in on_tty] == ["info", "warning"]


def test_no_color_and_dumb_terminals_get_no_colour() -> None:
    assert "\x1b[" not in _run_on_pty(_env(NO_COLOR="1"))
    assert "\x1b[" not in _run_on_pty(_env(TERM="dumb"))


def test_an_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="RECRUITWATCH_LOG_FORMAT must be one of auto, json, console"):
        resolve_format("yaml", io.StringIO())
    assert resolve_format("auto", io.StringIO()) == "json"


def test_console_lines_quote_values_with_spaces_and_keep_tracebacks() -> None:
    fmt = ConsoleFormatter("crawler")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = _record("x", logging.ERROR, "poll failed", source="bao nghe an", url="https://a.vn/x")
        record.exc_info = sys.exc_info()
    text = fmt.format(record)
    assert re.match(r'^\d\d:\d\d:\d\d\.\d{3} crawler +error +poll failed source="bao nghe an" url=https://a\.vn/x\n', text)
    assert "RuntimeError: boom" in text
    assert orjson.loads(JsonFormatter("crawler").format(record))["exc"].endswith("RuntimeError: boom")


def test_coordinator_noise_is_debug_at_start_up_and_at_most_a_warning_later() -> None:
    now = [0.0]
    noise = KafkaNoiseFilter(grace_s=60, clock=lambda: now[0])
    coordinator = "Group Coordinator Request failed: [Error 15] GroupCoordinatorNotAvailableError"
    early = _record("aiokafka.consumer.group_coordinator", logging.ERROR, coordinator)
    assert noise.filter(early) is False and early.levelname == "DEBUG"  # root logger at WARNING here
    now[0] = 61
    late = _record("aiokafka.consumer.group_coordinator", logging.ERROR, coordinator)
    assert noise.filter(late) is True and late.levelname == "WARNING"
    other = _record("aiokafka.consumer.group_coordinator", logging.ERROR, "Heartbeat failed: boom")
    assert noise.filter(other) is True and other.levelname == "ERROR"
    ours = _record("services.sink.app", logging.ERROR, coordinator)
    assert noise.filter(ours) is True and ours.levelname == "ERROR"


def test_the_first_facts_line_names_what_to_open() -> None:
    line = first_facts_line(ServiceUrls(9400, 9401, 9402), 22, 14.2)
    assert line == ("recruitwatch up: first facts on the sink after 14 s (22 current facts). Open "
                    "http://127.0.0.1:9400/facts (or /facts.csv, /metrics), or run: recruitwatch facts --url "
                    "http://127.0.0.1:9400")
