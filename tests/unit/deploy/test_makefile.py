"""The Makefile installs in an order that works on a fresh machine: Debian packages (Java, Maven) before the
Kafka step that needs them, also when the Kafka step is asked for alone; lint covers the dashboard generator."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def planned(target: str) -> list[str]:
    """The commands `make` would run for `target` on a fresh machine (dry run, everything out of date)."""
    proc = subprocess.run(["make", "-n", "-B", target], cwd=REPO, capture_output=True, text=True, check=True)
    return proc.stdout.splitlines()


def _index(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines) if needle in line)


def test_debian_packages_come_before_the_kafka_step() -> None:
    for target in ("install", "kafka", "run", "test"):
        lines = planned(target)
        deb, kafka = _index(lines, "install-debian-packages.sh"), _index(lines, "deploy/kafka/install.sh")
        assert deb < kafka, f"make {target}: the Kafka step needs Java and Maven from the Debian step first"


def test_the_debian_step_installs_what_the_kafka_step_needs() -> None:
    script = (REPO / "deploy" / "install-debian-packages.sh").read_text()
    assert "openjdk-17-jre-headless" in script and "maven" in script


def test_lint_covers_the_dashboard_generator() -> None:
    lines = planned("lint")
    assert any("ruff check" in line and "deploy" in line for line in lines), lines
    assert "deploy/grafana/generate_dashboards.py" in (REPO / "pyproject.toml").read_text()
