"""Runs `recruitwatch up` as a real process tree for end-to-end tests and reads what it produced."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aiokafka import AIOKafkaConsumer, TopicPartition

from services.shared.broker import free_port
from services.shared.topics import TOPICS

REPO = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
FIRST_FACTS = "recruitwatch up: first facts on the sink after"


@dataclass
class Stack:
    """A running `recruitwatch up` with its ports, marker and log file."""

    process: subprocess.Popen[bytes]
    marker: str
    sink_port: int
    extractor_port: int
    crawler_port: int
    log_path: Path

    def url(self, path: str, port: int | None = None) -> str:
        """URL on one of the stack's HTTP servers (the sink by default)."""
        return f"http://127.0.0.1:{port or self.sink_port}{path}"

    def log_tail(self, n: int = 6000) -> str:
        """The end of the combined stdout/stderr of the stack."""
        return self.log_path.read_text(errors="replace")[-n:] if self.log_path.exists() else ""

    def log_lines(self) -> list[str]:
        """Every line the stack wrote so far, terminal colours removed."""
        return ANSI.sub("", self.log_tail(10**7)).replace("\r\n", "\n").splitlines()


def stack_env(marker: str, ports: tuple[int, int, int], extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment binding the three services to the given ports, tagged with `marker`."""
    sink, extractor, crawler = ports
    env = {k: v for k, v in os.environ.items() if k != "KAFKA_BOOTSTRAP_SERVERS"}
    env.update(
        {
            "RECRUITWATCH_E2E_MARKER": marker,
            "RECRUITWATCH_SINK_PORT": str(sink),
            "RECRUITWATCH_EXTRACTOR_WEB_PORT": str(extractor),
            "RECRUITWATCH_CRAWLER_METRICS_PORT": str(crawler),
            "RECRUITWATCH_UP_DEMO_PORT": "0",
        }
    )
    env.update(extra or {})
    return env


def _copy_terminal(master: int, log_path: Path) -> None:
    """Append what the stack writes to its pseudo-terminal to the log file, until the terminal closes."""
    with log_path.open("ab") as log:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO once every process holding the terminal has exited
                break
            if not chunk:
                break
            log.write(chunk)
            log.flush()
    os.close(master)


@contextlib.contextmanager
def run_up(tmp: Path, extra_env: dict[str, str] | None = None, args: tuple[str, ...] = ("--demo",),
           tty: bool = False) -> Iterator[Stack]:
    """Start `recruitwatch up --demo` (or with `args`); stop it with SIGINT at the end (SIGKILL if it hangs).

    Its stdout and stderr go to a log file, or with `tty` to a pseudo-terminal copied into the log file.
    """
    marker = uuid.uuid4().hex[:12]
    ports = (free_port(), free_port(), free_port())
    log_path = tmp / f"up-{marker}.log"
    argv = [sys.executable, "-m", "services.cli", "up", *args]
    env = stack_env(marker, ports, extra_env)
    if tty:
        master, terminal = pty.openpty()
        proc = subprocess.Popen(argv, env=env, stdout=terminal, stderr=terminal, cwd=REPO)
        os.close(terminal)
        threading.Thread(target=_copy_terminal, args=(master, log_path), daemon=True).start()
    else:
        with log_path.open("wb") as log:
            proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    stack = Stack(proc, marker, *ports, log_path)
    try:
        yield stack
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def http_get(url: str, timeout: float = 5.0) -> str:
    """GET a URL and return the body text."""
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return resp.read().decode("utf-8")


def wait_for(predicate, timeout: float, interval: float = 1.0, what: str = "condition"):  # type: ignore[no-untyped-def]
    """Poll `predicate` until it returns a truthy value; raise AssertionError on timeout."""
    deadline = time.monotonic() + timeout
    last_exc: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as exc:
            last_exc = exc
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what} (last error: {last_exc})")


def processes_with_marker(marker: str) -> list[int]:
    """PIDs whose environment carries the marker: every process the stack started."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            if f"RECRUITWATCH_E2E_MARKER={marker}".encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
    return found


async def _read_topic(bootstrap: str, topic: str, idle_s: float) -> list[bytes]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, max_partition_fetch_bytes=8 << 20)
    await consumer.start()
    try:
        if topic not in await consumer.topics():
            raise AssertionError(f"topic {topic} does not exist")
        spec = next(t for t in TOPICS if topic.endswith(t.name))
        partitions = [TopicPartition(topic, p) for p in range(spec.partitions)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        end = await consumer.end_offsets(partitions)
        out: list[bytes] = []
        while [tp for tp in partitions if await consumer.position(tp) < end[tp]]:
            batch = await consumer.getmany(timeout_ms=int(idle_s * 1000))
            for records in batch.values():
                out += [r.value for r in records if r.value is not None]
        return out
    finally:
        await consumer.stop()


def read_topic(bootstrap: str, topic: str, idle_s: float = 2.0) -> list[bytes]:
    """Every record value currently in `topic`, from the beginning to the end offsets."""
    return asyncio.run(_read_topic(bootstrap, topic, idle_s))
