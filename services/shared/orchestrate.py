"""`recruitwatch up`: a local Kafka (unless KAFKA_BOOTSTRAP_SERVERS), topics, and the three services.

Children run as `python -m services.cli <service>` with PR_SET_PDEATHSIG, so none outlives `up`;
Ctrl-C or SIGTERM stops them in reverse data order (crawler first), then the broker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import yaml
from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services.shared.admin import ensure_topics, wait_for_broker
from services.shared.broker import LocalKafka, _die_with_parent
from services.shared.config import ServiceSettings
from services.shared.logs import BOLD, RESET, setup_logging, wants_colour

log = logging.getLogger("recruitwatch.up")
SERVICES = ("sink", "extractor", "crawler")
DEFAULT_SOURCES = Path(__file__).resolve().parents[2] / "seeds" / "sources.yaml"


class UpSettings(ServiceSettings):
    """Settings of `recruitwatch up` (env prefix RECRUITWATCH_UP_)."""

    model_config = SettingsConfigDict(env_prefix="RECRUITWATCH_UP_", extra="ignore")

    local_kafka_port: int = Field(0, description="Port of the embedded broker (0: a free port).")
    demo_port: int = Field(8765, description="Port of the demo fixture site with --demo (0: a free port).")
    demo_host_delay_s: float = Field(0.2, description="Crawler politeness delay for the local demo site.")
    stop_timeout_s: float = Field(20.0, description="Seconds a service gets to stop before SIGKILL.")
    max_restarts: int = Field(5, description="Restarts of a crashed service within restart_window_s before up gives up.")
    restart_window_s: float = Field(300.0, description="Window for counting restarts.")
    restart_backoff_s: float = Field(2.0, description="First delay before restarting a crashed service (doubles).")


@dataclass
class Child:
    """One supervised service process."""

    name: str
    argv: list[str]
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    restarts: list[float] = field(default_factory=list)

    def start(self) -> None:
        """Spawn the process (it dies with us)."""
        self.process = subprocess.Popen(self.argv, env=self.env, preexec_fn=_die_with_parent)
        log.info("service started", extra={"child": self.name, "pid": self.process.pid})

    def stop(self, timeout: float) -> None:
        """SIGTERM, wait, then SIGKILL."""
        proc = self.process
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("service did not stop in time; killing", extra={"child": self.name})
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def _broker(settings: UpSettings) -> Iterator[str]:
    external = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if external:
        asyncio.run(wait_for_broker(external))
        yield external
        return
    with LocalKafka(port=settings.local_kafka_port) as broker:
        log.info("embedded kafka ready", extra={"bootstrap": broker.bootstrap})
        yield broker.bootstrap


@contextlib.contextmanager
def _demo_site(port: int) -> Iterator[str]:
    """Run the demo fixture site on a background event loop; yield its base URL."""
    from services.shared.demo_site import start_demo_site

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="demo-site", daemon=True)
    thread.start()
    runner, base = asyncio.run_coroutine_threadsafe(start_demo_site("127.0.0.1", port), loop).result(30)
    log.info("demo site serving", extra={"url": base + "/rss.xml"})
    try:
        yield base
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


def demo_sources(base: str, directory: Path) -> Path:
    """Write a sources file that watches only the demo site (loopback explicitly allowed)."""
    path = directory / "demo-sources.yaml"
    path.write_text(demo_sources_yaml(base), encoding="utf-8")
    return path


def demo_sources_yaml(base: str, poll_s: float = 10.0) -> str:
    """The sources registry for the demo site at `base` (see docs/crawler.md for the format)."""
    source = {
        "id": "demo-site",
        "name": "Bản tin xây dựng Đảng (demo)",
        "province": "Toàn quốc",
        "home": base + "/",
        "kind": "national",
        "entries": [{"kind": "rss", "url": base + "/rss.xml"}],
        "min_interval": poll_s,
        "max_interval": poll_s * 6,
        "allow_loopback": True,
    }
    return yaml.safe_dump({"sources": [source]}, allow_unicode=True, sort_keys=False)


def _children(sources: Path, env: dict[str, str]) -> list[Child]:
    base = [sys.executable, "-m", "services.cli"]
    return [
        Child("sink", [*base, "sink"], env),
        Child("extractor", [*base, "extractor"], env),
        Child("crawler", [*base, "crawler", "--sources", str(sources)], env),
    ]


@dataclass(frozen=True)
class ServiceUrls:
    """Where the services started by `up` answer on this machine."""

    sink_port: int
    extractor_port: int
    crawler_port: int
    host: str = "127.0.0.1"

    @classmethod
    def from_settings(cls) -> ServiceUrls:
        """The ports the children read from the same environment."""
        from services.crawler.settings import CrawlerSettings
        from services.extractor.settings import ExtractorSettings
        from services.sink.settings import SinkSettings

        return cls(SinkSettings().port, ExtractorSettings().web_port, CrawlerSettings().metrics_port)

    @property
    def sink(self) -> str:
        """Base URL of the sink."""
        return f"http://{self.host}:{self.sink_port}"


def first_facts_line(urls: ServiceUrls, count: int, elapsed_s: float) -> str:
    """The one line `up` prints when the sink first holds facts: what to open next."""
    return (f"recruitwatch up: first facts on the sink after {elapsed_s:.0f} s ({count} current facts). "
            f"Open {urls.sink}/facts (or /facts.csv, /metrics), or run: recruitwatch facts --url {urls.sink}")


_LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""An opener that never goes through an HTTP proxy: `up` only asks its own services on loopback."""


