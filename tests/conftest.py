"""Shared fixtures: the real local Kafka broker (or KAFKA_BOOTSTRAP_SERVERS), topic namespaces, corpus."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.shared.admin import ensure_topics, wait_for_broker
from services.shared.broker import LocalKafka
from services.shared.topics import TopicNames

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("RECRUITWATCH_CORPUS", REPO.parent / "shared" / "corpus"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect (not skip) `extended` tests unless RECRUITWATCH_EXTENDED=1 (`make chaos` sets it)."""
    if os.environ.get("RECRUITWATCH_EXTENDED") == "1":
        return
    extended = [item for item in items if item.get_closest_marker("extended")]
    if extended:
        config.hook.pytest_deselected(items=extended)
        items[:] = [item for item in items if not item.get_closest_marker("extended")]


@pytest.fixture(scope="session")
def prometheus_installed() -> None:
    """Real Prometheus and promtool must be present (make install runs deploy/install-debian-packages.sh)."""
    missing = [tool for tool in ("prometheus", "promtool") if shutil.which(tool) is None]
    assert not missing, f"{missing} not installed: run `make install` (deploy/install-debian-packages.sh)"


@pytest.fixture(scope="session")
def kafka() -> Iterator[str]:
    """Bootstrap address of a real broker: KAFKA_BOOTSTRAP_SERVERS, or a local one started here.

    Never skips: if the broker cannot start, every test that needs it errors loudly.
    """
    external = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if external:
        asyncio.run(wait_for_broker(external))
        yield external
        return
    broker = LocalKafka().start()
    try:
        yield broker.bootstrap
    finally:
        broker.stop()


@pytest.fixture
def namespace(kafka: str) -> TopicNames:
    """The public topics under a fresh prefix on the shared broker, created explicitly."""
    prefix = f"t{uuid.uuid4().hex[:8]}."
    asyncio.run(ensure_topics(kafka, prefix))
    return TopicNames.with_prefix(prefix)


@pytest.fixture
def service_env(kafka: str, namespace: TopicNames) -> dict[str, str]:
    """Environment for a service subprocess bound to the test's broker and namespace."""
    env = dict(os.environ)
    env.update(
        {
            "KAFKA_BOOTSTRAP_SERVERS": kafka,
            "RECRUITWATCH_TOPIC_PREFIX": namespace.prefix,
            "RECRUITWATCH_LOG_LEVEL": "INFO",
        }
    )
    return env


@pytest.fixture(scope="session")
def corpus() -> Path:
    """../shared/corpus; tests that need it skip with a reason when it is absent (CI always has it)."""
    if not (CORPUS / "ANNOTATION.md").exists():
        pytest.skip(f"corpus not found at {CORPUS} (set RECRUITWATCH_CORPUS)")
    return CORPUS
