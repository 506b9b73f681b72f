"""A full recruitwatch stack for chaos runs: its own broker, the generated site, N workers per service.

Workers are real processes (`python -m services.cli <service>`) that the driver SIGKILLs and restarts
on the same ports; the broker is restarted on the same port and data directory.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from aiohttp import web

from services.shared.admin import ensure_topics
from services.shared.broker import LocalKafka, _die_with_parent, free_port
from services.shared.topics import TopicNames
from tests.chaos.expected import SINK_MIN_CONFIDENCE
from tests.chaos.site import GeneratedArticle, build_app, sources_yaml

REPO = Path(__file__).resolve().parents[2]
PORT_ENV = {
    "crawler": "RECRUITWATCH_CRAWLER_METRICS_PORT",
    "extractor": "RECRUITWATCH_EXTRACTOR_WEB_PORT",
    "sink": "RECRUITWATCH_SINK_PORT",
}


@dataclass
class Worker:
    """One service process the driver can kill and restart."""

    service: str
    index: int
    port: int
    argv: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None
    kills: int = 0

    @property
    def name(self) -> str:
        """e.g. sink-1."""
        return f"{self.service}-{self.index}"

    def start(self) -> None:
        """Start (or restart) the process on the same port."""
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "services.cli", *self.argv], env=self.env, cwd=REPO,
                stdout=out, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
            )

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no final commit."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.kills += 1

    def stop(self) -> None:
        """Graceful stop (SIGTERM), SIGKILL after 20 s."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class SiteServer:
    """The generated site on a background event loop."""

    articles: list[GeneratedArticle]
    base: str = ""
    _loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    _runner: web.AppRunner | None = None

    def start(self) -> str:
        """Serve the site; return its base URL."""
        threading.Thread(target=self._loop.run_forever, daemon=True).start()

        async def up() -> str:
            self._runner = web.AppRunner(build_app(self.articles), access_log=None)
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", 0).start()
            return f"http://127.0.0.1:{self._runner.addresses[0][1]}"

        self.base = asyncio.run_coroutine_threadsafe(up(), self._loop).result(30)
        return self.base

    def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)


@dataclass
class ChaosStack:
    """Broker + site + `workers` processes per service, sharing one topic prefix."""

    articles: list[GeneratedArticle]
    workers: int
    tmp: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="recruitwatch-chaos-")))
    broker: LocalKafka = field(default_factory=LocalKafka)
    names: TopicNames = field(default_factory=lambda: TopicNames.with_prefix("chaos."))
    pool: list[Worker] = field(default_factory=list)
    site: SiteServer | None = None

    def start(self) -> None:
        """Start broker, topics, site and every worker."""
        self.broker.keep_data = True
        self.broker.start()
        asyncio.run(ensure_topics(self.broker.bootstrap, self.names.prefix))
        self.site = SiteServer(self.articles)
        base = self.site.start()
        n_feeds = (len(self.articles) + 49) // 50
        sources = self.tmp / "sources.yaml"
        sources.write_text(sources_yaml(base, n_feeds, listing_pages=n_feeds), encoding="utf-8")
        for service in ("sink", "extractor", "crawler"):
            for i in range(self.workers):
                self.pool.append(self._worker(service, i, sources))
        for w in self.pool:
            w.start()

    def _worker(self, service: str, index: int, sources: Path) -> Worker:
        port = free_port()
        env = dict(os.environ)
        env.update({
            "KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap,
            "RECRUITWATCH_TOPIC_PREFIX": self.names.prefix,
            "RECRUITWATCH_LOG_LEVEL": "INFO",
            PORT_ENV[service]: str(port),
            "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": "0.02",
            "RECRUITWATCH_CRAWLER_MAX_ARTICLES_PER_POLL": "100",
            "RECRUITWATCH_SINK_MIN_CONFIDENCE": str(SINK_MIN_CONFIDENCE),
        })
        argv = [service, "--sources", str(sources)] if service == "crawler" else [service]
        return Worker(service, index, port, argv, env, self.tmp / f"{service}-{index}.log")

    def restart_broker(self) -> None:
        """Stop the broker (SIGTERM) and start it again on the same port and data."""
        proc = self.broker.process
        if proc is not None:
            proc.terminate()
            proc.wait(30)
            self.broker.process = None
        self.broker.restart()

    def facts(self) -> dict[str, dict[str, object]]:
        """The union of every sink worker's /facts, keyed by series."""
        out: dict[str, dict[str, object]] = {}
        for w in self.pool:
            if w.service != "sink":
                continue
            with contextlib.suppress(OSError, ValueError):
                body = urllib.request.urlopen(f"http://127.0.0.1:{w.port}/facts", timeout=5).read()
                payload = orjson.loads(body)
                for view in payload["facts"] if isinstance(payload, dict) else payload:
                    out[view["series_key"]] = view
        return out

    def metrics(self) -> str:
        """Concatenated /metrics of every sink worker."""
        parts = []
        for w in self.pool:
            if w.service == "sink":
                with contextlib.suppress(OSError):
                    parts.append(urllib.request.urlopen(f"http://127.0.0.1:{w.port}/metrics", timeout=5).read().decode())
        return "\n".join(parts)

    def exited(self) -> list[str]:
        """Workers that exited on their own (the driver restarts only those it killed)."""
        return [f"{w.name} (exit {w.process.returncode})" for w in self.pool
                if w.process is not None and w.process.poll() is not None]

    def logs(self, limit: int = 3000) -> str:
        """The tail of every worker's log, for failure messages."""
        return "\n".join(f"--- {w.name}\n{w.log.read_text(errors='replace')[-limit:]}" for w in self.pool if w.log.exists())

    def stop(self) -> None:
        """Stop workers, site and broker."""
        for w in reversed(self.pool):
            w.stop()
        if self.site is not None:
            self.site.stop()
        self.broker.keep_data = False
        self.broker.stop()