def sink_fact_count(base: str, timeout: float = 2.0) -> int | None:
    """How many facts the sink serves on /facts when it is ready; None while it is not answering or not ready."""
    try:
        with _LOOPBACK.open(f"{base}/facts", timeout=timeout) as resp:
            return int(orjson.loads(resp.read()).get("count", 0))
    except (OSError, ValueError):  # connection refused, 503 while recovering, a body that is not JSON
        return None


def announce_first_facts(urls: ServiceUrls, stop: threading.Event, interval_s: float = 1.0) -> None:
    """Poll the sink until it serves its first facts, then print `first_facts_line` once."""
    started = time.monotonic()
    while not stop.wait(interval_s):
        count = sink_fact_count(urls.sink)
        if count:
            say(first_facts_line(urls, count, time.monotonic() - started))
            return


def say(line: str) -> None:
    """A line for the person running `up`, on stdout (bold on a terminal)."""
    print(f"{BOLD}{line}{RESET}" if wants_colour(sys.stdout) else line, flush=True)


def _may_restart(child: Child, settings: UpSettings) -> bool:
    now = time.monotonic()
    child.restarts = [t for t in child.restarts if now - t < settings.restart_window_s]
    return len(child.restarts) < settings.max_restarts


def _supervise(children: list[Child], settings: UpSettings, stop: threading.Event) -> int:
    """Restart crashed services with backoff; return an exit code when stopped or given up."""
    while not stop.wait(0.5):
        for child in children:
            assert child.process is not None
            code = child.process.poll()
            if code is None:
                continue
            if not _may_restart(child, settings):
                log.error("service keeps crashing; stopping", extra={"child": child.name, "exit_code": code})
                return 1
            delay = settings.restart_backoff_s * 2 ** len(child.restarts)
            log.warning("service exited; restarting", extra={"child": child.name, "exit_code": code, "delay_s": delay})
            child.restarts.append(time.monotonic())
            if stop.wait(delay):
                break
            child.start()
    return 0


def run_up(demo: bool = False, sources: str | None = None) -> int:
    """Run the whole product until Ctrl-C / SIGTERM; return the exit code."""
    settings = UpSettings()
    setup_logging("up", settings.log_level, settings.log_format)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    with contextlib.ExitStack() as stack:
        bootstrap = stack.enter_context(_broker(settings))
        asyncio.run(ensure_topics(bootstrap, settings.topic_prefix))
        sources_path = Path(sources) if sources else DEFAULT_SOURCES
        if demo:
            base = stack.enter_context(_demo_site(settings.demo_port))
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="recruitwatch-demo-")))
            sources_path = demo_sources(base, tmp)
        env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": bootstrap}
        if demo:  # the demo site is ours, on loopback: no need for the 2 s politeness delay of real sites
            env.setdefault("RECRUITWATCH_CRAWLER_HOST_MIN_DELAY", str(settings.demo_host_delay_s))
        children = _children(sources_path, env)
        for child in children:
            child.start()
        urls = ServiceUrls.from_settings()
        say(f"recruitwatch up: kafka {bootstrap}; starting sink, extractor and crawler "
            f"(metrics on :{urls.sink_port}, :{urls.extractor_port}, :{urls.crawler_port}). Ctrl-C stops everything.")
        threading.Thread(target=announce_first_facts, args=(urls, stop), name="first-facts", daemon=True).start()
        try:
            code = _supervise(children, settings, stop)
        finally:
            for child in reversed(children):
                child.stop(settings.stop_timeout_s)
            log.info("all services stopped")
    return code
