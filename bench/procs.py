"""Service processes for benchmarks: start, wait for HTTP, read peak RSS (VmHWM) and CPU time, stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Service:
    """One `recruitwatch <command>` process."""

    name: str
    process: subprocess.Popen[bytes]
    port: int

    def tree(self) -> list[int]:
        """The service's pid and its live descendants (the extractor runs each stage in a worker process)."""
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(stat.parent.name))
        out, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo += children.get(pid, [])
        return out

    def peak_rss_mb(self) -> float:
        """Peak resident set size so far (VmHWM) in MB, summed over the process tree (an upper bound)."""
        total = 0.0
        for pid in self.tree():
            try:
                lines = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:
                continue
            total += sum(int(line.split()[1]) / 1024 for line in lines if line.startswith("VmHWM:"))
        return total or float("nan")

    def cpu_seconds(self) -> float:
        """User+system CPU seconds used so far by the process tree (ended children included)."""
        ticks = 0
        for pid in self.tree():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += sum(int(f) for f in fields[11:15])
        return ticks / os.sysconf("SC_CLK_TCK")

    def wait_http(self, path: str = "/metrics", timeout: float = 60.0) -> None:
        """Wait until the service answers on its port."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=2).read()
                return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"{self.name} did not answer on :{self.port}{path}")

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 20 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(name: str, argv: list[str], env: dict[str, str], port: int, log: Path) -> Service:
    """Start `python -m services.cli <argv>` with its output in `log`."""
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "services.cli", *argv], env=env, cwd=REPO,
                                stdout=out, stderr=subprocess.STDOUT)
    return Service(name, proc, port)
