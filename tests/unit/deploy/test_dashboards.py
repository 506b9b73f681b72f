"""Dashboards as code: the committed JSON is exactly what deploy/grafana/generate_dashboards.py generates,
panels read the provisioned data source through a variable, and every panel sits under a row."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import yaml

GRAFANA = Path(__file__).resolve().parents[3] / "deploy" / "grafana"
GENERATOR = GRAFANA / "generate_dashboards.py"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_dashboards", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_committed_dashboards_are_what_the_generator_writes() -> None:
    rendered = generator().render()
    assert sorted(rendered) == sorted(p.name for p in (GRAFANA / "dashboards").glob("*.json"))
    for name, text in rendered.items():
        committed = (GRAFANA / "dashboards" / name).read_text(encoding="utf-8")
        assert committed == text, (f"deploy/grafana/dashboards/{name} drifted from generate_dashboards.py: "
                                   "edit the generator and run `make dashboards`, never the JSON")


def test_the_check_mode_reports_drift(tmp_path: Path) -> None:
    gen = generator()
    for name, text in gen.render().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert gen.drift(tmp_path) == []
    (tmp_path / "recruitment.json").write_text("{}", encoding="utf-8")
    assert gen.drift(tmp_path) == ["recruitment.json"]
    proc = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_panels_use_the_datasource_variable_defaulting_to_the_provisioned_one() -> None:
    provisioned = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "prometheus.yml").read_text())
    uid = provisioned["datasources"][0]["uid"]
    for path in sorted((GRAFANA / "dashboards").glob("*.json")):
        data = json.loads(path.read_text())
        variable = data["templating"]["list"][0]
        assert (variable["name"], variable["type"], variable["query"]) == ("datasource", "datasource", "prometheus")
        assert variable["current"]["value"] == uid
        for panel in data["panels"]:
            if panel["type"] == "row":
                continue
            assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, (path.name, panel["title"])
            assert all(t["datasource"] == panel["datasource"] for t in panel["targets"])


def test_panels_are_grouped_in_rows_without_overlapping() -> None:
    for path in sorted((GRAFANA / "dashboards").glob("*.json")):
        panels = json.loads(path.read_text())["panels"]
        assert panels[0]["type"] == "row" and sum(p["type"] == "row" for p in panels) >= 3, path.name
        cells = set()
        for panel in panels:
            g = panel["gridPos"]
            assert g["x"] + g["w"] <= 24
            area = {(x, y) for x in range(g["x"], g["x"] + g["w"]) for y in range(g["y"], g["y"] + g["h"])}
            assert not area & cells, (path.name, panel["title"])
            cells |= area
