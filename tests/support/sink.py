"""A sink worker as a subprocess (`recruitwatch sink`), with SIGKILL, and readers of its HTTP pages."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from services.shared.broker import free_port

T = TypeVar("T")
RECRUITWATCH = str(Path(sys.executable).with_name("recruitwatch"))
STATE_PREFIXES = ("recruitment_", "recruitwatch_sink_series_", "recruitwatch_sink_latest_")


@dataclass
class SinkProcess:
    """One sink worker bound to a test namespace; restartable on the same port and data dir."""

    env: dict[str, str]
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="sink-test-")))

    @property
    def url(self) -> str:
        """Base URL of the worker's HTTP server."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SinkProcess:
        """Start the worker (appends to its log file)."""
        env = {
            **self.env,
            "RECRUITWATCH_SINK_PORT": str(self.port),
            "RECRUITWATCH_SINK_LAG_INTERVAL": "1",
        }
        log = (self.workdir / "sink.log").open("ab")
        self.proc = subprocess.Popen([RECRUITWATCH, "sink"], env=env, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        return self

    def kill(self) -> None:
        """SIGKILL the worker and reap it."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 20 s."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, n: int = 4000) -> str:
        """End of the worker's log, for assertion messages."""
        path = self.workdir / "sink.log"
        return path.read_text(errors="replace")[-n:] if path.exists() else ""

    def get(self, path: str) -> tuple[int, bytes]:
        """HTTP GET on the worker: (status, body); status 0 when it does not answer."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except (OSError, urllib.error.URLError):
            return 0, b""

    def facts(self, query: str = "") -> dict[str, Any] | None:
        """The /facts body when the worker is ready, else None."""
        status, body = self.get("/facts" + query)
        return json.loads(body) if status == 200 else None

    def metrics(self) -> str:
        """The /metrics text ('' when not answering)."""
        status, body = self.get("/metrics")
        return body.decode() if status == 200 else ""


def state_lines(metrics_text: str) -> list[str]:
    """The sorted sample lines of /metrics that derive from the sink's state (not from its uptime)."""
    return sorted(line for line in metrics_text.splitlines() if line.startswith(STATE_PREFIXES))


def wait_for(check: Callable[[], T | None], timeout: float, message: Callable[[], str] = lambda: "") -> T:
    """Poll `check` until it returns a truthy value; fail with `message()` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s: {message()}")
        time.sleep(0.5)
