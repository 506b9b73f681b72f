"""The configuration tables of docs/configuration.md, from the settings classes, so docs cannot drift.

`python -m services.shared.settings_doc` prints them; `--write docs/configuration.md` replaces the block
between the settings markers (`make docs` regenerates every generated block: services/shared/docs_gen.py).
tests/unit/deploy/test_readme.py checks that the committed tables are exactly these.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

from pydantic import AliasChoices
from pydantic_settings import BaseSettings

CLASSES = (
    ("shared by every service", "services.shared.config:ServiceSettings"),
    ("crawler", "services.crawler.settings:CrawlerSettings"),
    ("extractor", "services.extractor.settings:ExtractorSettings"),
    ("sink", "services.sink.settings:SinkSettings"),
    ("recruitwatch up", "services.shared.orchestrate:UpSettings"),
)


def load(path: str) -> type[BaseSettings]:
    """Import a settings class from 'module:Class'."""
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


def env_names(cls: type[BaseSettings], own_only: bool = False) -> Iterator[tuple[str, str, object, str]]:
    """(env var, field, default, description) for each field; own_only skips inherited shared fields."""
    from services.shared.config import ServiceSettings

    prefix = str(cls.model_config.get("env_prefix", ""))
    inherited = set(ServiceSettings.model_fields) if own_only and cls is not ServiceSettings else set()
    for name, field in cls.model_fields.items():
        if name in inherited:
            continue
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            env = str(alias.choices[0])
        elif isinstance(alias, str):
            env = alias
        else:
            env = (prefix + name).upper()
        yield env, name, field.default, field.description or ""


def markdown() -> str:
    """All configuration tables as Markdown."""
    out = []
    for title, path in CLASSES:
        out += [f"#### {title}", "", "| variable | default | meaning |", "|---|---|---|"]
        for env, _name, default, desc in env_names(load(path), own_only=True):
            shown = "" if default in ("", None) else str(default)
            out.append(f"| `{env}` | `{shown}` | {desc} |" if shown else f"| `{env}` | | {desc} |")
        out.append("")
    return "\n".join(out)


START, END = "<!-- settings:start -->", "<!-- settings:end -->"


def write_into(path: Path) -> None:
    """Replace the block between the settings markers of a Markdown file with fresh tables."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{markdown()}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--write":
        write_into(Path(sys.argv[2]))
    else:
        print(markdown())
