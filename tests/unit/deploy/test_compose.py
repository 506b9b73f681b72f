"""docker-compose.yml is valid for Debian's docker-compose and every service matches the CLI and its settings."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import AliasChoices
from pydantic_settings import BaseSettings

from services.cli import build_parser

REPO = Path(__file__).resolve().parents[3]
SETTINGS = {
    "crawler": "services.crawler.settings:CrawlerSettings",
    "extractor": "services.extractor.settings:ExtractorSettings",
    "sink": "services.sink.settings:SinkSettings",
    "topics": "services.shared.config:ServiceSettings",
}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """The compose file as docker-compose resolves it (anchors and merges applied)."""
    exe = shutil.which("docker-compose")
    assert exe, "docker-compose is missing: run `make install` (deploy/install-debian-packages.sh)"
    out = subprocess.run([exe, "-f", str(REPO / "docker-compose.yml"), "config"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return yaml.safe_load(out.stdout)  # type: ignore[no-any-return]


def _accepted_env(cls: type[BaseSettings]) -> set[str]:
    prefix = str(cls.model_config.get("env_prefix", ""))
    names = set()
    for name, field in cls.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names |= {c for c in alias.choices if isinstance(c, str)}
        elif isinstance(alias, str):
            names.add(alias)
        else:
            names.add((prefix + name).upper())
    return names


def _settings_class(command: str) -> type[BaseSettings]:
    module, name = SETTINGS[command].split(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def _own_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in compose["services"].items() if str(v.get("image", "")).startswith("recruitwatch")}


def test_compose_has_every_part_of_the_product(compose: dict[str, Any]) -> None:
    assert {"kafka", "topics-init", "crawler", "extractor", "sink", "prometheus", "grafana"} <= set(compose["services"])


def test_every_service_command_parses_with_the_cli(compose: dict[str, Any]) -> None:
    parser = build_parser()
    for name, svc in _own_services(compose).items():
        args = parser.parse_args(svc["command"])
        assert args.command in SETTINGS, (name, svc["command"])


def test_every_service_environment_variable_is_a_real_setting(compose: dict[str, Any]) -> None:
    for name, svc in _own_services(compose).items():
        accepted = _accepted_env(_settings_class(svc["command"][0]))
        unknown = set(svc.get("environment", {})) - accepted
        assert not unknown, f"{name}: environment variables no setting reads: {sorted(unknown)}"


def test_long_running_services_restart_and_have_healthchecks(compose: dict[str, Any]) -> None:
    for name in ("kafka", "crawler", "extractor", "sink", "prometheus", "grafana"):
        svc = compose["services"][name]
        assert svc.get("restart") == "unless-stopped", name
        assert "healthcheck" in svc, name
    assert compose["services"]["topics-init"]["restart"] == "no"


def test_healthchecks_probe_the_port_each_service_listens_on(compose: dict[str, Any]) -> None:
    for name, svc in _own_services(compose).items():
        if name == "topics-init":
            continue
        settings = _settings_class(svc["command"][0])(**{})
        env = svc.get("environment", {})
        port = next(int(v) for k, v in env.items() if k.endswith("PORT"))
        assert port in {getattr(settings, f) for f in settings.model_fields if f.endswith("port")}
        assert f":{port}/metrics" in " ".join(svc["healthcheck"]["test"]), name


def test_compose_kafka_image_is_the_broker_version_the_tests_prove() -> None:
    pom = (REPO / "deploy" / "kafka" / "pom.xml").read_text()
    version = re.search(r"<kafka.version>(.+?)</kafka.version>", pom)
    assert version is not None
    compose_text = (REPO / "docker-compose.yml").read_text()
    assert f"image: apache/kafka:{version.group(1)}" in compose_text


def test_mounted_deploy_folders_exist(compose: dict[str, Any]) -> None:
    for svc in compose["services"].values():
        for volume in svc.get("volumes", []):
            source = volume["source"] if isinstance(volume, dict) else str(volume).split(":")[0]
            if source.startswith(("/", ".")):
                assert Path(source).exists() or (REPO / source).exists(), source
