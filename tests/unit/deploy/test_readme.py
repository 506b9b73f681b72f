"""The README documents every setting, topic and command the code has."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.cli import build_parser
from services.shared.settings_doc import CLASSES, env_names, load
from services.shared.topics import TOPICS

README = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("title,path", CLASSES)
def test_readme_lists_every_environment_variable(title: str, path: str) -> None:
    missing = [env for env, *_ in env_names(load(path)) if f"`{env}`" not in README]
    assert not missing, f"README lacks {title} settings: {missing} (python -m services.shared.settings_doc)"


def test_readme_documents_every_topic() -> None:
    for topic in TOPICS:
        assert f"`{topic.name}`" in README


def test_readme_documents_every_command() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"recruitwatch {name}" in README, name


def test_readme_starts_with_the_product_and_the_two_commands() -> None:
    head = README[:3000]
    assert head.startswith("# recruitwatch")
    assert "make run" in head and "make test" in head
