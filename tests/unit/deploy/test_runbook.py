"""docs/runbook.md: a section per alert rule, each rule's runbook_url resolving to its section, and every
PromQL query of the runbook valid over the families the services expose."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support.docs import anchors, sections
from tests.support.promql import RULES, Expression

REPO = Path(__file__).resolve().parents[3]
RUNBOOK = REPO / "docs" / "runbook.md"


def alert_rules() -> list[dict[str, object]]:
    rules = []
    for path in sorted(RULES.glob("*.yml")):
        for group in yaml.safe_load(path.read_text())["groups"]:
            rules += [r for r in group["rules"] if "alert" in r]
    return rules


def test_every_alert_links_to_an_existing_runbook_section() -> None:
    text = RUNBOOK.read_text(encoding="utf-8")
    rules = alert_rules()
    assert len(rules) >= 7
    for rule in rules:
        url = rule["annotations"].get("runbook_url")  # type: ignore[attr-defined]
        assert url, f"{rule['alert']} has no runbook_url annotation"
        path, _, anchor = str(url).partition("#")
        assert (REPO / path).resolve() == RUNBOOK, (rule["alert"], url)
        assert anchor in anchors(text), f"{rule['alert']}: {url} names no section of docs/runbook.md"
    assert set(sections(text, level=2)) == {str(r["alert"]) for r in rules}, "one runbook section per alert, no more"


def test_every_section_says_what_it_means_how_to_confirm_and_what_to_do() -> None:
    for title, body in sections(RUNBOOK.read_text(encoding="utf-8"), level=2).items():
        for part in ("**Meaning.**", "**Confirm.**", "**Act.**"):
            assert part in body, (title, part)
        assert "```promql" in body or "```sh" in body, title


@pytest.mark.usefixtures("prometheus_installed")
def test_runbook_queries_are_valid_promql_over_known_families(tmp_path: Path) -> None:
    queries = re.findall(r"```promql\n(.*?)```", RUNBOOK.read_text(encoding="utf-8"), re.S)
    queries += re.findall(r"`((?:sum|max|time)\b[^`]*\))`", RUNBOOK.read_text(encoding="utf-8"))
    assert len(queries) >= 12
    rules = {"groups": [{"name": "runbook", "rules": [
        {"record": f"runbook:query_{i}", "expr": q.strip()} for i, q in enumerate(queries)]}]}
    (tmp_path / "runbook.yml").write_text(yaml.safe_dump(rules))
    proc = subprocess.run(["promtool", "check", "rules", "runbook.yml"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from tests.unit.sink.test_deploy_config import ASSUMED_OTHERS, HEALTH_FAMILIES, SINK_FAMILIES

    known = SINK_FAMILIES | HEALTH_FAMILIES | ASSUMED_OTHERS | {
        "recruitwatch_records_skipped_total", "recruitwatch_crawler_articles_published_total"}
    for q in queries:
        needs = Expression("runbook", q, q).needs()
        assert needs <= known, (q, needs - known)
